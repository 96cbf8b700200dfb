using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Audit;
using Oso.Central.Retention;
using Oso.Central.Storage;
using Oso.Central.Tests.Infrastructure;
using Oso.Central.TrafficCenter;
using Oso.Hosting.Configuration;
using Oso.Testing;

namespace Oso.Central.Tests.Privacy;

/// <summary>
/// Central keeps sessions, trace steps, koppelingen and audit records no longer than their retention period,
/// and not shorter: the injected clock is moved to just before and just after every period, on both engines. The
/// daily run happens once a day for the whole cluster (whichever instance, this test's or the node's own hourly check, runs it).
/// </summary>
public abstract class RetentionTests<TFixture>(TFixture f) where TFixture : CentralFixture
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_kind_of_record_goes_on_time_and_not_before()
    {
        var central = f.Central;
        f.Time.SetUtcNow(T0);
        var (brin, doel) = (f.NextBrin(), f.NextBrin());
        var old = Guid.NewGuid();
        var later = Guid.NewGuid();
        var koppelsleutel = Guid.NewGuid();
        await using (var db = await DbAsync())
        {
            db.Sessies.Add(Sessie(old, brin, doel, T0, T0.AddDays(1)));
            db.Sessies.Add(Sessie(later, brin, doel, new(2027, 9, 15, 9, 0, 0, TimeSpan.Zero), new(2027, 9, 16, 9, 0, 0, TimeSpan.Zero)));
            db.TraceStappen.AddRange(Stap(old, brin, doel, T0), Stap(old, brin, doel, T0.AddHours(1)), Stap(null, brin, doel, T0), Stap(later, brin, doel, new(2027, 9, 15, 9, 0, 0, TimeSpan.Zero)));
            db.Koppelingen.Add(new Koppeling { Koppelsleutel = koppelsleutel, SessieId = old, SchoolBrin = brin, SchoolRouteringsKenmerk = "R", SwvBrin = doel, SwvRouteringsKenmerk = "S", AangemaaktOp = T0 });
            await db.SaveChangesAsync(Ct);
        }
        await central.Admin.Als("medewerker@" + brin + ".example").RecordOperationAsync("test.actie", brin, "jan@voorbeeld.nl vroeg erom", Ct);

        // sessions: 365 days after the end (1 August 2027) of the school year in which they expired
        await RunAtAsync(new(2028, 7, 30, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal((true, 2, true), await SessionAsync(old, koppelsleutel));
        Assert.Equal(1, await OrphanStepsAsync(brin));
        var run = await RunAtAsync(new(2028, 8, 1, 10, 0, 0, TimeSpan.Zero));
        Assert.NotNull(run);
        Assert.True(run.Sessies >= 1 && run.TraceStappen >= 3 && run.Koppelingen >= 1, run.ToString());
        Assert.Equal((false, 0, false), await SessionAsync(old, koppelsleutel));
        Assert.Equal(0, await OrphanStepsAsync(brin));
        Assert.Equal((true, 1, false), await SessionAsync(later, Guid.Empty)); // the next school year's session stays
        Assert.Contains(await AuditAsync("bewaartermijn.sessies"), a => a.Details!.Contains("koppelingen=", StringComparison.Ordinal) && !a.Details.Contains(brin, StringComparison.Ordinal));

        // audit: whole for 730 days, then reduced (who and details erased; what, about what and when kept)
        await RunAtAsync(T0.AddDays(729));
        var whole = Assert.Single(await AuditAsync("test.actie", brin));
        Assert.Equal(("medewerker@" + brin + ".example", "jan@voorbeeld.nl vroeg erom", (DateTimeOffset?)null), (whole.Door, whole.Details, whole.IngekortOp));
        await RunAtAsync(T0.AddDays(731));
        var reduced = Assert.Single(await AuditAsync("test.actie", brin));
        Assert.Equal((CentralRetention.Ingekort, (string?)null, brin), (reduced.Door, reduced.Details, reduced.Onderwerp));
        Assert.NotNull(reduced.IngekortOp);
        Assert.Equal(T0, reduced.Tijd);

        // audit: removed after 1826 days, leaving a record that says up to which record
        await RunAtAsync(T0.AddDays(1825));
        Assert.Single(await AuditAsync("test.actie", brin));
        await RunAtAsync(T0.AddDays(1827));
        Assert.Empty(await AuditAsync("test.actie", brin));
        var removal = (await AuditAsync("audit.verwijderd")).OrderByDescending(a => a.Id).First();
        Assert.Matches(@"^tot=\d+;aantal=\d+$", removal.Details!);
        Assert.True(long.Parse(removal.Details!.Split(';')[0][4..], System.Globalization.CultureInfo.InvariantCulture) >= reduced.Id);
        Assert.Equal((false, 0, false), await SessionAsync(later, Guid.Empty)); // its own period passed too

        // once a day for the whole cluster: a second instance (or a second run) the same day does nothing, the next day one runs
        var first = ActivatorUtilities.CreateInstance<CentralRetention>(central.Services);
        var second = ActivatorUtilities.CreateInstance<CentralRetention>(central.Services);
        Assert.Null(await first.RunTodayAsync(Ct));
        Assert.Null(await second.RunTodayAsync(Ct));
        f.Time.Advance(TimeSpan.FromDays(1));
        var next = CentralRetention.Key(f.Time.GetUtcNow());
        var runs = new[] { await second.RunTodayAsync(Ct), await first.RunTodayAsync(Ct) };
        Assert.Null(runs[1]);
        await using var check = await DbAsync();
        Assert.Equal(1, await check.Onderhoud.CountAsync(o => o.Sleutel == next, Ct));
        Assert.Equal(1, await check.Onderhoud.CountAsync(o => o.Sleutel == CentralRetention.Key(T0.AddDays(1827)), Ct));
    }

    /// <summary>Moves the clock and runs the day's retention (or finds it done by the node's own hourly check).</summary>
    private async Task<RetentionRun?> RunAtAsync(DateTimeOffset at)
    {
        f.Time.SetUtcNow(at);
        var run = await f.Central.Services.GetRequiredService<CentralRetention>().RunTodayAsync(Ct);
        await using var db = await DbAsync();
        Assert.True(await db.Onderhoud.AnyAsync(o => o.Sleutel == CentralRetention.Key(at), Ct), $"no run on {at:yyyy-MM-dd}");
        return run ?? new RetentionRun(int.MaxValue, int.MaxValue, int.MaxValue, 0, 0); // the node ran it: the assertions on data decide
    }

    private Task<CentralDb> DbAsync() => f.Central.Services.GetRequiredService<IDbContextFactory<CentralDb>>().CreateDbContextAsync(Ct);

    private async Task<(bool Sessie, int Stappen, bool Koppeling)> SessionAsync(Guid id, Guid koppelsleutel)
    {
        await using var db = await DbAsync();
        return (await db.Sessies.AnyAsync(s => s.Id == id, Ct), await db.TraceStappen.CountAsync(t => t.SessieId == id, Ct),
            await db.Koppelingen.AnyAsync(k => k.Koppelsleutel == koppelsleutel, Ct));
    }

    private async Task<int> OrphanStepsAsync(string brin)
    {
        await using var db = await DbAsync();
        return await db.TraceStappen.CountAsync(t => t.SessieId == null && t.BronBrin == brin, Ct);
    }

    private async Task<List<AuditRecord>> AuditAsync(string actie, string? onderwerp = null)
    {
        await using var db = await DbAsync();
        return await db.Audit.AsNoTracking().Where(a => a.Actie == actie && (onderwerp == null || a.Onderwerp == onderwerp)).ToListAsync(Ct);
    }

    private static Sessie Sessie(Guid id, string bron, string doel, DateTimeOffset aangemaakt, DateTimeOffset verloopt) => new()
    {
        Id = id, Soort = SessieSoort.Overdracht, Status = SessieStatus.Open, BronBrin = bron, DoelBrin = doel, DoelRouteringsKenmerk = "RK" + doel,
        SysteemId = "systeem-" + doel, AangemaaktOp = aangemaakt, VerlooptOp = verloopt,
    };

    private static TraceStap Stap(Guid? sessie, string bron, string doel, DateTimeOffset tijd) => new()
    {
        SessieId = sessie, Tijd = tijd, Stap = "overdrachtRequest", SysteemId = "systeem-" + doel, BronBrin = bron, DoelBrin = doel, Geslaagd = true, Toelichting = "test",
    };
}

/// <summary>Retention on SQLite (its own Central: the tests move its clock years ahead).</summary>
public sealed class SqliteRetentionTests(SqliteRetentionTests.Node f) : RetentionTests<SqliteRetentionTests.Node>(f), IClassFixture<SqliteRetentionTests.Node>
{
    public sealed class Node : CentralFixture
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    }
}

/// <summary>Retention on PostgreSQL.</summary>
public sealed class PostgresRetentionTests(PostgresRetentionTests.Node f) : RetentionTests<PostgresRetentionTests.Node>(f), IClassFixture<PostgresRetentionTests.Node>
{
    public sealed class Node : CentralFixture
    {
        protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
    }
}

/// <summary>Central's retention periods come from the configuration and are refused outside their bounds, in Dutch, naming the setting.</summary>
public sealed class RetentionSettingsTests
{
    [Fact]
    public void The_defaults_lie_within_the_bounds() =>
        Assert.DoesNotContain(new CentralOptions { DataDirectory = "x" }.Problems(), p => p.Key.StartsWith("Retention", StringComparison.Ordinal));

    [Fact]
    public async Task Central_refuses_to_start_with_a_period_outside_its_bounds()
    {
        var options = new CentralOptions
        {
            DataDirectory = Directory.CreateTempSubdirectory("oso-central-retention-").FullName,
            Retention = new CentralRetentionOptions { Sessies = TimeSpan.FromDays(3650), AuditFull = TimeSpan.FromDays(400), Audit = TimeSpan.FromDays(100) },
        };

        var e = await Assert.ThrowsAsync<SettingsException>(() => CentralHost.StartAsync(options, Ct));

        Assert.Contains(e.Problems, p => p.StartsWith("Retention:Sessies: 3650 dagen ligt buiten de wettelijke grenzen van 90 dagen tot en met 730 dagen", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("Retention:Audit: 100 dagen ligt buiten", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("Retention:AuditFull: mag niet langer zijn dan Retention:Audit", StringComparison.Ordinal));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
