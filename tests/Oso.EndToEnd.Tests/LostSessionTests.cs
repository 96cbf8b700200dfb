using Oso.Central.TrafficCenter;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// A session the Traffic Center granted while the doel never kept it (its instance killed right after the grant, or the
/// answer lost) is the one the retry gets and closes — not left open to expire beside a second one. Found by
/// <c>oso bench chaos</c> (issue 13).
/// </summary>
public sealed class LostSessionTests(SqliteChain fixture) : IClassFixture<SqliteChain>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_granted_before_the_doel_kept_it_is_given_again_on_the_retry_and_closed_once()
    {
        fixture.RequireChain();
        var aanmelding = await fixture.RegisteredPupilAsync(_ct);
        using var vo = fixture.Vo;
        var admin = fixture.Chain.Central.Admin;
        var before = (await admin.SessionsAsync(vo.Brin, null, 1000, _ct)).Select(s => s.Id).ToHashSet();
        var lostBefore = fixture.LostAnswer.Lost;

        fixture.LostAnswer.ArmOnce();
        var request = await vo.WaitForRequestAsync(await vo.RequestAsync(aanmelding, null, _ct), Wait, _ct);

        Assert.Equal(lostBefore + 1, fixture.LostAnswer.Lost);
        Assert.Equal("Klaar", request.Status);
        Assert.Equal("OverdrachtGeslaagd", request.Resultaat);
        // the node's own retry (the outbox step ran again), not a resend inside one call
        Assert.Contains(request.Stappen, s => s.Stap == "Sessie bij het Traffic Center" && !s.Geslaagd && s.Toelichting.Contains("niet bereikt", StringComparison.Ordinal));
        Assert.Single(await vo.ReceivedAsync(onlyNew: false, _ct), r => r.AanmeldingId == aanmelding);

        var added = (await admin.SessionsAsync(vo.Brin, null, 1000, _ct)).Where(s => !before.Contains(s.Id)).ToList();
        var sessie = Assert.Single(added);
        Assert.Equal(SessieStatus.Afgemeld, sessie.Status);
        var stappen = (await admin.TraceAsync(sessie.Id, vo.Brin, _ct)).Zeker.Stappen;
        Assert.Equal(2, stappen.Count(t => t.Stap == "overdracht"));
        Assert.Single(stappen, t => t.Stap == "afmelding");
    }

    [Fact]
    public async Task A_sessiecontrole_whose_answer_is_lost_is_asked_again_and_the_transfer_succeeds_in_one_session()
    {
        fixture.RequireChain();
        var aanmelding = await fixture.RegisteredPupilAsync(_ct);
        using var vo = fixture.Vo;
        var admin = fixture.Chain.Central.Admin;
        var before = (await admin.SessionsAsync(vo.Brin, null, 1000, _ct)).Select(s => s.Id).ToHashSet();
        var lostBefore = fixture.LostAnswer.Lost;

        // the bron's sessiecontrole reaches the TC, which answers; the answer never reaches the bron (a Central instance
        // killed mid-call): the bron asks once more instead of answering the doel TechnischeFout
        fixture.LostAnswer.ArmOnce("sessiecontroleRequest");
        var request = await vo.WaitForRequestAsync(await vo.RequestAsync(aanmelding, null, _ct), Wait, _ct);

        Assert.Equal(lostBefore + 1, fixture.LostAnswer.Lost);
        Assert.Equal("Klaar", request.Status);
        Assert.Equal("OverdrachtGeslaagd", request.Resultaat);
        Assert.Single(await vo.ReceivedAsync(onlyNew: false, _ct), r => r.AanmeldingId == aanmelding);

        var added = (await admin.SessionsAsync(vo.Brin, null, 1000, _ct)).Where(s => !before.Contains(s.Id)).ToList();
        var sessie = Assert.Single(added);
        Assert.Equal(SessieStatus.Afgemeld, sessie.Status);
        var stappen = (await admin.TraceAsync(sessie.Id, vo.Brin, _ct)).Zeker.Stappen;
        Assert.Single(stappen, t => t.Stap == "overdracht");
        Assert.Equal(2, stappen.Count(t => t.Stap == "sessiecontrole")); // the lost one and the one asked again
        Assert.Single(stappen, t => t.Stap == "afmelding");
    }
}
