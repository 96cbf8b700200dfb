using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Oso.Hosting.Http;
using Oso.School.Storage;
using Oso.School.Tests.Portal;
using DatabaseProvider = Oso.Testing.DatabaseProvider;

namespace Oso.School.Tests.Storage;

/// <summary>
/// An instance whose database connections are all in use answers what a LAS or a browser can act on: 503 with
/// Retry-After and a Dutch "tijdelijk te druk" — not a 500 — and logs it as overload, without pupil data. Driven with
/// the real thing: a node on PostgreSQL with a connection pool of two and a pool timeout of 1 s, both connections held.
/// </summary>
public sealed class DatabaseBusyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_that_gets_no_connection_from_the_exhausted_pool_is_answered_503_with_Retry_After()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Postgres,
            configure: o => o with { Database = o.Database + ";Maximum Pool Size=2;Timeout=1" });
        var pupil = await node.DeliverAsync(PortalNode.Po, "geen-inzage");
        var (_, key) = await node.Node.Admin.CreateLasClientAsync(PortalNode.Po, "LAS van de school", cancellationToken: Ct);
        using var staff = node.Client();
        await node.SignInAsync(staff, PortalNode.PoMedewerker);
        using var api = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator, // the node's development certificate
        }) { BaseAddress = node.Node.PortalUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var listPath = $"/api/v1/scholen/{PortalNode.Po}/ontvangen";
        using (var before = await api.GetAsync(listPath, Ct))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // with connections free the same request works

        var logStart = node.Logs.Lines.Count;
        var held = new List<SchoolDbContext>();
        try
        {
            // take both connections of the node's own pool and keep them
            for (var i = 0; i < 2; i++)
            {
                var db = node.Get<SchoolStore>().Read();
                held.Add(db);
                await db.Database.OpenConnectionAsync(Ct);
            }

            using var busy = await api.GetAsync(listPath, Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseBusy.RetryAfterSeconds), busy.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
            var problem = JsonSerializer.Deserialize<JsonElement>(await busy.Content.ReadAsStringAsync(Ct));
            Assert.Equal("Tijdelijk te druk", problem.GetProperty("title").GetString());
            Assert.Contains($"tijdelijk te druk, probeer het over {DatabaseBusy.RetryAfterSeconds} s opnieuw", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(DatabaseBusy.RetryAfterSeconds, problem.GetProperty("opnieuwNaSeconden").GetInt32());

            // a portal page: the same answer as a Dutch page
            var page = await staff.DownloadAsync($"/scholen/{PortalNode.Po}/dossiers/{pupil}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseBusy.RetryAfterSeconds), page.Headers.RetryAfter?.Delta);
            var html = System.Text.Encoding.UTF8.GetString(page.Body);
            Assert.Contains("Tijdelijk te druk", html, StringComparison.Ordinal);
            Assert.Contains($"probeer het over {DatabaseBusy.RetryAfterSeconds} s opnieuw", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Tess", html, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var db in held) await db.DisposeAsync();
        }

        // logged as overload (a warning naming the endpoint and "pool uitgeput"), not as an unhandled error, and without pupil data
        var logged = node.Logs.Lines.Skip(logStart).ToList();
        Assert.Contains(logged, l => l.Contains("Geen databaseverbinding op tijd (PostgreSQL: pool uitgeput)", StringComparison.Ordinal) && l.Contains("/ontvangen", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logged, l => l.Contains("Tess", StringComparison.Ordinal) || l.Contains("Meijer", StringComparison.Ordinal));

        // and once the connections are free again, the instance answers as before
        using var after = await api.GetAsync(listPath, Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public void Only_a_connection_that_could_not_be_had_in_time_counts_as_busy()
    {
        Assert.Equal("PostgreSQL: pool uitgeput", DatabaseBusy.Kind(new InvalidOperationException("wrapped",
            new NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 2) or 'Timeout' (currently 1 seconds) in your connection string.", new TimeoutException()))));
        Assert.Equal("SQLite: bezet (5)", DatabaseBusy.Kind(new DbUpdateException("save", new SqliteException("database is locked", 5))));
        Assert.Null(DatabaseBusy.Kind(new SqliteException("constraint failed", 19)));
        Assert.Null(DatabaseBusy.Kind(new NpgsqlException("Exception while reading from stream", new IOException())));
        Assert.Null(DatabaseBusy.Kind(new InvalidOperationException("a bug")));
    }
}
