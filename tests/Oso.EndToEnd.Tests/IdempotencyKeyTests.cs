using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Oso.School.LasApi;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// A LAS that retries <c>POST …/aanvragen</c> after a connection reset sends the same <c>Idempotency-Key</c>: it gets
/// the same request back, not a second request and a second dossier. Found by <c>oso bench chaos</c> (issue 13).
/// </summary>
public abstract class IdempotencyKeyTests<TFixture>(TFixture fixture)
    where TFixture : ChainFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_key_with_the_same_request_gives_the_same_request_and_one_dossier()
    {
        fixture.RequireChain();
        var (aanmelding, vo) = await AanmeldingAsync();
        using var _ = vo;
        var key = Guid.NewGuid().ToString();

        var first = await vo.RequestAsync(aanmelding, null, _ct, key);
        var again = await vo.RequestAsync(aanmelding, null, _ct, key);
        // two retries at once (after a reset, a LAS may well send them together): still the one request
        var together = await Task.WhenAll(vo.RequestAsync(aanmelding, null, _ct, key), vo.RequestAsync(aanmelding, null, _ct, key));

        Assert.Equal(first, again);
        Assert.All(together, id => Assert.Equal(first, id));
        Assert.Equal("OverdrachtGeslaagd", (await vo.WaitForRequestAsync(first, Wait, _ct)).Resultaat);
        Assert.Single(await vo.ReceivedAsync(onlyNew: false, _ct), r => r.AanmeldingId == aanmelding);

        // without a key (or with a new one) the LAS asks again on purpose: a second request
        var asked = await vo.RequestAsync(aanmelding, null, _ct);
        Assert.NotEqual(first, asked);
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_refused_with_409_and_queues_nothing()
    {
        fixture.RequireChain();
        var (aanmelding, vo) = await AanmeldingAsync();
        using var _ = vo;
        var key = Guid.NewGuid().ToString();
        var first = await vo.RequestAsync(aanmelding, null, _ct, key);

        using var response = await PostAsync(fixture.Chain.State.Vo.LasSleutel, aanmelding, key, new AanvragenDto(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(_ct);
        Assert.Equal("urn:oso:probleem:idempotency-key-hergebruikt", problem.GetProperty("type").GetString());
        Assert.Contains("al gebruikt voor een ander verzoek", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("OverdrachtGeslaagd", (await vo.WaitForRequestAsync(first, Wait, _ct)).Resultaat);
        Assert.Single(await vo.ReceivedAsync(onlyNew: false, _ct), r => r.AanmeldingId == aanmelding);
    }

    [Fact]
    public async Task Keys_belong_to_one_las_client_and_a_malformed_key_is_refused()
    {
        fixture.RequireChain();
        var (aanmelding, vo) = await AanmeldingAsync();
        using var _ = vo;
        var key = Guid.NewGuid().ToString();
        var first = await vo.RequestAsync(aanmelding, null, _ct, key);
        var (_, otherKey) = await fixture.Chain.School.Admin.CreateLasClientAsync(vo.Brin, "Tweede LAS", cancellationToken: _ct);

        using var other = await PostAsync(otherKey, aanmelding, key, new AanvragenDto(null));
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        var otherId = (await other.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("id").GetGuid();
        Assert.NotEqual(first, otherId); // the same key from another LAS client is another client's request

        using var malformed = await PostAsync(fixture.Chain.State.Vo.LasSleutel, aanmelding, new string('x', 201), new AanvragenDto(null));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("Idempotency-Key", (await malformed.Content.ReadFromJsonAsync<JsonElement>(_ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<(Guid Aanmelding, Oso.Cli.Demo.LasApiClient Vo)> AanmeldingAsync() => (await fixture.RegisteredPupilAsync(_ct), fixture.Vo);

    private async Task<HttpResponseMessage> PostAsync(string apiKey, Guid aanmelding, string key, AanvragenDto body)
    {
        using var http = fixture.NodeHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(fixture.Chain.School.PortalUrl, $"/api/v1/scholen/{fixture.Chain.State.Vo.Brin}/aanmeldingen/{aanmelding}/aanvragen"))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new("Bearer", apiKey);
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request, _ct);
    }
}

public sealed class SqliteIdempotencyKeyTests(SqliteChain fixture) : IdempotencyKeyTests<SqliteChain>(fixture), IClassFixture<SqliteChain>;

public sealed class PostgresIdempotencyKeyTests(PostgresChain fixture) : IdempotencyKeyTests<PostgresChain>(fixture), IClassFixture<PostgresChain>;
