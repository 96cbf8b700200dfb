using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oso.Central.Audit;
using Oso.Central.Storage;
using Oso.Hosting.Retention;

namespace Oso.Central.Retention;

/// <summary>What one day's retention run removed or reduced (counts only).</summary>
public sealed record RetentionRun(int Sessies, int TraceStappen, int Koppelingen, int AuditIngekort, int AuditVerwijderd);

/// <summary>
/// Keeps nothing of Central longer than its retention period (<see cref="CentralRetentionOptions"/>): sessions with
/// their trace steps and koppelingen, and — first reduced, then removed — the audit log. Runs once a day
/// for the whole cluster: the first instance to claim the day (a row in <c>onderhoud</c> keyed by the day) does it.
/// Every removal is audited with counts only.
/// </summary>
internal sealed class CentralRetention(IDbContextFactory<CentralDb> factory, CentralOptions options, TimeProvider time, ILogger<CentralRetention> logger)
{
    /// <summary>The actor in the audit log.</summary>
    public const string Door = "bewaartermijn";

    /// <summary>What a reduced record keeps in place of who acted.</summary>
    public const string Ingekort = "(ingekort)";

    /// <summary>The claim of a day's run: one per day for the whole cluster.</summary>
    public static string Key(DateTimeOffset now) => "bewaartermijn:" + now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Runs today's retention unless an instance did already (then null).</summary>
    public async Task<RetentionRun?> RunTodayAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var r = options.Retention;
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var key = Key(now);
        if (await db.Onderhoud.AnyAsync(o => o.Sleutel == key, cancellationToken).ConfigureAwait(false)) return null;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // the claim commits with the work: a run that fails leaves the day unclaimed (the next hour tries again); a second
        // instance waits at this insert until the first commits, then fails on the key and rolls back what it did
        db.Onderhoud.Add(new OnderhoudsRun { Sleutel = key, Tijd = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return null;
        }

        var cutoff = SchoolYear.Cutoff(now, r.Sessies);
        var old = db.Sessies.Where(s => s.VerlooptOp < cutoff && (s.AfgemeldOp == null || s.AfgemeldOp < cutoff)).Select(s => s.Id);
        var koppelingen = await db.Koppelingen.Where(k => old.Contains(k.SessieId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var stappen = await db.TraceStappen.Where(t => t.SessieId != null && old.Contains(t.SessieId.Value)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var sessies = await db.Sessies.Where(s => s.VerlooptOp < cutoff && (s.AfgemeldOp == null || s.AfgemeldOp < cutoff)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        // steps of no (remaining) session: a refused overdracht, a sessiecontrole of an unknown session
        stappen += await db.TraceStappen.Where(t => t.Tijd < cutoff && (t.SessieId == null || !db.Sessies.Any(s => s.Id == t.SessieId)))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

        var reduceBefore = now - r.AuditFull;
        var ingekort = await db.Audit.Where(a => a.Tijd < reduceBefore && a.IngekortOp == null)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Door, Ingekort).SetProperty(a => a.Details, (string?)null).SetProperty(a => a.IngekortOp, now), cancellationToken)
            .ConfigureAwait(false);
        var removeBefore = now - r.Audit;
        var last = await db.Audit.Where(a => a.Tijd < removeBefore).MaxAsync(a => (long?)a.Id, cancellationToken).ConfigureAwait(false);
        var verwijderd = last is null ? 0 : await db.Audit.Where(a => a.Id <= last).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

        var run = new RetentionRun(sessies, stappen, koppelingen, ingekort, verwijderd);
        if (sessies + stappen + koppelingen > 0)
            Record(db, now, "bewaartermijn.sessies", "traffic center", Invariant($"sessies={sessies};tracestappen={stappen};koppelingen={koppelingen}"));
        if (ingekort > 0) Record(db, now, "audit.ingekort", "audit", Invariant($"aantal={ingekort}"));
        // the first kept record follows the removed ones: this record says where the log now starts and why
        if (verwijderd > 0) Record(db, now, "audit.verwijderd", "audit", Invariant($"tot={last};aantal={verwijderd}"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            return null; // another instance committed today's run first
        }
        logger.LogInformation("Bewaartermijn: {Sessies} sessies, {Stappen} tracestappen, {Koppelingen} koppelingen verwijderd; {Ingekort} auditregels ingekort, {Verwijderd} verwijderd.",
            sessies, stappen, koppelingen, ingekort, verwijderd);
        return run;
    }

    private static void Record(CentralDb db, DateTimeOffset now, string actie, string onderwerp, string details) =>
        db.Audit.Add(new AuditRecord { Tijd = now, Door = Door, Actie = actie, Onderwerp = onderwerp, Details = details });

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A day's claim of periodic work (retention): the key names the work and the day, so one instance does it.</summary>
internal sealed class OnderhoudsRun
{
    public required string Sleutel { get; init; }
    public DateTimeOffset Tijd { get; init; }
}

/// <summary>Checks every hour whether today's retention has run, and runs it when no instance did.</summary>
internal sealed class CentralRetentionScheduler(CentralRetention retention, TimeProvider time, ILogger<CentralRetentionScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await retention.RunTodayAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                logger.LogWarning(e, "Bewaartermijn: opschonen mislukt; het volgende uur opnieuw.");
            }
            try
            {
                await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
