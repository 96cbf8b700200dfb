using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oso.School.Audit;
using Oso.School.Outbox;
using Oso.School.Storage;

namespace Oso.School.Crypto;

/// <summary>
/// Rotates the schools' data keys: a new key per school for new writes (rows made before stay readable by the key id
/// in their ciphertext), optionally every key re-wrapped under a new master key, and per school an outbox job that
/// re-encrypts the older rows in batches (<see cref="DataKeyRekeying"/>) and then retires the keys no row uses.
/// </summary>
public sealed class DataKeyRotation(SchoolStore store, PupilDataProtector protector, MasterKey master, AuditLog audit, OutboxQueue outbox,
    TimeProvider time, IOptions<KeyRotationOptions> options)
{
    /// <summary>
    /// Gives every school a new current data key, in one transaction (audited per school, re-encryption queued to start
    /// after <see cref="KeyRotationOptions.Grace"/>). With <paramref name="newMaster"/> every data key and index key is
    /// re-wrapped under it in the same transaction: all or nothing, so the database is never half under one master key.
    /// </summary>
    public Task<IReadOnlyList<RotatedKey>> RotateAsync(MasterKey? newMaster = null, CancellationToken cancellationToken = default)
    {
        if (newMaster is not null && newMaster.SameAs(master)) throw new ArgumentException("De nieuwe hoofdsleutel is gelijk aan de huidige.", nameof(newMaster));
        var wrapper = newMaster ?? master;
        return store.WriteAsync<IReadOnlyList<RotatedKey>>(async db =>
        {
            var rotated = new List<RotatedKey>();
            foreach (var tenant in await db.Tenants.OrderBy(t => t.Brin).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                var brin = tenant.Brin;
                // stored before data key 1 can ever be retired (older schools derive it from that key)
                if (tenant.WrappedIndexKey is null || newMaster is not null) tenant.WrappedIndexKey = protector.WrapIndexKey(brin, wrapper);
                var keys = await db.DataKeys.Where(k => k.Brin == brin).ToListAsync(cancellationToken).ConfigureAwait(false);
                if (newMaster is not null)
                    foreach (var key in keys) key.Wrapped = Rewrap(key, newMaster);
                var id = keys.Count == 0 ? tenant.DataKeyId + 1 : Math.Max(keys.Max(k => k.KeyId), tenant.DataKeyId) + 1;
                db.DataKeys.Add(new SchoolDataKey { Brin = brin, KeyId = id, Wrapped = NewKey(wrapper, brin, id), CreatedAt = time.GetUtcNow() });
                tenant.DataKeyId = id;
                await audit.RecordAsync(db, brin, Actor.Node, "sleutel.vernieuwd",
                    "Nieuwe gegevens worden met een nieuwe sleutel versleuteld; oudere gegevens worden daarna omgezet.",
                    detail: "sleutel=" + id + (newMaster is null ? "" : ";hoofdsleutel=vervangen"), cancellationToken: cancellationToken).ConfigureAwait(false);
                await outbox.EnqueueAsync(db, DataKeyRekeying.Kind, RekeyStep.First(brin, id), RekeyStep.IdempotencyKey(brin, id, 0), options.Value.Grace,
                    cancellationToken).ConfigureAwait(false);
                rotated.Add(new RotatedKey(brin, id, time.GetUtcNow() + options.Value.Grace));
            }
            return rotated;
        }, cancellationToken);
    }

    /// <summary>Per school: the current key, the keys kept, how many encrypted values use each, and the state of the re-encryption.</summary>
    public async Task<IReadOnlyList<SchoolKeyStatus>> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        var result = new List<SchoolKeyStatus>();
        foreach (var tenant in await db.Tenants.AsNoTracking().OrderBy(t => t.Brin).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            // the job before the keys: each query sees what was committed when it ran, and the last step retires the old
            // keys in a transaction that commits before the worker marks the step done — so a job read as Klaar is never
            // shown with keys read before their retirement (read the other way round, a status could say Klaar and still
            // list the retired key)
            var prefix = RekeyStep.KeyPrefix(tenant.Brin, tenant.DataKeyId);
            var steps = await db.Outbox.AsNoTracking().Where(m => m.Kind == DataKeyRekeying.Kind && m.IdempotencyKey.StartsWith(prefix))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var job = steps.MaxBy(m => JsonSerializer.Deserialize<RekeyStep>(m.Payload)!.Step);
            var keys = await db.DataKeys.AsNoTracking().Where(k => k.Brin == tenant.Brin).OrderBy(k => k.KeyId).ToListAsync(cancellationToken).ConfigureAwait(false);
            var uses = await UsesAsync(db, tenant.Brin, cancellationToken).ConfigureAwait(false);
            result.Add(new SchoolKeyStatus(tenant.Brin, tenant.DataKeyId,
                [.. keys.Select(k => new DataKeyInfo(k.KeyId, k.CreatedAt, uses.GetValueOrDefault(k.KeyId)))],
                uses.Where(u => !keys.Any(k => k.KeyId == u.Key)).Sum(u => u.Value),
                job is null ? null : Progress(job)));
        }
        return result;
    }

    /// <summary>How many encrypted values of a school use each key (a key id of -1 counts values not in the protector's format).</summary>
    internal static async Task<Dictionary<int, long>> UsesAsync(SchoolDbContext db, string brin, CancellationToken cancellationToken)
    {
        var uses = new Dictionary<int, long>();
        foreach (var column in EncryptedColumns.All)
            foreach (var use in await column.KeyUseAsync(db, brin, cancellationToken).ConfigureAwait(false))
                uses[use.KeyId ?? -1] = uses.GetValueOrDefault(use.KeyId ?? -1) + use.Count;
        return uses;
    }

    private static RekeyProgress Progress(OutboxMessage job)
    {
        var step = JsonSerializer.Deserialize<RekeyStep>(job.Payload)!;
        var state = job.CompletedAt is not null && step.Column == RekeyStep.Retiring ? RekeyState.Klaar
            : job.FailedAt is not null ? RekeyState.Mislukt
            : job.Attempts == 0 && step.Step == 0 ? RekeyState.Wacht
            : RekeyState.Bezig;
        return new RekeyProgress(state, step.KeyId, step.Column, step.Moved, step.Unreadable, job.DueAt, job.LastError);
    }

    private byte[] Rewrap(SchoolDataKey key, MasterKey newMaster)
    {
        var plain = master.Unwrap(key.Wrapped, key.Brin, key.KeyId);
        try
        {
            return newMaster.Wrap(plain, key.Brin, key.KeyId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] NewKey(MasterKey wrapper, string brin, int id)
    {
        var plain = RandomNumberGenerator.GetBytes(32);
        try
        {
            return wrapper.Wrap(plain, brin, id);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}

/// <summary>A school's new data key.</summary>
/// <param name="Brin">The school.</param>
/// <param name="KeyId">The new current key.</param>
/// <param name="RekeyFrom">When re-encrypting the older rows starts.</param>
public sealed record RotatedKey(string Brin, int KeyId, DateTimeOffset RekeyFrom);

/// <summary>The keys of one school.</summary>
/// <param name="Brin">The school.</param>
/// <param name="CurrentKeyId">The key new writes use.</param>
/// <param name="Keys">The keys kept (current and older ones still in use), with how many values use each.</param>
/// <param name="WithoutKey">Values that name no kept key (unreadable; should be 0).</param>
/// <param name="Rekey">The latest re-encryption job, if any.</param>
public sealed record SchoolKeyStatus(string Brin, int CurrentKeyId, IReadOnlyList<DataKeyInfo> Keys, long WithoutKey, RekeyProgress? Rekey);

/// <summary>One data key.</summary>
/// <param name="KeyId">Its id.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="Values">How many encrypted values use it.</param>
public sealed record DataKeyInfo(int KeyId, DateTimeOffset CreatedAt, long Values);

/// <summary>Where re-encryption stands.</summary>
public enum RekeyState
{
    /// <summary>Queued; starts at <see cref="RekeyProgress.Due"/>.</summary>
    Wacht,

    /// <summary>Running (or retried after an error).</summary>
    Bezig,

    /// <summary>Done: older keys no value uses were retired.</summary>
    Klaar,

    /// <summary>Given up (see <see cref="RekeyProgress.LastError"/>).</summary>
    Mislukt,
}

/// <summary>The state of a school's re-encryption.</summary>
/// <param name="State">Waiting, running, done or failed.</param>
/// <param name="KeyId">The key values are moved to.</param>
/// <param name="Column">The column being worked on.</param>
/// <param name="Moved">Values re-encrypted so far.</param>
/// <param name="Unreadable">Values that did not decrypt (they keep their key).</param>
/// <param name="Due">When the next step runs.</param>
/// <param name="LastError">The last error, if any (no personal data).</param>
public sealed record RekeyProgress(RekeyState State, int KeyId, string Column, long Moved, long Unreadable, DateTimeOffset Due, string? LastError);
