using Microsoft.AspNetCore.Mvc;
using Oso.Dossier.Rendering;

namespace Oso.School.Portal;

/// <summary>
/// The dossier as a PDF to print (parent meetings, the archive), for the staff pages and the parents' page: the same
/// content as the view on the page, served as an attachment. The caller loads the dossier through the same audited
/// call as its view, so a download is recorded like a view.
/// </summary>
internal static class PdfDownload
{
    public static FileContentResult For(Oso.Dossier.Model.Dossier dossier) =>
        new(DossierPdfRenderer.Render(dossier), "application/pdf") { FileDownloadName = "overstapdossier.pdf" };
}
