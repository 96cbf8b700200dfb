using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Retention;
using Oso.School.Storage;

namespace Oso.School.Privacy;

/// <summary>Why a beheerder deletes a pupil's data (a code in the audit record: the reason itself may not name anyone).</summary>
public static class DeletionReasons
{
    /// <summary>The reasons, as code and Dutch text.</summary>
    public static IReadOnlyList<(string Code, string Tekst)> All { get; } =
    [
        ("geen-overstap", "De leerling stapt niet over (het dossier is nooit verstrekt)"),
        ("verzoek-ouders", "Verzoek van de ouders of de leerling om de gegevens te wissen (art. 17 AVG)"),
        ("onjuist-aangeleverd", "Per vergissing aangeleverd (verkeerde leerling of school)"),
    ];

    /// <summary>True for a known code.</summary>
    public static bool Known(string? code) => All.Any(r => r.Code == code);
}

/// <summary>What a deletion request gave.</summary>
public abstract record DeletionResult
{
    private DeletionResult() { }

    /// <summary>Deleted; the audit record stays.</summary>
    public sealed record Deleted : DeletionResult;

    /// <summary>The law (or a running transfer) requires keeping it: the Dutch reason.</summary>
    public sealed record Refused(string Reason) : DeletionResult;

    /// <summary>No such pupil at this school.</summary>
    public sealed record NotFound : DeletionResult;
}

/// <summary>
/// Deletion on request (AVG art. 17) of a pupil's data at the bron, by a beheerder. The rule (docs/privacy.md §7):
/// allowed while the dossier was never verstrekt and no other school waits for it; refused once it was verstrekt
/// (the school must be able to show what it sent, for the period of <c>Retention:BronDossiers</c> after that school
/// year, after which retention removes it) and while a request of another school waits for a release. The deletion
/// removes everything of the pupil (as retention does) and leaves one audit record with the reason's code and counts.
/// </summary>
public sealed class PupilDeletion(SchoolStore store, AuditLog audit, TimeProvider time, SchoolOptions options)
{
    /// <summary>Null when the pupil may be deleted now; otherwise the Dutch reason why not.</summary>
    public async Task<string?> RefusalAsync(string brin, Guid pupilId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        return await RefusalAsync(db, brin, pupilId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the pupil when the rule allows it, with one audit record (reason code and counts only).</summary>
    public async Task<DeletionResult> DeleteAsync(string brin, Guid pupilId, string reason, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!DeletionReasons.Known(reason)) return new DeletionResult.Refused("Kies waarom de gegevens worden verwijderd.");
        return await store.WriteAsync<DeletionResult>(async db =>
        {
            if (!await db.Pupils.AnyAsync(p => p.Id == pupilId && p.Brin == brin, cancellationToken).ConfigureAwait(false)) return new DeletionResult.NotFound();
            if (await RefusalAsync(db, brin, pupilId, cancellationToken).ConfigureAwait(false) is { } refusal) return new DeletionResult.Refused(refusal);
            var removed = await PupilData.RemoveBronPupilAsync(db, pupilId, cancellationToken).ConfigureAwait(false);
            await audit.RecordAsync(db, brin, actor, "leerling.verwijderd", "Op verzoek verwijderd: alle gegevens van de leerling als vorige school.",
                pupilId.ToString(), $"reden={reason};{removed.Detail}", cancellationToken).ConfigureAwait(false);
            return new DeletionResult.Deleted();
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> RefusalAsync(SchoolDbContext db, string brin, Guid pupilId, CancellationToken cancellationToken)
    {
        var disclosed = await db.Disclosures.Where(d => d.PupilId == pupilId && d.Brin == brin).MaxAsync(d => (DateTimeOffset?)d.At, cancellationToken).ConfigureAwait(false);
        if (disclosed is { } at)
        {
            var until = Hosting.Retention.SchoolYear.EndOf(at) + options.Retention.BronDossiers;
            return $"Het dossier is al aan een andere school verstrekt. De school moet dan kunnen laten zien wat ze stuurde; de bewaartermijn verwijdert het vanzelf, op zijn vroegst op {Portal.Dutch.Date(DateOnly.FromDateTime(until.UtcDateTime))}.";
        }
        var waitingSince = time.GetUtcNow() - options.NotifyWithin;
        if (await db.IncomingRequests.AnyAsync(r => r.PupilId == pupilId && r.Brin == brin && r.AwaitingNotification && r.ReceivedAt >= waitingSince, cancellationToken).ConfigureAwait(false))
            return "Een andere school heeft het dossier opgevraagd en wacht op de vrijgave. Verwijderen kan pas als die school het dossier niet meer verwacht.";
        return null;
    }
}
