using System.Globalization;
using System.Text.RegularExpressions;
using Oso.Dossier.Profiles;
using Oso.Dossier.Validation;
using Oso.School.Portal.Dossiers;

namespace Oso.School.Portal;

/// <summary>A validation melding as staff read it: what is wrong, where, what fixes it; the rule id and location for the LAS supplier.</summary>
/// <param name="Fout">True for a Fout (blocks release), false for a Waarschuwing.</param>
/// <param name="Tekst">What is wrong, in words.</param>
/// <param name="Waar">The field or section it is about.</param>
/// <param name="Actie">The action that fixes it (a link text), or null when the LAS must fix it.</param>
/// <param name="ActieHref">Where that action is.</param>
/// <param name="Technisch">Rule id, location and line, for the supplier (shown behind "details").</param>
public sealed record MeldingView(bool Fout, string Tekst, string Waar, string? Actie, string? ActieHref, string Technisch);

/// <summary>Turns meldingen into <see cref="MeldingView"/>s for the pupil page and the edit page.</summary>
public static partial class MeldingUitleg
{
    /// <summary>Explains <paramref name="m"/>; <paramref name="pupilPath"/> is the pupil's page (<c>/scholen/{brin}/dossiers/{id}</c>), or null where no action can be offered.</summary>
    public static MeldingView Explain(Melding m, string? pupilPath)
    {
        ArgumentNullException.ThrowIfNull(m);
        var technisch = string.Join(", ", new[]
        {
            m.Code, string.IsNullOrEmpty(m.Locatie) ? null : m.Locatie, m.Regel > 0 ? $"regel {m.Regel.ToString(CultureInfo.InvariantCulture)}" : null,
        }.OfType<string>());
        var edit = pupilPath is null ? null : pupilPath + "/bewerken";

        // the parents' inzage: the rules of the OV stylesheet and the category rule for it
        if (m.Code.StartsWith("OVa.IZ", StringComparison.Ordinal) || m.Code.StartsWith("OS.cat02.", StringComparison.Ordinal) || m.Code == "EXTRA.NietAkkoordZonderZienswijze")
        {
            var tekst = m.Code switch
            {
                "OVa.IZ01" or "OS.cat02.Verplicht" => "De inzage door de ouders is nog niet vastgelegd; zonder inzage mag een basisschool het dossier niet vrijgeven.",
                "OVa.IZ02" => "De ouders hebben het dossier nog niet ingezien (inzage staat op ‘nee’).",
                "OVa.IZ03" => "Bij de inzage ontbreekt de datum waarop de ouders het dossier zagen.",
                "OVa.IZ04" => "Bij de inzage staat niet of de ouders het eens zijn met de inhoud.",
                "OVa.IZ05" => "De toestemming voor de overdracht ontbreekt; die is verplicht bij een overstap binnen het voortgezet onderwijs.",
                _ => m.Tekst,
            };
            return new MeldingView(m.IsFout, tekst, "Inzage door ouders", pupilPath is null ? null : "Inzage vastleggen", pupilPath + "#inzage", technisch);
        }

        // a category of categorie_uitlevering: required and missing, or present where it may not be
        if (CategoryRule().Match(m.Code) is { Success: true } cat)
        {
            var category = (Category)(int.Parse(cat.Groups["n"].Value, CultureInfo.InvariantCulture) - 1);
            var naam = Enum.IsDefined(category) ? CategoryNames.Dutch(category) : cat.Groups["n"].Value;
            var anchor = Anchor(category);
            var tekst = cat.Groups["kind"].Value switch
            {
                "Verplicht" => $"Het onderdeel ‘{naam}’ ontbreekt, maar is verplicht bij deze overstap.",
                "OptUit" => $"Het onderdeel ‘{naam}’ is uitgezet (niet meesturen), maar het dossier bevat er nog gegevens van.",
                _ => $"Het onderdeel ‘{naam}’ mag bij deze overstap niet mee, maar het dossier bevat er gegevens van.",
            };
            return new MeldingView(m.IsFout, tekst, naam, anchor is null || edit is null ? null : "Naar dit onderdeel", edit + "#" + anchor, technisch);
        }

        var (waar, section) = Locations.Describe(m.Locatie);
        var (actie, href) = section is null || edit is null ? ((string?)null, (string?)null) : ("Naar dit onderdeel", edit + "#" + section);
        if (actie is null && m.Code.StartsWith("EXTRA.", StringComparison.Ordinal) && m.Locatie.Contains("/leerling[1]", StringComparison.Ordinal))
            (actie, href) = (null, null); // the pupil's identity comes from the LAS
        return new MeldingView(m.IsFout, Plain(m), waar, actie, href, technisch);
    }

    /// <summary>The official texts are Dutch but written for suppliers; a few get plainer words.</summary>
    private static string Plain(Melding m) => m.Code switch
    {
        "XSLT.Afgebroken" => "Het dossier kon niet helemaal worden gecontroleerd: een waarde heeft een vorm die de officiële controle niet kan lezen. " + m.Tekst,
        _ when m.Code.StartsWith("CL", StringComparison.Ordinal) => m.Tekst.Replace("in in codelijst", "in codelijst", StringComparison.Ordinal)
            + " Kies een waarde uit de lijst.",
        _ => m.Tekst,
    };

    /// <summary>The edit page's section for a category, where the portal can change it.</summary>
    private static string? Anchor(Category category) => category switch
    {
        Category.Leerling => "leerling",
        Category.Overstapadvies => "advies",
        Category.Onderwijsondersteuning => "ondersteuning",
        Category.Verzuim => "verzuim",
        Category.Bijlagedocs => "bijlagen",
        _ => null,
    };

    [GeneratedRegex(@"^OS\.cat(?<n>\d\d)\.(?<kind>Verplicht|Verboden|OptUit)")]
    private static partial Regex CategoryRule();
}
