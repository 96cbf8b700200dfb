using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Oso.Central.Storage;

namespace Oso.Central.Register;

/// <summary>
/// The register's version: one row, raised by one in the same transaction as every change to the parts of the register
/// the Traffic Center decides on (boards, schools, systems, mandates, aanleverpunten). <see cref="RegisterCache"/>
/// serves look-ups only while the version it read them under is the database's, so a change made by any instance
/// (withdrawn qualification, ended mandate) is seen by the next call of every instance.
/// </summary>
internal sealed class RegisterVersie
{
    /// <summary>The one row's key.</summary>
    public const int Rij = 1;

    public int Id { get; set; }

    public long Versie { get; set; }

    public static void Map(ModelBuilder builder) => builder.Entity<RegisterVersie>(e =>
    {
        e.ToTable("register_versie");
        e.HasKey(v => v.Id);
        e.Property(v => v.Id).ValueGeneratedNever();
        e.HasData(new RegisterVersie { Id = Rij, Versie = 0 });
    });

    /// <summary>Whether saving <paramref name="tracker"/>'s changes changes the register.</summary>
    public static bool Gewijzigd(ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is Bestuur or School or Vestiging or Systeem or Mandaat or AanleverpuntRecord);

    /// <summary>Raises the version in the database: an atomic update, so two instances that change the register at once both count.</summary>
    public static Task VerhoogAsync(CentralDb db, CancellationToken ct) =>
        db.RegisterVersies.Where(v => v.Id == Rij).ExecuteUpdateAsync(u => u.SetProperty(v => v.Versie, v => v.Versie + 1), ct);

    /// <inheritdoc cref="VerhoogAsync"/>
    public static void Verhoog(CentralDb db) =>
        db.RegisterVersies.Where(v => v.Id == Rij).ExecuteUpdate(u => u.SetProperty(v => v.Versie, v => v.Versie + 1));

    /// <summary>The version now (read first in a call, before any look-up it serves).</summary>
    public static Task<long> LeesAsync(CentralDb db, CancellationToken ct) => Lees.For(db)(db, ct);

    // read by every Traffic Center call: compiled once, so a call does not build and look up the LINQ expression again
    private static readonly CompiledPerModel<Func<CentralDb, CancellationToken, Task<long>>> Lees = new(() =>
        EF.CompileAsyncQuery((CentralDb db, CancellationToken ct) => db.RegisterVersies.Where(v => v.Id == Rij).Select(v => v.Versie).Single()));
}
