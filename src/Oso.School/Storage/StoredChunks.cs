using System.Security.Cryptography;
using System.Text;
using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Oso.Hosting.Storage;
using Oso.School.Crypto;

namespace Oso.School.Storage;

/// <summary>
/// One piece of a large encrypted value (a received dossier; later a bron's release), so the value is never held whole
/// (ADR 0014, phase 2). The row's key is derived from its owner and its place (<see cref="StoredChunks.ChunkId"/>) and
/// its ciphertext is bound to that key: a chunk moved to another owner or place, or two chunks swapped, do not decrypt.
/// </summary>
public sealed class StoredChunk
{
    /// <summary>The key: <see cref="StoredChunks.ChunkId"/> of <see cref="OwnerKind"/>, <see cref="OwnerId"/> and <see cref="Sequence"/>.</summary>
    public Guid Id { get; init; }

    /// <summary>The school whose data key encrypts it.</summary>
    public required string Brin { get; init; }

    /// <summary>What it belongs to (<see cref="StoredChunks.Received"/>, …).</summary>
    public required string OwnerKind { get; init; }

    /// <summary>The owning row's id.</summary>
    public Guid OwnerId { get; init; }

    /// <summary>Its place, from 0.</summary>
    public int Sequence { get; init; }

    /// <summary>At most <see cref="StoredChunks.ChunkBytes"/> of plaintext, encrypted with the school's data key (context <see cref="StoredChunks.Context"/>).</summary>
    public required byte[] Data { get; set; }
}

/// <summary>Writes, reads and deletes the <see cref="StoredChunk"/>s of a value.</summary>
public static class StoredChunks
{
    private static readonly FrozenSet<Type> ChunkType = new[] { typeof(StoredChunk) }.ToFrozenSet();

    /// <summary>Plaintext bytes per chunk.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>The owner kind of a received dossier's XML (<see cref="Doel.ReceivedDossier"/>).</summary>
    public const string Received = "received";

    /// <summary>The key of chunk <paramref name="sequence"/> of an owner: the first 16 bytes of SHA-256 over kind, owner and place.</summary>
    public static Guid ChunkId(string ownerKind, Guid ownerId, int sequence) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"oso-chunk|{ownerKind}|{ownerId}|{sequence}")).AsSpan(0, 16));

    /// <summary>The encryption context of a chunk (its key names its owner and place).</summary>
    public static string Context(Guid chunkId) => "chunk:" + chunkId;

    /// <summary>
    /// Splits <paramref name="source"/> into chunks, each encrypted and inserted in the caller's transaction (inserted one at a
    /// time by hand, <see cref="RowStatements"/>, and not tracked, so the ciphertext of the whole value is never held); returns how many.
    /// </summary>
    public static async Task<int> WriteAsync(SchoolDbContext db, PupilDataProtector protector, string brin, string ownerKind, Guid ownerId, Stream source,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(source);
        var buffer = new byte[ChunkBytes];
        var count = 0;
        try
        {
            while (true)
            {
                var filled = await source.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (filled == 0 && count > 0) break;
                var id = ChunkId(ownerKind, ownerId, count);
                var chunk = new StoredChunk
                {
                    Id = id, Brin = brin, OwnerKind = ownerKind, OwnerId = ownerId, Sequence = count,
                    Data = protector.Protect(brin, buffer.AsSpan(0, filled), Context(id)),
                };
                db.StoredChunks.Add(chunk);
                // inserted by hand (ADR 0016) and no longer tracked; anything else pending goes through SaveChanges as before
                await RowStatements.SaveAsync(db, ChunkType, cancellationToken: cancellationToken).ConfigureAwait(false);
                count++;
                if (filled < ChunkBytes) break;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
        return count;
    }

    /// <summary>A read-only stream over an owner's <paramref name="count"/> chunks, decrypting one at a time; it owns <paramref name="db"/>.</summary>
    public static Stream Open(SchoolDbContext db, PupilDataProtector protector, string brin, string ownerKind, Guid ownerId, int count) =>
        new ChunkStream(db, protector, brin, ownerKind, ownerId, count);

    /// <summary>Deletes the chunks of the owners of one kind (in the caller's transaction); returns how many.</summary>
    public static Task<int> DeleteAsync(SchoolDbContext db, string ownerKind, IQueryable<Guid> owners, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.StoredChunks.Where(c => c.OwnerKind == ownerKind && owners.Contains(c.OwnerId)).ExecuteDeleteAsync(cancellationToken);
    }

    // a forward-only read (the project's ForwardReadStream refuses the rest)
    private sealed class ChunkStream(SchoolDbContext db, PupilDataProtector protector, string brin, string ownerKind, Guid ownerId, int chunks)
        : Oso.Dossier.Xml.ForwardReadStream
    {
        private byte[] _current = [];
        private int _offset;
        private int _next;
        public override int Read(Span<byte> buffer)
        {
            while (_offset == _current.Length)
            {
                if (_next == chunks) return 0;
                var id = ChunkId(ownerKind, ownerId, _next);
                Decrypt(db.StoredChunks.AsNoTracking().Where(c => c.Id == id).Select(c => c.Data).FirstOrDefault());
            }
            return Take(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_offset == _current.Length)
            {
                if (_next == chunks) return 0;
                var id = ChunkId(ownerKind, ownerId, _next);
                Decrypt(await db.StoredChunks.AsNoTracking().Where(c => c.Id == id).Select(c => c.Data).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false));
            }
            return Take(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Decrypt(byte[]? blob)
        {
            var n = _next;
            if (blob is null)
                throw new InvalidDataException($"Deel {n + 1} van {chunks} van het opgeslagen dossier ontbreekt; het dossier kan niet worden gelezen.");
            CryptographicOperations.ZeroMemory(_current);
            try
            {
                _current = protector.Unprotect(brin, blob, Context(ChunkId(ownerKind, ownerId, n)));
            }
            catch (CryptographicException e)
            {
                throw new InvalidDataException(
                    $"Deel {n + 1} van {chunks} van het opgeslagen dossier hoort niet op deze plaats of is gewijzigd (verplaatst, verwisseld of beschadigd); het dossier wordt niet gelezen.", e);
            }
            _offset = 0;
            _next++;
        }

        private int Take(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) db.Dispose();
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await db.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }
}
