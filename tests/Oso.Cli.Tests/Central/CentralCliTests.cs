using System.CommandLine;
using Oso.Testing;

namespace Oso.Cli.Tests.Central;

/// <summary><c>oso central …</c>: help everywhere, Dutch errors, exit codes 0/1/2.</summary>
public sealed class CentralCliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "oso-cli-central-" + Guid.NewGuid().ToString("N")[..10]);

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        using var output = new StringWriter();
        var root = Cli.Central.CentralCommand.Create(CliContext.Capture(output, output));
        void Walk(Command c, string path)
        {
            data.Add(path);
            foreach (var sub in c.Subcommands) Walk(sub, path + " " + sub.Name);
        }
        Walk(root, "central");
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_central_command_has_help(string command)
    {
        var (code, output, _) = await CliRunner.RunAsync([.. command.Split(' '), "--help"]);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Gebruik:", output);
    }

    [Fact]
    public async Task An_invalid_brin_is_a_usage_error_in_dutch()
    {
        var (code, _, error) = await CliRunner.RunAsync("central", "school", "add", "--data", _data, "--brin", "12ab", "--naam", "X", "--sector", "PO", "--bestuur", "b");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("is geen BRIN-nummer", error);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("central", "board", "add", "--data", _data, "--id", "b1");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--naam", error);
    }

    [Fact]
    public async Task A_school_under_an_unknown_board_fails_with_exit_code_1()
    {
        var (code, _, error) = await CliRunner.RunAsync("central", "school", "add", "--data", _data, "--brin", "12AB", "--naam", "X", "--sector", "PO", "--bestuur", "onbekend");
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("Bestuur 'onbekend' bestaat niet", error);
    }

    [Fact]
    public async Task Json_output_is_one_json_document()
    {
        var (code, output, _) = await CliRunner.RunAsync("central", "board", "add", "--data", _data, "--id", "b1", "--naam", "Stichting", "--json");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("Stichting", System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("naam").GetString());
    }

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
