using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Oso.Testing;

namespace Oso.Cli.Tests.Dossiers;

/// <summary><c>oso dossier validate</c>: verdicts, output formats and exit codes as a LAS script or a person relies on them.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private const string Od = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier";

    private readonly string _directory = Directory.CreateTempSubdirectory("oso-validate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Copy(string example, string name)
    {
        var path = Path.Combine(_directory, name);
        File.Copy(StandardFiles.Example(example), path);
        return path;
    }

    // the official example with a birth date that does not exist
    private string Broken(string name)
    {
        var xml = File.ReadAllText(StandardFiles.Example("OV_POVO_full"));
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, Regex.Replace(xml, "<geboortedatum>[^<]*</geboortedatum>", "<geboortedatum>2010-02-30</geboortedatum>"));
        return path;
    }

    [Fact]
    public async Task A_directory_of_valid_dossiers_gives_one_json_line_per_file_in_name_order_and_exit_0()
    {
        Copy("OV_VOVO_full", "b.xml");
        Copy("OV_POVO_full", "a.xml");
        Directory.CreateDirectory(Path.Combine(_directory, "sub"));
        Copy("PaO_POSWV_opt_out", Path.Combine("sub", "c.xml"));

        var (code, output, error) = await CliRunner.RunAsync("dossier", "validate", "--json", _directory);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["a.xml", "b.xml", "c.xml"], lines.Select(l => Path.GetFileName(l.GetProperty("file").GetString())));
        Assert.All(lines, l => Assert.True(l.GetProperty("valid").GetBoolean()));
        // the official examples draw warnings from our extra checks (their attachments are no ZIP files), no errors
        Assert.All(lines, l => Assert.All(l.GetProperty("meldingen").EnumerateArray(), m => Assert.Equal("Waarschuwing", m.GetProperty("type").GetString())));
    }

    [Fact]
    public async Task An_invalid_dossier_is_reported_with_code_location_line_and_Dutch_text_and_exit_1()
    {
        var path = Broken("kapot.xml");

        var (code, output, _) = await CliRunner.RunAsync("dossier", "validate", "--json", path);

        Assert.Equal(1, code);
        var line = JsonDocument.Parse(output).RootElement;
        Assert.False(line.GetProperty("valid").GetBoolean());
        var melding = line.GetProperty("meldingen").EnumerateArray().First(m => m.GetProperty("code").GetString() == "XSD.WaardeOngeldig");
        Assert.Equal("Fout", melding.GetProperty("type").GetString());
        Assert.Equal("/dossier[1]/huidigeschool[1]/leerling[1]/geboortedatum[1]", melding.GetProperty("locatie").GetString());
        Assert.True(melding.GetProperty("regel").GetInt32() > 1);
        Assert.True(melding.GetProperty("kolom").GetInt32() > 1);
        Assert.Contains("geboortedatum", melding.GetProperty("tekst").GetString());
    }

    [Fact]
    public async Task Text_output_names_each_file_with_its_verdict_and_ends_with_a_summary()
    {
        Copy("OV_BB_full", "goed.xml");
        Broken("fout.xml");

        var (code, output, _) = await CliRunner.RunAsync("dossier", "validate", _directory);

        Assert.Equal(1, code);
        Assert.Contains("GELDIG    " + Path.Combine(_directory, "goed.xml"), output);
        Assert.Contains("ONGELDIG  " + Path.Combine(_directory, "fout.xml"), output);
        Assert.EndsWith("2 bestanden: 1 geldig, 1 ongeldig." + Environment.NewLine, output);
    }

    [Fact]
    public async Task The_meldingen_format_is_the_official_validators_document()
    {
        var path = Broken("kapot.xml");

        var (code, output, _) = await CliRunner.RunAsync("dossier", "validate", "--format", "meldingen", path);

        Assert.Equal(1, code);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", output); // what is written is UTF-8
        using var reader = XmlReader.Create(new StringReader(output), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        var meldingen = XDocument.Load(reader).Root!;
        XNamespace ns = "http://www.edustandaard.nl/oso_gegevensset/2019/schemas/Meldingen";
        Assert.Equal(ns + "meldingen", meldingen.Name);
        Assert.Contains(meldingen.Elements(ns + "melding"), m => (string?)m.Element(ns + "locatie") == "/dossier[1]/huidigeschool[1]/leerling[1]/geboortedatum[1]");
    }

    [Fact]
    public async Task A_file_that_is_not_XML_is_invalid_with_a_located_message_and_nothing_quoted()
    {
        var path = Path.Combine(_directory, "geen-xml.xml");
        File.WriteAllText(path, $"<dossier xmlns=\"{Od}\"><metadata>123456782</dossier>");

        var (code, output, _) = await CliRunner.RunAsync("dossier", "validate", "--json", path);

        Assert.Equal(1, code);
        // what was read before the break is judged too; the break itself comes last, located
        var melding = JsonDocument.Parse(output).RootElement.GetProperty("meldingen").EnumerateArray().Last();
        Assert.Equal("XML.NietWelgevormd", melding.GetProperty("code").GetString());
        Assert.Equal(1, melding.GetProperty("regel").GetInt32());
        Assert.Equal(95, melding.GetProperty("kolom").GetInt32());
        Assert.DoesNotContain("123456782", output);
    }

    [Fact]
    public async Task A_missing_path_is_a_usage_error_with_exit_2()
    {
        var (code, _, error) = await CliRunner.RunAsync("dossier", "validate", Path.Combine(_directory, "bestaat-niet.xml"));

        Assert.Equal(2, code);
        Assert.Contains("bestaat niet", error);
    }
}
