namespace Oso.School.Parents;

/// <summary>The e-mail addresses of a pupil's parents and guardians (<c>verzorger</c>) in the dossier, with who they are.</summary>
public static class ParentAddresses
{
    /// <summary>Every distinct address (case-insensitive), in the dossier's order, with the person's name.</summary>
    public static IReadOnlyList<(string Wie, string Email)> Of(Dossier.Model.Dossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        return dossier.Huidigeschool.Leerling.Verzorger
            .SelectMany(v => v.Communicatielijst.Where(c => c.Soort.Value == "e-mail" && !string.IsNullOrWhiteSpace(c.Nummer)).Select(c =>
                (Wie: string.Join(' ', new[] { v.Roepnaam ?? (v.Voornaam.Count > 0 ? v.Voornaam[0] : v.Voorletters1), v.Voorvoegsel, v.Achternaam }
                    .Where(p => !string.IsNullOrWhiteSpace(p))),
                 Email: c.Nummer.Trim())))
            .DistinctBy(a => a.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
