using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Parents;
using Oso.School.Privacy;
using Oso.School.Storage;
using Oso.School.Swv;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Crypto;

/// <summary>
/// Every column that holds data encrypted with a school's data key, with the context each row's ciphertext is bound to.
/// Re-encryption after a rotation walks these columns, and a data key is retired only when none of them uses it any
/// more — so a new encrypted column must be listed here (a test fails for a <c>byte[]</c> property that is neither
/// listed nor exempted).
/// </summary>
public static class EncryptedColumns
{
    /// <summary>The columns, in the order re-encryption walks them.</summary>
    public static IReadOnlyList<EncryptedColumn> All { get; } =
    [
        new EncryptedColumn<Pupil>(nameof(Pupil.Identity), Contexts.PupilIdentity),
        new EncryptedColumn<DossierDraft>(nameof(DossierDraft.Xml), Contexts.Draft, SchoolVia: typeof(Pupil)),
        new EncryptedColumn<DossierRelease>(nameof(DossierRelease.Xml), Contexts.Release),
        new EncryptedColumn<Aanmelding>(nameof(Aanmelding.Identity), Contexts.AanmeldingIdentity),
        new EncryptedColumn<TransferRequest>(nameof(TransferRequest.Geheim), Contexts.Geheim),
        new EncryptedColumn<ReceivedDossier>(nameof(ReceivedDossier.Xml), Contexts.Received),
        new EncryptedColumn<ReceivedDossier>(nameof(ReceivedDossier.Meldingen), Contexts.ReceivedMeldingen),
        new EncryptedColumn<ReceivedDossier>(nameof(ReceivedDossier.Handtekening), Contexts.ReceivedHandtekening),
        new EncryptedColumn<StoredChunk>(nameof(StoredChunk.Data), StoredChunks.Context),
        new EncryptedColumn<LasClient>(nameof(LasClient.WebhookSecret), Contexts.Webhook),
        new EncryptedColumn<ParentLink>(nameof(ParentLink.Email), ParentLinks.EmailContext),
        new EncryptedColumn<ParentLink>(nameof(ParentLink.PendingToken), ParentLinks.TokenContext),
        new EncryptedColumn<CorrectionRequest>(nameof(CorrectionRequest.Request), Corrections.RequestContext),
        new EncryptedColumn<CorrectionRequest>(nameof(CorrectionRequest.Outcome), Corrections.OutcomeContext),
        new EncryptedColumn<SwvReceipt>(nameof(SwvReceipt.Xml), Contexts.SwvReceived),
        new EncryptedColumn<SwvReceipt>(nameof(SwvReceipt.Meldingen), Contexts.SwvReceivedMeldingen),
        new EncryptedColumn<SwvReceipt>(nameof(SwvReceipt.Handtekening), Contexts.SwvReceivedHandtekening),
        new EncryptedColumn<Terugkoppeling>(nameof(Terugkoppeling.Xml), Contexts.Terugkoppeling),
    ];

    /// <summary>
    /// <c>byte[]</c> properties that are not pupil data under a data key: the wrapped keys themselves, and the signed
    /// ontvangstbevestigingen (session, BRINs, systems, a digest and a certificate — nothing about the pupil; a third
    /// party must be able to check them without the school's keys), and the audit anchors' signed checkpoints and
    /// Central's acknowledgements (BRIN, sequence, chain hash, times, systems — Central holds the same bytes).
    /// </summary>
    public static IReadOnlyList<string> NotUnderADataKey { get; } =
    [
        $"{nameof(SchoolDataKey)}.{nameof(SchoolDataKey.Wrapped)}", $"{nameof(Tenancy.SchoolTenant)}.{nameof(Tenancy.SchoolTenant.WrappedIndexKey)}",
        $"{nameof(Disclosure)}.{nameof(Disclosure.Ontvangstbevestiging)}", $"{nameof(ReceivedDossier)}.{nameof(ReceivedDossier.Ontvangstbevestiging)}",
        $"{nameof(SwvReceipt)}.{nameof(SwvReceipt.Ontvangstbevestiging)}",
        $"{nameof(AuditAnchor)}.{nameof(AuditAnchor.Checkpoint)}", $"{nameof(AuditAnchor)}.{nameof(AuditAnchor.Acknowledgement)}",
    ];

    /// <summary>A column by its <see cref="EncryptedColumn.Name"/>.</summary>
    public static EncryptedColumn? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}

/// <summary>A row's ciphertext in an encrypted column.</summary>
/// <param name="Id">The row's key (the context is made from it).</param>
/// <param name="Blob">The ciphertext.</param>
public sealed record EncryptedRow(Guid Id, byte[] Blob);

/// <summary>How many of a school's ciphertexts in a column use a data key.</summary>
/// <param name="KeyId">The key (null: not in the protector's format).</param>
/// <param name="Count">How many rows.</param>
public sealed record KeyUse(int? KeyId, long Count);

/// <summary>One encrypted column (see <see cref="EncryptedColumns"/>).</summary>
public abstract class EncryptedColumn
{
    /// <summary><c>Entity.Property</c>, e.g. <c>DossierDraft.Xml</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The context of a row's ciphertext.</summary>
    public abstract string Context(Guid id);

    /// <summary>A school's rows after <paramref name="after"/> (in key order) whose ciphertext does not start with <paramref name="prefix"/>.</summary>
    public abstract Task<IReadOnlyList<EncryptedRow>> NotUnderAsync(SchoolDbContext db, string brin, byte[] prefix, Guid? after, int take, CancellationToken cancellationToken);

    /// <summary>Replaces a row's ciphertext only if it is still <paramref name="old"/> (a concurrent change wins); false otherwise.</summary>
    public abstract Task<bool> ReplaceAsync(SchoolDbContext db, Guid id, byte[] old, byte[] fresh, CancellationToken cancellationToken);

    /// <summary>How many of a school's rows use each data key.</summary>
    public abstract Task<IReadOnlyList<KeyUse>> KeyUseAsync(SchoolDbContext db, string brin, CancellationToken cancellationToken);
}

/// <summary>An encrypted column of <typeparamref name="TEntity"/>, whose single <see cref="Guid"/> key makes the context.</summary>
/// <param name="Property">The <c>byte[]</c> property.</param>
/// <param name="ContextOf">The row's context.</param>
/// <param name="SchoolVia">For an entity without a <c>Brin</c>: the entity with the same key that has one (a draft's pupil).</param>
internal sealed class EncryptedColumn<TEntity>(string Property, Func<Guid, string> ContextOf, Type? SchoolVia = null) : EncryptedColumn
    where TEntity : class
{
    public override string Name => typeof(TEntity).Name + "." + Property;

    public override string Context(Guid id) => ContextOf(id);

    public override async Task<IReadOnlyList<EncryptedRow>> NotUnderAsync(SchoolDbContext db, string brin, byte[] prefix, Guid? after, int take,
        CancellationToken cancellationToken)
    {
        var (table, key, column, school) = Sql(db);
        var first = db.Database.IsNpgsql() ? $"substring(t.{column} from 1 for 5)" : $"substr(t.{column}, 1, 5)";
        var sql = $"SELECT t.{key} AS \"Id\", t.{column} AS \"Blob\" FROM {table} AS t WHERE {school} AND t.{column} IS NOT NULL AND {first} <> {{1}}"
            + (after is null ? "" : $" AND t.{key} > {{3}}") + $" ORDER BY t.{key} LIMIT {{2}}";
        object[] parameters = after is { } a ? [brin, prefix, take, a] : [brin, prefix, take];
        var rows = await db.Database.SqlQueryRaw<RowData>(sql, parameters).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new EncryptedRow(r.Id, r.Blob))];
    }

    public override async Task<bool> ReplaceAsync(SchoolDbContext db, Guid id, byte[] old, byte[] fresh, CancellationToken cancellationToken)
    {
        var key = KeyProperty(db).Name;
        var changed = await db.Set<TEntity>()
            .Where(e => EF.Property<Guid>(e, key) == id && EF.Property<byte[]>(e, Property) == old)
            .ExecuteUpdateAsync(s => s.SetProperty(e => EF.Property<byte[]>(e, Property), fresh), cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    public override async Task<IReadOnlyList<KeyUse>> KeyUseAsync(SchoolDbContext db, string brin, CancellationToken cancellationToken)
    {
        var (table, _, column, school) = Sql(db);
        var keyBytes = db.Database.IsNpgsql() ? $"substring(t.{column} from 1 for 5)" : $"substr(t.{column}, 1, 5)";
        var sql = $"SELECT {keyBytes} AS \"Prefix\", COUNT(*) AS \"Count\" FROM {table} AS t WHERE {school} AND t.{column} IS NOT NULL GROUP BY {keyBytes}";
        var rows = await db.Database.SqlQueryRaw<PrefixCount>(sql, brin).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new KeyUse(PupilDataProtector.KeyIdOfPrefix(r.Prefix), r.Count))];
    }

    private Microsoft.EntityFrameworkCore.Metadata.IProperty KeyProperty(SchoolDbContext db) =>
        db.Model.FindEntityType(typeof(TEntity))!.FindPrimaryKey()!.Properties.Single();

    private (string Table, string Key, string Column, string School) Sql(SchoolDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))!;
        var key = KeyProperty(db);
        string School()
        {
            if (SchoolVia is null) return $"t.{Quote(entity.FindProperty("Brin")!.GetColumnName())} = {{0}}";
            var parent = db.Model.FindEntityType(SchoolVia)!;
            var parentKey = parent.FindPrimaryKey()!.Properties.Single();
            return $"t.{Quote(key.GetColumnName())} IN (SELECT p.{Quote(parentKey.GetColumnName())} FROM {Quote(parent.GetTableName()!)} AS p "
                + $"WHERE p.{Quote(parent.FindProperty("Brin")!.GetColumnName())} = {{0}})";
        }
        return (Quote(entity.GetTableName()!), Quote(key.GetColumnName()), Quote(entity.FindProperty(Property)!.GetColumnName()), School());
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed class RowData
    {
        public Guid Id { get; init; }

        public byte[] Blob { get; init; } = [];
    }

    private sealed class PrefixCount
    {
        public byte[] Prefix { get; init; } = [];

        public long Count { get; init; }
    }
}
