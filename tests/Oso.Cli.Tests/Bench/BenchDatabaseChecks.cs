using System.Text.RegularExpressions;
using Npgsql;

namespace Oso.Cli.Tests.Bench;

/// <summary>What a bench run on PostgreSQL (<c>--database</c>) must leave behind: none of the databases it made.</summary>
internal static partial class BenchDatabaseChecks
{
    /// <summary>Finds the two database names the run printed on standard error and asserts both are gone from <paramref name="server"/>.</summary>
    public static async Task AssertNoneLeftAsync(string server, string standardError, CancellationToken ct)
    {
        var names = BenchDatabaseNames().Match(standardError);
        Assert.True(names.Success, standardError);
        await using var connection = new NpgsqlConnection(server + ";Database=postgres;Pooling=false");
        await connection.OpenAsync(ct);
        await using var left = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @central OR datname = @school", connection);
        left.Parameters.AddWithValue("central", names.Groups[1].Value);
        left.Parameters.AddWithValue("school", names.Groups[2].Value);
        Assert.Equal(0L, (long)(await left.ExecuteScalarAsync(ct))!);
    }

    [GeneratedRegex(@"Central in database (oso_bench_central_\w+), de School-node in (oso_bench_school_\w+)")]
    private static partial Regex BenchDatabaseNames();
}
