using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Oso.Hosting.Storage;

/// <summary>
/// Saves a unit of work's new append-only rows (audit records, outbox messages, trace steps, …) with hand-made INSERT
/// statements in one command, inside the caller's transaction, instead of through EF Core's <c>SaveChanges</c> pipeline
/// (change detection, the command batch preparer, SQL text generated on every call, and on SQLite one command per row;
/// ADR 0015, ADR 0016). The statements are built once per model and entity type from EF Core's own metadata: table and
/// column names through the provider's <see cref="ISqlGenerationHelper"/>, and every parameter made by the column's
/// <see cref="RelationalTypeMapping.CreateParameter"/>, which applies the value converters EF Core applies (a time as UTC
/// ticks, an enum as text, the engine's GUID format). A row written here is the row <c>SaveChanges</c> would have written,
/// on SQLite and PostgreSQL alike, and reads back through every EF Core query unchanged.
/// </summary>
/// <remarks>
/// Only new rows of the types the caller names go this way; everything else that changed goes through
/// <c>SaveChanges</c>, in the same transaction. A type is accepted only when a hand-made insert is exactly what EF Core
/// would do: it takes part in no relationship (so the order of the statements cannot matter), it has no shadow
/// properties, no store default values and no owned or complex parts; a key the database generates (identity,
/// autoincrement) is left out of the statement, and the entity does not learn it.
/// </remarks>
public static class RowInserts
{
    private static readonly ConditionalWeakTable<IModel, Dictionary<Type, Insert>> PerModel = [];

    /// <summary>
    /// Saves <paramref name="db"/>'s pending changes in its current transaction: the new rows whose type is in
    /// <paramref name="byHand"/> with one hand-made command, then — only when anything else changed — the rest through
    /// <c>SaveChanges</c>. The rows inserted by hand are no longer tracked afterwards.
    /// </summary>
    /// <returns>How many rows were inserted by hand.</returns>
    public static async Task<int> SaveAsync(DbContext db, IReadOnlySet<Type> byHand, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(byHand);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Rows are inserted by hand only inside the caller's transaction.");
        // one scan of the tracked entities (change detection included, as SaveChanges would run it)
        List<EntityEntry>? mine = null;
        var others = false;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged) continue;
            if (entry.State == EntityState.Added && byHand.Contains(entry.Metadata.ClrType)) (mine ??= []).Add(entry);
            else others = true;
        }
        if (mine is not null)
        {
            var inserts = PerModel.GetValue(db.Model, _ => []);
            var connection = db.Database.GetDbConnection();
            var timeout = db.Database.GetCommandTimeout();
            DbCommand? command = null;
            var sql = new StringBuilder();
            var n = 0;
            try
            {
                foreach (var entry in mine)
                {
                    Insert insert;
                    lock (inserts)
                    {
                        if (!inserts.TryGetValue(entry.Metadata.ClrType, out insert!))
                            inserts.Add(entry.Metadata.ClrType, insert = new Insert(db, entry.Metadata));
                    }
                    command ??= connection.CreateCommand();
                    n = insert.Add(command, sql, entry.Entity, n);
                    // well below both engines' limit on parameters per command (SQLite 32,766; PostgreSQL 65,535)
                    if (n >= MaxParameters)
                    {
                        await ExecuteAsync(command, transaction, timeout, sql, cancellationToken).ConfigureAwait(false);
                        await command.DisposeAsync().ConfigureAwait(false);
                        command = null;
                        n = 0;
                    }
                }
                if (command is not null) await ExecuteAsync(command, transaction, timeout, sql, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (command is not null) await command.DisposeAsync().ConfigureAwait(false);
            }
            // saved: EF Core must not insert them again (a later SaveChanges of the same context)
            foreach (var entry in mine) entry.State = EntityState.Detached;
        }
        if (others) await db.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken).ConfigureAwait(false);
        return mine?.Count ?? 0;
    }

    private const int MaxParameters = 10_000;

    private static async Task ExecuteAsync(DbCommand command, IDbContextTransaction transaction, int? timeout, StringBuilder sql, CancellationToken cancellationToken)
    {
        command.Transaction = transaction.GetDbTransaction();
        if (timeout is { } seconds) command.CommandTimeout = seconds;
        command.CommandText = sql.ToString();
        sql.Clear();
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            // as SaveChanges reports it (a unique key taken by another instance, …): callers that expect that race catch this
            throw new DbUpdateException("An error occurred while inserting new rows (by hand); see the inner exception.", e);
        }
    }

    /// <summary>One entity type's INSERT: its columns and how to make each parameter.</summary>
    private sealed class Insert
    {
        private readonly string _head;
        private readonly Column[] _columns;

        public Insert(DbContext db, IEntityType entity)
        {
            var name = entity.DisplayName();
            if (entity.GetForeignKeys().Any() || entity.GetReferencingForeignKeys().Any())
                throw new InvalidOperationException($"{name} takes part in a relationship; its rows are saved through SaveChanges.");
            if (entity.GetNavigations().Any() || entity.GetSkipNavigations().Any() || entity.GetComplexProperties().Any() || entity.IsOwned()
                || entity.BaseType is not null || entity.GetDirectlyDerivedTypes().Any())
                throw new InvalidOperationException($"{name} has owned, complex, inherited or navigation parts; its rows are saved through SaveChanges.");
            var tableName = entity.GetTableName() ?? throw new InvalidOperationException($"{name} is not mapped to a table.");
            var table = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
            var sqlHelper = db.GetService<ISqlGenerationHelper>();
            var columns = new List<Column>();
            foreach (var p in entity.GetProperties())
            {
                if (p.IsShadowProperty())
                    throw new InvalidOperationException($"{name}.{p.Name} is a shadow property; its rows are saved through SaveChanges.");
                if (p.TryGetDefaultValue(out _) || p.GetDefaultValueSql(table) is not null || p.GetComputedColumnSql(table) is not null)
                    throw new InvalidOperationException($"{name}.{p.Name} has a value made by the database; its rows are saved through SaveChanges.");
                // the database numbers such a row itself (an identity/autoincrement key): left out, as EF Core leaves it out
                if (p.IsPrimaryKey() && p.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && p.ClrType is var t
                    && (t == typeof(long) || t == typeof(int) || t == typeof(short))) continue;
                columns.Add(new Column(sqlHelper.DelimitIdentifier(p.GetColumnName(table)!), p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable));
            }
            _columns = [.. columns];
            _head = $"INSERT INTO {sqlHelper.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => c.Name))}) VALUES (";
        }

        /// <summary>Appends the statement for <paramref name="entity"/> and its parameters; returns the next parameter number.</summary>
        public int Add(DbCommand command, StringBuilder sql, object entity, int n)
        {
            sql.Append(_head);
            for (var i = 0; i < _columns.Length; i++)
            {
                var c = _columns[i];
                var name = "p" + n++.ToString(CultureInfo.InvariantCulture);
                if (i > 0) sql.Append(", ");
                sql.Append('@').Append(name);
                command.Parameters.Add(c.Mapping.CreateParameter(command, name, c.Getter.GetClrValueUsingContainingEntity(entity), c.Nullable));
            }
            sql.Append(");\n");
            return n;
        }
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable);
}
