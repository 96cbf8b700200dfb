using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Oso.Hosting.Storage;
using Oso.Central.TrafficCenter;
using Oso.Protocol.Results;

namespace Oso.Central.Storage;

/// <summary>
/// Saves what a Traffic Center call added — its new session and its trace step — with hand-made INSERT statements in
/// one command, inside the call's transaction, instead of through EF Core's <c>SaveChanges</c> pipeline (ADR 0015; the
/// statements come from the shared <see cref="RowStatements"/>, ADR 0016, built once per model from EF Core's own metadata,
/// so what is written reads back through every EF Core query unchanged, on SQLite and on PostgreSQL alike). Anything else
/// a call changed (a koppeling, a system qualified by its test exchange) goes through <c>SaveChanges</c>, in the same
/// transaction. The afmelding's guarded update is built the same way from the metadata (<see cref="AfmeldAsync"/>).
/// </summary>
internal static class TcStatements
{
    private static readonly ConditionalWeakTable<IModel, Statements> PerModel = [];

    private static readonly FrozenSet<Type> ByHand = new[] { typeof(Sessie), typeof(TraceStap) }.ToFrozenSet();

    /// <summary>
    /// Saves the call's changes in <paramref name="db"/>'s current transaction: its new sessions and trace steps by hand
    /// (<see cref="RowStatements"/>), anything else through <c>SaveChanges</c>. The change tracker is empty afterwards.
    /// </summary>
    public static async Task SaveAsync(CentralDb db, CancellationToken ct)
    {
        await RowStatements.SaveAsync(db, ByHand, oneCommand: true, cancellationToken: ct).ConfigureAwait(false);
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
        var u = PerModel.GetValue(db.Model, _ => new Statements(db)).Afmelding;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = u.Sql;
        object?[] values = [SessieStatus.Afgemeld, op, resultaat, aanleverpunt, id, SessieStatus.Open];
        for (var i = 0; i < values.Length; i++)
            command.Parameters.Add(u.Columns[i].Mapping.CreateParameter(command, "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i], u.Columns[i].Nullable));
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    private sealed class Statements(CentralDb db)
    {
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

    private sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable);
}
