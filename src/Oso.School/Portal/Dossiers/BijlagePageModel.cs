using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Oso.Dossier.Model;
using Oso.School.Audit;
using Oso.School.Storage;

namespace Oso.School.Portal.Dossiers;

/// <summary>
/// Opens one attachment of a dossier for staff of the school that holds it (a pupil's draft as bron, or a dossier
/// received as doel): every opening is audited; the file is served as a download (<c>Content-Disposition: attachment</c>)
/// with a content type decided from its bytes, <c>nosniff</c>, and a sandboxing CSP, so nothing in it runs in the
/// portal's origin. An attachment holding several files gets a page listing them.
/// </summary>
public abstract class BijlagePageModel(SchoolStore store, AuditLog audit) : PortalPageModel
{
    /// <summary>The dossier's id in the address (pupil or received dossier).</summary>
    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    /// <summary>The attachment's position in the dossier (<see cref="DossierAttachments.All"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "n")]
    public int N { get; set; }

    /// <summary>The file in the attachment, when it holds several.</summary>
    [BindProperty(SupportsGet = true, Name = "bestand")]
    public int? Bestand { get; set; }

    /// <summary>The attachment's name and what it belongs to.</summary>
    public (string Naam, string Context) Bijlage { get; private set; }

    /// <summary>Its files (when it holds several).</summary>
    public IReadOnlyList<AttachmentFile> Bestanden { get; private set; } = [];

    /// <summary>Why it cannot be opened, if so.</summary>
    public string? Fout { get; private set; }

    /// <summary>The page the dossier is on.</summary>
    public abstract string Terug { get; }

    /// <inheritdoc />
    protected override string Titel => "Bijlage";

    /// <summary>The dossier and the internal id its audit records name (pupil or aanmelding), or null when the school has no such dossier.</summary>
    protected abstract Task<(Dossier.Model.Dossier Dossier, string PupilRef)?> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Serves the file (or the list of files).</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        var loaded = await LoadAsync(HttpContext.RequestAborted);
        if (loaded is not { } l) return NotFound();
        var all = DossierAttachments.All(l.Dossier.Huidigeschool.Leerling);
        if (N < 0 || N >= all.Count) return NotFound();
        var (document, context) = all[N];
        Bijlage = (document.Bestandsnaam, context);
        var (files, error) = AttachmentFiles.List(document);
        Bestanden = files;
        Fout = error;
        if (error is not null || (Bestand is null && files.Count > 1)) return Page();
        var (content, name, mediaType, openError) = AttachmentFiles.Open(document, Bestand ?? 0);
        if (content is null)
        {
            Fout = openError;
            return Page();
        }
        await store.WriteAsync(db => audit.RecordAsync(db, Brin, Staff.Actor, "bijlage.geopend", "Een medewerker opent een bijlage van het overstapdossier.",
            l.PupilRef, $"bijlage={N};bestand={Bestand ?? 0};type={mediaType.Split(';')[0]}", HttpContext.RequestAborted), HttpContext.RequestAborted);
        var headers = Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.ContentSecurityPolicy] = "sandbox; default-src 'none'";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(name);
        headers[HeaderNames.ContentDisposition] = disposition.ToString();
        return new FileContentResult(content, mediaType);
    }
}
