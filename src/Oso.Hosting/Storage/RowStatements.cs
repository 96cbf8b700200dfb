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
public static class RowStatements
{
    private static readonly ConditionalWeakTable<IModel, Dictionary<Type, Statement>> PerModel = [];

    /// <summary>
    /// Saves <paramref name="db"/>'s pending changes in its current transaction: the new rows whose type is in
    /// <paramref name="inserts"/> and the changed rows whose type is in <paramref name="updates"/> with hand-made
    /// statements in one command, then — only when anything else changed — the rest through <c>SaveChanges</c>. The rows
    /// inserted by hand are no longer tracked afterwards; the rows updated by hand are tracked as unchanged.
    /// </summary>
    /// <param name="db">The context, inside its transaction.</param>
    /// <param name="inserts">The types whose new rows are inserted by hand.</param>
    /// <param name="updates">The types whose changed rows are updated by hand.</param>
    /// <param name="oneCommand">
    /// All rows in one command on SQLite too. Microsoft.Data.Sqlite binds every parameter of a command to every statement
    /// in it, by name, so a command of many rows costs more than a command per row there: the default is a command per
    /// row on SQLite (as EF Core does), one command on PostgreSQL (Npgsql sends it as one batch). For a couple of rows
    /// (the Traffic Center's session and trace step) one command measured cheaper (bench/results.md §7).
    /// </param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>How many rows were written by hand.</returns>
    public static async Task<int> SaveAsync(DbContext db, IReadOnlySet<Type> inserts, IReadOnlySet<Type>? updates = null, bool oneCommand = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(inserts);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Rows are written by hand only inside the caller's transaction.");
        // one change detection over the tracked entities (as SaveChanges runs it), not one here and another in SaveChanges
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        if (detect) db.ChangeTracker.DetectChanges();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            List<EntityEntry>? mine = null;
            var others = false;
            foreach (var entry in db.ChangeTracker.Entries())
            {
                var state = entry.State;
                if (state == EntityState.Unchanged) continue;
                if ((state == EntityState.Added && inserts.Contains(entry.Metadata.ClrType))
                    || (state == EntityState.Modified && updates is not null && updates.Contains(entry.Metadata.ClrType))) (mine ??= []).Add(entry);
                else others = true;
            }
            if (mine is not null)
            {
                await WriteAsync(db, transaction, mine, !oneCommand && db.Database.IsSqlite(), cancellationToken).ConfigureAwait(false);
                // saved: EF Core must not write them again (a later SaveChanges of the same context)
                foreach (var entry in mine) entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Unchanged;
            }
            if (others) await db.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken).ConfigureAwait(false);
            return mine?.Count ?? 0;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static async Task WriteAsync(DbContext db, IDbContextTransaction transaction, List<EntityEntry> rows, bool perRow, CancellationToken cancellationToken)
    {
        var statements = PerModel.GetValue(db.Model, _ => []);
        var connection = db.Database.GetDbConnection();
        var timeout = db.Database.GetCommandTimeout();
        DbCommand? command = null;
        var sql = new StringBuilder();
        int n = 0, count = 0;
        try
        {
            foreach (var entry in rows)
            {
                Statement statement;
                lock (statements)
                {
                    if (!statements.TryGetValue(entry.Metadata.ClrType, out statement!))
                        statements.Add(entry.Metadata.ClrType, statement = new Statement(db, entry.Metadata));
                }
                command ??= connection.CreateCommand();
                n = entry.State == EntityState.Added ? statement.Insert(command, sql, entry.Entity, n) : statement.Update(command, sql, entry, n);
                count++;
                // well below both engines' limit on parameters per command (SQLite 32,766; PostgreSQL 65,535)
                if (perRow || n >= MaxParameters)
                {
                    await ExecuteAsync(command, transaction, timeout, sql, count, cancellationToken).ConfigureAwait(false);
                    await command.DisposeAsync().ConfigureAwait(false);
                    command = null;
                    n = count = 0;
                }
            }
            if (command is not null) await ExecuteAsync(command, transaction, timeout, sql, count, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (command is not null) await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    private const int MaxParameters = 10_000;

    private static async Task ExecuteAsync(DbCommand command, IDbContextTransaction transaction, int? timeout, StringBuilder sql, int rows, CancellationToken cancellationToken)
    {
        command.Transaction = transaction.GetDbTransaction();
        if (timeout is { } seconds) command.CommandTimeout = seconds;
        command.CommandText = sql.ToString();
        sql.Clear();
        int affected;
        try
        {
            affected = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            // as SaveChanges reports it (a unique key taken by another instance, …): callers that expect that race catch this
            throw new DbUpdateException("An error occurred while saving rows by hand; see the inner exception.", e);
        }
        // every insert writes its row; an update that finds no row (deleted meanwhile) is what SaveChanges reports so
        if (affected != rows)
            throw new DbUpdateConcurrencyException($"Rows written by hand: {rows.ToString(CultureInfo.InvariantCulture)} expected, {affected.ToString(CultureInfo.InvariantCulture)} written.");
    }

    /// <summary>One entity type's INSERT and UPDATE: its columns and how to make each parameter.</summary>
    private sealed class Statement
    {
        private readonly string _head;
        private readonly string _table;
        private readonly Column[] _columns;
        private readonly (IProperty Property, Column Column)[] _settable;
        private readonly Column[] _key;

        public Statement(DbContext db, IEntityType entity)
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
            var settable = new List<(IProperty, Column)>();
            var key = new List<Column>();
            foreach (var p in entity.GetProperties())
            {
                if (p.IsConcurrencyToken)
                    throw new InvalidOperationException($"{name}.{p.Name} is a concurrency token; its rows are saved through SaveChanges.");
                if (p.IsShadowProperty())
                    throw new InvalidOperationException($"{name}.{p.Name} is a shadow property; its rows are saved through SaveChanges.");
                if (p.TryGetDefaultValue(out _) || p.GetDefaultValueSql(table) is not null || p.GetComputedColumnSql(table) is not null)
                    throw new InvalidOperationException($"{name}.{p.Name} has a value made by the database; its rows are saved through SaveChanges.");
                var column = new Column(sqlHelper.DelimitIdentifier(p.GetColumnName(table)!), p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable);
                if (p.IsPrimaryKey()) key.Add(column);
                else settable.Add((p, column));
                // the database numbers such a row itself (an identity/autoincrement key): left out, as EF Core leaves it out
                if (p.IsPrimaryKey() && p.ValueGenerated.HasFlag(ValueGenerated.OnAdd) && p.ClrType is var t
                    && (t == typeof(long) || t == typeof(int) || t == typeof(short))) continue;
                columns.Add(column);
            }
            _columns = [.. columns];
            _settable = [.. settable];
            _key = [.. key];
            _table = sqlHelper.DelimitIdentifier(table.Name, table.Schema);
            _head = $"INSERT INTO {sqlHelper.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => c.Name))}) VALUES (";
        }

        /// <summary>Appends the INSERT for <paramref name="entity"/> and its parameters; returns the next parameter number.</summary>
        public int Insert(DbCommand command, StringBuilder sql, object entity, int n)
        {
            sql.Append(_head);
            for (var i = 0; i < _columns.Length; i++)
            {
                if (i > 0) sql.Append(", ");
                n = Parameter(command, sql, _columns[i], entity, n);
            }
            sql.Append(");\n");
            return n;
        }

        /// <summary>
        /// Appends the UPDATE of <paramref name="entry"/>'s changed columns, by its key (which EF Core never lets change),
        /// and its parameters; returns the next parameter number.
        /// </summary>
        public int Update(DbCommand command, StringBuilder sql, EntityEntry entry, int n)
        {
            sql.Append("UPDATE ").Append(_table).Append(" SET ");
            var first = true;
            foreach (var (property, column) in _settable)
            {
                if (!entry.Property(property).IsModified) continue;
                if (!first) sql.Append(", ");
                first = false;
                sql.Append(column.Name).Append(" = ");
                n = Parameter(command, sql, column, entry.Entity, n);
            }
            if (first) throw new InvalidOperationException($"{entry.Metadata.DisplayName()} is marked changed without a changed column.");
            sql.Append(" WHERE ");
            for (var i = 0; i < _key.Length; i++)
            {
                if (i > 0) sql.Append(" AND ");
                sql.Append(_key[i].Name).Append(" = ");
                n = Parameter(command, sql, _key[i], entry.Entity, n);
            }
            sql.Append(";\n");
            return n;
        }

        private static int Parameter(DbCommand command, StringBuilder sql, Column c, object entity, int n)
        {
            var name = "p" + n.ToString(CultureInfo.InvariantCulture);
            sql.Append('@').Append(name);
            command.Parameters.Add(c.Mapping.CreateParameter(command, name, c.Getter.GetClrValueUsingContainingEntity(entity), c.Nullable));
            return n + 1;
        }
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable);
}
