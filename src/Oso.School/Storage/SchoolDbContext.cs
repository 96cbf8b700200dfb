using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Oso.Hosting.Storage;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Bulk;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Outbox;
using Oso.School.Parents;
using Oso.School.Privacy;
using Oso.School.Register;
using Oso.School.Staff;
using Oso.School.Tenancy;

namespace Oso.School.Storage;

/// <summary>
/// The School node's database. Pupil data in it is encrypted (see Crypto/); nothing here is plaintext pupil data. Staff
/// accounts (ASP.NET Core Identity's user tables) hold staff names and e-mail addresses, which are staff data.
/// </summary>
public abstract class SchoolDbContext(DbContextOptions options) : IdentityUserContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection keys (cookies, antiforgery), shared by every instance; their XML is encrypted (see DataProtectionSetup).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Schools on this node.</summary>
    public DbSet<SchoolTenant> Tenants => Set<SchoolTenant>();
    /// <summary>Their data keys (wrapped by the master key).</summary>
    public DbSet<SchoolDataKey> DataKeys => Set<SchoolDataKey>();
    /// <summary>Their aanleverpunten.</summary>
    public DbSet<NodeAanleverpunt> Aanleverpunten => Set<NodeAanleverpunt>();
    /// <summary>LAS installations allowed to use the integration API.</summary>
    public DbSet<LasClient> LasClients => Set<LasClient>();
    /// <summary>Idempotency keys LAS clients sent with <c>POST …/aanvragen</c> (kept a day).</summary>
    public DbSet<LasIdempotencyKey> LasIdempotencyKeys => Set<LasIdempotencyKey>();
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

    /// <summary>Large encrypted values in pieces (a received dossier's XML; ADR 0014).</summary>
    public DbSet<StoredChunk> StoredChunks => Set<StoredChunk>();
    /// <summary>Notificaties received.</summary>
    public DbSet<ReceivedNotification> ReceivedNotifications => Set<ReceivedNotification>();
    /// <summary>SWV dossiers sent (as school).</summary>
    public DbSet<Swv.SwvSending> SwvSendings => Set<Swv.SwvSending>();
    /// <summary>SWV dossiers announced and fetched (as SWV).</summary>
    public DbSet<Swv.SwvReceipt> SwvReceipts => Set<Swv.SwvReceipt>();
    /// <summary>Terugkoppelingen sent (SWV) and received (school).</summary>
    public DbSet<Swv.Terugkoppeling> Terugkoppelingen => Set<Swv.Terugkoppeling>();
    /// <summary>The outbox.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    /// <summary>The audit log.</summary>
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    /// <summary>The audit chains' heads.</summary>
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    /// <summary>Checkpoints of the audit chains sent to Central, with its acknowledgements.</summary>
    public DbSet<AuditAnchor> AuditAnchors => Set<AuditAnchor>();
    /// <summary>Staff members' roles per school.</summary>
    public DbSet<StaffMembership> StaffMemberships => Set<StaffMembership>();
    /// <summary>Parents' personal links.</summary>
    public DbSet<ParentLink> ParentLinks => Set<ParentLink>();
    /// <summary>Requests to correct a dossier (tasks for staff).</summary>
    public DbSet<CorrectionRequest> CorrectionRequests => Set<CorrectionRequest>();
    /// <summary>Bulk actions staff confirmed.</summary>
    public DbSet<BulkJob> BulkJobs => Set<BulkJob>();
    /// <summary>Their pupils, each with its outcome.</summary>
    public DbSet<BulkJobItem> BulkJobItems => Set<BulkJobItem>();
    /// <summary>Qualified schools from Central's public list (cached).</summary>
    public DbSet<RegisterSchool> RegisterSchools => Set<RegisterSchool>();

    // this context's own state, cleared whenever it is disposed: contexts come from EF Core's pool (SchoolServices,
    // AddOsoDatabase pooled), so an instance handed back after a failed or rolled-back unit of work is handed out again
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
        SavedChanges += once; // a handler left unsaved is detached by EF Core's reset when the context goes back to the pool
    }

    /// <summary>Called by <see cref="SchoolStore"/> after the commit: runs what <see cref="AfterCommit"/> collected.</summary>
    internal void Committed()
    {
        var actions = _afterCommit;
        _afterCommit = null;
        foreach (var action in actions ?? []) action();
    }

    /// <summary>
    /// Forgets what <see cref="AfterCommit"/> collected and was not run (the unit of work failed or rolled back), before
    /// the context goes back to the pool: nothing of one unit of work reaches the next user of the same instance. (EF Core's
    /// own reset clears the change tracker, the transaction and the event handlers; it does not know this field.)
    /// </summary>
    private void ForgetUnitOfWork() => _afterCommit = null;

    /// <inheritdoc />
    public override void Dispose()
    {
        ForgetUnitOfWork();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        ForgetUnitOfWork();
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder); // Identity's user tables
        builder.Entity<StaffUser>(e => e.Property(x => x.Naam).HasMaxLength(200));
        builder.Entity<StaffMembership>(e =>
        {
            e.HasKey(x => new { x.UserId, x.Brin });
            e.HasIndex(x => x.Brin);
            e.Property(x => x.Rol).HasConversion<string>().HasMaxLength(20);
        });
        builder.Entity<ParentLink>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.Brin, x.PupilId });
        });
        builder.Entity<CorrectionRequest>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.PupilId });
            e.HasIndex(x => new { x.Brin, x.Status });
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Source).HasMaxLength(20);
        });
        builder.Entity<BulkJob>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Brin);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Description).HasMaxLength(200);
        });
        builder.Entity<BulkJobItem>(e =>
        {
            e.HasKey(x => new { x.JobId, x.PupilId });
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Result).HasMaxLength(400);
        });
        builder.Entity<RegisterSchool>(e =>
        {
            e.HasKey(x => x.Brin);
            e.Property(x => x.Brin).HasMaxLength(4);
            e.Property(x => x.Naam).HasMaxLength(200);
            e.Property(x => x.Sector).HasMaxLength(10);
            e.Property(x => x.Plaats).HasMaxLength(100);
            e.Property(x => x.Gemeente).HasMaxLength(100);
            e.Property(x => x.Provincie).HasMaxLength(100);
        });
        builder.Entity<SchoolTenant>(e =>
        {
            e.HasKey(x => x.Brin);
            e.Property(x => x.Brin).HasMaxLength(4);
            e.Property(x => x.PrivacyContactName).HasMaxLength(200);
            e.Property(x => x.PrivacyContactEmail).HasMaxLength(254);
            e.Property(x => x.PrivacyContactPhone).HasMaxLength(30);
        });
        builder.Entity<SchoolDataKey>(e =>
        {
            e.HasKey(x => new { x.Brin, x.KeyId });
            e.Property(x => x.Brin).HasMaxLength(4);
        });
        builder.Entity<NodeAanleverpunt>(e =>
        {
            e.HasKey(x => x.RouteringsKenmerk);
            e.HasIndex(x => x.Brin);
        });
        builder.Entity<LasClient>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.KeyHash).IsUnique();
        });
        builder.Entity<LasIdempotencyKey>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.LasClientId, x.Brin, x.KeyHash }).IsUnique();
            e.HasIndex(x => x.CreatedAt);
        });
        builder.Entity<Pupil>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.LasIdIndex }).IsUnique();
            e.HasIndex(x => new { x.Brin, x.PgnIndex });
        });
        builder.Entity<DossierDraft>().HasKey(x => x.PupilId);
        builder.Entity<DossierRelease>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.PupilId, x.Version }).IsUnique();
        });
        builder.Entity<Disclosure>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.PupilId);
        });
        builder.Entity<IncomingRequest>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.PgnIndex, x.AwaitingNotification });
            e.HasIndex(x => x.SessieId);
        });
        builder.Entity<Aanmelding>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.PgnIndex });
        });
        builder.Entity<TransferRequest>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.AanmeldingId);
            e.HasIndex(x => x.SessieId);
        });
        builder.Entity<ReceivedDossier>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.ImportedAt });
        });
        builder.Entity<StoredChunk>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.OwnerKind, x.OwnerId, x.Sequence }).IsUnique();
            e.HasIndex(x => x.Brin);
        });
        builder.Entity<ReceivedNotification>().HasKey(x => x.SessieId);
        builder.Entity<Swv.SwvSending>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.PupilId });
            e.HasIndex(x => x.Koppelsleutel).IsUnique();
        });
        builder.Entity<Swv.SwvReceipt>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Koppelsleutel).IsUnique();
            e.HasIndex(x => x.Brin);
        });
        builder.Entity<Swv.Terugkoppeling>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.Richting, x.At });
            e.HasIndex(x => x.ExchangeId);
        });
        builder.Entity<OutboxMessage>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => new { x.CompletedAt, x.FailedAt, x.DueAt });
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.HasKey(x => new { x.Brin, x.Sequence });
            e.HasIndex(x => new { x.Brin, x.At });
        });
        builder.Entity<AuditHead>().HasKey(x => x.Brin);
        builder.Entity<AuditAnchor>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.Brin, x.Sequence }).IsUnique();
        });
    }
}

/// <summary>The School database on SQLite (the embedded default).</summary>
public sealed class SqliteSchoolDbContext(DbContextOptions<SqliteSchoolDbContext> options) : SchoolDbContext(options);

/// <summary>The School database on PostgreSQL.</summary>
public sealed class PostgresSchoolDbContext(DbContextOptions<PostgresSchoolDbContext> options) : SchoolDbContext(options);
