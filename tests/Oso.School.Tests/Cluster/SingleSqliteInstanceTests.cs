using System.Net;
using Oso.School.Tests.Portal;
using DatabaseProvider = Oso.Testing.DatabaseProvider;

namespace Oso.School.Tests.Cluster;

/// <summary>SQLite is for one running node: a second node on the same file is refused in Dutch before it touches anything.</summary>
public sealed class SingleSqliteInstanceTests
{
    [Fact]
    public async Task A_second_node_on_the_same_SQLite_file_is_refused_and_the_first_keeps_serving()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => SchoolNode.StartAsync(node.Options, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("Er draait al een School-node op de SQLite-database", refused.Message, StringComparison.Ordinal);
        Assert.Contains(".db.lock", refused.Message, StringComparison.Ordinal);

        // the refused start changed nothing: the first node still serves its portal and its data
        using var client = node.Client();
        var page = await client.GetAsync("/inloggen");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(2, (await node.Node.Admin.SchoolsAsync(TestContext.Current.CancellationToken)).Count);
    }
}
