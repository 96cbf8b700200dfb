using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Oso.Dossier.Model;
using Oso.Dossier.Xml;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Portal;

/// <summary>Staff open a dossier's attachments: as a download with a type from the content, audited each time; nobody else.</summary>
public sealed class AttachmentTests
{
    [Fact]
    public async Task Staff_download_an_attachment_of_their_pupil_with_safe_headers_and_every_opening_is_audited_others_get_nothing()
    {
        await using var node = await StartAsync();
        var html = "<html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();
        var pupil = await node.DeliverAsync(PortalNode.Po, "povo-akkoord", d => d with
        {
            Huidigeschool = d.Huidigeschool with
            {
                Leerling = d.Huidigeschool.Leerling with
                {
                    Onderwijsondersteuning = null, Verzuim = null, EindtoetsBasisonderwijs = null, Toetslijst = [],
                    Overigdocumentlijst = [Document("OPP.pdf", ("OPP.pdf", "%PDF-1.7\nOPP\n%%EOF"u8.ToArray())), Document("verslag.pdf", ("verslag.pdf", html)),
                        Document("twee.zip", ("a.txt", "een"u8.ToArray()), ("b.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2]))],
                },
            },
        });
        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.PoMedewerker);
        var page = await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}");
        Assert.Contains($"href=\"/scholen/{PortalNode.Po}/dossiers/{pupil}/bijlagen/0\"", page.Html);

        var pdf = await staff.DownloadAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}/bijlagen/0");
        Assert.Equal(HttpStatusCode.OK, pdf.Status);
        Assert.Equal("application/pdf", pdf.Content.ContentType!.MediaType);
        Assert.Equal("attachment", pdf.Content.ContentDisposition!.DispositionType);
        Assert.Equal("OPP.pdf", pdf.Content.ContentDisposition.FileNameStar ?? pdf.Content.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal("nosniff", Assert.Single(pdf.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("sandbox", Assert.Single(pdf.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("%PDF-1.7\nOPP\n%%EOF"u8.ToArray(), pdf.Body);

        // HTML named .pdf is served as text, as a download, under a name that says so
        var disguised = await staff.DownloadAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}/bijlagen/1");
        Assert.Equal("text/plain", disguised.Content.ContentType!.MediaType);
        Assert.Equal("verslag.pdf.txt", disguised.Content.ContentDisposition!.FileNameStar);

        // two files in one attachment: a list first, then each
        var list = await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}/bijlagen/2");
        Assert.Contains("bevat 2 bestanden", list.Html);
        Assert.Equal("image/png", (await staff.DownloadAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}/bijlagen/2?bestand=1")).Content.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}/bijlagen/3")).Status);

        await using (var db = node.Get<SchoolStore>().Read())
        {
            var opened = await db.Audit.Where(a => a.Action == "bijlage.geopend").OrderBy(a => a.Sequence).Select(a => a.Detail).ToListAsync();
            Assert.Equal(["bijlage=0;bestand=0;type=application/pdf", "bijlage=1;bestand=0;type=text/plain", "bijlage=2;bestand=1;type=image/png"], opened);
        }

        // the secondary school's staff cannot open the primary school's attachment, nor can anyone signed out
        using var other = node.Client();
        await node.SignInAsync(other, PortalNode.VoMedewerker);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}/bijlagen/0")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/scholen/{PortalNode.Vo}/dossiers/{pupil}/bijlagen/0")).Status);
        using var anonymous = node.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}/bijlagen/0")).Status);
    }

    private static Task<PortalNode> StartAsync() => PortalNode.StartAsync(DatabaseProvider.Sqlite);

    private static Document Document(string name, params (string Name, byte[] Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (file, content) in files)
            {
                using var stream = zip.CreateEntry(file).Open();
                stream.Write(content);
            }
        return new Document { Bestandsnaam = name, Omschrijving = "Test", Bestandsinhoud = Base64Text.Encode(buffer.ToArray()) };
    }
}
