using Oso.Dossier.Rules.Xpath;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules.Extra;

/// <summary>EXTRA.NietAkkoordZonderZienswijze: when parents disagree, their view travels with the dossier (OSO.md §9).</summary>
internal static class ConsentChecks
{
    public static readonly ExtraRule NietAkkoordZonderZienswijze = new("EXTRA.NietAkkoordZonderZienswijze",
        "Ouders zijn het niet eens met het dossier (akkoord is Nee), maar hun zienswijze (redennietakkoord) ontbreekt.");

    public static void Check(XmlElementNode inzage, List<Melding> found)
    {
        if (!Od.Is(inzage.Parent, "dossier")) return;
        if (Od.Count(inzage, "akkoord", out var akkoord) != 1 || akkoord!.Text.Trim() != "Nee") return;
        if (Od.Count(inzage, "redennietakkoord", out var reden) > 0 && reden!.Text.Trim().Length > 0) return;
        found.Add(NietAkkoordZonderZienswijze.At(inzage,
            "De ouders zijn het niet eens met de inhoud (akkoord = Nee), maar het dossier bevat hun zienswijze niet (redennietakkoord ontbreekt of is leeg); die hoort met het dossier mee te gaan."));
    }
}
