using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Oso.Central.Accounts;
using Oso.Central.Audit;
using Oso.Central.Qualification;
using Oso.Central.Register;
using Oso.Central.TrafficCenter;
using Oso.Hosting.Mail;
using Oso.Hosting.Storage;

namespace Oso.Central.Storage;

/// <summary>
/// Central's database: the Register, qualification evidence, accounts (ASP.NET Core Identity), Traffic Center
/// sessions and traces, and the audit log. No pupil data: the Traffic Center stores routing and zoeksleutels only.
/// One subclass per engine carries that engine's migrations (ADR 0004).
/// </summary>
internal abstract class CentralDb(DbContextOptions options) : IdentityDbContext<CentralUser>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection keys (cookies, antiforgery, bearer tokens), shared by every instance; their XML is encrypted (see DataProtectionSetup).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();


    public DbSet<Bestuur> Besturen => Set<Bestuur>();
    public DbSet<School> Scholen => Set<School>();
    public DbSet<Vestiging> Vestigingen => Set<Vestiging>();
    public DbSet<Systeem> Systemen => Set<Systeem>();
    public DbSet<SysteemCertificaat> Certificaten => Set<SysteemCertificaat>();
    public DbSet<Mandaat> Mandaten => Set<Mandaat>();
    public DbSet<AanleverpuntRecord> Aanleverpunten => Set<AanleverpuntRecord>();
    public DbSet<Bewijs> Bewijzen => Set<Bewijs>();
    public DbSet<ConformanceInzending> ConformanceInzendingen => Set<ConformanceInzending>();
    public DbSet<Sessie> Sessies => Set<Sessie>();
    public DbSet<TraceStap> TraceStappen => Set<TraceStap>();
    public DbSet<Koppeling> Koppelingen => Set<Koppeling>();
    public DbSet<SwvLid> SwvLeden => Set<SwvLid>();
    public DbSet<AuditRecord> Audit => Set<AuditRecord>();
    public DbSet<QueuedMail> Mail => Set<QueuedMail>();
    public DbSet<Retention.OnderhoudsRun> Onderhoud => Set<Retention.OnderhoudsRun>();
    public DbSet<Anchors.AnkerRecord> Ankers => Set<Anchors.AnkerRecord>();
    public DbSet<RegisterVersie> RegisterVersies => Set<RegisterVersie>();

    /// <summary>Saves; a change to the register also raises <see cref="RegisterVersie"/>, in the same transaction.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (!RegisterVersie.Gewijzigd(ChangeTracker)) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var n = base.SaveChanges(acceptAllChangesOnSuccess);
        RegisterVersie.Verhoog(this);
        own?.Commit();
        return n;
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!RegisterVersie.Gewijzigd(ChangeTracker)) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var n = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
            await RegisterVersie.VerhoogAsync(this, cancellationToken).ConfigureAwait(false);
            if (own is not null) await own.CommitAsync(cancellationToken).ConfigureAwait(false);
            return n;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // a key's XML, encrypted with the key-encryption certificate, is a few kB
        builder.Entity<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>(e => e.Property(k => k.Xml).HasMaxLength(100_000));
        MailQueue.Map(builder, "mail");
        RegisterVersie.Map(builder);
        builder.Entity<Bestuur>(e =>
        {
            e.ToTable("besturen");
            e.HasKey(b => b.Id);
            e.Property(b => b.Id).HasMaxLength(32);
        });
        builder.Entity<School>(e =>
        {
            e.ToTable("scholen");
            e.HasKey(s => s.Brin);
            e.Property(s => s.Brin).HasMaxLength(4);
            e.HasOne<Bestuur>().WithMany().HasForeignKey(s => s.BestuurId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(s => s.Vestigingen).WithOne().HasForeignKey(v => v.Brin);
        });
        builder.Entity<Vestiging>(e =>
        {
            e.ToTable("vestigingen");
            e.HasKey(v => new { v.Brin, v.Code });
            e.Property(v => v.Code).HasMaxLength(2);
        });
        builder.Entity<Systeem>(e =>
        {
            e.ToTable("systemen");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(64);
        });
        builder.Entity<SysteemCertificaat>(e =>
        {
            e.ToTable("certificaten");
            e.HasKey(c => c.Serienummer);
            e.Property(c => c.Serienummer).HasMaxLength(64);
            e.HasIndex(c => c.Sha256).IsUnique();
            e.HasIndex(c => c.SysteemId);
            e.HasOne<Systeem>().WithMany().HasForeignKey(c => c.SysteemId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Mandaat>(e =>
        {
            e.ToTable("mandaten");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.Brin, m.SysteemId });
            e.HasOne<School>().WithMany().HasForeignKey(m => m.Brin).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Systeem>().WithMany().HasForeignKey(m => m.SysteemId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Bestuur>().WithMany().HasForeignKey(m => m.BestuurId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<AanleverpuntRecord>(e =>
        {
            e.ToTable("aanleverpunten");
            e.HasKey(a => a.RouteringsKenmerk);
            e.Property(a => a.RouteringsKenmerk).HasMaxLength(20);
            e.Property(a => a.Url).HasMaxLength(2000);
            e.HasIndex(a => a.Brin);
            e.HasOne<School>().WithMany().HasForeignKey(a => a.Brin).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Systeem>().WithMany().HasForeignKey(a => a.SysteemId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ConformanceInzending>(e =>
        {
            e.ToTable("conformancerapporten");
            e.HasKey(c => c.Id);
            e.HasIndex(c => c.SysteemId);
            e.Property(c => c.Target).HasMaxLength(2000);
            e.Property(c => c.Opmerking).HasMaxLength(4000);
            e.HasOne<Systeem>().WithMany().HasForeignKey(c => c.SysteemId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Bewijs>(e =>
        {
            e.ToTable("kwalificatiebewijzen");
            e.HasKey(b => b.Id);
            e.HasIndex(b => new { b.Brin, b.ItemCode });
            e.Property(b => b.Verklaring).HasMaxLength(4000);
            e.HasOne<School>().WithMany().HasForeignKey(b => b.Brin).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Sessie>(e =>
        {
            e.ToTable("sessies");
            e.HasKey(s => s.Id);
            e.HasIndex(s => s.BronBrin);
            e.HasIndex(s => s.DoelBrin);
            e.HasIndex(s => s.AangemaaktOp);
            e.HasIndex(s => s.VerlooptOp);
            // an overdracht asked again finds its open session (TrafficCenterService.DezelfdeSessieAsync); a koppelsleutel opens one session
            e.HasIndex(s => s.Zoeksleutel);
            e.HasIndex(s => s.Koppelsleutel);
            e.Property(s => s.Zoeksleutel).HasMaxLength(700);
        });
        builder.Entity<TraceStap>(e =>
        {
            e.ToTable("tracestappen");
            e.HasKey(t => t.Id);
            e.HasIndex(t => t.SessieId);
            e.HasIndex(t => new { t.BronBrin, t.Tijd });
            e.HasIndex(t => new { t.DoelBrin, t.Tijd });
            e.HasIndex(t => t.Tijd);
            e.Property(t => t.Toelichting).HasMaxLength(2000);
        });
        builder.Entity<Koppeling>(e =>
        {
            e.ToTable("koppelingen");
            e.HasKey(k => k.Koppelsleutel);
        });
        builder.Entity<SwvLid>(e =>
        {
            e.ToTable("swvleden");
            e.HasKey(l => new { l.SwvBrin, l.SchoolBrin });
            e.HasIndex(l => l.SchoolBrin);
            e.HasOne<School>().WithMany().HasForeignKey(l => l.SwvBrin).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<School>().WithMany().HasForeignKey(l => l.SchoolBrin).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit");
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.Tijd);
            e.Property(a => a.Details).HasMaxLength(2000);
        });
        builder.Entity<Retention.OnderhoudsRun>(e =>
        {
            e.ToTable("onderhoud");
            e.HasKey(o => o.Sleutel);
            e.Property(o => o.Sleutel).HasMaxLength(100);
        });
        builder.Entity<Anchors.AnkerRecord>(e =>
        {
            e.ToTable("ankers");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Brin).HasMaxLength(4);
            e.Property(a => a.SysteemId).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.Property(a => a.VorigeKetenHash).HasMaxLength(64);
            e.Property(a => a.KetenHash).HasMaxLength(64);
            e.HasIndex(a => new { a.Brin, a.Volgnummer });
        });
    }
}

/// <summary>SQLite (the embedded default, <c>DATA/central.db</c>).</summary>
internal sealed class CentralSqliteDb(DbContextOptions<CentralSqliteDb> options) : CentralDb(options);

/// <summary>PostgreSQL.</summary>
internal sealed class CentralPostgresDb(DbContextOptions<CentralPostgresDb> options) : CentralDb(options);

/// <summary>For <c>dotnet ef migrations add … --context CentralSqliteDb</c>.</summary>
internal sealed class CentralSqliteDesignFactory : IDesignTimeDbContextFactory<CentralSqliteDb>
{
    public CentralSqliteDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CentralSqliteDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context CentralPostgresDb</c> (no server needed).</summary>
internal sealed class CentralPostgresDesignFactory : IDesignTimeDbContextFactory<CentralPostgresDb>
{
    public CentralPostgresDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CentralPostgresDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
