namespace Oso.Protocol.Results;

/// <summary>One row of the result table.</summary>
/// <param name="Code">The code (its name is the wire value).</param>
/// <param name="Omschrijving">What happened, in Dutch, for both schools.</param>
/// <param name="Wie">Who must act.</param>
/// <param name="Actie">What that party must do, in Dutch.</param>
/// <param name="Rangorde">Rank for the beste resultaat (higher is better); null for acknowledgements, which are not
/// outcomes of a documentRequest.</param>
/// <param name="Herkomst">Public source or our reconstruction.</param>
public sealed record ResultaatInfo(
    ResultaatCode Code, string Omschrijving, Betrokkene Wie, string Actie, int? Rangorde, Herkomst Herkomst)
{
    /// <summary>The wire value.</summary>
    public string Waarde => Code.ToString();

    /// <summary>True for the acknowledgements (NotificatieOntvangen, AfmeldingOntvangen, TerugkoppelingOntvangen).</summary>
    public bool IsBevestiging => Rangorde is null;

    /// <summary>True when the code may stand alone as a refusal (not a success and not an acknowledgement).</summary>
    public bool IsWeigering => Rangorde is not null && Code != ResultaatCode.OverdrachtGeslaagd;

    /// <summary>One line for a transfer trace: description, then who acts and what.</summary>
    public string Toelichting => Wie == Betrokkene.Niemand
        ? Omschrijving
        : $"{Omschrijving} Actie voor {Naam(Wie)}: {Actie}";

    private static string Naam(Betrokkene wie) => wie switch
    {
        Betrokkene.Bronschool => "de bronschool",
        Betrokkene.Doelschool => "de doelschool",
        Betrokkene.Beheerder => "de beheerder (leverancier of Traffic Center)",
        _ => "niemand",
    };
}
