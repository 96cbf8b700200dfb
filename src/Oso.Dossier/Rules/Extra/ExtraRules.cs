using System.Collections.Frozen;
using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Extra;

/// <summary>
/// Checks beyond the official standard (OSO.md §4): things the official validator lets through that a careful
/// LAS vendor wants to hear about. Every melding is a <see cref="MeldingType.Waarschuwing"/>, so the official
/// verdict (the Fout meldingen of the schema and of <see cref="OfficialRules"/>) never changes.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Code</term><description>Finds</description></listheader>
/// <item><term><c>EXTRA.Bsn11Proef</c></term><description>A <c>bsn</c> of nine digits that fails the 11-proef (<see cref="Identifiers.Bsn"/>).</description></item>
/// <item><term><c>EXTRA.BsnVorm</c></term><description>A <c>bsn</c> that is not exactly nine digits (letters, spaces, another length): neither the schema nor the official rules look inside it.</description></item>
/// <item><term><c>EXTRA.Onderwijsnummer</c></term><description>An <c>onderwijsnummer</c> of nine digits that is not one (starts with 1, remainder 5; <see cref="Identifiers.Onderwijsnummer"/>).</description></item>
/// <item><term><c>EXTRA.OnderwijsnummerVorm</c></term><description>An <c>onderwijsnummer</c> that is not exactly nine digits.</description></item>
/// <item><term><c>EXTRA.BsnEnOnderwijsnummer</c></term><description>A leerling with both: a pupil has an onderwijsnummer only when there is no BSN.</description></item>
/// <item><term><c>EXTRA.UitschrijvingVoorInschrijving</c></term><description>A leerling's <c>datumuitschrijving</c> before its <c>datuminschrijving</c>.</description></item>
/// <item><term><c>EXTRA.InschrijvingVoorGeboorte</c></term><description>A leerling enrolled (<c>datuminschrijving</c>) before its <c>geboortedatum</c>.</description></item>
/// <item><term><c>EXTRA.DatumNaDossierdatum</c></term><description>A birth, death, test or diagnosis date after the dossier's own <c>metadata/datum</c>: it cannot have happened yet.</description></item>
/// <item><term><c>EXTRA.EindeVoorBegin</c></term><description>A period that ends before it starts: schoolloopbaan, handelingsplan, OPP, TLV, arrangement, LWOO, vroegschoolse educatie.</description></item>
/// <item><term><c>EXTRA.BijlageGeenBase64</c></term><description>A <c>bestandsinhoud</c> that is not valid base64.</description></item>
/// <item><term><c>EXTRA.BijlageGeenZip</c></term><description>A <c>bestandsinhoud</c> that is base64 but not a ZIP archive (no local-file-header signature, or unreadable).</description></item>
/// <item><term><c>EXTRA.BrinOngeldig</c></term><description>A BRIN code that is not two digits and two capitals. The schema checks the same; this check also runs where only the business rules run.</description></item>
/// <item><term><c>EXTRA.NietAkkoordZonderZienswijze</c></term><description><c>akkoord</c> is Nee but <c>redennietakkoord</c> is missing or empty: the parents' view should travel with the dossier.</description></item>
/// </list>
/// The date of death without <c>overleden</c> is an official rule (OG.04) and not repeated here. Dates that
/// are not valid dates are the schema's to report; these checks skip them. No check reads the clock.
/// </remarks>
public static class ExtraRules
{
    /// <summary>Every check.</summary>
    public static IReadOnlyList<ExtraRule> Catalog { get; } =
    [
        IdentifierChecks.Bsn, IdentifierChecks.BsnVorm, IdentifierChecks.Onderwijsnummer, IdentifierChecks.OnderwijsnummerVorm, IdentifierChecks.BeideNummers,
        DateChecks.UitschrijvingVoorInschrijving, DateChecks.InschrijvingVoorGeboorte, DateChecks.NaDossierdatum, DateChecks.EindeVoorBegin,
        AttachmentChecks.GeenBase64, AttachmentChecks.GeenZip, IdentifierChecks.Brin, ConsentChecks.NietAkkoordZonderZienswijze,
    ];

    // what each checked element is; one lookup per element of the walk
    private enum Kind { Bsn, Onderwijsnummer, Bestandsinhoud, Inzage, Leerling, Brin, Dated }

    private static readonly FrozenDictionary<string, Kind> Kinds = new Dictionary<string, Kind>(StringComparer.Ordinal)
    {
        ["bsn"] = Kind.Bsn,
        ["onderwijsnummer"] = Kind.Onderwijsnummer,
        ["bestandsinhoud"] = Kind.Bestandsinhoud,
        ["inzage"] = Kind.Inzage,
        ["leerling"] = Kind.Leerling,
    }.Concat(IdentifierChecks.BrinElements.Select(n => KeyValuePair.Create(n, Kind.Brin)))
     .Concat(DateChecks.ElementNames.Select(n => KeyValuePair.Create(n, Kind.Dated)))
     .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Runs every check over the document.</summary>
    /// <param name="root">The document element, as read by <see cref="SchemaValidatingReader"/> (valid or not).</param>
    /// <returns>Waarschuwingen in document order (date checks against the dossier date last).</returns>
    public static IReadOnlyList<Melding> Evaluate(XmlElementNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var found = new List<Melding>();
        var dates = new DateChecks();
        var stack = new Stack<XmlElementNode>();
        stack.Push(root);
        while (stack.TryPop(out var e))
        {
            if (Od.InNamespace(e) && Kinds.TryGetValue(e.LocalName, out var kind))
            {
                switch (kind)
                {
                    case Kind.Bsn: IdentifierChecks.CheckBsn(e, found); break;
                    case Kind.Onderwijsnummer: IdentifierChecks.CheckOnderwijsnummer(e, found); break;
                    case Kind.Bestandsinhoud: AttachmentChecks.Check(e, found); break;
                    case Kind.Inzage: ConsentChecks.Check(e, found); break;
                    case Kind.Brin: IdentifierChecks.CheckBrin(e, found); break;
                    case Kind.Dated: dates.Visit(e, found); break;
                    case Kind.Leerling:
                        IdentifierChecks.CheckBoth(e, found);
                        dates.CheckLeerling(e, found);
                        break;
                }
            }
            for (var i = e.Elements.Count - 1; i >= 0; i--) stack.Push(e.Elements[i]);
        }
        dates.CheckAgainstDossierDate(found);
        return found;
    }
}
