using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Oso.Central.Qualification;

namespace Oso.Central.Portal.MijnOso;

/// <summary>One checklist item: the handbook's explanation, the evidence submitted so far, and the forms to submit a document or a signed statement.</summary>
[Voor(Toegang.School)]
[RequestSizeLimit(CentralPortal.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = CentralPortal.MaxUploadBytes)]
internal sealed class OnderdeelModel : PortaalPagina
{
    [BindProperty]
    public IFormFile? Bestand { get; set; }

    [BindProperty]
    public string? Verklaring { get; set; }

    [BindProperty]
    public string? OndertekendDoor { get; set; }

    [BindProperty]
    public string? Functie { get; set; }

    [BindProperty]
    public bool Akkoord { get; set; }

    public ChecklistRegel? Regel { get; private set; }

    public IReadOnlyList<BewijsInfo> Bewijzen { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code) => await LaadAsync(code) ? Page() : NietGevonden($"Het checklistonderdeel '{code}' bestaat niet.");

    public async Task<IActionResult> OnGetDocumentAsync(string code, Guid id)
    {
        var doc = await Admin.EvidenceDocumentAsync(id, Scope, Ct);
        if (!doc.Gelukt)
        {
            await LaadAsync(code);
            return NietGevonden(doc.Fout.Tekst);
        }
        return File(doc.Waarde!.Inhoud, doc.Waarde.ContentType, doc.Waarde.Bestandsnaam);
    }

    public async Task<IActionResult> OnPostDocumentAsync(string code)
    {
        if (!await LaadAsync(code)) return NietGevonden($"Het checklistonderdeel '{code}' bestaat niet.");
        if (Regel!.Status is ItemStatus.Ingediend or ItemStatus.Goedgekeurd)
        {
            Fouten.Add(null, "Voor dit onderdeel kunt u nu geen nieuw bewijs indienen.");
            return Page();
        }
        if (Bestand is null || Bestand.Length == 0)
        {
            Fouten.Add("bestand", Bestand is null ? "Kies het bestand dat u wilt indienen." : "Het gekozen bestand is leeg.");
            return Page();
        }
        if (Bestand.Length > CentralAdmin.MaxBewijsBytes)
        {
            Fouten.Add("bestand", $"Het bestand is {Teksten.Grootte((int)Bestand.Length)}; een bewijsstuk is hoogstens 5 MB. Maak het kleiner (bijvoorbeeld als PDF) of kies een ander bestand.");
            return Page();
        }
        using var buffer = new MemoryStream((int)Bestand.Length);
        await Bestand.CopyToAsync(buffer, Ct);
        var uitkomst = await Admin.SubmitDocumentAsync(Scope, code, Bestand.FileName, buffer.ToArray(), Ct);
        if (!uitkomst.Gelukt)
        {
            Fouten.Add("bestand", uitkomst.Fout.Tekst);
            return Page();
        }
        return MetMelding("/mijn-oso/kwalificatie", Meldingen.Ingediend);
    }

    public async Task<IActionResult> OnPostVerklaringAsync(string code)
    {
        if (!await LaadAsync(code)) return NietGevonden($"Het checklistonderdeel '{code}' bestaat niet.");
        if (Regel!.Status is ItemStatus.Ingediend or ItemStatus.Goedgekeurd)
        {
            Fouten.Add(null, "Voor dit onderdeel kunt u nu geen nieuw bewijs indienen.");
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Verklaring)) Fouten.Add("verklaring", "Schrijf de verklaring: wat heeft uw school geregeld?");
        else if (Verklaring.Length > 4000) Fouten.Add("verklaring", "De verklaring is langer dan 4000 tekens; maak haar korter of upload een document.");
        if (string.IsNullOrWhiteSpace(OndertekendDoor)) Fouten.Add("ondertekenddoor", "Vul de naam in van wie de verklaring ondertekent.");
        if (string.IsNullOrWhiteSpace(Functie)) Fouten.Add("functie", "Vul de functie in van wie de verklaring ondertekent.");
        if (!Akkoord) Fouten.Add("akkoord", "Vink aan dat u de verklaring namens de school ondertekent.");
        if (Fouten.Any) return Page();
        var uitkomst = await Admin.SubmitStatementAsync(Scope, code, Verklaring!, OndertekendDoor!, Functie!, Ct);
        if (!uitkomst.Gelukt)
        {
            Fouten.Add(uitkomst.Fout.Code == "bewijs.ondertekening" ? "ondertekenddoor" : "verklaring", uitkomst.Fout.Tekst);
            return Page();
        }
        return MetMelding("/mijn-oso/kwalificatie", Meldingen.Ingediend);
    }

    private async Task<bool> LaadAsync(string code)
    {
        var overzicht = (await Admin.QualificationAsync(Scope, Ct)).Zeker;
        Regel = overzicht.Checklist.FirstOrDefault(r => r.Code == code);
        if (Regel is null) return false;
        Bewijzen = (await Admin.EvidenceAsync(null, Scope, Ct)).Where(b => b.ItemCode == code).OrderByDescending(b => b.IngediendOp).ToList();
        return true;
    }
}
