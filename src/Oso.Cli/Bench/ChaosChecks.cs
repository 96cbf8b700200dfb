using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Npgsql;
using Oso.Cli.Cluster;
using Oso.Cli.Demo;
using Oso.Dossier.Validation;
using Oso.School.Bron;
using Oso.School.Doel;
using Oso.School.LasApi;

namespace Oso.Cli.Bench;

/// <summary>
/// What the chaos bench checks after a run, from the outside: the LAS API of the doel (every request finished, one
/// received dossier per successful request, signed by the bron over exactly the bytes served), Central's database
/// (every Traffic Center session closed, none twice), the School node's database (no transfer work left in the outbox) and
/// <c>oso school audit verify</c> (the audit chains).
/// </summary>
internal static class ChaosChecks
{
    // the outbox work a transfer makes; other kinds (reminders, retention) are scheduled for later by design
    private static readonly string[] TransferKinds = [TransferRunner.Kind, ReceiptSender.Kind, NotificationSender.Kind];

    /// <summary>How long the check waits for transfer work still in the outbox (retries back off from 2 s, doubling).</summary>
    private static readonly TimeSpan OutboxDrain = TimeSpan.FromMinutes(3);

    /// <summary>
    /// A call through the balancer while an instance dies: the connection can be reset or the balancer answer 502/503
    /// before it marks the instance down. Retried a few times; a POST retried this way can have been done once already
    /// (the check counts requests it did not ask for).
    /// </summary>
    public static async Task<T> RetryingAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < 20 && !ct.IsCancellationRequested && Transient(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Min(attempt, 8)), ct).ConfigureAwait(false);
            }
        }
    }

    private static bool Transient(Exception e) => e is HttpRequestException or TaskCanceledException
        || e is LasApiException { Status: HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.InternalServerError };

    /// <summary>
    /// Polls the unfinished requests until every one is Klaar or Mislukt or <paramref name="settle"/> has passed; requests
    /// the API confirmed and then no longer knows go into <paramref name="vanished"/>.
    /// </summary>
    public static async Task<Dictionary<Guid, AanvraagDto>> SettleAsync(LasApiClient vo, IReadOnlyList<Guid> requests, TimeSpan settle,
        ConcurrentDictionary<Guid, bool> vanished, TextWriter log, CancellationToken ct)
    {
        var latest = new ConcurrentDictionary<Guid, AanvraagDto>();
        vanished.Clear();
        var open = requests.ToList();
        var watch = Stopwatch.StartNew();
        var said = TimeSpan.Zero;
        while (open.Count > 0)
        {
            await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (id, token) =>
            {
                try
                {
                    latest[id] = await RetryingAsync(() => vo.GetRequestAsync(id, token), token).ConfigureAwait(false);
                }
                catch (LasApiException e) when (e.Status == HttpStatusCode.NotFound)
                {
                    vanished[id] = true; // confirmed by the API, gone now: lost
                }
            }).ConfigureAwait(false);
            open = open.Where(id => !vanished.ContainsKey(id) && latest[id].Status is not ("Klaar" or "Mislukt")).ToList();
            if (open.Count == 0 || watch.Elapsed > settle) break;
            if (watch.Elapsed - said > TimeSpan.FromSeconds(10))
            {
                said = watch.Elapsed;
                await log.WriteLineAsync($"  nog {open.Count} niet afgerond na {watch.Elapsed.TotalSeconds:F0} s").ConfigureAwait(false);
            }
            await Task.Delay(500, ct).ConfigureAwait(false);
        }
        return latest.ToDictionary();
    }

    /// <summary>The counts; the caller adds the run's own figures.</summary>
    public static async Task<ChaosResult> CheckAsync(LocalCluster cluster, LasApiClient vo, IReadOnlyDictionary<Guid, Guid> requests,
        IReadOnlyDictionary<Guid, AanvraagDto> finished, IReadOnlyCollection<Guid> vanished, CancellationToken ct)
    {
        var findings = new List<string>();
        // stuck: not finished in time, or failed without saying why (and so without saying who must act)
        var stuck = finished.Values.Where(r => r.Status is not ("Klaar" or "Mislukt") || string.IsNullOrWhiteSpace(r.Toelichting)).ToList();
        findings.AddRange(stuck.Select(r => $"vast: aanvraag {r.Id} staat op {r.Status} ({r.Resultaat})"));
        var succeeded = finished.Values.Where(r => r.Status == "Klaar" && r.Resultaat == "OverdrachtGeslaagd").ToList();
        var failed = finished.Values.Where(r => r.Status is "Klaar" or "Mislukt" && r.Resultaat != "OverdrachtGeslaagd" && !string.IsNullOrWhiteSpace(r.Toelichting)).ToList();
        findings.AddRange(failed.Select(r => $"mislukt (met reden): aanvraag {r.Id}: {r.Resultaat} — {r.Toelichting}"));

        var received = await RetryingAsync(() => vo.ReceivedAsync(onlyNew: false, ct), ct).ConfigureAwait(false);
        var byRequest = received.GroupBy(r => r.AanvraagId).ToDictionary(g => g.Key, g => g.ToList());
        var lost = succeeded.Count(r => !byRequest.ContainsKey(r.Id)) + vanished.Count;
        findings.AddRange(vanished.Select(id => $"kwijt: aanvraag {id} was bevestigd door de LAS-API en bestaat niet meer"));
        var duplicated = byRequest.Count(g => requests.ContainsKey(g.Key) && g.Value.Count > 1);
        var unasked = received.Count(r => !requests.ContainsKey(r.AanvraagId));
        if (unasked > 0) findings.Add($"{unasked} ontvangen dossier(s) bij aanvragen die de bench niet kent (een herhaalde POST tijdens een kill)");
        var perAanmelding = received.GroupBy(r => r.AanmeldingId).Count(g => g.Count() > 1);
        if (perAanmelding > 0) findings.Add($"{perAanmelding} aanmelding(en) met meer dan één ontvangen dossier");
        var corrupted = 0;
        var validator = new DossierValidator();
        foreach (var one in received.Where(r => requests.ContainsKey(r.AanvraagId)))
        {
            var xml = await RetryingAsync(() => vo.ReceivedXmlAsync(one.Id, ct), ct).ConfigureAwait(false);
            var sha = Convert.ToHexString(SHA256.HashData(xml));
            var intact = one.Handtekening is { Status: "Geldig" } h && string.Equals(h.Sha256, sha, StringComparison.OrdinalIgnoreCase)
                && validator.Validate(new MemoryStream(xml), ct).Valid;
            if (!intact) { corrupted++; findings.Add($"beschadigd: ontvangen dossier {one.Id} (handtekening {one.Handtekening?.Status})"); }
        }

        var (open, twice) = await SessionsAsync(cluster.CentralDatabase, ct).ConfigureAwait(false);
        if (open > 0) findings.Add($"{open} sessie(s) bij het Traffic Center niet afgemeld");
        if (twice > 0) findings.Add($"{twice} sessie(s) meer dan eens afgemeld");
        // work still waiting for a retry (a receipt whose send failed while PostgreSQL restarted, backing off) is not lost:
        // wait until the outbox is empty, or up to three minutes, before counting what is left
        var pending = await OutboxPendingAsync(cluster.SchoolDatabase, ct).ConfigureAwait(false);
        for (var drain = System.Diagnostics.Stopwatch.StartNew(); pending > 0 && drain.Elapsed < OutboxDrain; )
        {
            await Task.Delay(1000, ct).ConfigureAwait(false);
            pending = await OutboxPendingAsync(cluster.SchoolDatabase, ct).ConfigureAwait(false);
        }
        if (pending > 0) findings.Add($"{pending} overdrachtswerk in de outbox niet afgerond na {OutboxDrain.TotalMinutes:F0} minuten wachten");
        var audit = await AuditIntactAsync(cluster, ct).ConfigureAwait(false);
        if (!audit) findings.Add("een auditketen van de School-node is gebroken (oso school audit verify)");
        return new ChaosResult
        {
            Lost = lost, Duplicated = duplicated, Corrupted = corrupted, Stuck = stuck.Count, Succeeded = succeeded.Count, Failed = failed.Count,
            SessionsOpen = open, SessionsClosedTwice = twice, OutboxPending = pending, AuditIntact = audit, Findings = findings,
        };
    }

    private static async Task<(int Open, int ClosedTwice)> SessionsAsync(string connection, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection + ";Pooling=false"); // no connection from before the PostgreSQL restart
        await db.OpenAsync(ct).ConfigureAwait(false);
        var open = await CountAsync(db, """SELECT count(*) FROM sessies WHERE "Soort" = 'Overdracht' AND "Status" = 'Open'""", ct).ConfigureAwait(false);
        var twice = await CountAsync(db, """
            SELECT count(*) FROM (SELECT "SessieId" FROM tracestappen WHERE "Stap" = 'afmelding' AND "Toelichting" LIKE 'Sessie afgemeld door%'
            GROUP BY "SessieId" HAVING count(*) > 1) AS t
            """, ct).ConfigureAwait(false);
        return (open, twice);
    }

    private static async Task<int> OutboxPendingAsync(string connection, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection + ";Pooling=false"); // no connection from before the PostgreSQL restart
        await db.OpenAsync(ct).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "Outbox" WHERE "CompletedAt" IS NULL AND "FailedAt" IS NULL AND "Kind" = ANY(@kinds)""", db);
        command.Parameters.AddWithValue("kinds", TransferKinds);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> CountAsync(NpgsqlConnection db, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    // the operator's own command, as a child process against the cluster's database
    private static async Task<bool> AuditIntactAsync(LocalCluster cluster, CancellationToken ct)
    {
        var start = InstanceProcess.OsoStartInfo(["school", "audit", "verify", "--data", cluster.SchoolDataDirectory, "--database", cluster.SchoolDatabase, "--json"]);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        await Task.WhenAll(output, error).ConfigureAwait(false);
        return process.ExitCode == 0 && (await output.ConfigureAwait(false)).Contains("\"intact\"", StringComparison.Ordinal);
    }
}
