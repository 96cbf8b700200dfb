using Microsoft.EntityFrameworkCore;
using Oso.Dossier.Schema;
using Oso.School.Audit;
using Oso.School.Crypto;
using Oso.School.Parents;
using Oso.School.Storage;

namespace Oso.School.Privacy;

/// <summary>What filing or handling a correction request gave.</summary>
public abstract record CorrectionResult
{
    private CorrectionResult() { }

    /// <summary>Recorded.</summary>
    public sealed record Filed(Guid Id) : CorrectionResult;

    /// <summary>Handled.</summary>
    public sealed record Handled : CorrectionResult;

    /// <summary>No such pupil or request at this school.</summary>
    public sealed record NotFound : CorrectionResult;

    /// <summary>The text cannot be used (Dutch reason).</summary>
    public sealed record Invalid(string Reason) : CorrectionResult;
}

/// <summary>A correction request as staff and parents see it.</summary>
public sealed record CorrectionView(Guid Id, string Request, string Source, DateTimeOffset CreatedAt, string Status, string? Outcome, DateTimeOffset? HandledAt);

/// <summary>
/// Correction and objection (AVG art. 16 and 21): parents file a request on their page, or staff on their behalf; it is
/// a task on the pupil's page until staff record what was done. Filing, reading and handling are audited; the texts are
/// encrypted with the school's key. A correction of the dossier itself is made in the LAS (or the editor) and reaches
/// the next school with the next release; the parents' zienswijze travels with the dossier as before.
/// </summary>
public sealed class Corrections(SchoolStore store, PupilDataProtector protector, AuditLog audit, ParentLinks links, TimeProvider time)
{
    /// <summary>The longest text accepted.</summary>
    public const int MaxLength = 4000;

    /// <summary>Files a request. <paramref name="source"/>: <c>ouders</c> or <c>school</c>.</summary>
    public async Task<CorrectionResult> FileAsync(string brin, Guid pupilId, string? text, string source, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Check(text, "Schrijf op wat er niet klopt en wat er volgens u zou moeten staan.") is { } invalid) return invalid;
        return await store.WriteAsync<CorrectionResult>(async db =>
        {
            if (!await db.Pupils.AnyAsync(p => p.Id == pupilId && p.Brin == brin, cancellationToken).ConfigureAwait(false)) return new CorrectionResult.NotFound();
            var id = Guid.NewGuid();
            db.CorrectionRequests.Add(new CorrectionRequest
            {
                Id = id, Brin = brin, PupilId = pupilId, Request = protector.ProtectText(brin, text!.Trim(), RequestContext(id)), Source = source,
                CreatedBy = actor.ToString(), CreatedAt = time.GetUtcNow(), Status = CorrectionStatus.Open,
            });
            await audit.RecordAsync(db, brin, actor, "correctie.ingediend", "Een verzoek om correctie of bezwaar tegen het dossier is ingediend.",
                pupilId.ToString(), $"verzoek={id};door={source}", cancellationToken).ConfigureAwait(false);
            return new CorrectionResult.Filed(id);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Files a request from the parents' page for the link's pupil, as the link; <see cref="CorrectionResult.NotFound"/> when the link no longer works.</summary>
    public async Task<CorrectionResult> FileByParentsAsync(Guid linkId, string? text, CancellationToken cancellationToken = default)
    {
        var link = await ActiveLinkAsync(linkId, cancellationToken).ConfigureAwait(false);
        if (link is null) return new CorrectionResult.NotFound();
        return await FileAsync(link.Brin, link.PupilId, text, "ouders", Actor.Ouder(link.Id.ToString()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The requests about the link's pupil, for the parents' page (empty when the link no longer works).</summary>
    public async Task<IReadOnlyList<CorrectionView>> ListForParentsAsync(Guid linkId, CancellationToken cancellationToken = default)
    {
        var link = await ActiveLinkAsync(linkId, cancellationToken).ConfigureAwait(false);
        return link is null ? [] : await ListAsync(link.Brin, link.PupilId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records what the school did and closes the task.</summary>
    public async Task<CorrectionResult> HandleAsync(string brin, Guid pupilId, Guid id, string? outcome, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Check(outcome, "Schrijf op wat de school met het verzoek heeft gedaan (bijvoorbeeld: aangepast in de versie van vandaag, of waarom niet).") is { } invalid)
            return invalid;
        return await store.WriteAsync<CorrectionResult>(async db =>
        {
            var request = await db.CorrectionRequests.FirstOrDefaultAsync(c => c.Id == id && c.Brin == brin && c.PupilId == pupilId, cancellationToken).ConfigureAwait(false);
            if (request is null) return new CorrectionResult.NotFound();
            if (request.Status == CorrectionStatus.Afgehandeld) return new CorrectionResult.Invalid("Dit verzoek is al afgehandeld.");
            request.Status = CorrectionStatus.Afgehandeld;
            request.Outcome = protector.ProtectText(brin, outcome!.Trim(), OutcomeContext(id));
            request.HandledAt = time.GetUtcNow();
            request.HandledBy = actor.ToString();
            await audit.RecordAsync(db, brin, actor, "correctie.afgehandeld", "De school heeft vastgelegd wat zij met het verzoek om correctie deed.",
                pupilId.ToString(), "verzoek=" + id, cancellationToken).ConfigureAwait(false);
            return new CorrectionResult.Handled();
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A pupil's requests, newest first (decrypted; the caller's page view is the audited read).</summary>
    public async Task<IReadOnlyList<CorrectionView>> ListAsync(string brin, Guid pupilId, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var rows = await db.CorrectionRequests.AsNoTracking().Where(c => c.Brin == brin && c.PupilId == pupilId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderByDescending(c => c.CreatedAt).Select(c => new CorrectionView(c.Id, protector.UnprotectText(brin, c.Request, RequestContext(c.Id)), c.Source,
            c.CreatedAt, c.Status, c.Outcome is null ? null : protector.UnprotectText(brin, c.Outcome, OutcomeContext(c.Id)), c.HandledAt)).ToList();
    }

    private async Task<ParentLink?> ActiveLinkAsync(Guid linkId, CancellationToken cancellationToken)
    {
        await using var db = store.Read();
        return await links.ActiveAsync(db, linkId, cancellationToken).ConfigureAwait(false);
    }

    private static CorrectionResult.Invalid? Check(string? text, string empty)
    {
        if (string.IsNullOrWhiteSpace(text)) return new CorrectionResult.Invalid(empty);
        if (text.Length > MaxLength) return new CorrectionResult.Invalid($"Gebruik hoogstens {MaxLength} tekens.");
        if (XmlValues.IndexOfInvalidCharacter(text) >= 0) return new CorrectionResult.Invalid("De tekst bevat een teken dat niet kan worden opgeslagen (een stuurteken). Typ de tekst opnieuw.");
        return null;
    }

    internal static string RequestContext(Guid id) => "correctie:" + id;

    internal static string OutcomeContext(Guid id) => "correctie-uitkomst:" + id;
}
