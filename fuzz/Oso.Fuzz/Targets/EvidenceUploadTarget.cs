using System.Text;
using Microsoft.Net.Http.Headers;
using Oso.Central;
using Oso.Central.Qualification;

namespace Oso.Fuzz.Targets;

/// <summary>
/// Central's evidence upload (<c>POST /api/mijnoso/kwalificatie/{item}/document</c> and the Mijn OSO form): the input is
/// the uploaded file's name (up to the first line feed) and its content. <see cref="CentralAdmin.CheckDocument"/> checks
/// the item, the size and the kind by content (<see cref="Bestandstype"/>) and cleans the name; an accepted name must
/// then serve as the download's Content-Disposition. Documented refusal: a <see cref="Fout"/>.
/// </summary>
internal sealed class EvidenceUploadTarget : FuzzTarget
{
    private static readonly string Item = Handboek.Items.First(i => i.Bewijs.HasFlag(BewijsSoort.Document)).Code;

    public override string Name => "evidence-upload";

    public override string Description => "Central's evidence upload: CheckDocument (item, size, Bestandstype by content, the kept name)";

    public override string Dictionary => "upload";

    public override void Run(byte[] input)
    {
        var newline = Array.IndexOf(input, (byte)'\n');
        var name = newline < 0 ? null : Encoding.UTF8.GetString(input, 0, newline);
        var content = newline < 0 ? input : input[(newline + 1)..];
        var check = CentralAdmin.CheckDocument(Item, name, content);
        if (!check.Gelukt) return;
        var kept = check.Waarde.Bestandsnaam;
        if (kept.Length is 0 or > 200 || kept.Any(char.IsControl) || kept.Contains('/', StringComparison.Ordinal))
            throw new FuzzFinding($"The kept file name is not safe: length {kept.Length}.");
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(kept);
        _ = disposition.ToString();
    }

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds(SeedSources sources)
    {
        byte[] Upload(string name, byte[] content) => [.. Encoding.UTF8.GetBytes(name + "\n"), .. content];
        yield return ("pdf", Upload("verklaring.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n%%EOF\n")));
        yield return ("png", Upload("scherm.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
        yield return ("jpeg", Upload("foto.JPG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46]));
        yield return ("docx", Upload("../../etc/plan van aanpak.docx", [0x50, 0x4B, 0x03, 0x04, 20, 0, 6, 0]));
        yield return ("odt", Upload("C:\\Users\\x\\verslag.odt", [0x50, 0x4B, 0x03, 0x04, 10, 0]));
        yield return ("geen-naam", Encoding.ASCII.GetBytes("%PDF-1.4 zonder naam"));
        yield return ("exe", Upload("setup.pdf", Encoding.ASCII.GetBytes("MZ\u0090\0")));
    }
}
