using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Oso.Central;
using Oso.Central.Storage;
using Oso.Central.Tests.Infrastructure;
using Oso.Hosting.Http;
using Oso.Testing;

namespace Oso.Central.Tests.Api;

/// <summary>
/// Central on PostgreSQL with a connection pool of two and a pool timeout of 1 s, both connections held: a request to
/// the management API gets 503 with Retry-After and a Dutch "tijdelijk te druk" problem (not 500), logged as a warning.
/// </summary>
public sealed class DatabaseBusyTests(DatabaseBusyTests.TinyPoolCentral f) : IClassFixture<DatabaseBusyTests.TinyPoolCentral>
{
    [Fact]
    public async Task A_request_that_gets_no_connection_from_the_exhausted_pool_is_answered_503_with_Retry_After()
    {
        TestDatabase.RequirePostgres();
        var ct = TestContext.Current.CancellationToken;
        var api = ApiClient.For(f).Http;
        var signIn = new { email = "niemand@example.org", wachtwoord = "geen wachtwoord", code = "000000" };
        using (var before = await api.PostAsJsonAsync("/api/account/inloggen", signIn, ct))
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, before.StatusCode); // with connections free: an ordinary refusal

        var logStart = f.Logs.Lines.Count;
        var factory = f.Services!.GetRequiredService<IDbContextFactory<CentralDb>>();
        var held = new List<CentralDb>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var db = await factory.CreateDbContextAsync(ct);
                held.Add(db);
                await db.Database.OpenConnectionAsync(ct);
            }
            using var busy = await api.PostAsJsonAsync("/api/account/inloggen", signIn, ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseBusy.RetryAfterSeconds), busy.Headers.RetryAfter?.Delta);
            var problem = JsonSerializer.Deserialize<JsonElement>(await busy.Content.ReadAsStringAsync(ct));
            Assert.Equal("Tijdelijk te druk", problem.GetProperty("title").GetString());
            Assert.Equal("urn:openoso:central:tijdelijk-te-druk", problem.GetProperty("type").GetString());
            Assert.Contains("probeer het over 5 s opnieuw", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var db in held) await db.DisposeAsync();
        }
        Assert.Contains(f.Logs.Lines.Skip(logStart), l => l.Contains("Geen databaseverbinding op tijd (PostgreSQL: pool uitgeput)", StringComparison.Ordinal));
    }

    /// <summary>Central on PostgreSQL with a pool of two connections and a pool timeout of 1 s; its services at hand.</summary>
    public sealed class TinyPoolCentral : CentralFixture
    {
        /// <summary>Central's services (captured at its start).</summary>
        public IServiceProvider? Services { get; private set; }

        protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

        protected override CentralOptions Configure(CentralOptions options) => options with
        {
            Database = options.Database + ";Maximum Pool Size=2;Timeout=1",
            Services = s => s.AddSingleton<IHostedService>(sp =>
            {
                Services = sp;
                return new Nothing();
            }),
        };

        private sealed class Nothing : IHostedService
        {
            public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
    }
}
