using System.Text.Json;

namespace Oso.Cli.Tests.Bench;

public sealed class BenchTransferTests
{
    [Fact]
    public async Task A_small_run_transfers_every_dossier_of_about_the_asked_size_and_says_where_the_time_went()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "transfer", "--count", "4", "--concurrency", "2", "--size-kb", "60", "--json"], CliContext.Capture(output, error));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.InRange(root.GetProperty("dossierBytes").GetInt32(), 60 * 1024 * 85 / 100, 60 * 1024 * 115 / 100);
        Assert.Equal(4, root.GetProperty("transfers").GetProperty("count").GetInt32());
        Assert.Equal(0, root.GetProperty("transfers").GetProperty("failures").GetInt32());
        Assert.Equal(4, root.GetProperty("echo").GetProperty("count").GetInt32());
        Assert.Equal(0, root.GetProperty("echo").GetProperty("failures").GetInt32());
        Assert.True(root.GetProperty("ratio").GetDouble() > 0);
        var steps = root.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("stap").GetString()).ToList();
        Assert.Equal(["Sessie bij het Traffic Center", "Dossier opvragen", "Afmelding"], steps);
        Assert.Contains("overdrachten over het volledige protocol", error.ToString());
    }

    [Fact]
    public async Task A_count_below_one_is_refused_with_a_clear_message()
    {
        var error = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "transfer", "--count", "0"], CliContext.Capture(new StringWriter(), error));

        Assert.NotEqual(0, code);
        Assert.Contains("--count en --concurrency zijn minstens 1", error.ToString());
    }
}
