using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Oso.School.Storage;

namespace Oso.School.LasApi;

/// <summary>
/// An <c>Idempotency-Key</c> a LAS client sent with <c>POST …/aanmeldingen/{id}/aanvragen</c>: the same key with the
/// same request from the same client gives the same request again instead of a second one (a LAS that retries after a
/// connection reset). Kept for <c>Retention:IdempotencyKeys</c> (a day by default), removed by the daily retention purge.
/// </summary>
public sealed class LasIdempotencyKey
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The LAS client that sent the key (keys of different clients never meet).</summary>
    public Guid LasClientId { get; init; }

    /// <summary>The school in the route.</summary>
    public required string Brin { get; init; }

    /// <summary>SHA-256 (hex) of the key as sent: the key itself is the LAS's, of any content, and is not kept.</summary>
    public required string KeyHash { get; init; }

    /// <summary>SHA-256 (hex) of what the request asked (aanmelding and body): the same key with another request is a conflict.</summary>
    public required string RequestHash { get; init; }

    /// <summary>The transfer request the first call queued (the answer every repeat gets).</summary>
    public Guid RequestId { get; init; }

    /// <summary>When the first call came.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The outcome of a call with an idempotency key.</summary>
public abstract record IdempotentResult
{
    private IdempotentResult()
    {
    }

    /// <summary>The key was new: the request was queued (or refused, and the key not kept).</summary>
    public sealed record First(Doel.DoelResult Result) : IdempotentResult;

    /// <summary>The key was seen with the same request: its request id again, nothing queued.</summary>
    public sealed record Repeat(Guid RequestId) : IdempotentResult;

    /// <summary>The key was seen with another request.</summary>
    public sealed record Conflict : IdempotentResult;
}

/// <summary>Runs <c>POST …/aanvragen</c> once per LAS client, school and <c>Idempotency-Key</c>.</summary>
public sealed class LasIdempotency(SchoolStore store, SchoolOptions options, TimeProvider time)
{
    /// <summary>The longest key accepted.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>Why a key is not accepted (null when it is): 1–200 visible ASCII characters.</summary>
    public static string? Problem(string key) =>
        key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~')
            ? $"De Idempotency-Key moet 1 tot {MaxKeyLength} zichtbare ASCII-tekens zijn (bijvoorbeeld een GUID)."
            : null;

    /// <summary>SHA-256 (hex) of a request's parts, each on its own line.</summary>
    public static string RequestHash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction with the key's record, unless the key was seen before. Two calls
    /// with one key at once (PostgreSQL): the second one's insert hits the unique index, and it reads the first one's record.
    /// </summary>
    public async Task<IdempotentResult> RunAsync(LasClient client, string brin, string key, string requestHash,
        Func<SchoolDbContext, Task<Doel.DoelResult>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(work);
        var keyHash = LasAuthentication.Hash(key);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await store.WriteAsync<IdempotentResult>(async db =>
                {
                    var seen = await db.LasIdempotencyKeys.AsNoTracking()
                        .FirstOrDefaultAsync(k => k.LasClientId == client.Id && k.Brin == brin && k.KeyHash == keyHash, cancellationToken).ConfigureAwait(false);
                    if (seen is not null && seen.CreatedAt > time.GetUtcNow() - options.Retention.IdempotencyKeys)
                        return seen.RequestHash == requestHash ? new IdempotentResult.Repeat(seen.RequestId) : new IdempotentResult.Conflict();
                    if (seen is not null) await db.LasIdempotencyKeys.Where(k => k.Id == seen.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                    var result = await work(db).ConfigureAwait(false);
                    if (result is Doel.DoelResult.Ok ok)
                        db.LasIdempotencyKeys.Add(new LasIdempotencyKey
                        {
                            Id = Guid.NewGuid(), LasClientId = client.Id, Brin = brin, KeyHash = keyHash, RequestHash = requestHash, RequestId = ok.Id,
                            CreatedAt = time.GetUtcNow(),
                        });
                    return new IdempotentResult.First(result);
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // another call with this key committed first: the next attempt finds its record
            }
        }
    }

    /// <summary>A request hash's part for an optional moment.</summary>
    public static string Part(DateTimeOffset? moment) => moment?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "-";
}
