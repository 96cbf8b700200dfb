using Oso.Cli.Demo;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.Testing;

namespace Oso.EndToEnd.Tests;

/// <summary>A chain whose School node gives up on outbox work after three attempts (about 1.5 s).</summary>
public sealed class SqliteGiveUpChain : ChainFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override int MaxAttempts => 3;
}

/// <summary>What the LAS sees when the node gives up on a transfer, over the real API.</summary>
public sealed class GiveUpTests(SqliteGiveUpChain fixture) : IClassFixture<SqliteGiveUpChain>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<AanvraagDto> WaitForStatusAsync(LasApiClient doel, Guid id, string status)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var request = await doel.GetRequestAsync(id, _ct);
            if (request.Status == status) return request;
            if (watch.Elapsed > Wait) Assert.Fail($"The request is still {request.Status} after {Wait.TotalSeconds} s.");
            await Task.Delay(100, _ct);
        }
    }

    [Fact]
    public async Task A_transfer_the_node_gives_up_on_ends_Mislukt_with_advice_and_a_new_request_then_succeeds()
    {
        fixture.RequireChain();
        var (pupil, _) = await fixture.ReleasedPupilAsync(_ct);
        using var po = fixture.Po;
        using var vo = fixture.Vo;
        var leerling = pupil.Huidigeschool.Leerling;
        var aanmelding = await vo.RegisterAsync(new AanmeldingDto(ChainFixture.PgnOf(pupil).Value, leerling.Geboortedatum!.Value, po.Brin,
            BronDossiers.Name(leerling), null), _ct);

        AanvraagDto failed = null!;
        await fixture.Chain.RestartCentralAsync(async () =>
        {
            // the Traffic Center is away for longer than the node keeps trying
            failed = await WaitForStatusAsync(vo, await vo.RequestAsync(aanmelding, null, _ct), "Mislukt");
        }, _ct);

        Assert.NotNull(failed.Afgerond);
        Assert.Null(failed.Resultaat);
        Assert.Equal("Afgebroken", failed.Stappen[^1].Stap);
        Assert.Contains("geen sessie bij het Traffic Center", failed.Toelichting);
        Assert.Contains("Actie voor de school: vraag het dossier opnieuw op", failed.Toelichting);
        Assert.DoesNotContain(await vo.ReceivedAsync(onlyNew: false, _ct), r => r.AanmeldingId == aanmelding);

        // the advice works: with the Traffic Center back, a new request gets the dossier
        var again = await vo.WaitForRequestAsync(await vo.RequestAsync(aanmelding, null, _ct), Wait, _ct);
        Assert.Equal("Klaar", again.Status);
        Assert.Equal("OverdrachtGeslaagd", again.Resultaat);
        Assert.Single(await vo.ReceivedAsync(onlyNew: false, _ct), r => r.AanmeldingId == aanmelding);
    }
}
