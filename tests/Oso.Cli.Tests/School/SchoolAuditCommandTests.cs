using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Oso.Cli.Tests.Central;

namespace Oso.Cli.Tests.School;

/// <summary><c>oso school audit</c>: a privacy officer checks the audit chain and reads who did what, from the command line.</summary>
public sealed class SchoolAuditCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("oso-school-audit-").FullName;

    private string Data => Path.Combine(_root, "school");

    private string Key
    {
        get
        {
            var path = Path.Combine(_root, "master.key");
            if (!File.Exists(path)) File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            return path;
        }
    }

    private Task<(int Code, string Out, string Error)> School(params string[] args) =>
        CliRunner.RunAsync(["school", .. args, "--data", Data, "--master-key-file", Key]);

    private async Task TwoSchoolsAsync()
    {
        foreach (var step in new[]
        {
            new[] { "add", "12AB", "--naam", "De Regenboog", "--sector", "PO" },
            ["add", "34CD", "--naam", "Het Lyceum", "--sector", "VO"],
            ["aanleverpunt", "add", "12AB", "0000000700012AB00001"],
            ["las", "add", "12AB", "--naam", "Voorbeeld-LAS"],
        })
        {
            var (code, _, error) = await School(step);
            Assert.True(code == ExitCodes.Ok, error);
        }
    }

    [Fact]
    public async Task An_untouched_log_verifies_and_a_changed_record_is_reported_with_its_number_and_exit_code_1()
    {
        await TwoSchoolsAsync();

        var (code, output, _) = await School("audit", "verify");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("12AB  in orde: 3 regels, keten onbroken.", output);
        Assert.Contains("34CD  in orde: 1 regels, keten onbroken.", output);

        // someone with access to the database file rewrites why the second record was made
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "school.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE \"Audit\" SET \"Purpose\" = 'niets aan de hand' WHERE \"Brin\" = '12AB' AND \"Sequence\" = 2";
            Assert.Equal(1, await update.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        var (broken, brokenOutput, _) = await School("audit", "verify", "12AB", "--json");
        Assert.Equal(ExitCodes.Failed, broken);
        var chain = Assert.Single(JsonDocument.Parse(brokenOutput).RootElement.EnumerateArray());
        Assert.Equal("12AB", chain.GetProperty("brin").GetString());
        Assert.False(chain.GetProperty("intact").GetBoolean());
        Assert.Equal(2, chain.GetProperty("eersteGebrokenRegel").GetInt64());
        var (_, text, _) = await School("audit", "verify", "12AB");
        Assert.Contains("GEBROKEN bij regel 2 (van 3)", text);
    }

    [Fact]
    public async Task The_trail_lists_a_school_s_records_newest_first_and_refuses_an_unknown_school()
    {
        await TwoSchoolsAsync();

        var (code, output, error) = await School("audit", "show", "12AB", "--json");
        Assert.True(code == ExitCodes.Ok, error);
        var actions = JsonDocument.Parse(output).RootElement.EnumerateArray().Select(e => e.GetProperty("actie").GetString()).ToList();
        Assert.Equal(["las.gekoppeld", "aanleverpunt.toegevoegd", "school.toegevoegd"], actions);

        var (limited, limitedOutput, _) = await School("audit", "show", "12AB", "--max", "1");
        Assert.Equal(ExitCodes.Ok, limited);
        Assert.Contains("las.gekoppeld", limitedOutput);
        Assert.DoesNotContain("school.toegevoegd", limitedOutput);

        var (none, noneOutput, _) = await School("audit", "show", "12AB", "--leerling", Guid.NewGuid().ToString());
        Assert.Equal(ExitCodes.Ok, none);
        Assert.Contains("Geen regels gevonden.", noneOutput);

        var (unknown, _, unknownError) = await School("audit", "show", "93XX");
        Assert.Equal(ExitCodes.Failed, unknown);
        Assert.Contains("School 93XX is niet bekend op deze node", unknownError);
        var (unknownVerify, _, verifyError) = await School("audit", "verify", "93XX");
        Assert.Equal(ExitCodes.Failed, unknownVerify);
        Assert.Contains("School 93XX is niet bekend op deze node", verifyError);
    }

    [Fact]
    public async Task Anchor_queues_the_anchoring_for_the_running_node_and_verify_says_when_it_cannot_check_the_anchors()
    {
        await TwoSchoolsAsync();

        var (code, output, error) = await School("audit", "anchor");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("Verankering ingepland", output);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(Data, "school.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM \"Outbox\" WHERE \"Kind\" = 'audit.verankeren' AND \"CompletedAt\" IS NULL";
            Assert.Equal(1L, (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
        }

        // without the node's certificates the anchors cannot be checked: said, and the chain check alone decides
        (code, output, _) = await School("audit", "verify", "12AB");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("12AB  in orde: 3 regels, keten onbroken.", output);
        Assert.Contains("Verankering niet gecontroleerd", output);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a pooled connection may still hold the file briefly; the temp directory is cleaned up by the OS
        }
    }
}
