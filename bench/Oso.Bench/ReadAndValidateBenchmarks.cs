using System.Xml;
using System.Xml.Schema;
using BenchmarkDotNet.Attributes;
using Oso.Dossier;
using Oso.Dossier.Schema;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Bench;

/// <summary>
/// Issue 2's measure: read + structural validation of the 175 KB official POVO example, side by side with a bare
/// XmlReader pass over the same bytes (the floor) and .NET's XmlSchemaSet validation with the official XSD.
/// </summary>
[MemoryDiagnoser]
public class ReadAndValidateBenchmarks
{
    private byte[] _bytes = [];
    private XmlSchemaSet _schemas = null!;
    private DossierValidator _validator = null!;

    [Params("Voorbeelddossier_OV_POVO_full.xml")]
    public string File { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _bytes = System.IO.File.ReadAllBytes(BenchFiles.Example(File));
        _schemas = new XmlSchemaSet { XmlResolver = null };
        using (var r = XmlReader.Create(BenchFiles.Xsd, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit })) _schemas.Add(null, r);
        _schemas.Compile();
        _validator = new DossierValidator();
    }

    [Benchmark(Baseline = true, Description = "bare XmlReader pass")]
    public int BareXmlReader()
    {
        using var reader = XmlReader.Create(new MemoryStream(_bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var n = 0;
        while (reader.Read()) n++;
        return n;
    }

    [Benchmark(Description = "OpenOSO read + structural validation (tree)")]
    public bool OsoStructural() => SchemaValidatingReader.Read(new MemoryStream(_bytes), Gegevensset2019.Schema).StructurallyValid;

    [Benchmark(Description = "OpenOSO validate (DossierValidator)")]
    public bool OsoValidate() => _validator.Validate(new MemoryStream(_bytes)).Valid;

    [Benchmark(Description = "OpenOSO read into typed model")]
    public bool OsoReadModel() => DossierReader.Read(new MemoryStream(_bytes)).Success;

    [Benchmark(Description = "XmlSchemaSet validation (official XSD)")]
    public int XmlSchemaSetValidation()
    {
        var errors = 0;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, ValidationType = ValidationType.Schema, Schemas = _schemas };
        settings.ValidationEventHandler += (_, _) => errors++;
        using var reader = XmlReader.Create(new MemoryStream(_bytes), settings);
        while (reader.Read()) { }
        return errors;
    }
}
