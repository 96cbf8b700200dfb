using System.Xml;
using System.Xml.Linq;
using Oso.Dossier.Rendering;

namespace Oso.Synthetic.Tests;

/// <summary>The renderer over generated dossiers: every profile, with attachments, in both opt-in and opt-out form.</summary>
public sealed class RenderingTests
{
    [Theory]
    [MemberData(nameof(SyntheticDossiersTests.Profiles), MemberType = typeof(SyntheticDossiersTests))]
    public void Every_generated_dossier_renders_with_its_pupil_its_attachments_and_no_base64(string name)
    {
        foreach (var optOut in new[] { false, true })
        {
            foreach (var dossier in SyntheticDossiers.Many(SyntheticDossiersTests.Profile(name), 5, 21, new DateOnly(2026, 5, 20), new SyntheticOptions { AttachmentSize = 40_000, OptOut = optOut }))
            {
                var page = DossierHtmlRenderer.RenderPage(dossier);

                var leerling = dossier.Huidigeschool.Leerling;
                Assert.Contains($"<h1 id=\"oso-titel\">{dossier.Overdrachtsoort.Display}: {leerling.Roepnaam}", page);
                foreach (var document in leerling.Overigdocumentlijst)
                {
                    Assert.Contains($"<th scope=\"row\">{document.Bestandsnaam}</th>", page);
                    Assert.DoesNotContain(document.Bestandsinhoud.ToString()[..32], page);
                }
                if (leerling.Overigdocumentlijst.Count > 0) Assert.Contains("<td>39,1 kB</td>", page);
                if (leerling.Bsn is { } bsn) Assert.DoesNotContain(bsn, page);
                if (dossier.Inzage?.Redennietakkoord is { } reden) Assert.Contains("Ouders zijn het niet eens met het dossier:", page);
                using var reader = XmlReader.Create(new StringReader(page), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
                Assert.Equal("html", XDocument.Load(reader).Root!.Name.LocalName);
            }
        }
    }
}
