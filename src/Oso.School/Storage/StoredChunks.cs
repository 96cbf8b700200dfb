using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Oso.Hosting.Storage;
using Oso.School.Crypto;

namespace Oso.School.Storage;

/// <summary>
/// One piece of a large encrypted value (a received dossier, a bron's release), so the value is never held whole
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

    /// <summary>The owner kind of a bron's released dossier's XML (<see cref="Bron.DossierRelease"/>; ADR 0014 phase 3).</summary>
    public const string Release = "release";

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

    /// <summary>
    /// A read-only stream over an owner's <paramref name="count"/> chunks: one query for them in order, each decrypted in
    /// turn into one reused buffer (so neither the plaintext nor the ciphertext of the whole value is held). It owns
    /// <paramref name="db"/> (a read context of its own) unless <paramref name="ownsContext"/> is false — then it reads in the
    /// caller's context and transaction, and must be disposed before that context runs another command.
    /// </summary>
    public static Stream Open(SchoolDbContext db, PupilDataProtector protector, string brin, string ownerKind, Guid ownerId, int count, bool ownsContext = true) =>
        new ChunkStream(db, protector, brin, ownerKind, ownerId, count, ownsContext);

    /// <summary>Deletes the chunks of the owners of one kind (in the caller's transaction); returns how many.</summary>
    public static Task<int> DeleteAsync(SchoolDbContext db, string ownerKind, IQueryable<Guid> owners, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.StoredChunks.Where(c => c.OwnerKind == ownerKind && owners.Contains(c.OwnerId)).ExecuteDeleteAsync(cancellationToken);
    }

    private sealed record Row(int Sequence, byte[] Data);

    private static IQueryable<Row> Rows(SchoolDbContext db, string ownerKind, Guid ownerId) =>
        db.StoredChunks.AsNoTracking().Where(c => c.OwnerKind == ownerKind && c.OwnerId == ownerId).OrderBy(c => c.Sequence).Select(c => new Row(c.Sequence, c.Data));

    // a forward-only read (the project's ForwardReadStream refuses the rest)
    private sealed class ChunkStream(SchoolDbContext db, PupilDataProtector protector, string brin, string ownerKind, Guid ownerId, int chunks, bool ownsContext)
        : Oso.Dossier.Xml.ForwardReadStream
    {
        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        private int _length;
        private int _offset;
        private int _next;
        private IEnumerator<Row>? _rows;
        private IAsyncEnumerator<Row>? _asyncRows;

        public override int Read(Span<byte> buffer)
        {
            while (_offset == _length)
            {
                if (_next == chunks) return 0;
                if (_asyncRows is not null)
                {
                    Decrypt(_asyncRows.MoveNextAsync().AsTask().GetAwaiter().GetResult() ? _asyncRows.Current : null);
                    continue;
                }
                _rows ??= Rows(db, ownerKind, ownerId).AsEnumerable().GetEnumerator();
                Decrypt(_rows.MoveNext() ? _rows.Current : null);
            }
            return Take(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_offset == _length)
            {
                if (_next == chunks) return 0;
                if (_rows is not null)
                {
                    Decrypt(_rows.MoveNext() ? _rows.Current : null);
                    continue;
                }
                _asyncRows ??= Rows(db, ownerKind, ownerId).AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);
                Decrypt(await _asyncRows.MoveNextAsync().ConfigureAwait(false) ? _asyncRows.Current : null);
            }
            return Take(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Decrypt(Row? row)
        {
            ObjectDisposedException.ThrowIf(_buffer is null, this);
            var n = _next;
            // the rows come in order of their place: a place skipped (or no row left) is a chunk missing
            if (row is null || row.Sequence != n)
                throw new InvalidDataException($"Deel {n + 1} van {chunks} van het opgeslagen dossier ontbreekt; het dossier kan niet worden gelezen.");
            try
            {
                _length = protector.Unprotect(brin, row.Data, Context(ChunkId(ownerKind, ownerId, n)), _buffer);
            }
            catch (CryptographicException e)
            {
                _length = 0;
                throw new InvalidDataException(
                    $"Deel {n + 1} van {chunks} van het opgeslagen dossier hoort niet op deze plaats of is gewijzigd (verplaatst, verwisseld of beschadigd); het dossier wordt niet gelezen.", e);
            }
            _offset = 0;
            _next++;
        }

        private int Take(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, _length - _offset);
            _buffer.AsSpan(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        private void ReturnBuffer()
        {
            if (_buffer is null) return;
            CryptographicOperations.ZeroMemory(_buffer);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
            _length = _offset = 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _rows?.Dispose();
                _asyncRows?.DisposeAsync().AsTask().GetAwaiter().GetResult();
                _rows = null;
                _asyncRows = null;
                ReturnBuffer();
                if (ownsContext) db.Dispose();
            }
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            _rows?.Dispose();
            if (_asyncRows is not null) await _asyncRows.DisposeAsync().ConfigureAwait(false);
            _rows = null;
            _asyncRows = null;
            ReturnBuffer();
            if (ownsContext) await db.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }
}
