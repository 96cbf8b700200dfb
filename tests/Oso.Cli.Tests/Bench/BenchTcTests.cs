using System.Text.Json;
using Oso.Testing;

namespace Oso.Cli.Tests.Bench;

public sealed class BenchTcTests
{
    [Fact]
    public async Task A_small_run_completes_every_session_and_names_the_three_calls()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "tc", "--count", "20", "--concurrency", "4", "--json"], CliContext.Capture(output, error));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal(4, root.GetProperty("concurrency").GetInt32());
        Assert.Equal(20, root.GetProperty("sessions").GetProperty("count").GetInt32());
        Assert.Equal(0, root.GetProperty("sessions").GetProperty("failures").GetInt32());
        Assert.True(root.GetProperty("sessions").GetProperty("perSecond").GetDouble() > 0);
        // the cost of a session in the measured part: three calls over TLS with a transaction each cannot be free
        Assert.True(root.GetProperty("sessions").GetProperty("cpuMsPerOp").GetDouble() > 0);
        Assert.True(root.GetProperty("sessions").GetProperty("allocatedKbPerOp").GetDouble() > 10);
        Assert.Equal(3, root.GetProperty("sessions").GetProperty("collections").GetArrayLength());
        var calls = root.GetProperty("calls").EnumerateArray().Select(s => s.GetProperty("stap").GetString()).ToList();
        Assert.Equal(["afmelding", "overdracht", "sessiecontrole"], calls);
        Assert.Contains("sessies (overdracht, sessiecontrole, afmelding) bij het Traffic Center", error.ToString());
        Assert.Equal("SQLite", root.GetProperty("database").GetString());
    }

    [Fact]
    public async Task On_PostgreSQL_the_run_names_the_engine_completes_every_session_and_drops_its_databases_afterwards()
    {
        var server = TestDatabase.RequirePostgres();
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "tc", "--count", "20", "--concurrency", "4", "--database", server, "--json"], CliContext.Capture(output, error));

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("PostgreSQL", root.GetProperty("database").GetString());
        Assert.Equal(20, root.GetProperty("sessions").GetProperty("count").GetInt32());
        Assert.Equal(0, root.GetProperty("sessions").GetProperty("failures").GetInt32());
        await BenchDatabaseChecks.AssertNoneLeftAsync(server, error.ToString(), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("Username=oso;Password=geheim", "--database noemt geen server")]
    [InlineData("Host", "--database is geen geldige PostgreSQL-verbinding")]
    public async Task A_bad_database_is_refused_with_a_clear_message_before_anything_starts(string value, string message)
    {
        var error = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "tc", "--count", "1", "--database", value], CliContext.Capture(new StringWriter(), error));

        Assert.NotEqual(0, code);
        Assert.Contains(message, error.ToString());
        Assert.DoesNotContain("Opwarmen", error.ToString());
    }

    [Fact]
    public async Task A_concurrency_below_one_is_refused_with_a_clear_message()
    {
        var error = new StringWriter();

        var code = await OsoCli.RunAsync(["bench", "tc", "--concurrency", "0"], CliContext.Capture(new StringWriter(), error));

        Assert.NotEqual(0, code);
        Assert.Contains("--count en --concurrency zijn minstens 1", error.ToString());
    }
}
