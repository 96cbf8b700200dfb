using System.Net;
using System.Text;
using Oso.School.Register;
using Oso.Testing;

namespace Oso.School.Tests.Portal;

/// <summary>The node keeps Central's list of qualified schools: staff find a previous school by name and place, also while Central is away.</summary>
public sealed class RegisterCacheTests
{
    [Fact]
    public async Task The_list_is_kept_on_the_node_searched_by_name_and_place_and_kept_while_Central_is_away_or_sends_nonsense()
    {
        await using var node = await PortalNode.StartAsync(DatabaseProvider.Sqlite, configure: o => o with
        {
            RunBackgroundWork = false, RegisterListUrl = new Uri("https://central.test/api/scholen/gekwalificeerd"),
        });
        var cache = node.Get<RegisterCache>();
        const string list = """
            [{"brin":"91PO","naam":"Basisschool De Regenboog","sector":"PO","plaats":"Utrecht","gemeente":"Utrecht","provincie":"Utrecht","sinds":null},
             {"brin":"93PO","naam":"OBS De Regenboog","sector":"PO","plaats":"Zuidbroek","gemeente":"Midden-Groningen","provincie":"Groningen"},
             {"brin":"94PO","naam":"Kindcentrum Café Müller","sector":"PO","plaats":"Enschedé"},
             {"brin":"xx","naam":"kapot"}]
            """;
        Assert.True(await cache.RefreshAsync(Http(HttpStatusCode.OK, list), default));
        Assert.True(await cache.HasListAsync());

        Assert.Equal(["91PO", "93PO"], (await cache.SearchAsync("regenboog")).Select(s => s.Brin).ToArray());
        Assert.Equal(["93PO"], (await cache.SearchAsync("Regenboog zuidbroek")).Select(s => s.Brin).ToArray());
        Assert.Equal(["94PO"], (await cache.SearchAsync("cafe muller enschede")).Select(s => s.Brin).ToArray()); // accents as people type them
        Assert.Equal("91PO", (await cache.SearchAsync("91po"))[0].Brin);
        Assert.Contains(await cache.SearchAsync("testpunt"), s => s.Brin == PortalNode.Po); // the node's own schools too
        Assert.Empty(await cache.SearchAsync("   "));
        Assert.Null(await cache.FindAsync("XX")); // the malformed row was left out

        // Central away, or answering nonsense: the copy stays
        Assert.False(await cache.RefreshAsync(Http(HttpStatusCode.ServiceUnavailable, ""), default));
        Assert.False(await cache.RefreshAsync(Http(HttpStatusCode.OK, "{\"geen\":\"lijst\"}"), default));
        Assert.False(await cache.RefreshAsync(Http(HttpStatusCode.OK, "[{\"brin\":\"1\",\"naam\":\"\"}]"), default));
        Assert.Equal(3, (await cache.SearchAsync("po")).Count);

        // a school no longer qualified leaves the list
        Assert.True(await cache.RefreshAsync(Http(HttpStatusCode.OK, """[{"brin":"91PO","naam":"Basisschool De Regenboog","sector":"PO","plaats":"Utrecht"}]"""), default));
        Assert.Null(await cache.FindAsync("93PO"));
        Assert.Equal("Basisschool De Regenboog", (await cache.FindAsync("91PO"))!.Naam);
    }

    private static HttpClient Http(HttpStatusCode status, string body) => new(new Answer(status, body));

    private sealed class Answer(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
