using Oso.Testing;

namespace Oso.Cli.Tests.Dossiers;

public sealed class RenderCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oso-render-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Rendering_to_standard_output_prints_the_page_and_exits_0()
    {
        var (code, output, error) = await CliRunner.RunAsync("dossier", "render", StandardFiles.Example("OV_POVO_full"));

        Assert.Equal(0, code);
        Assert.StartsWith("<!DOCTYPE html>", output);
        Assert.Contains("Daan van de Berg", output);
        Assert.Contains("*****6728", output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Rendering_to_a_file_writes_it_whole_and_leaves_no_temporary_file()
    {
        var target = Path.Combine(_directory, "dossier.html");
        File.WriteAllText(target, "old");

        var (code, output, error) = await CliRunner.RunAsync("dossier", "render", StandardFiles.Example("OV_VOVO_full"), "-o", target, "--show-pgn");

        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.Contains("Geschreven: " + target, error);
        var page = File.ReadAllText(target);
        Assert.EndsWith("</html>\n", page);
        Assert.Equal(["dossier.html"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Format_pdf_writes_a_tagged_PDF_with_the_pupil_and_the_labels()
    {
        var target = Path.Combine(_directory, "dossier.pdf");

        var (code, output, error) = await CliRunner.RunAsync("dossier", "render", StandardFiles.Example("OV_POVO_full"), "--format", "pdf", "-o", target);

        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.Contains("Geschreven: " + target, error);
        var pdf = File.ReadAllBytes(target);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        Assert.Equal("yes", PdfTools.Info(pdf)["Tagged"]);
        var text = PdfTools.Text(pdf);
        Assert.Contains("Daan van de Berg", text);
        Assert.Contains("Geboortedatum", text);
        Assert.Contains("*****6728", text);
        Assert.Equal(["dossier.pdf"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("--format", "pdf")]
    [InlineData("--format", "pdf", "--fragment", "-o", "x.pdf")]
    [InlineData("--format", "doc")]
    public async Task A_PDF_needs_a_file_and_no_fragment_and_other_formats_are_refused_in_Dutch(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(["dossier", "render", StandardFiles.Example("OV_POVO_full"), .. args]);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("oso: ", error);
        Assert.DoesNotContain("Unrecognized", error);
        Assert.DoesNotContain("Argument '", error);
    }

    [Fact]
    public async Task The_fragment_option_prints_only_the_article()
    {
        var (code, output, _) = await CliRunner.RunAsync("dossier", "render", "--fragment", StandardFiles.Example("PaO_POSWV_full"));

        Assert.Equal(0, code);
        Assert.StartsWith("<article class=\"oso-dossier\" lang=\"nl\"", output);
        Assert.DoesNotContain("<html", output);
    }

    [Fact]
    public async Task A_file_that_is_not_a_dossier_gives_a_Dutch_error_and_exit_code_1()
    {
        var path = Path.Combine(_directory, "kapot.xml");
        File.WriteAllText(path, "<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><metadata/></dossier>");

        var (code, output, error) = await CliRunner.RunAsync("dossier", "render", path);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("is geen geldig overstapdossier", error);
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("dossier", "render", Path.Combine(_directory, "bestaat-niet.xml"));

        Assert.Equal(2, code);
        Assert.Contains("bestaat niet", error);
    }
}
