using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Oso.School.Audit;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Retention;

/// <summary>
/// The audit log's own retention (ADR 0009): reduced records keep the chain verifiable, and a reduced record that is
/// changed afterwards, or a record removed outside a checkpoint, still breaks it.
/// </summary>
public sealed class AuditRetentionTests
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Full = TimeSpan.FromDays(730);
    private static readonly TimeSpan Keep = TimeSpan.FromDays(1826);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reduced_chain_verifies_and_a_change_to_a_reduced_record_breaks_it(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        var store = services.Get<SchoolStore>();
        await WriteAsync(services, 4);

        time.Advance(Full + TimeSpan.FromDays(1));
        var outcome = await store.WriteAsync(db => services.Get<AuditRetention>().ApplyAsync(db, "00YY", Full, Keep, CancellationToken.None));

        Assert.Equal(new AuditRetention.Outcome(4, 0, false), outcome);
        await using (var db = store.Read())
        {
            var reduced = await db.Audit.Where(a => a.ReducedAt != null).OrderBy(a => a.Sequence).ToListAsync();
            Assert.Equal(4, reduced.Count);
            Assert.All(reduced, a => Assert.True(a.PupilRef is null && a.Actor.Length == 0 && a.Salt is null && a.ReducibleHash is not null));
            Assert.Equal(["dossier.ingezien", "dossier.ingezien", "dossier.ingezien", "dossier.ingezien"], reduced.Select(a => a.Action));
            Assert.True(await db.Audit.AnyAsync(a => a.Action == "audit.ingekort" && a.Detail!.StartsWith("tot=4;")));
            Assert.Null(await AuditLog.VerifyAsync(db, "00YY"));

            await db.Database.ExecuteSqlRawAsync("UPDATE \"Audit\" SET \"Action\" = 'dossier.gewijzigd' WHERE \"Sequence\" = 2");
            Assert.Equal(2, await AuditLog.VerifyAsync(db, "00YY"));
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Audit\" SET \"Action\" = 'dossier.ingezien' WHERE \"Sequence\" = 2");
            Assert.Null(await AuditLog.VerifyAsync(db, "00YY"));

            // a reduced record cannot get a pupil back: the reducible fields are erased or the record is broken
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Audit\" SET \"PupilRef\" = 'iemand' WHERE \"Sequence\" = 3");
            Assert.Equal(3, await AuditLog.VerifyAsync(db, "00YY"));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_record_is_not_reduced_while_its_pupil_still_has_data(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        var store = services.Get<SchoolStore>();
        var pupil = Guid.NewGuid();
        await store.WriteAsync(async db =>
        {
            db.Pupils.Add(new Oso.School.Bron.Pupil { Id = pupil, Brin = "00YY", LasIdIndex = "L1", Identity = [1], CreatedAt = T0 });
            await services.Get<AuditLog>().RecordAsync(db, "00YY", Actor.Medewerker("m"), "dossier.ingezien", "Test", pupil.ToString());
        });

        time.Advance(Full + TimeSpan.FromDays(1));
        var outcome = await store.WriteAsync(db => services.Get<AuditRetention>().ApplyAsync(db, "00YY", Full, Keep, CancellationToken.None));

        Assert.Equal(0, outcome.Reduced);
        await using var read = store.Read();
        Assert.Equal(pupil.ToString(), (await read.Audit.SingleAsync()).PupilRef);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Removed_records_leave_a_checkpoint_and_a_removal_without_one_breaks_the_chain(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        var store = services.Get<SchoolStore>();
        await WriteAsync(services, 3);
        time.Advance(Keep - TimeSpan.FromDays(10));
        await WriteAsync(services, 2); // sequences 4 and 5, younger than the period

        time.Advance(TimeSpan.FromDays(11));
        var outcome = await store.WriteAsync(db => services.Get<AuditRetention>().ApplyAsync(db, "00YY", Full, Keep, CancellationToken.None));

        Assert.Equal(3, outcome.Removed);
        await using var db = store.Read();
        Assert.Equal([4L, 5, 6, 7], await db.Audit.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync());
        Assert.Null(await AuditLog.VerifyAsync(db, "00YY"));
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Audit\" WHERE \"Sequence\" = 4");
        Assert.Equal(1, await AuditLog.VerifyAsync(db, "00YY"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_broken_chain_is_left_as_it_is(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        var store = services.Get<SchoolStore>();
        await WriteAsync(services, 3);
        await using (var db = store.Read())
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Audit\" SET \"Purpose\" = 'anders' WHERE \"Sequence\" = 2");

        time.Advance(Keep + TimeSpan.FromDays(1));
        var outcome = await store.WriteAsync(db => services.Get<AuditRetention>().ApplyAsync(db, "00YY", Full, Keep, CancellationToken.None));

        Assert.Equal(new AuditRetention.Outcome(0, 0, true), outcome);
        await using var read = store.Read();
        Assert.Equal(3, await read.Audit.CountAsync(a => a.ReducedAt == null));
    }

    private static async Task WriteAsync(TestServices services, int count)
    {
        for (var i = 0; i < count; i++)
            await services.Get<SchoolStore>().WriteAsync(db => services.Get<AuditLog>().RecordAsync(db, "00YY", Actor.Medewerker("m" + i), "dossier.ingezien",
                "Test", Guid.NewGuid().ToString()));
    }
}
