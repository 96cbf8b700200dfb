using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Oso.School.Outbox;
using Oso.School.Portal;
using Oso.School.Staff;
using Oso.School.Storage;

namespace Oso.School.Mail;

/// <summary>
/// The daily digest for staff who chose it: at <see cref="SchoolOptions.StaffDigestTime"/> (07:00 Dutch time by default) each school with such staff gets one outbox message
/// for the day, fanned out to one <see cref="StaffMail"/> per person, which counts what happened in the 24 hours before
/// (requests waiting for a release, parents' answers, dossiers received or not) — only the events that person wants,
/// and no mail when nothing happened.
/// </summary>
public sealed class StaffDigest(SchoolStore store, OutboxQueue outbox, SchoolOptions options) : IOutboxHandler, IDailyWork
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "medewerkers.overzicht";

    /// <summary>When the digest goes (Dutch local time).</summary>
    private TimeOnly At => TimeOnly.FromTimeSpan(options.StaffDigestTime);

    /// <summary>The outbox payload.</summary>
    /// <param name="Brin">The school.</param>
    /// <param name="Day">The day (yyyy-MM-dd, Dutch date).</param>
    public sealed record Payload(string Brin, string Day);

    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task QueueAsync(SchoolDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var local = Amsterdam.Local(now);
        if (TimeOnly.FromDateTime(local.DateTime) < At) return;
        var day = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var schools = await db.StaffMemberships.AsNoTracking().Where(m => m.MailDigest && m.MailEvents != StaffMailEvents.Geen).Select(m => m.Brin).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var brin in schools)
            await outbox.EnqueueAsync(db, Kind, new Payload(brin, day), $"overzicht:{brin}:{day}", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var p = JsonSerializer.Deserialize<Payload>(message.Payload)!;
        await store.WriteAsync(async db =>
        {
            var users = await db.StaffMemberships.AsNoTracking().Where(m => m.Brin == p.Brin && m.MailDigest && m.MailEvents != StaffMailEvents.Geen)
                .Select(m => m.UserId).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var user in users)
                await outbox.EnqueueAsync(db, StaffMail.Kind, new StaffMail.Payload(p.Brin, user, StaffMailEvents.Geen, Guid.Empty, p.Day),
                    StaffMail.Key(StaffMailEvents.Geen, p.Brin + "." + p.Day, user), cancellationToken: cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }

    /// <summary>The digest for one person: what happened at the school in the 24 hours before the day's digest time; null when nothing did.</summary>
    internal async Task<(string Subject, string Body)?> ComposeAsync(SchoolDbContext db, string brin, string school, StaffMailEvents wanted, string day, Uri home,
        CancellationToken cancellationToken)
    {
        var date = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var until = Amsterdam.At(date, At);
        var since = until - TimeSpan.FromDays(1);
        var lines = new List<string>();
        if (wanted.HasFlag(StaffMailEvents.Verzoek))
        {
            var n = await db.IncomingRequests.CountAsync(r => r.Brin == brin && r.ReceivedAt >= since && r.ReceivedAt < until && r.AwaitingNotification, cancellationToken)
                .ConfigureAwait(false);
            if (n > 0) lines.Add(n == 1 ? "1 verzoek van een andere school om een dossier dat nog niet is vrijgegeven" : $"{n} verzoeken van andere scholen om dossiers die nog niet zijn vrijgegeven");
        }
        if (wanted.HasFlag(StaffMailEvents.Reactie))
        {
            var n = await db.ParentLinks.CountAsync(l => l.Brin == brin && l.RespondedAt >= since && l.RespondedAt < until, cancellationToken).ConfigureAwait(false);
            if (n > 0) lines.Add(n == 1 ? "1 reactie van ouders op een overstapdossier" : $"{n} reacties van ouders op overstapdossiers");
        }
        if (wanted.HasFlag(StaffMailEvents.Ontvangen))
        {
            var finished = await db.TransferRequests.AsNoTracking().Where(r => r.Brin == brin && r.FinishedAt >= since && r.FinishedAt < until).Select(r => r.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var received = await db.ReceivedDossiers.CountAsync(d => finished.Contains(d.RequestId), cancellationToken).ConfigureAwait(false);
            if (received > 0) lines.Add(received == 1 ? "1 ontvangen overstapdossier" : $"{received} ontvangen overstapdossiers");
            var without = finished.Count - await db.ReceivedDossiers.Where(d => finished.Contains(d.RequestId)).Select(d => d.RequestId)
                .Distinct().CountAsync(cancellationToken).ConfigureAwait(false);
            if (without > 0) lines.Add(without == 1 ? "1 opvraging die zonder dossier eindigde" : $"{without} opvragingen die zonder dossier eindigden");
        }
        if (lines.Count == 0) return null;
        var waiting = await db.IncomingRequests.CountAsync(r => r.Brin == brin && r.AwaitingNotification, cancellationToken).ConfigureAwait(false);
        var body = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Wat er sinds {Dutch.Moment(since)} gebeurde bij {school}:")
            .AppendLine();
        foreach (var line in lines) body.AppendLine("- " + line);
        if (waiting > 0 && wanted.HasFlag(StaffMailEvents.Verzoek))
            body.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"In totaal wachten nu {waiting} {(waiting == 1 ? "verzoek" : "verzoeken")} van andere scholen op een vrijgave.");
        body.AppendLine().AppendLine("Bekijk alles in het School-portaal:").AppendLine(home.AbsoluteUri);
        return ($"Dagoverzicht overstapdossiers {school}", body.ToString());
    }
}
