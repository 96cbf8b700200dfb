using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Audit;

public sealed class AuditLogTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Records_form_a_chain_that_verifies_and_breaks_when_a_record_is_changed(DatabaseProvider engine)
    {
        await using var services = await TestServices.CreateAsync(engine);
        var store = services.Get<SchoolStore>();
        var audit = services.Get<AuditLog>();
        for (var i = 0; i < 5; i++)
            await store.WriteAsync(db => audit.RecordAsync(db, "00YY", Actor.Medewerker("m" + i), "dossier.ingezien", "Test", Guid.NewGuid().ToString()));

        await using (var db = store.Read())
        {
            Assert.Null(await AuditLog.VerifyAsync(db, "00YY"));
            Assert.Equal(5, await db.Audit.CountAsync(a => a.Brin == "00YY"));
        }

        await using (var db = store.Read())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Audit\" SET \"Actor\" = 'iemand-anders' WHERE \"Sequence\" = 3");
            Assert.Equal(3, await AuditLog.VerifyAsync(db, "00YY"));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_removed_record_breaks_the_chain(DatabaseProvider engine)
    {
        await using var services = await TestServices.CreateAsync(engine);
        var store = services.Get<SchoolStore>();
        var audit = services.Get<AuditLog>();
        for (var i = 0; i < 4; i++)
            await store.WriteAsync(db => audit.RecordAsync(db, "00YY", Actor.Node, "x", "Test"));

        await using var db = store.Read();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"Audit\" WHERE \"Sequence\" = 2");

        Assert.Equal(2, await AuditLog.VerifyAsync(db, "00YY"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_writers_still_form_one_linear_chain(DatabaseProvider engine)
    {
        await using var services = await TestServices.CreateAsync(engine);
        var store = services.Get<SchoolStore>();
        var audit = services.Get<AuditLog>();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => store.WriteAsync(db => audit.RecordAsync(db, "00YY", Actor.Medewerker("m" + i), "x", "Gelijktijdig")))));

        await using var db = store.Read();
        Assert.Equal(20, await db.Audit.CountAsync());
        Assert.Null(await AuditLog.VerifyAsync(db, "00YY"));
    }

    [Fact]
    public async Task Auditing_outside_a_transaction_is_refused()
    {
        await using var services = await TestServices.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = services.Get<SchoolStore>().Read();

        await Assert.ThrowsAsync<InvalidOperationException>(() => services.Get<AuditLog>().RecordAsync(db, "00YY", Actor.Node, "x", "y"));
    }
}
