using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oso.School.Audit;
using Oso.School.Outbox;
using Oso.School.Storage;

namespace Oso.School.Crypto;

/// <summary>
/// Re-encrypts a school's older rows under its current data key, one batch per outbox message: each batch, its
/// progress and the message for the next batch commit together, so the job resumes after a crash, lets other outbox
/// work run between batches, and runs on one instance at a time (the outbox's claim). After the last column, in the
/// same transaction, every older key that no row uses any more is deleted (retired) and the outcome is audited.
/// </summary>
public sealed class DataKeyRekeying(SchoolStore store, PupilDataProtector protector, AuditLog audit, OutboxQueue outbox, IOptions<KeyRotationOptions> options)
    : IOutboxHandler
{
    /// <summary>The outbox kind.</summary>
    public const string Kind = "sleutels.herversleutelen";

    /// <inheritdoc />
    string IOutboxHandler.Kind => Kind;

    /// <inheritdoc />
    public async Task<OutboxOutcome> HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var step = JsonSerializer.Deserialize<RekeyStep>(message.Payload) ?? throw new InvalidOperationException("Leeg sleutelwerk.");
        await store.WriteAsync(db => RunStepAsync(db, step, cancellationToken), cancellationToken).ConfigureAwait(false);
        return OutboxOutcome.Done;
    }

    private async Task RunStepAsync(SchoolDbContext db, RekeyStep step, CancellationToken cancellationToken)
    {
        var current = await db.Tenants.Where(t => t.Brin == step.Brin).Select(t => (int?)t.DataKeyId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (current != step.KeyId) return; // the school is gone, or a newer rotation's job carries on from the start
        if (step.Column == RekeyStep.Retiring)
        {
            await FinishAsync(db, step, cancellationToken).ConfigureAwait(false);
            return;
        }
        var column = EncryptedColumns.Find(step.Column);
        if (column is null)
        {
            // a column renamed by an upgrade while the job waited: start again (rows already moved are skipped)
            await NextAsync(db, step with { Column = EncryptedColumns.All[0].Name, After = null }, cancellationToken).ConfigureAwait(false);
            return;
        }
        var batch = Math.Max(1, options.Value.BatchSize);
        var rows = await column.NotUnderAsync(db, step.Brin, PupilDataProtector.Prefix(step.KeyId), step.After, batch, cancellationToken).ConfigureAwait(false);
        long moved = 0, unreadable = 0;
        foreach (var row in rows)
        {
            byte[]? fresh;
            try
            {
                fresh = protector.Reprotect(step.Brin, row.Blob, column.Context(row.Id), step.KeyId);
            }
            catch (CryptographicException)
            {
                unreadable++; // keeps its key, which is then not retired
                continue;
            }
            // a row changed meanwhile was written under the current key: nothing to do
            if (fresh is not null && await column.ReplaceAsync(db, row.Id, row.Blob, fresh, cancellationToken).ConfigureAwait(false)) moved++;
        }
        step = step with { Moved = step.Moved + moved, Unreadable = step.Unreadable + unreadable };
        if (rows.Count == batch)
        {
            await NextAsync(db, step with { After = rows[^1].Id }, cancellationToken).ConfigureAwait(false);
            return;
        }
        var index = EncryptedColumns.All.ToList().FindIndex(c => c.Name == column.Name);
        if (index + 1 < EncryptedColumns.All.Count)
        {
            await NextAsync(db, step with { Column = EncryptedColumns.All[index + 1].Name, After = null }, cancellationToken).ConfigureAwait(false);
            return;
        }
        await NextAsync(db, step with { Column = RekeyStep.Retiring, After = null }, cancellationToken).ConfigureAwait(false);
    }

    private Task NextAsync(SchoolDbContext db, RekeyStep step, CancellationToken cancellationToken)
    {
        step = step with { Step = step.Step + 1 };
        return outbox.EnqueueAsync(db, Kind, step, RekeyStep.IdempotencyKey(step.Brin, step.KeyId, step.Step), cancellationToken: cancellationToken);
    }

    private async Task FinishAsync(SchoolDbContext db, RekeyStep step, CancellationToken cancellationToken)
    {
        var outcome = "sleutel=" + step.KeyId + ";";
        if (await db.Audit.AnyAsync(a => a.Brin == step.Brin && a.Action == "sleutel.omgezet" && a.Detail!.StartsWith(outcome), cancellationToken).ConfigureAwait(false))
            return; // this last step ran before and was not marked done (a crash in between)
        // counted again inside this transaction: a key is deleted only when no row names it. Since the job began after
        // the grace period, no instance writes under an older key any more.
        var uses = await DataKeyRotation.UsesAsync(db, step.Brin, cancellationToken).ConfigureAwait(false);
        var older = await db.DataKeys.Where(k => k.Brin == step.Brin && k.KeyId != step.KeyId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var remaining = 0L;
        foreach (var key in older.OrderBy(k => k.KeyId))
        {
            var use = uses.GetValueOrDefault(key.KeyId);
            remaining += use;
            if (use > 0) continue;
            db.DataKeys.Remove(key);
            await audit.RecordAsync(db, step.Brin, Actor.Node, "sleutel.ingetrokken", "Een oude sleutel is verwijderd: geen enkel gegeven gebruikt hem nog.",
                detail: "sleutel=" + key.KeyId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        await audit.RecordAsync(db, step.Brin, Actor.Node, "sleutel.omgezet", "Oudere gegevens zijn met de nieuwe sleutel versleuteld.",
            detail: $"{outcome}omgezet={step.Moved};onleesbaar={step.Unreadable};oudeSleutelNog={remaining}", cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Where a school's re-encryption stands: the payload of each <see cref="DataKeyRekeying"/> message.</summary>
/// <param name="Brin">The school.</param>
/// <param name="KeyId">The key rows are moved to.</param>
/// <param name="Column">The column (<see cref="EncryptedColumn.Name"/>) this step works on.</param>
/// <param name="After">The last row key done in this column (null: from the start).</param>
/// <param name="Step">The step number (part of the message's idempotency key).</param>
/// <param name="Moved">Rows re-encrypted before this step.</param>
/// <param name="Unreadable">Rows that did not decrypt before this step.</param>
public sealed record RekeyStep(string Brin, int KeyId, string Column, Guid? After, int Step, long Moved, long Unreadable)
{
    /// <summary>The <see cref="Column"/> of the last step: every column is done; retire the keys no row uses.</summary>
    public const string Retiring = "(oude sleutels intrekken)";

    /// <summary>The first step for a new key.</summary>
    public static RekeyStep First(string brin, int keyId) => new(brin, keyId, EncryptedColumns.All[0].Name, null, 0, 0, 0);

    /// <summary>The idempotency key of a step's message.</summary>
    public static string IdempotencyKey(string brin, int keyId, int step) => KeyPrefix(brin, keyId) + step;

    /// <summary>What every step of a school's job for a key starts with.</summary>
    public static string KeyPrefix(string brin, int keyId) => "rekey:" + brin + ":" + keyId + ":";
}
