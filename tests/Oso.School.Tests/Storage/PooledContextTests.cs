using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Storage;

/// <summary>
/// The node's contexts come from EF Core's pool (bench/results.md §7): an instance handed back after a unit of work is
/// handed out again. What one unit of work left behind — an after-commit action of a transaction that rolled back, an
/// after-save action never saved — must not run for the next user of the same instance.
/// </summary>
public sealed class PooledContextTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_after_commit_action_of_a_unit_of_work_that_failed_never_runs_for_the_next_user_of_the_context(DatabaseProvider engine)
    {
        await using var services = await TestServices.CreateAsync(engine);
        var store = services.Get<SchoolStore>();
        var ran = new List<string>();
        SchoolDbContext? first = null;

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.WriteAsync(db =>
        {
            first = db;
            db.AfterCommit(() => ran.Add("rolled back"));
            throw new InvalidOperationException("de eenheid van werk faalt");
        }));
        await store.WriteAsync(db =>
        {
            Assert.Same(first, db); // the pool handed the same instance out again
            db.AfterCommit(() => ran.Add("committed"));
            return Task.CompletedTask;
        });

        Assert.Equal(["committed"], ran);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_after_save_action_of_a_context_disposed_unsaved_never_runs_at_the_next_users_save(DatabaseProvider engine)
    {
        await using var services = await TestServices.CreateAsync(engine);
        var store = services.Get<SchoolStore>();
        var ran = new List<string>();
        SchoolDbContext first;
        await using (var db = store.Read())
        {
            first = db;
            db.AfterCommit(() => ran.Add("never saved"));
        }
        await using (var db = store.Read())
        {
            Assert.Same(first, db);
            db.AfterCommit(() => ran.Add("saved"));
            db.Add(new AuditHead { Brin = "00ZZ", Sequence = 0, Hash = new string('0', 64) });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(["saved"], ran);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_records_in_one_unit_of_work_and_the_next_form_one_chain(DatabaseProvider engine)
    {
        await using var services = await TestServices.CreateAsync(engine);
        var store = services.Get<SchoolStore>();
        var audit = services.Get<AuditLog>();
        await store.WriteAsync(async db =>
        {
            await audit.RecordAsync(db, "00YY", Actor.Node, "eerste", "Test");   // the chain's head is made here
            await audit.RecordAsync(db, "00YY", Actor.Node, "tweede", "Test");   // the head is tracked, not yet saved
        });
        await store.WriteAsync(db => audit.RecordAsync(db, "00YY", Actor.Node, "derde", "Test"));

        await using var read = store.Read();
        Assert.Equal([1L, 2L, 3L], await read.Audit.Where(a => a.Brin == "00YY").OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(3, (await read.AuditHeads.SingleAsync(h => h.Brin == "00YY", TestContext.Current.CancellationToken)).Sequence);
        Assert.Null(await AuditLog.VerifyAsync(read, "00YY"));
    }
}
