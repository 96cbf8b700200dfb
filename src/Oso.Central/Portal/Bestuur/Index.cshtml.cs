using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Oso.Central.Register;

namespace Oso.Central.Portal.Bestuur;

/// <summary>A board: its schools, and which supplier system may exchange for each (mandates: add with dates, end).</summary>
[Voor(Toegang.Bestuur)]
internal sealed class IndexModel : PortaalPagina
{
    [BindProperty]
    public string? School { get; set; }

    [BindProperty]
    public string? Systeem { get; set; }

    [BindProperty]
    public string? Van { get; set; }

    [BindProperty]
    public string? Tot { get; set; }

    public IReadOnlyList<SchoolInfo> Scholen { get; private set; } = [];

    public IReadOnlyList<MandaatInfo> Mandaten { get; private set; } = [];

    public IReadOnlyList<SysteemInfo> Systemen { get; private set; } = [];

    /// <summary>A system's name for people ("LAS De Leverancier"), or its id when unknown.</summary>
    public string SysteemNaam(string id) => Systemen.FirstOrDefault(s => s.Id == id)?.Naam ?? id;

    public DateOnly Vandaag { get; private set; }

    public async Task OnGetAsync() => await LaadAsync();

    public async Task<IActionResult> OnPostMandaatAsync()
    {
        await LaadAsync();
        if (string.IsNullOrEmpty(School) || Scholen.All(s => s.Brin != School)) Fouten.Add("school", "Kies een school van uw bestuur.");
        if (string.IsNullOrEmpty(Systeem) || Systemen.All(s => s.Id != Systeem)) Fouten.Add("systeem", "Kies het systeem dat u wilt mandateren.");
        var van = Datum(Van, "van", "Vul de eerste dag in waarop het mandaat geldt.", verplicht: true);
        var tot = Datum(Tot, "tot", null, verplicht: false);
        if (van is { } v && tot is { } t && t < v) Fouten.Add("tot", "De einddatum ligt voor de begindatum.");
        if (Fouten.Any) return Page();
        var uitkomst = await Admin.AddMandateAsync(new NieuwMandaat(Scope, School!, Systeem!, van!.Value, tot), Ct);
        if (!uitkomst.Gelukt)
        {
            Fouten.Add(uitkomst.Fout.Code switch { "mandaat.periode" => "tot", "systeem.onbekend" => "systeem", _ => "school" }, uitkomst.Fout.Tekst);
            return Page();
        }
        return MetMelding("/bestuur", Meldingen.MandaatToegevoegd);
    }

    /// <summary>The mandate the board asked to end, waiting for its confirmation (ending cannot be undone).</summary>
    public MandaatInfo? TeBeeindigen { get; private set; }

    public async Task<IActionResult> OnPostBeeindigenAsync(Guid id, bool bevestigd = false)
    {
        if (!bevestigd)
        {
            await LaadAsync();
            TeBeeindigen = Mandaten.FirstOrDefault(m => m.Id == id);
            if (TeBeeindigen is null) Fouten.Add(null, "Dit mandaat bestaat niet (of is niet van uw bestuur).");
            return Page();
        }
        var uitkomst = await Admin.EndMandateAsync(id, Scope, Ct);
        if (uitkomst.Gelukt) return MetMelding("/bestuur", Meldingen.MandaatBeeindigd);
        await LaadAsync();
        Fouten.Add(null, uitkomst.Fout.Tekst);
        return Page();
    }

    private async Task LaadAsync()
    {
        Scholen = await Admin.SchoolsAsync(Scope, Ct);
        Mandaten = await Admin.MandatesAsync(null, Scope, null, Ct);
        Systemen = (await Admin.SystemsAsync(Ct)).Where(s => s.Deelname == Deelname.Actief && s.Id != TestSchool.Testschool.SysteemId).ToList();
        Vandaag = Kalender.Dag(Nu);
    }

    private DateOnly? Datum(string? tekst, string veld, string? leeg, bool verplicht)
    {
        if (string.IsNullOrWhiteSpace(tekst))
        {
            if (verplicht) Fouten.Add(veld, leeg!);
            return null;
        }
        if (DateOnly.TryParseExact(tekst.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || DateOnly.TryParseExact(tekst.Trim(), ["d-M-yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out d)) return d;
        Fouten.Add(veld, "Vul een geldige datum in, bijvoorbeeld 1-8-2026.");
        return null;
    }
}
