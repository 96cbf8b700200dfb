using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Oso.Central.TrafficCenter;
using Oso.Protocol.Results;

namespace Oso.Central.Storage;

/// <summary>
/// Saves what a Traffic Center call added — its new session and its trace step — with hand-written INSERT statements in
/// one command, inside the call's transaction, instead of through EF Core's <c>SaveChanges</c> pipeline (change tracking,
/// command batch preparation and SQL generated on every call; ADR 0015). The statements are built once per model from
/// EF Core's own metadata: the table and column names, and each column's type mapping, which makes the parameters
/// exactly as EF Core would (its value converters: ticks for a time, text for an enum; the engine's GUID format), so
/// what is written reads back through every EF Core query unchanged, on SQLite and on PostgreSQL alike. Anything else a
/// call changed (a koppeling, a system qualified by its test exchange) goes through <c>SaveChanges</c> as before. The
/// afmelding's guarded update is written the same way (<see cref="AfmeldAsync"/>).
/// </summary>
internal static class TcStatements
{
    private static readonly ConditionalWeakTable<IModel, Inserts> PerModel = [];

    /// <summary>
    /// Saves the call's changes in <paramref name="db"/>'s current transaction: by hand when they are only new sessions
    /// and trace steps, else through <c>SaveChanges</c>. The change tracker is empty afterwards.
    /// </summary>
    public static async Task SaveAsync(CentralDb db, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A Traffic Center call saves inside its own transaction.");
        List<object>? sessies = null, stappen = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged) continue;
            switch (entry.Entity)
            {
                case Sessie when entry.State == EntityState.Added: (sessies ??= []).Add(entry.Entity); break;
                case TraceStap when entry.State == EntityState.Added: (stappen ??= []).Add(entry.Entity); break;
                default:
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    return;
            }
        }
        if (sessies is null && stappen is null) return;

        var inserts = PerModel.GetValue(db.Model, _ => new Inserts(db));
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var sql = new StringBuilder();
        var n = 0;
        // the session before its step, as SaveChanges would order them
        foreach (var sessie in sessies ?? []) n = inserts.Sessie.Add(command, sql, sessie, n);
        foreach (var stap in stappen ?? []) n = inserts.Stap.Add(command, sql, stap, n);
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// The afmelding's guarded update: closes session <paramref name="id"/> only while it is still open, in the call's
    /// transaction; returns whether it did (of two afmeldingen at once, the second finds it closed and changes nothing).
    /// </summary>
    public static async Task<bool> AfmeldAsync(CentralDb db, Guid id, DateTimeOffset op, ResultaatCode resultaat, string aanleverpunt, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A Traffic Center call saves inside its own transaction.");
        var u = PerModel.GetValue(db.Model, _ => new Inserts(db)).Afmelding;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = u.Sql;
        object?[] values = [SessieStatus.Afgemeld, op, resultaat, aanleverpunt, id, SessieStatus.Open];
        for (var i = 0; i < values.Length; i++)
            command.Parameters.Add(u.Columns[i].Mapping.CreateParameter(command, "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i], u.Columns[i].Nullable));
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    private sealed class Inserts(CentralDb db)
    {
        public Insert Sessie { get; } = new(db, typeof(Sessie));

        public Insert Stap { get; } = new(db, typeof(TraceStap));

        public Update Afmelding { get; } = new(db);
    }

    /// <summary><c>UPDATE sessies SET Status, AfgemeldOp, Resultaat, ResultaatAanleverpunt WHERE Id = … AND Status = …</c>.</summary>
    private sealed class Update
    {
        public Update(CentralDb db)
        {
            var sqlHelper = db.GetService<ISqlGenerationHelper>();
            var entity = db.Model.FindEntityType(typeof(Sessie))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            Column Of(string property)
            {
                var p = entity.FindProperty(property)!;
                return new Column(sqlHelper.DelimitIdentifier(p.GetColumnName(table)!), p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable);
            }
            Columns = [Of(nameof(TrafficCenter.Sessie.Status)), Of(nameof(TrafficCenter.Sessie.AfgemeldOp)), Of(nameof(TrafficCenter.Sessie.Resultaat)),
                Of(nameof(TrafficCenter.Sessie.ResultaatAanleverpunt)), Of(nameof(TrafficCenter.Sessie.Id)), Of(nameof(TrafficCenter.Sessie.Status))];
            Sql = $"UPDATE {sqlHelper.DelimitIdentifier(table.Name, table.Schema)} SET {Columns[0].Name} = @p0, {Columns[1].Name} = @p1, "
                + $"{Columns[2].Name} = @p2, {Columns[3].Name} = @p3 WHERE {Columns[4].Name} = @p4 AND {Columns[5].Name} = @p5";
        }

        public Column[] Columns { get; }

        public string Sql { get; }
    }

    /// <summary>One entity type's INSERT: its columns and how to make each parameter.</summary>
    private sealed class Insert
    {
        private readonly string _head;
        private readonly Column[] _columns;

        public Insert(CentralDb db, Type type)
        {
            var sqlHelper = db.GetService<ISqlGenerationHelper>();
            var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in Central's model.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            _columns = entity.GetProperties()
                // the database numbers a trace step itself (an identity/autoincrement key); nothing else is generated there
                .Where(p => !(p.IsPrimaryKey() && p.ClrType == typeof(long)))
                .Select(p => new Column(sqlHelper.DelimitIdentifier(p.GetColumnName(table)!), p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable))
                .ToArray();
            _head = $"INSERT INTO {sqlHelper.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => c.Name))}) VALUES (";
        }

        /// <summary>Appends the statement for <paramref name="entity"/> and its parameters; returns the next parameter number.</summary>
        public int Add(DbCommand command, StringBuilder sql, object entity, int n)
        {
            sql.Append(_head);
            for (var i = 0; i < _columns.Length; i++)
            {
                var c = _columns[i];
                var name = "p" + n++.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
