using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using static Oso.Protocol.Results.Betrokkene;
using static Oso.Protocol.Results.Herkomst;
using static Oso.Protocol.Results.ResultaatCode;

namespace Oso.Protocol.Results;

/// <summary>
/// The complete result table: Dutch description, who acts, rank. The ranking orders outcomes by how far the transfer
/// got: delivered, then outcomes about this pupil's dossier (the bron school must act), then session and registration
/// problems, then technical failures. It is our decision; the public sources name the codes but not their order.
/// </summary>
public static class Resultaten
{
    private static readonly ResultaatInfo[] Rows =
    [
        new(OverdrachtGeslaagd, "Het dossier is overgedragen.", Niemand, "", 100, Publiek),
        new(LeerlinginfoNietGewijzigd, "Het dossier is niet gewijzigd sinds de aanvraagdatum; de eerder ontvangen versie is nog actueel.",
            Niemand, "", 90, Reconstructie),
        new(LeerlinginfoNietOpvraagbaar, "Het dossier is klaargezet, maar de ouders hebben het nog niet ingezien of (vanuit het VO) geen toestemming gegeven.",
            Bronschool, "inzage door de ouders (of toestemming) vastleggen en het dossier opnieuw klaarzetten.", 80, Publiek),
        new(LeerlinginfoNietBeschikbaar, "De bronschool heeft (nog) geen dossier voor deze leerling klaargezet.",
            Bronschool, "het dossier samenstellen en klaarzetten.", 70, Publiek),
        new(VersieNietOndersteund, "Het klaargezette dossier heeft een versie van de gegevensset die niet wordt ondersteund.",
            Beheerder, "het bronsysteem laten leveren in een ondersteunde versie; daarna opnieuw opvragen.", 60, Reconstructie),
        new(GeenRelatieMetDoel, "Het dossier is niet voor deze doelschool bestemd (of: overdracht binnen BRIN gevraagd terwijl bron- en doel-BRIN verschillen).",
            Doelschool, "de aanmelding en de gekozen bronschool en overdrachtsoort controleren.", 50, Publiek),
        new(LeerlingOnbekend, "De bronschool kent geen leerling met dit PGN.",
            Doelschool, "het PGN en de bronschool controleren; zo nodig de bronschool bellen.", 40, Reconstructie),
        new(SessieAfwijkend, "Het verzoek komt niet overeen met de sessie die het Traffic Center heeft uitgegeven.",
            Beheerder, "de leverancier van het doelsysteem laat het verzoek gelijk maken aan de sessie; daarna opnieuw opvragen.", 30, Publiek),
        new(OnbekendAanleverpunt, "Het aanleverpunt van de doelschool komt niet overeen met dat in de sessie.",
            Beheerder, "de leverancier van het doelsysteem controleert de aanleverpunten; daarna opnieuw opvragen.", 30, Publiek),
        new(SessieReedsAfgemeld, "De sessie is al afgemeld; er kan niets meer binnen worden opgevraagd.",
            Doelschool, "een nieuwe opvraging starten.", 30, Publiek),
        new(SessieVerlopen, "De sessie is verlopen.", Doelschool, "een nieuwe opvraging starten.", 30, Reconstructie),
        new(SysteemNietBevoegd, "Het bericht kwam van een ander systeem (certificaat) dan het systeem dat de sessie opende of het aanleverpunt beheert; er is niets verstrekt of gewijzigd.",
            Beheerder, "de leverancier van het verzendende systeem gebruikt het certificaat van het systeem dat bij de sessie of het aanleverpunt hoort.", 30, Reconstructie),
        new(VerstrekkerNietBekend, "De bronschool (BRIN) is niet bekend bij het Traffic Center of niet actief in OSO.",
            Doelschool, "het BRIN van de bronschool controleren; is het juist, dan moet de bronschool zich aansluiten.", 20, Publiek),
        new(GeenActiefAanleverpunt, "De bronschool heeft geen actief aanleverpunt in OSO.",
            Bronschool, "het aanleverpunt laten registreren of activeren door de leverancier.", 20, Reconstructie),
        new(NietGekwalificeerd, "De aanvragende school of haar systeem is niet (meer) gekwalificeerd voor OSO.",
            Doelschool, "de kwalificatie in Mijn OSO afronden.", 20, Reconstructie),
        new(GeenMandaat, "Het schoolbestuur heeft het aanvragende systeem geen mandaat gegeven voor deze school.",
            Doelschool, "het bestuur het systeem laten mandateren in Mijn OSO.", 20, Reconstructie),
        new(OngeldigVerzoek, "Het verzoek is onvolledig of tegenstrijdig.",
            Beheerder, "de leverancier van het aanvragende systeem herstelt het verzoek.", 10, Reconstructie),
        new(TechnischeFout, "Er ging technisch iets mis, of het aanleverpunt was niet bereikbaar.",
            Beheerder, "later opnieuw proberen; blijft het mislukken, dan de leverancier inschakelen.", 0, Reconstructie),
        new(NotificatieOntvangen, "De notificatie is ontvangen.", Niemand, "", null, Publiek),
        new(AfmeldingOntvangen, "De afmelding is ontvangen.", Niemand, "", null, Reconstructie),
        new(TerugkoppelingOntvangen, "De terugkoppeling is ontvangen.", Niemand, "", null, Reconstructie),
    ];

    private static readonly FrozenDictionary<ResultaatCode, ResultaatInfo> ByCode = Rows.ToFrozenDictionary(r => r.Code);

    private static readonly FrozenDictionary<string, ResultaatCode> ByName =
        Rows.ToFrozenDictionary(r => r.Waarde, r => r.Code, StringComparer.Ordinal);

    /// <summary>Every row, best first.</summary>
    public static IReadOnlyList<ResultaatInfo> Alle => Rows;

    /// <summary>The row of <paramref name="code"/>.</summary>
    public static ResultaatInfo Info(this ResultaatCode code) =>
        ByCode.TryGetValue(code, out var info) ? info : throw new ArgumentOutOfRangeException(nameof(code), code, null);

    /// <summary>Parses the wire value (exact, case-sensitive; numbers are not accepted).</summary>
    public static bool TryParse([NotNullWhen(true)] string? waarde, out ResultaatCode code)
    {
        code = default;
        return waarde is not null && ByName.TryGetValue(waarde, out code);
    }
}
