using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Oso.School.Doel;
using Oso.School.Register;

namespace Oso.School.Portal.Doel;

/// <summary>
/// Registers a list of pupils at once (pasted rows or a CSV file): every line checked with located Dutch errors, nothing
/// registered while any line is wrong; a preview with each previous school's name; then, once confirmed, all pupils are
/// registered and their dossiers requested.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = 1024 * 1024)]
[RequestSizeLimit(2 * 1024 * 1024)]
public sealed class LijstModel(Aanmeldingen aanmeldingen, RegisterCache register, TimeProvider time) : PortalPageModel
{
    /// <summary>The pasted (or, after the preview, the checked) list.</summary>
    [BindProperty(Name = "rijen")]
    public string? Rijen { get; set; }

    /// <summary>The checked list, one row per value (the confirmation form).</summary>
    [BindProperty(Name = "rij")]
    public List<string> Rij { get; set; } = [];

    /// <summary>A CSV file instead of pasted rows.</summary>
    [BindProperty(Name = "bestand")]
    public IFormFile? Bestand { get; set; }

    /// <summary>The checked rows with the previous school's name (preview).</summary>
    public IReadOnlyList<(AanmeldRij Rij, string? School)> Voorbeeld { get; private set; } = [];

    /// <inheritdoc />
    protected override string Titel => "Leerlingen aanmelden met een lijst";

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Checks the list and shows the preview (or the errors).</summary>
    public async Task<IActionResult> OnPostControlerenAsync()
    {
        if (await ReadAsync() is { } rows) Voorbeeld = rows;
        return Page();
    }

    /// <summary>Registers everyone on the (checked) list and requests their dossiers.</summary>
    public async Task<IActionResult> OnPostBevestigenAsync()
    {
        if (await ReadAsync() is not { } rows) return Page();
        var (ids, refused) = await aanmeldingen.RegisterManyAsync(Brin,
            rows.Select(r => new AanmeldingInput(r.Rij.Pgn, r.Rij.Geboortedatum, r.Rij.BronBrin, r.Rij.Naam)).ToList(), request: true, Staff.Actor,
            HttpContext.RequestAborted);
        if (refused is { } r)
        {
            Errors.Add("rijen", r.Row > 0 ? $"Regel {rows[r.Row - 1].Rij.Regel}: {r.Reason}" : r.Reason, "Lijst");
            return Page();
        }
        Bericht = $"{ids.Count} {(ids.Count == 1 ? "leerling is" : "leerlingen zijn")} aangemeld en hun dossiers worden opgevraagd. Hieronder ziet u per leerling hoe het gaat.";
        return Naar("/aanmeldingen");
    }

    /// <summary>The list from the file or the text box, checked, with school names; null (and errors) when anything is wrong.</summary>
    private async Task<IReadOnlyList<(AanmeldRij Rij, string? School)>?> ReadAsync()
    {
        var text = Rij.Count > 0 ? string.Join("\n", Rij) : Rijen;
        if (Bestand is { Length: > 0 })
        {
            if (Bestand.Length > 1024 * 1024)
            {
                Errors.Add("bestand", "Het bestand is groter dan 1 MB; een lijst van 500 leerlingen past ruim in 100 kB.", "Bestand");
                return null;
            }
            using var buffer = new MemoryStream();
            await Bestand.CopyToAsync(buffer, HttpContext.RequestAborted);
            text = AanmeldLijst.Decode(buffer.ToArray());
            if (text is null)
            {
                Errors.Add("bestand", "Dit bestand is geen tekst- of CSV-bestand. Sla de lijst in uw spreadsheet op als CSV, of kopieer de regels en plak ze hieronder.", "Bestand");
                return null;
            }
        }
        var (rows, errors) = AanmeldLijst.Parse(text, DateOnly.FromDateTime(Amsterdam.Now(time).DateTime));
        foreach (var error in errors.Take(50)) Errors.Add(Bestand is { Length: > 0 } ? "bestand" : "rijen", error, Bestand is { Length: > 0 } ? "Bestand" : "Lijst");
        if (errors.Count > 50) Errors.Add("rijen", $"En nog {errors.Count - 50} fouten.", "Lijst");
        if (errors.Count > 0) return null;

        var result = new List<(AanmeldRij Rij, string? School)>();
        var unknown = new List<string>();
        foreach (var row in rows)
        {
            var school = await register.FindAsync(row.BronBrin, HttpContext.RequestAborted);
            if (school is null) unknown.Add($"Regel {row.Regel}, kolom 4 (BRIN vorige school): {row.BronBrin} staat niet in de lijst van gekwalificeerde scholen; controleer het nummer.");
            result.Add((row, school is null ? null : $"{school.Naam}{(school.Plaats is null ? "" : ", " + school.Plaats)}"));
        }
        if (unknown.Count > 0 && await register.HasListAsync(HttpContext.RequestAborted)) // without a list (never fetched) the BRIN is trusted
        {
            foreach (var error in unknown.Take(50)) Errors.Add("rijen", error, "Lijst");
            return null;
        }
        Rij = rows.Select(r => $"{r.Pgn};{r.Geboortedatum.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture)};\"{(r.Naam ?? "").Replace("\"", "\"\"", StringComparison.Ordinal)}\";{r.BronBrin}").ToList();
        return result;
    }
}
