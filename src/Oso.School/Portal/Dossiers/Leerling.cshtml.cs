using Microsoft.AspNetCore.Mvc;
using Oso.Dossier.Profiles;
using Oso.Dossier.Rendering;
using Oso.School.Bron;
using Oso.School.Parents;
using Oso.School.Privacy;

namespace Oso.School.Portal.Dossiers;

/// <summary>
/// One pupil's dossier as bron: its status and meldingen, the parents' links, inzage/akkoord/zienswijze or toestemming,
/// release (with opt-outs of OPTIONEEL categories), deliveries, requests, correction requests (tasks), and the dossier itself.
/// </summary>
public sealed class LeerlingModel(DossierOverview overview, BronDossiers bron, ParentLinks links, Corrections corrections, AccessExport export, SchoolOptions options,
    TimeProvider time)
    : PortalPageModel
{
    /// <summary>How long a parents' link works, in days.</summary>
    public int LinkDagen => (int)options.ParentLinkLifetime.TotalDays;

    /// <summary>The pupil.</summary>
    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    /// <summary>What the page shows.</summary>
    public PupilDetail Detail { get; private set; } = null!;

    /// <summary>The parents' links.</summary>
    public IReadOnlyList<ParentLinkInfo> Links { get; private set; } = [];

    /// <summary>Now (for link states).</summary>
    public DateTimeOffset Nu => time.GetUtcNow();

    /// <summary>The dossier, readable (fragment under this page's h1).</summary>
    public string Weergave { get; private set; } = "";

    /// <summary>The e-mail addresses of the verzorgers in the dossier (name, relation, address).</summary>
    public IReadOnlyList<(string Wie, string Email)> OuderAdressen { get; private set; } = [];

    /// <summary>Categories this school may switch off, with the school's default.</summary>
    public IReadOnlyList<(Category Categorie, string Naam)> OptioneleCategorieen { get; private set; } = [];

    /// <summary>Validation messages of a refused release.</summary>
    public IReadOnlyList<Oso.Dossier.Validation.Melding> VrijgaveMeldingen { get; private set; } = [];

    /// <summary>Requests to correct the dossier or objecting to it, newest first.</summary>
    public IReadOnlyList<CorrectionView> Correcties { get; private set; } = [];

    // the forms' values (kept when a form is shown again with errors)

    /// <summary>Correction form: what the parents ask (filed on their behalf).</summary>
    [BindProperty] public string? CorrectieVerzoek { get; set; }
    /// <summary>Handling form: what the school did.</summary>
    [BindProperty] public string? CorrectieUitkomst { get; set; }

    /// <summary>Inzage form: date.</summary>
    [BindProperty] public string? Inzagedatum { get; set; }
    /// <summary>Inzage form: akkoord.</summary>
    [BindProperty] public string? Akkoord { get; set; }
    /// <summary>Inzage form: zienswijze.</summary>
    [BindProperty] public string? Zienswijze { get; set; }
    /// <summary>Inzage form: toestemming.</summary>
    [BindProperty] public string? Toestemming { get; set; }
    /// <summary>Link form: the chosen address.</summary>
    [BindProperty] public string? OuderEmail { get; set; }
    /// <summary>Link form: another address.</summary>
    [BindProperty] public string? AnderEmail { get; set; }
    /// <summary>Release form: categories switched off.</summary>
    [BindProperty] public List<string> OptOut { get; set; } = [];

    /// <inheritdoc />
    protected override string Titel => Detail is null ? "Dossier" : "Dossier van " + Naam;

    /// <summary>The pupil's name for people.</summary>
    public string Naam => string.IsNullOrWhiteSpace(Detail.Row.Identity.Naam) ? "(naam onbekend)" : Detail.Row.Identity.Naam;

    /// <summary>Shows the page.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        OptOut = Detail.Releases.FirstOrDefault(r => r.Actueel)?.OptOut.ToList() ?? [];
        return Page();
    }

    /// <summary>The dossier as a PDF (audited as a view of the dossier).</summary>
    public async Task<IActionResult> OnGetPdfAsync()
    {
        var detail = await overview.PupilAsync(Brin, Id, Staff.Actor, HttpContext.RequestAborted);
        return detail is null ? NotFound() : PdfDownload.For(detail.Dossier);
    }

    /// <summary>Everything held about the pupil as one ZIP, for a parent's request of access (audited as a download by this staff member).</summary>
    public async Task<IActionResult> OnGetGegevensAsync()
    {
        var zip = await export.ForStaffAsync(Brin, Id, Staff.Actor, HttpContext.RequestAborted);
        return zip is null ? NotFound() : File(zip, "application/zip", AccessExport.FileName);
    }

    /// <summary>Records the parents' inzage (and view) or consent, as staff heard it.</summary>
    public async Task<IActionResult> OnPostInzageAsync()
    {
        if (!Dutch.TryParseIsoDate(Inzagedatum, out var datum)) Errors.Add("inzagedatum", "Vul de datum in waarop de ouders het dossier inzagen.", "Datum van inzage");
        if (Akkoord is not ("Ja" or "Nee" or "Onbekend")) Errors.Add("akkoord-ja", "Kies of de ouders het eens zijn met de inhoud.", "Akkoord");
        if (Akkoord == "Nee" && string.IsNullOrWhiteSpace(Zienswijze)) Errors.Add("zienswijze", "Vul de zienswijze van de ouders in: die gaat mee met het dossier.", "Zienswijze");
        if (Sector == "VO" && Toestemming is not ("Ja" or "Nee" or "Onbekend")) Errors.Add("toestemming-ja", "Kies of er toestemming is voor de overdracht.", "Toestemming");
        if (Errors.None)
        {
            var result = await bron.RecordInzageAsync(Brin, Id, new InzageInput(datum, Akkoord, Akkoord == "Nee" ? Zienswijze!.Trim() : null,
                Sector == "VO" ? Toestemming : null), Staff.Actor, HttpContext.RequestAborted);
            switch (result)
            {
                case InzageResult.Recorded:
                    return NaarBericht($"/dossiers/{Id}", "inzage", "De inzage is vastgelegd.");
                case InzageResult.NotFound:
                    return NotFound();
                case InzageResult.Invalid invalid:
                    Errors.Add("inzagedatum", invalid.Reason, "Datum van inzage");
                    break;
            }
        }
        return await AgainAsync();
    }

    /// <summary>Creates a parents' link and mails it.</summary>
    public async Task<IActionResult> OnPostLinkAsync()
    {
        var email = OuderEmail == "anders" || string.IsNullOrEmpty(OuderEmail) ? AnderEmail : OuderEmail;
        if (string.IsNullOrWhiteSpace(email))
        {
            Errors.Add(OuderEmail == "anders" ? "ander-email" : "ouder-email-0", "Kies of vul het e-mailadres van een ouder of verzorger in.", "E-mailadres van de ouder");
            return await AgainAsync();
        }
        var result = await links.CreateAsync(Brin, Id, email, Staff.Actor, mail: true, cancellationToken: HttpContext.RequestAborted);
        switch (result)
        {
            case ParentLinkResult.Created created:
                return NaarBericht($"/dossiers/{Id}", "ouders",
                    $"De persoonlijke link gaat per e-mail naar {email.Trim()}; hij werkt tot en met {Dutch.Date(DateOnly.FromDateTime(Amsterdam.Local(created.ExpiresAt).DateTime))}.");
            case ParentLinkResult.Invalid invalid:
                Errors.Add(OuderEmail == "anders" ? "ander-email" : "ouder-email-0", invalid.Reason, "E-mailadres van de ouder");
                return await AgainAsync();
            default:
                return NotFound();
        }
    }

    /// <summary>Revokes a parents' link.</summary>
    public async Task<IActionResult> OnPostIntrekkenAsync(Guid link)
    {
        if (!await links.RevokeAsync(Brin, link, Staff.Actor, HttpContext.RequestAborted)) return NotFound();
        return NaarBericht($"/dossiers/{Id}", "ouders", "De link is ingetrokken: hij werkt niet meer.");
    }

    /// <summary>Releases (freezes) the dossier.</summary>
    public async Task<IActionResult> OnPostVrijgevenAsync()
    {
        var allowed = Optional(Sector).Select(c => c.Categorie.ToString()).ToHashSet(StringComparer.Ordinal);
        var optOut = OptOut.Where(allowed.Contains).ToList();
        // nothing changed since the current release: a new version would be the same dossier (only other opt-outs make one)
        if (await overview.CurrentReleaseAsync(Brin, Id, HttpContext.RequestAborted) is { } current && !current.Changed
            && current.OptOut.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(optOut))
        {
            Errors.Add("vrijgeven-knop", $"Versie {current.Version} is al vrijgegeven en het dossier is sindsdien niet gewijzigd: opnieuw vrijgeven is niet nodig.", "Vrijgeven");
            return await AgainAsync();
        }
        var result = await bron.ReleaseAsync(Brin, Id, optOut, Staff.Actor, HttpContext.RequestAborted);
        switch (result)
        {
            case ReleaseResult.Released released:
                return NaarBericht($"/dossiers/{Id}", "vrijgeven", $"Het dossier is vrijgegeven als versie {released.Version}."
                    + (released.Notifications > 0 ? $" {released.Notifications} school/scholen die het eerder opvroegen, krijgen nu bericht." : ""));
            case ReleaseResult.NotAllowed notAllowed:
                Errors.Add("vrijgeven-knop", notAllowed.Reason, "Vrijgeven");
                break;
            case ReleaseResult.Invalid invalid:
                Errors.Add("vrijgeven-knop", $"Het dossier heeft {invalid.Meldingen.Count} fout(en) volgens de officiële standaard en kan nog niet worden vrijgegeven. Zie de meldingen hieronder.", "Vrijgeven");
                VrijgaveMeldingen = invalid.Meldingen;
                break;
            default:
                return NotFound();
        }
        return await AgainAsync();
    }

    /// <summary>Files a correction request on the parents' behalf (they asked by phone, mail or at school).</summary>
    public async Task<IActionResult> OnPostCorrectieAsync()
    {
        switch (await corrections.FileAsync(Brin, Id, CorrectieVerzoek, "school", Staff.Actor, HttpContext.RequestAborted))
        {
            case CorrectionResult.Filed:
                Bericht = "Het verzoek is vastgelegd als taak. Leg vast wat de school ermee deed als het is afgehandeld.";
                return Naar($"/dossiers/{Id}#correcties");
            case CorrectionResult.Invalid invalid:
                Errors.Add("correctie-verzoek", invalid.Reason);
                return await AgainAsync();
            default:
                return NotFound();
        }
    }

    /// <summary>Records what the school did with a correction request and closes it.</summary>
    public async Task<IActionResult> OnPostAfhandelenAsync(Guid verzoek)
    {
        switch (await corrections.HandleAsync(Brin, Id, verzoek, CorrectieUitkomst, Staff.Actor, HttpContext.RequestAborted))
        {
            case CorrectionResult.Handled:
                Bericht = "Het verzoek is afgehandeld; de ouders zien op hun pagina wat de school deed.";
                return Naar($"/dossiers/{Id}#correcties");
            case CorrectionResult.Invalid invalid:
                Errors.Add("uitkomst-" + verzoek, invalid.Reason);
                return await AgainAsync();
            default:
                return NotFound();
        }
    }

    /// <summary>The OPTIONEEL categories of the transfers a school of this sector makes (PO: POPO and POVO; VO: VOVO).</summary>
    public static IReadOnlyList<(Category Categorie, string Naam)> Optional(string sector)
    {
        var profiles = sector == "VO" ? new[] { OverstapProfiles.Vovo } : [OverstapProfiles.Popo, OverstapProfiles.Povo];
        return Enum.GetValues<Category>()
            .Where(c => profiles.Any(p => p[c] == Requirement.Optioneel) && profiles.All(p => p[c] != Requirement.Verplicht))
            .Select(c => (c, CategoryNames.Dutch(c))).ToList();
    }

    private async Task<IActionResult> AgainAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var detail = await overview.PupilAsync(Brin, Id, Staff.Actor, HttpContext.RequestAborted);
        if (detail is null) return false;
        Detail = detail;
        ViewData["Title"] = Titel;
        Links = await links.ListAsync(Brin, Id, HttpContext.RequestAborted);
        Correcties = await corrections.ListAsync(Brin, Id, HttpContext.RequestAborted);
        Weergave = DossierHtmlRenderer.RenderFragment(detail.Dossier, new DossierRenderOptions
        {
            HeadingLevel = 3, IdPrefix = "dossier", AttachmentLink = n => $"/scholen/{Brin}/dossiers/{Id}/bijlagen/{n}",
        });
        OuderAdressen = ParentAddresses.Of(detail.Dossier);
        OptioneleCategorieen = Optional(Sector);
        // the inzage form shows what is recorded, unless it was just posted (then it shows what was typed)
        var inzage = detail.Dossier.Inzage;
        Inzagedatum ??= Dutch.IsoDate(inzage?.Inzagedatum ?? DateOnly.FromDateTime(Amsterdam.Now(time).DateTime));
        Akkoord ??= inzage?.Akkoord?.Value;
        Zienswijze ??= inzage?.Redennietakkoord;
        Toestemming ??= inzage?.Toestemming?.Value;
        return true;
    }
}

/// <summary>The 16 categories in Dutch, for people.</summary>
public static class CategoryNames
{
    /// <summary>The Dutch name of a category.</summary>
    public static string Dutch(Category category) => category switch
    {
        Category.Ouderinzage => "Inzage door ouders",
        Category.Oudersverzorgers => "Ouders en verzorgers",
        Category.Vve => "Voor- en vroegschoolse educatie",
        Category.Schoolloopbaan => "Schoolloopbaan",
        Category.Overstapadvies => "Overstapadvies",
        Category.Onderwijsondersteuning => "Onderwijsondersteuning (zonder handelingsplannen)",
        Category.Verzuim => "Verzuim",
        Category.Eindtoetsbo => "Eindtoets of doorstroomtoets",
        Category.Toetsresultaten => "Toetsresultaten (leerlingvolgsysteem)",
        Category.Handelingsplannen => "Handelingsplannen",
        Category.Cijferlijsten => "Cijferlijsten",
        Category.Vombo => "Resultaten vo richting mbo",
        Category.Bijlagedocs => "Overige bijlagen",
        _ => category.ToString(),
    };
}
