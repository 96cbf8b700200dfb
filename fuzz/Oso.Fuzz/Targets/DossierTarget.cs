using System.Text;
using Oso.Dossier;
using Oso.Dossier.Validation;

namespace Oso.Fuzz.Targets;

/// <summary>
/// The dossier as a school receives it: <see cref="DossierValidator.Validate(Stream, CancellationToken)"/> (parse with
/// either reader, structure, every official rule, the extra checks) and <see cref="DossierReader.Read(Stream, DossierReaderOptions?, CancellationToken)"/>
/// (into the model). Both promise never to throw on bad input. Invariants: the reader reads a document only when the
/// validator finds no structural error, and what it reads writes back (<see cref="DossierWriter"/>) into a document it
/// reads again.
/// </summary>
internal sealed class DossierTarget : FuzzTarget
{
    private static readonly DossierValidator Validator = new();

    public override string Name => "dossier";

    public override string Description => "DossierValidator + DossierReader (both readers, all rules, the model, write-back)";

    public override string Dictionary => "xml";

    public override void Run(byte[] input)
    {
        var report = Validator.Validate(new MemoryStream(input, writable: false));
        var read = DossierReader.Read(new MemoryStream(input, writable: false));
        if (!read.Success) return;
        if (report.Meldingen.FirstOrDefault(m => m.IsFout && (m.Code.StartsWith("XML.", StringComparison.Ordinal) || m.Code.StartsWith("XSD.", StringComparison.Ordinal))) is { } structural)
            throw new FuzzFinding($"DossierReader read a document in which the validator finds a structural error: {structural}");
        var written = DossierWriter.ToBytes(read.Document!);
        var again = DossierReader.Read(new MemoryStream(written, writable: false));
        if (!again.Success)
            throw new FuzzFinding($"What DossierReader read does not read back after DossierWriter: {string.Join(" | ", again.Meldingen.Take(3))}");
    }

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds(SeedSources sources) => DossierSeeds.All(sources);
}

/// <summary>Seeds for the dossier targets: the official examples (the small opt-out ones whole, the full ones cut down) and small documents.</summary>
internal static class DossierSeeds
{
    public static IEnumerable<(string Name, byte[] Bytes)> All(SeedSources sources)
    {
        foreach (var example in sources.Examples())
        {
            var bytes = File.ReadAllBytes(example);
            // afl works best on small inputs: whole examples up to 20 KB, of the larger ones (embedded attachments) the start
            if (bytes.Length <= 20_000) yield return (Path.GetFileName(example), bytes);
        }
        var dossier = new Dossier.Building.DossierBuilder().Datum(new DateOnly(2026, 3, 20)).Build();
        yield return ("builder-povo.xml", DossierWriter.ToBytes(dossier, indent: false));
        yield return ("builder-povo-indented.xml", DossierWriter.ToBytes(dossier));
        const string Ns = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";
        foreach (var (name, xml) in new[]
        {
            ("terugkoppeling.xml", $"<terugkoppeling xmlns=\"{Ns}\"><metadata/></terugkoppeling>"),
            ("prefixed.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><od:dossier xmlns:od=\"{Ns}\"><!-- c --><od:metadata><od:deeldossier><![CDATA[false]]></od:deeldossier></od:metadata></od:dossier>"),
            ("references.xml", $"<dossier xmlns='{Ns}'><huidigeschool><naam>A &amp; B &#x42; &#66;</naam></huidigeschool><?pi x?></dossier>"),
            ("bom-crlf.xml", $"\uFEFF<?xml version=\"1.0\"?>\r\n<dossiers xmlns=\"{Ns}\">\r\n</dossiers>"),
            ("doctype.xml", $"<!DOCTYPE dossier [<!ENTITY a \"b\">]><dossier xmlns=\"{Ns}\">&a;</dossier>"),
            ("utf16-decl.xml", $"<?xml version=\"1.0\" encoding=\"utf-16\"?><dossier xmlns=\"{Ns}\"/>"),
        })
            yield return (name, Encoding.UTF8.GetBytes(xml));
    }
}
