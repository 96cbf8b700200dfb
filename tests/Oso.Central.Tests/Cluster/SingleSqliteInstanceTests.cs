using Oso.Central.Tests.Infrastructure;

namespace Oso.Central.Tests.Cluster;

/// <summary>SQLite is for one running Central: a second one on the same data is refused in Dutch, and may start once the first stopped.</summary>
public sealed class SingleSqliteInstanceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "oso-central-lock-" + Guid.NewGuid().ToString("N")[..10]);

    private CentralOptions Options => new() { DataDirectory = _dir, PortalPort = 0, ProtocolPort = 0, Logging = _ => { } };

    [Fact]
    public async Task A_second_Central_on_the_same_SQLite_file_is_refused_while_the_first_runs()
    {
        var first = await CentralHost.StartAsync(Options, Tc.Ct);
        try
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => CentralHost.StartAsync(Options, Tc.Ct));
            Assert.Contains("Er draait al een Central op de SQLite-database", refused.Message, StringComparison.Ordinal);
            Assert.Contains("PostgreSQL", refused.Message, StringComparison.Ordinal);
            // the first one is untouched: it still answers
            Assert.True((await first.Admin.AddSystemAsync(new Register.NieuwSysteem("las-na-weigering", "LAS", "Leverancier"))).Gelukt);
        }
        finally
        {
            await first.DisposeAsync();
        }
        // stopped (or killed: the lock is the process's) — the next one starts
        await using var second = await CentralHost.StartAsync(Options, Tc.Ct);
        Assert.True((await second.Admin.SystemAsync("las-na-weigering")).Gelukt);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
