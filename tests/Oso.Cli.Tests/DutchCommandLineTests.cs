namespace Oso.Cli.Tests;

public sealed class DutchCommandLineTests
{
    private static readonly string[] English =
        ["Usage:", "Options:", "Commands:", "Arguments:", "Description:", "Show help", "Show version", "(REQUIRED)", "[default:", "[options]", "[command]"];

    [Theory]
    [InlineData("--help")]
    [InlineData("dossier --help")]
    [InlineData("dossier validate --help")]
    [InlineData("dossier render --help")]
    [InlineData("dossier generate --help")]
    [InlineData("school --help")]
    [InlineData("school staff --help")]
    [InlineData("central --help")]
    [InlineData("up --help")]
    [InlineData("demo --help")]
    [InlineData("bench --help")]
    public async Task Every_help_page_is_Dutch(string commandLine)
    {
        var (code, output, _) = await CliRunner.RunAsync(commandLine.Split(' '));

        Assert.Equal(0, code);
        Assert.Contains("Gebruik:", output);
        Assert.Contains("Toon deze hulp", output);
        Assert.All(English, word => Assert.DoesNotContain(word, output));
    }

    [Theory]
    [InlineData(new[] { "dossier", "generate", "-o", "x" }, "oso: De optie '--profile' is verplicht.")]
    [InlineData(new[] { "dossier", "generate", "-p", "POVO", "-o", "x", "-n", "abc" }, "oso: 'abc' is geen geldige waarde voor de optie '--count' (verwacht: een geheel getal).")]
    [InlineData(new[] { "dossier", "rendr" }, "oso: Onbekend commando of argument: 'rendr'.")]
    [InlineData(new[] { "dossier", "render" }, "oso: Het argument BESTAND ontbreekt bij het commando 'render'.")]
    public async Task Parse_errors_are_Dutch(string[] args, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Contains("Gebruik 'oso --help' voor de mogelijkheden.", error);
    }

    [Fact]
    public void Every_error_template_of_System_CommandLine_that_users_can_see_has_a_Dutch_text() =>
        // read from the library's own resources: a renamed or reworded template shows here, not in English on a screen
        Assert.Equal(21, DutchCommandLine.TranslatedTemplates.Count);
}
