using System.Diagnostics;
using System.Text.RegularExpressions;
using Oso.Cli.Demo;
using Oso.School.Bron;
using Oso.School.LasApi;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// Metrics, traces and logs of a real transfer (issue 12 §3): one transfer is one trace across doel → Traffic Center →
/// bron → Traffic Center, its id is kept with the request and the session, the instruments count it — and no metric,
/// span or log line carries the pupil's PGN, name, LAS number or the session key.
/// </summary>
public sealed partial class TelemetryTests(TelemetryChain fixture) : IClassFixture<TelemetryChain>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_transfer_is_one_trace_is_counted_and_names_the_pupil_nowhere()
    {
        var capture = fixture.Capture;
        using var po = fixture.Po;
        using var vo = fixture.Vo;
        var pupil = fixture.NewPupil();
        var leerling = pupil.Huidigeschool.Leerling;
        var pgn = (leerling.Bsn ?? leerling.Onderwijsnummer)!;
        var lasId = "LAS" + Guid.NewGuid().ToString("N")[..12];
        await po.DeliverAsync(lasId, pupil, _ct);
        await po.RecordInzageAsync(lasId, new InzageInput(ChainFixture.Today, "Ja", null, null), _ct);
        await po.ReleaseAsync(lasId, _ct);
        var aanmelding = await vo.RegisterAsync(new AanmeldingDto(pgn, leerling.Geboortedatum!.Value, po.Brin, BronDossiers.Name(leerling), null), _ct);

        var request = await vo.WaitForRequestAsync(await vo.RequestAsync(aanmelding, null, _ct), Wait, _ct);

        Assert.Equal("OverdrachtGeslaagd", request.Resultaat);
        var traceId = Assert.IsType<string>(request.TraceId);
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        // the Traffic Center kept the same trace id with the session
        var session = Assert.Single(await fixture.Chain.Central.Admin.SessionsAsync(vo.Brin, cancellationToken: _ct), s => s.TraceId == traceId);
        Assert.Equal(po.Brin, session.BronBrin);

        // one trace: the LAS's request, the outbox work, the Traffic Center (overdracht, sessiecontrole by the bron,
        // afmelding) and the bron's aanleverpunt
        var spans = capture.Spans.DistinctBy(a => a.SpanId).ToList();
        var trace = spans.Where(a => a.TraceId.ToHexString() == traceId).ToList();
        Assert.Contains(trace, a => a.Kind == ActivityKind.Server && Route(a) is { } route
            && route.StartsWith("/api/v1/scholen/{brin}/aanmeldingen/{id", StringComparison.Ordinal) && route.EndsWith("}/aanvragen", StringComparison.Ordinal));
        Assert.Contains(trace, a => a.OperationName == "outbox overdracht.uitvoeren");
        Assert.True(trace.Count(a => a.Kind == ActivityKind.Server && Route(a) == "/oso/tc") >= 3,
            "overdracht, sessiecontrole and afmelding at the Traffic Center belong to the transfer's trace");
        Assert.Contains(trace, a => a.Kind == ActivityKind.Server && Route(a) == "/oso/aanleverpunt/{aanleverpunt}");
        Assert.Contains(trace, a => a.Kind == ActivityKind.Client);

        // the instruments counted it
        var metrics = capture.CollectMetrics();
        Assert.Contains(metrics, m => m.StartsWith("oso.transfers {", StringComparison.Ordinal) && m.Contains("role=doel,", StringComparison.Ordinal) && m.Contains("result=OverdrachtGeslaagd,", StringComparison.Ordinal));
        Assert.Contains(metrics, m => m.StartsWith("oso.transfers {", StringComparison.Ordinal) && m.Contains("role=bron,", StringComparison.Ordinal));
        Assert.Contains(metrics, m => m.StartsWith("oso.transfers {", StringComparison.Ordinal) && m.Contains("role=tc,", StringComparison.Ordinal));
        foreach (var name in new[] { "oso.transfer.duration", "oso.transfer.step.duration", "oso.outbox.attempts", "oso.tc.sessions", "http.server.request.duration", "http.client.request.duration" })
            Assert.Contains(metrics, m => m.StartsWith(name + " {", StringComparison.Ordinal));

        // nothing names the pupil: PGN, name parts, LAS number, zoeksleutel and its secret
        var secrets = new List<string> { pgn, lasId, leerling.Achternaam };
        secrets.AddRange(leerling.Voornaam.Where(v => v.Length >= 3));
        if (leerling.Roepnaam is { Length: >= 3 } roepnaam) secrets.Add(roepnaam);
        var sleutels = fixture.ReceivedByCentral.Select(b => System.Text.Encoding.UTF8.GetString(b))
            .Concat(capture.SchoolBodies).SelectMany(b => SessionKey().Matches(b).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(sleutels);
        secrets.AddRange(sleutels);

        // the test plays the LAS in this process: its own client spans (a LAS's, not OpenOSO's) are left out
        var lasPortal = fixture.Chain.School.PortalUrl.ToString().TrimEnd('/');
        var ours = spans.Where(a => !(a.Kind == ActivityKind.Client && (a.GetTagItem("url.full") as string ?? "").StartsWith(lasPortal, StringComparison.Ordinal))).ToList();
        Assert.True(ours.Count > 10);
        var emitted = metrics.Select(m => "metric " + m)
            .Concat(ours.Select(a => "span " + TelemetryCapture.Describe(a)))
            .Concat(capture.Logs.Lines.Select(l => "log " + l)).ToList();
        foreach (var secret in secrets)
            Assert.True(!emitted.Any(e => e.Contains(secret, StringComparison.OrdinalIgnoreCase)),
                $"'{secret}' appears in: {emitted.FirstOrDefault(e => e.Contains(secret, StringComparison.OrdinalIgnoreCase))}");
    }

    private static string? Route(Activity a) => a.GetTagItem("http.route") as string;

    [GeneratedRegex("<(?:[A-Za-z0-9]+:)?(?:zoeksleutel|zoeksleutelGeheim)>([^<]+)<")]
    private static partial Regex SessionKey();
}
