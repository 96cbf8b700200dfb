using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Extra;

/// <summary>
/// Impossible or inconsistent dates: EXTRA.UitschrijvingVoorInschrijving, EXTRA.InschrijvingVoorGeboorte,
/// EXTRA.EindeVoorBegin and EXTRA.DatumNaDossierdatum. Events are compared with the <c>metadata/datum</c>
/// of their own <c>dossier</c> (a <c>dossiers</c> document holds several), after the walk.
/// </summary>
internal sealed class DateChecks
{
    public static readonly ExtraRule UitschrijvingVoorInschrijving = new("EXTRA.UitschrijvingVoorInschrijving", "Een leerling die eerder is uitgeschreven dan ingeschreven.");
    public static readonly ExtraRule InschrijvingVoorGeboorte = new("EXTRA.InschrijvingVoorGeboorte", "Een leerling die is ingeschreven vóór de geboortedatum.");
    public static readonly ExtraRule NaDossierdatum = new("EXTRA.DatumNaDossierdatum", "Een geboorte-, overlijdens-, toets- of diagnosedatum na de datum van het dossier.");
    public static readonly ExtraRule EindeVoorBegin = new("EXTRA.EindeVoorBegin", "Een periode (schoolloopbaan, handelingsplan, OPP, TLV, arrangement, LWOO, vroegschoolse educatie) die eindigt voordat zij begint.");

    private static readonly Dictionary<string, (string Start, string End, string Wat)> Periods = new(StringComparer.Ordinal)
    {
        ["schoolloopbaan"] = ("begindatum", "einddatum", "deze schoolloopbaan"),
        ["handelingsplan"] = ("startdatum", "einddatum", "dit handelingsplan"),
        ["opp"] = ("opp_ingangdatum", "opp_einddatum", "dit ontwikkelingsperspectief (OPP)"),
        ["tlv"] = ("tlvingangdatum", "tlveinddatum", "deze toelaatbaarheidsverklaring (TLV)"),
        ["arrangement_pao"] = ("arrangement_datum", "arrangement_einddatum", "dit arrangement"),
        ["lwoo"] = ("lwoo_ingangdatum", "lwoo_einddatum", "deze LWOO-aanwijzing"),
        ["vroegschools"] = ("vroegschoolsdatumingang", "vroegschoolseinddatum", "deze vroegschoolse educatie"),
    };

    /// <summary>The local names <see cref="Visit"/> wants to see.</summary>
    public static IEnumerable<string> ElementNames => Periods.Keys.Concat(["datum", "overlijdensdatum", "afnamedatum"]);

    private readonly Dictionary<XmlElementNode, (XsDate Date, string Text)> _dossierDates = new(ReferenceEqualityComparer.Instance);
    private readonly List<(XmlElementNode Node, string Wat)> _events = [];

    public void Visit(XmlElementNode e, List<Melding> found)
    {
        if (Periods.TryGetValue(e.LocalName, out var period)) CheckPeriod(e, period, found);
        switch (e.LocalName)
        {
            case "datum" when Od.Is(e.Parent, "metadata") && Od.Is(e.Parent!.Parent, "dossier"):
                if (TryDate(e, out var date)) _dossierDates.TryAdd(e.Parent.Parent!, (date, e.Text.Trim()));
                break;
            case "datum" when Od.Is(e.Parent, "diagnose"):
                _events.Add((e, "De diagnosedatum"));
                break;
            case "overlijdensdatum":
                _events.Add((e, "De overlijdensdatum"));
                break;
            case "afnamedatum":
                _events.Add((e, "De afnamedatum van deze toets"));
                break;
        }
    }

    public void CheckLeerling(XmlElementNode leerling, List<Melding> found)
    {
        var geboorte = ChildDate(leerling, "geboortedatum");
        var inschrijving = ChildDate(leerling, "datuminschrijving");
        var uitschrijving = ChildDate(leerling, "datumuitschrijving");
        if (inschrijving is { } i && uitschrijving is { } u && XsDate.LessThan(u.Date, i.Date))
            found.Add(UitschrijvingVoorInschrijving.At(leerling, $"De datum van uitschrijving ({u.Text}) ligt vóór de datum van inschrijving ({i.Text})."));
        if (geboorte is { } g && inschrijving is { } j && XsDate.LessThan(j.Date, g.Date))
            found.Add(InschrijvingVoorGeboorte.At(leerling, $"De datum van inschrijving ({j.Text}) ligt vóór de geboortedatum ({g.Text})."));
        if (Od.Count(leerling, "geboortedatum", out var node) == 1) _events.Add((node!, "De geboortedatum"));
    }

    public void CheckAgainstDossierDate(List<Melding> found)
    {
        foreach (var (node, wat) in _events)
        {
            var dossier = node.Parent;
            while (dossier is not null && !Od.Is(dossier, "dossier")) dossier = dossier.Parent;
            if (dossier is null || !_dossierDates.TryGetValue(dossier, out var dossierDate) || !TryDate(node, out var date)) continue;
            if (XsDate.LessThan(dossierDate.Date, date))
                found.Add(NaDossierdatum.At(node, $"{wat} ({node.Text.Trim()}) ligt na de datum van het dossier ({dossierDate.Text}); die kan nog niet bekend zijn."));
        }
    }

    private static void CheckPeriod(XmlElementNode e, (string Start, string End, string Wat) period, List<Melding> found)
    {
        if (ChildDate(e, period.Start) is { } start && ChildDate(e, period.End) is { } end && XsDate.LessThan(end.Date, start.Date))
            found.Add(EindeVoorBegin.At(e, $"De einddatum van {period.Wat} ({end.Text}) ligt vóór de begindatum ({start.Text})."));
    }

    // the one child with a valid date; repeated or invalid dates are the schema's to report
    private static (XsDate Date, string Text)? ChildDate(XmlElementNode parent, string child) =>
        Od.Count(parent, child, out var node) == 1 && TryDate(node!, out var date) ? (date, node!.Text.Trim()) : null;

    private static bool TryDate(XmlElementNode e, out XsDate date) => XsDate.TryParse(e.Text, out date);
}
