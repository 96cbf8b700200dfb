using Oso.School.Audit;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Audit;

/// <summary>
/// Checking the audit chain while it grows (another instance of the node, another request, the retention purge of a
/// cluster): a record committed while the chain was read is not a break. Found by <c>oso bench chaos</c>: the purge
/// reported "de auditketen van 91PO klopt niet" and refused to run while the demo schools were being set up.
/// </summary>
public sealed class AuditVerifyWhileWritingTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_chain_that_grows_while_it_is_checked_is_intact_every_time(DatabaseProvider engine)
    {
        await using var services = await TestServices.CreateAsync(engine);
        var store = services.Get<SchoolStore>();
        var log = services.Get<AuditLog>();
        await store.WriteAsync(db => log.RecordAsync(db, "00YY", Actor.Node, "dossier.ingezien", "Test"));
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 300; i++)
                await store.WriteAsync(db => log.RecordAsync(db, "00YY", Actor.Medewerker("m" + i), "dossier.ingezien", "Test", Guid.NewGuid().ToString()));
        });
        var checks = 0;
        var broken = new List<long>();
        while (!writer.IsCompleted)
        {
            await using var db = store.Read();
            if (await AuditLog.VerifyAsync(db, "00YY") is { } at) broken.Add(at);
            checks++;
        }
        await writer;

        Assert.True(checks > 1, "the check ran while the chain grew");
        Assert.Empty(broken);
        await using (var db = store.Read()) Assert.Null(await AuditLog.VerifyAsync(db, "00YY"));
    }
}
