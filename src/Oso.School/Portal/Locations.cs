using System.Text.RegularExpressions;

namespace Oso.School.Portal;

/// <summary>
/// Turns a melding's location (an XPath as the official validator writes it: <c>/dossier[1]/huidigeschool[1]/leerling[1]/overstapadvies[1]/advies[1]</c>)
/// into words staff understand ("leerling › overstapadvies › schooladvies") and, where the portal can change it, the
/// section of the edit page.
/// </summary>
public static partial class Locations
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["metadata"] = "gegevens over het dossier", ["categorie_uitlevering"] = "categorieën", ["inzage"] = "inzage door ouders",
        ["akkoord"] = "akkoord", ["redennietakkoord"] = "zienswijze van de ouders", ["toestemming"] = "toestemming", ["inzagedatum"] = "inzagedatum",
        ["huidigeschool"] = "school", ["leerling"] = "leerling", ["achternaam"] = "achternaam", ["roepnaam"] = "roepnaam", ["voornaam"] = "voornaam",
        ["voorvoegsel"] = "voorvoegsel", ["geboortedatum"] = "geboortedatum", ["geslacht"] = "geslacht", ["bsn"] = "BSN", ["onderwijsnummer"] = "onderwijsnummer",
        ["overstapadvies"] = "overstapadvies", ["advies"] = "schooladvies", ["herzienadvies"] = "herzien advies", ["wensouders"] = "wens van de ouders",
        ["wensleerling"] = "wens van de leerling", ["argumentatie"] = "toelichting bij het advies", ["motivatie_herzienadvies"] = "motivatie herzien advies",
        ["contactnodig"] = "contact nodig", ["contactpersoon"] = "contactpersoon", ["contacttelefoon"] = "telefoon contactpersoon",
        ["contactemail"] = "e-mail contactpersoon", ["aandachtspunten"] = "aandachtspunten",
        ["onderwijsondersteuning"] = "onderwijsondersteuning", ["toelichting_onderwijsbehoeften"] = "toelichting onderwijsbehoeften",
        ["medicijngebruik"] = "medicijngebruik", ["diagnose"] = "diagnose", ["handelingsplan"] = "handelingsplan", ["opp"] = "ontwikkelingsperspectief",
        ["verzuim"] = "verzuim", ["overigdocumentlijst"] = "bijlagen", ["document"] = "document", ["bestandsnaam"] = "bestandsnaam",
        ["bestandsinhoud"] = "inhoud", ["omschrijving"] = "omschrijving", ["verzorger"] = "ouder/verzorger", ["schoolloopbaanlijst"] = "schoolloopbaan",
        ["eindtoets_basisonderwijs"] = "eindtoets", ["toetslijst"] = "toetsen", ["cijferlijstlijst"] = "cijferlijsten", ["adreslijst"] = "adressen",
    };

    /// <summary>Words for a location, and the edit page's section (leerling, advies, ondersteuning, verzuim, bijlagen) or the pupil page's (inzage).</summary>
    public static (string Text, string? Anchor) Describe(string? xpath)
    {
        if (string.IsNullOrWhiteSpace(xpath)) return ("het hele dossier", null);
        var parts = xpath.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith('[')).Select(Step).ToList(); // '/[1]': the document itself
        var names = parts.Select(p => p.Name).ToList();
        // the fixed frame (dossier, huidigeschool) says nothing to people
        var meaningful = parts.Where(p => p.Name is not ("dossier" or "huidigeschool")).ToList();
        var shown = (meaningful.Count > 0 ? meaningful : parts)
            .Select(p => (Labels.GetValueOrDefault(p.Name) ?? p.Name) + (p.Index > 1 ? " " + p.Index : "")).ToList();
        var text = shown.Count == 0 ? "het hele dossier" : string.Join(" › ", shown);
        string? anchor = names.Contains("overstapadvies") ? "advies"
            : names.Contains("onderwijsondersteuning") ? "ondersteuning"
            : names.Contains("verzuim") ? "verzuim"
            : names.Contains("overigdocumentlijst") ? "bijlagen"
            : names.Contains("inzage") ? null
            : names.Count == 4 && names[2] == "leerling" && names[3] is "achternaam" or "roepnaam" or "voorvoegsel" or "geboortedatum" or "geslacht" ? "leerling"
            : null;
        return (text, anchor);
    }

    private static (string Name, int Index) Step(string step)
    {
        var match = StepPattern().Match(step);
        if (!match.Success) return (step, 1);
        var name = match.Groups["name"].Value;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0) name = name[(colon + 1)..];
        return (name, match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) : 1);
    }

    [GeneratedRegex(@"^(?<name>[^\[]+)(\[(?<index>\d+)\])?$")]
    private static partial Regex StepPattern();
}
