using Microsoft.EntityFrameworkCore;
using Oso.Hosting.Storage;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Outbox;
using Oso.School.Tenancy;

namespace Oso.School.Storage;

/// <summary>The School node's database. Pupil data in it is encrypted (see Crypto/); nothing here is plaintext PII.</summary>
public abstract class SchoolDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Schools on this node.</summary>
    public DbSet<SchoolTenant> Tenants => Set<SchoolTenant>();
    /// <summary>Their aanleverpunten.</summary>
    public DbSet<NodeAanleverpunt> Aanleverpunten => Set<NodeAanleverpunt>();
    /// <summary>LAS installations allowed to use the integration API.</summary>
    public DbSet<LasClient> LasClients => Set<LasClient>();
    /// <summary>Pupils (as bron).</summary>
    public DbSet<Pupil> Pupils => Set<Pupil>();
    /// <summary>Draft dossiers.</summary>
    public DbSet<DossierDraft> Drafts => Set<DossierDraft>();
    /// <summary>Released dossiers.</summary>
    public DbSet<DossierRelease> Releases => Set<DossierRelease>();
    /// <summary>Deliveries to other schools.</summary>
    public DbSet<Disclosure> Disclosures => Set<Disclosure>();
    /// <summary>documentRequests received.</summary>
    public DbSet<IncomingRequest> IncomingRequests => Set<IncomingRequest>();
    /// <summary>Aanmeldingen (as doel).</summary>
    public DbSet<Aanmelding> Aanmeldingen => Set<Aanmelding>();
    /// <summary>Requests made (as doel).</summary>
    public DbSet<TransferRequest> TransferRequests => Set<TransferRequest>();
    /// <summary>Dossiers received.</summary>
    public DbSet<ReceivedDossier> ReceivedDossiers => Set<ReceivedDossier>();
    /// <summary>Notificaties received.</summary>
    public DbSet<ReceivedNotification> ReceivedNotifications => Set<ReceivedNotification>();
    /// <summary>The outbox.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    /// <summary>The audit log.</summary>
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    /// <summary>The audit chains' heads.</summary>
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    private List<Action>? _afterCommit;

    /// <summary>
    /// Runs <paramref name="action"/> once this context's changes are committed: after <see cref="SchoolStore.WriteAsync{T}"/>
    /// commits its transaction (never when it rolls back), or — outside a transaction — after the next SaveChanges.
    /// </summary>
    internal void AfterCommit(Action action)
    {
        if (Database.CurrentTransaction is not null)
        {
            (_afterCommit ??= []).Add(action);
            return;
        }
        EventHandler<SavedChangesEventArgs>? once = null;
        once = (_, _) =>
        {
            SavedChanges -= once;
            action();
        };
        SavedChanges += once;
    }

    /// <summary>Called by <see cref="SchoolStore"/> after the commit: runs what <see cref="AfterCommit"/> collected.</summary>
    internal void Committed()
    {
        var actions = _afterCommit;
        _afterCommit = null;
        foreach (var action in actions ?? []) action();
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<SchoolTenant>(e =>
        {
            e.HasKey(x => x.Brin);
            e.Property(x => x.Brin).HasMaxLength(4);
        });
        modelBuilder.Entity<NodeAanleverpunt>(e =>
        {
            e.HasKey(x => x.RouteringsKenmerk);
            e.HasIndex(x => x.Brin);
        });
        modelBuilder.Entity<LasClient>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.KeyHash).IsUnique();
        });
        modelBuilder.Entity<Pupil>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.LasIdIndex }).IsUnique();
            e.HasIndex(x => new { x.Brin, x.PgnIndex });
        });
        modelBuilder.Entity<DossierDraft>().HasKey(x => x.PupilId);
        modelBuilder.Entity<DossierRelease>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.PupilId, x.Version }).IsUnique();
        });
        modelBuilder.Entity<Disclosure>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.PupilId);
        });
        modelBuilder.Entity<IncomingRequest>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.PgnIndex, x.AwaitingNotification });
            e.HasIndex(x => x.SessieId);
        });
        modelBuilder.Entity<Aanmelding>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.PgnIndex });
        });
        modelBuilder.Entity<TransferRequest>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.AanmeldingId);
            e.HasIndex(x => x.SessieId);
        });
        modelBuilder.Entity<ReceivedDossier>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.ImportedAt });
        });
        modelBuilder.Entity<ReceivedNotification>().HasKey(x => x.SessieId);
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => new { x.CompletedAt, x.FailedAt, x.DueAt });
        });
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.HasKey(x => new { x.Brin, x.Sequence });
        });
        modelBuilder.Entity<AuditHead>().HasKey(x => x.Brin);
    }
}

/// <summary>The School database on SQLite (the embedded default).</summary>
public sealed class SqliteSchoolDbContext(DbContextOptions<SqliteSchoolDbContext> options) : SchoolDbContext(options);

/// <summary>The School database on PostgreSQL.</summary>
public sealed class PostgresSchoolDbContext(DbContextOptions<PostgresSchoolDbContext> options) : SchoolDbContext(options);
