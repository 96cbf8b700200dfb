using System.Collections.Frozen;
using static Oso.Protocol.Results.ResultaatCode;

namespace Oso.Protocol.Results;

/// <summary>
/// Result codes in words for the person who reads them: a short status ("nog niet vrijgegeven") and the explanation
/// addressed to the reader's role — the school that must act reads "u moet …", the other school reads "de vorige school
/// moet …" or "de nieuwe school moet …". The code itself is for the supplier, behind "details".
/// </summary>
public static class ResultaatWoorden
{
    private static readonly FrozenDictionary<ResultaatCode, string> Short = new Dictionary<ResultaatCode, string>
    {
        [OverdrachtGeslaagd] = "geleverd",
        [LeerlinginfoNietGewijzigd] = "niet gewijzigd sinds de vorige keer",
        [LeerlinginfoNietOpvraagbaar] = "wacht op inzage of toestemming",
        [LeerlinginfoNietBeschikbaar] = "nog niet vrijgegeven",
        [VersieNietOndersteund] = "versie niet ondersteund",
        [GeenRelatieMetDoel] = "niet voor deze school bestemd",
        [LeerlingOnbekend] = "leerling onbekend bij de vorige school",
        [SessieAfwijkend] = "verzoek past niet bij de sessie",
        [OnbekendAanleverpunt] = "aanleverpunt klopt niet",
        [SessieReedsAfgemeld] = "sessie al afgesloten",
        [SessieVerlopen] = "sessie verlopen",
        [VerstrekkerNietBekend] = "vorige school niet aangesloten",
        [GeenActiefAanleverpunt] = "vorige school niet bereikbaar in OSO",
        [NietGekwalificeerd] = "school niet gekwalificeerd",
        [GeenMandaat] = "geen mandaat van het bestuur",
        [OngeldigVerzoek] = "onvolledig verzoek",
        [TechnischeFout] = "technische fout",
        [NotificatieOntvangen] = "bericht ontvangen",
        [AfmeldingOntvangen] = "afgesloten",
        [TerugkoppelingOntvangen] = "terugkoppeling ontvangen",
    }.ToFrozenDictionary();

    /// <summary>A short status in words: <c>nog niet vrijgegeven</c>.</summary>
    public static string Kort(this ResultaatCode code) => Short.TryGetValue(code, out var text) ? text : code.ToString();

    /// <summary>The short status of a stored wire value; an unknown value is shown as "onbekende uitkomst".</summary>
    public static string Kort(string? waarde) => Resultaten.TryParse(waarde, out var code) ? code.Kort() : "onbekende uitkomst";

    /// <summary>
    /// What happened and who must act, for a reader in <paramref name="lezer"/>'s role (<see cref="Betrokkene.Bronschool"/>:
    /// the school that has the dossier; <see cref="Betrokkene.Doelschool"/>: the school that asked for it).
    /// </summary>
    public static string Uitleg(this ResultaatCode code, Betrokkene lezer)
    {
        var info = code.Info();
        var omschrijving = Plain(info.Omschrijving);
        if (info.Wie == Betrokkene.Niemand) return omschrijving;
        var wie = info.Wie == lezer ? "Actie voor u: u moet"
            : info.Wie switch
            {
                Betrokkene.Bronschool => "Actie voor de vorige school: die moet",
                Betrokkene.Doelschool => "Actie voor de nieuwe school: die moet",
                _ => "Actie voor de leverancier of het Traffic Center:",
            };
        return $"{omschrijving} {wie} {Plain(info.Actie)}";
    }

    // the protocol's words for the two schools become the words schools use for each other
    private static string Plain(string text) => text
        .Replace("De bronschool", "De vorige school", StringComparison.Ordinal).Replace("de bronschool", "de vorige school", StringComparison.Ordinal)
        .Replace("De doelschool", "De nieuwe school", StringComparison.Ordinal).Replace("de doelschool", "de nieuwe school", StringComparison.Ordinal)
        .Replace("bron- en doel-BRIN", "de BRIN-codes van beide scholen", StringComparison.Ordinal)
        .Replace("dit PGN", "dit BSN of onderwijsnummer", StringComparison.Ordinal).Replace("het PGN", "het BSN of onderwijsnummer", StringComparison.Ordinal);

    /// <summary><see cref="Uitleg(ResultaatCode, Betrokkene)"/> of a stored wire value; null for an unknown value.</summary>
    public static string? Uitleg(string? waarde, Betrokkene lezer) => Resultaten.TryParse(waarde, out var code) ? code.Uitleg(lezer) : null;
}
