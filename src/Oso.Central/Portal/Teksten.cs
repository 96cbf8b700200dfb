using Oso.Central.Accounts;
using Oso.Central.Qualification;
using Oso.Central.Register;
using Oso.Central.TrafficCenter;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.Central.Portal;

/// <summary>How the portal says things in Dutch: dates in Dutch time, statuses, roles, result codes.</summary>
internal static class Teksten
{
    private static readonly string[] Maanden =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    public static string Datum(DateOnly d) => $"{d.Day} {Maanden[d.Month - 1]} {d.Year}";

    public static string Datum(DateTimeOffset t) => Datum(DateOnly.FromDateTime(Kalender.Lokaal(t).DateTime));

    public static string Datum(DateTimeOffset? t) => t is { } w ? Datum(w) : "—";

    public static string DatumTijd(DateTimeOffset t)
    {
        var lokaal = Kalender.Lokaal(t);
        return $"{Datum(DateOnly.FromDateTime(lokaal.DateTime))}, {lokaal:HH:mm}";
    }

    /// <summary>A date and time in the machine-readable form of <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Periode(DateOnly van, DateOnly? tot) => tot is { } t ? $"{Datum(van)} tot en met {Datum(t)}" : $"vanaf {Datum(van)}";

    public static string Rol(Rol rol, string? scope) => rol switch
    {
        Accounts.Rol.School => $"school {scope}",
        Accounts.Rol.Bestuur => $"bestuur {scope}",
        Accounts.Rol.Leverancier => $"leverancier, systeem {scope}",
        _ => "beheerder",
    };

    public static string Kwalificatie(KwalificatieStatus status, DateTimeOffset? tot) => status switch
    {
        KwalificatieStatus.Gekwalificeerd => $"Gekwalificeerd tot {Datum(tot)}",
        KwalificatieStatus.VerlooptBinnenkort => $"Gekwalificeerd tot {Datum(tot)} — verloopt binnenkort",
        KwalificatieStatus.Verlopen => $"Kwalificatie verlopen op {Datum(tot)}",
        _ => "Niet gekwalificeerd",
    };

    /// <summary>The status in a few words (tables; the date goes in its own column).</summary>
    public static string KwalificatieKort(KwalificatieStatus status) => status switch
    {
        KwalificatieStatus.Gekwalificeerd => "Gekwalificeerd",
        KwalificatieStatus.VerlooptBinnenkort => "Verloopt binnenkort",
        KwalificatieStatus.Verlopen => "Verlopen",
        _ => "Niet gekwalificeerd",
    };

    public static string Klasse(KwalificatieStatus status) => status switch
    {
        KwalificatieStatus.Gekwalificeerd => "ok",
        KwalificatieStatus.VerlooptBinnenkort => "warn",
        _ => "bad",
    };

    public static string Item(ItemStatus status) => status switch
    {
        ItemStatus.Open => "Nog te doen",
        ItemStatus.Ingediend => "Ingediend, wacht op beoordeling",
        ItemStatus.Goedgekeurd => "Goedgekeurd",
        ItemStatus.VerlooptBinnenkort => "Goedgekeurd, verloopt binnenkort",
        ItemStatus.Verlopen => "Verlopen: dien nieuw bewijs in",
        _ => "Afgewezen: dien nieuw bewijs in",
    };

    public static string Klasse(ItemStatus status) => status switch
    {
        ItemStatus.Goedgekeurd => "ok",
        ItemStatus.VerlooptBinnenkort or ItemStatus.Ingediend or ItemStatus.Open => "warn",
        _ => "bad",
    };

    public static bool Goedgekeurd(ItemStatus status) => status is ItemStatus.Goedgekeurd or ItemStatus.VerlooptBinnenkort;

    public static string Bewijs(BewijsStatus status) => status switch
    {
        BewijsStatus.Ingediend => "Wacht op beoordeling",
        BewijsStatus.Goedgekeurd => "Goedgekeurd",
        _ => "Afgewezen",
    };

    public static string BewijsSoorten(BewijsSoort soort) => soort switch
    {
        BewijsSoort.Document => "een document",
        BewijsSoort.Verklaring => "een ondertekende verklaring",
        _ => "een document of een ondertekende verklaring",
    };

    public static string Deelname(Deelname deelname) => deelname == Register.Deelname.Actief ? "Neemt deel" : "Ingetrokken";

    public static string Sessie(SessieInfo s) => s.Status switch
    {
        SessieStatus.Geweigerd => "Geweigerd",
        SessieStatus.Afgemeld => "Afgerond",
        _ when s.Verlopen => "Verlopen",
        _ => "Loopt",
    };

    public static string Soort(Overdrachtsoort soort) => soort switch
    {
        Overdrachtsoort.Overstapdossier => "overstapdossier",
        Overdrachtsoort.OverdrachtBinnenBrin => "overdracht binnen BRIN",
        _ => "swv-dossier",
    };

    public static string Soort(SessieSoort soort) => soort == SessieSoort.Overdracht ? "Overdracht" : "SWV-notificatie";

    /// <summary>An audited operator action in words ("kwalificatie.alles-goedkeuren" → "Kwalificatie van de school goedgekeurd").</summary>
    public static string Handeling(string actie) => actie switch
    {
        "account.aanmaken" => "Account aangemaakt",
        "account.aanvragen" => "Account aangevraagd door een school",
        "account.verifieren" => "Account geverifieerd",
        "account.tweestaps-aan" => "Tweestapsverificatie ingesteld",
        "bestuur.toevoegen" => "Bestuur toegevoegd",
        "school.toevoegen" => "School toegevoegd aan het register",
        "school.intrekken" => "Deelname van een school ingetrokken",
        "systeem.toevoegen" => "Systeem toegevoegd",
        "systeem.intrekken" => "Deelname van een systeem ingetrokken",
        "mandaat.toevoegen" => "Mandaat gegeven",
        "mandaat.beeindigen" => "Mandaat beëindigd",
        "aanleverpunt.toevoegen" => "Aanleverpunt geregistreerd",
        "certificaat.uitgeven" => "Certificaat uitgegeven",
        "certificaat.registreren" => "Certificaat geregistreerd",
        "certificaat.intrekken" => "Certificaat ingetrokken",
        "bewijs.indienen" => "Bewijs ingediend",
        "bewijs.goedkeuren" => "Bewijs goedgekeurd",
        "bewijs.afwijzen" => "Bewijs afgewezen",
        "kwalificatie.alles-goedkeuren" => "Kwalificatie van de school in één keer goedgekeurd",
        "kwalificatie.systeem-goedkeuren" => "Kwalificatie van een systeem goedgekeurd",
        _ => actie,
    };

    /// <summary>The result table's row for a code as stored ("OverdrachtGeslaagd"), or null.</summary>
    public static ResultaatInfo? Resultaat(string? code) => Resultaten.TryParse(code, out var c) ? c.Info() : null;

    public static string Wie(Betrokkene wie) => wie switch
    {
        Betrokkene.Bronschool => "De bronschool",
        Betrokkene.Doelschool => "De doelschool",
        Betrokkene.Beheerder => "De beheerder: de leverancier van het systeem of het Traffic Center",
        _ => "Niemand",
    };

    public static string Sector(Sector sector) => sector switch
    {
        Register.Sector.PO => "Primair onderwijs",
        Register.Sector.VO => "Voortgezet onderwijs",
        Register.Sector.SO => "Speciaal onderwijs",
        _ => "Samenwerkingsverband",
    };

    /// <summary>A number of bytes for people.</summary>
    public static string Grootte(int? bytes) => bytes switch
    {
        null => "—",
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024} kB",
        _ => $"{bytes / 1024.0 / 1024.0:0.0} MB".Replace('.', ','),
    };
}
