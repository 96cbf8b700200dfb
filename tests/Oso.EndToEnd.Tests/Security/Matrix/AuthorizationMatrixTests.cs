using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace Oso.EndToEnd.Tests.Security.Matrix;

/// <summary>
/// Issue 11 §8: every endpoint of both hosts × every identity that applies, on one running chain over the real
/// listeners. Each forbidden cell must get its exact refusal, change nothing and disclose nothing; the matrix is printed
/// to the test output and written to <c>authorization-matrix.md</c> next to the test assembly (or to
/// <c>OSO_MATRIX_OUT</c>); docs/security.md shows it. A new endpoint without a row fails the suite.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixChain fixture) : IClassFixture<MatrixChain>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_forbidden_cell_is_refused_exactly_changes_nothing_and_discloses_nothing_and_every_endpoint_has_a_row()
    {
        fixture.RequireChain();
        var watch = Stopwatch.StartNew();
        using var parties = await Parties.CreateAsync(fixture, _ct);
        var setUp = watch.Elapsed;
        // past the portals' security-stamp check (every minute): a sign-in must survive it with its two-step claim
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var cells = new MatrixRows(parties).Build();

        // the refused handshakes first, side by side: no request reaches an application, so they cannot change anything
        var tls = cells.Where(c => ReferenceEquals(c.Expect, Expect.Tls)).ToList();
        var handshakes = new CellResult[tls.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, tls.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = _ct }, async (i, ct) =>
        {
            var observed = await tls[i].Send(ct);
            handshakes[i] = new CellResult(tls[i], observed, tls[i].Expect.Matches(observed), null);
        });
        var results = new List<CellResult>(handshakes);
        var slowest = new List<(string Row, TimeSpan Took)>();
        foreach (var row in cells.Where(c => !c.Late && !ReferenceEquals(c.Expect, Expect.Tls)).GroupBy(c => c.Endpoint))
        {
            var rowWatch = Stopwatch.StartNew();
            results.AddRange(await RunRowAsync(parties, [.. row]));
            slowest.Add((row.Key, rowWatch.Elapsed));
        }
        fixture.Clock.Advance(TimeSpan.FromDays(15)); // past every session (24 h) and parents' link (14 days)
        foreach (var row in cells.Where(c => c.Late).GroupBy(c => c.Endpoint))
            results.AddRange(await RunRowAsync(parties, [.. row]));

        var report = MatrixReport.Render(results, watch.Elapsed - setUp) + $"\nOpzet (aanmelden, leerlingen, sessies): {setUp.TotalSeconds:0.0} s.\n";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        TestContext.Current.TestOutputHelper?.WriteLine("Traagste rijen: " + string.Join("; ", slowest.OrderByDescending(s => s.Took).Take(8).Select(s => $"{s.Row} {s.Took.TotalSeconds:0.0} s")));
        var file = Environment.GetEnvironmentVariable("OSO_MATRIX_OUT") is { Length: > 0 } target ? target : Path.Combine(AppContext.BaseDirectory, "authorization-matrix.md");
        await File.WriteAllTextAsync(file, report, _ct);

        var missing = EndpointInventory.Of("central", fixture.Chain.Central.Services).Concat(EndpointInventory.Of("school", fixture.Chain.School.Services))
            .Select(e => e.ToString()).Except(cells.Select(c => c.Route)).ToList();
        Assert.True(missing.Count == 0, "Endpoints zonder rij in de matrix:\n" + string.Join("\n", missing));
        var unknown = cells.Select(c => c.Route).Distinct()
            .Except(EndpointInventory.Of("central", fixture.Chain.Central.Services).Concat(EndpointInventory.Of("school", fixture.Chain.School.Services)).Select(e => e.ToString())).ToList();
        Assert.True(unknown.Count == 0, "Rijen voor endpoints die niet bestaan:\n" + string.Join("\n", unknown));
        var failed = results.Where(r => !r.AsExpected).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} cellen wijken af:\n" + string.Join("\n", failed.Select(f =>
            $"{f.Cell.Endpoint} × {f.Cell.Identity}: verwacht {f.Cell.Expect}, kreeg {f.Observed}{(f.Problem is null ? "" : " — " + f.Problem)}")));
        Assert.Contains(results, r => r.Cell.Expect is Expect.Allowed);

        // the detector itself: a permitted change (a new release of a pupil) does change the fingerprint
        await WaitQuietAsync();
        var before = await DatabaseFingerprint.ComputeAsync(fixture.DatabaseFiles, _ct);
        var released = await parties.LasPo.SendAsync(HttpMethod.Post, new Uri(fixture.Chain.School.PortalUrl,
            $"/api/v1/scholen/{fixture.Chain.State.Po.Brin}/leerlingen/{parties.PupilB.LasId}/vrijgeven"), Wire.Json(new { }), _ct);
        Assert.Equal(201, released.Status);
        Assert.NotEqual(before, await DatabaseFingerprint.ComputeAsync(fixture.DatabaseFiles, _ct));
    }

    /// <summary>
    /// A row's forbidden cells first, between two fingerprints of both databases (so none of them changed anything), each
    /// answer checked for secrets; then its allowed cells; then the background work they started is let finish.
    /// </summary>
    private async Task<List<CellResult>> RunRowAsync(Parties parties, List<Cell> row)
    {
        var results = new List<CellResult>();
        await WaitQuietAsync();
        var forbidden = row.Where(c => c.Expect is Expect.Refused).ToList();
        var before = forbidden.Any(c => c.Writes) ? await DatabaseFingerprint.ComputeAsync(fixture.DatabaseFiles, _ct) : null;
        foreach (var cell in forbidden)
        {
            var observed = await cell.Send(_ct);
            var leaked = parties.Secrets.Except(cell.MayShow).FirstOrDefault(s => s.Length >= 6 && observed.Body.Contains(s, StringComparison.Ordinal));
            results.Add(new CellResult(cell, observed, cell.Expect.Matches(observed) && leaked is null, leaked is null ? null : "het antwoord onthult een geheim"));
        }
        if (before is not null && before != await DatabaseFingerprint.ComputeAsync(fixture.DatabaseFiles, _ct))
        {
            // something changed: find out which cell did it
            for (var i = 0; i < results.Count; i++)
                if (results[i].Cell.Writes) results[i] = results[i] with { AsExpected = false, Problem = (results[i].Problem ?? "") + " de rij veranderde de database" };
        }
        foreach (var cell in row.Where(c => c.Expect is Expect.Allowed))
        {
            var observed = await cell.Send(_ct);
            results.Add(new CellResult(cell, observed, cell.Expect.Matches(observed), null));
        }
        return results;
    }

    /// <summary>Waits until the node has no outbox work and no transfer running, so nothing changes the databases behind a cell's back.</summary>
    private async Task WaitQuietAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            await using var db = fixture.ReadNode();
            var busy = await db.Outbox.AnyAsync(m => m.CompletedAt == null && m.FailedAt == null, _ct)
                || await db.TransferRequests.AnyAsync(r => r.Status == "Wachtrij" || r.Status == "Bezig", _ct);
            if (!busy) return;
            await Task.Delay(100, _ct);
        }
        Assert.Fail("De node kwam niet tot rust (outbox of overdracht bleef bezig).");
    }
}
