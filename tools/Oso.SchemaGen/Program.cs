using System.Xml;
using System.Xml.Schema;
using Oso.SchemaGen;

// Usage: dotnet run --project tools/Oso.SchemaGen -- PATH/TO/OSO_gegevensset.xsd [OUTPUT_ROOT]
// Writes src/Oso.Dossier/Schema/Gegevensset2019.g.cs and src/Oso.Dossier/Model/*.g.cs under OUTPUT_ROOT
// (default: the repository root).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Oso.SchemaGen OSO_gegevensset.xsd [repository-root]");
    return 2;
}
var xsd = Path.GetFullPath(args[0]);
var root = args.Length > 1 ? args[1] : FindRoot();

var set = new XmlSchemaSet { XmlResolver = null };
using (var reader = XmlReader.Create(xsd, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
    set.Add(null, reader);
set.Compile();
var schema = set.Schemas().Cast<XmlSchema>().Single();

var simple = new SimpleTypes();
var schemaCode = new SchemaEmitter(schema, simple).Emit();
var model = new ModelBuilder(schema, simple);
model.Build();

Write(Path.Combine(root, "src/Oso.Dossier/Schema/Gegevensset2019.g.cs"), schemaCode);
Write(Path.Combine(root, "src/Oso.Dossier/Model/Gegevensset.g.cs"), new ModelEmitter(model).EmitRecords());
Write(Path.Combine(root, "src/Oso.Dossier/Model/ModelReader.g.cs"), new ModelEmitter(model).EmitReader());
Write(Path.Combine(root, "src/Oso.Dossier/Model/ModelWriter.g.cs"), new ModelEmitter(model).EmitWriter());
return 0;

static void Write(string path, string text)
{
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    Console.WriteLine($"wrote {path} ({text.Length:N0} chars)");
}

static string FindRoot()
{
    for (var d = new DirectoryInfo(Environment.CurrentDirectory); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "OpenOso.slnx"))) return d.FullName;
    throw new InvalidOperationException("run inside the repository");
}
