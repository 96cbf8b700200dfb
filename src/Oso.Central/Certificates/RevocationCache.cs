using Microsoft.EntityFrameworkCore;
using Oso.Central.Register;
using Oso.Central.Storage;
using Oso.Protocol.Security;

namespace Oso.Central.Certificates;

/// <summary>A revoked certificate, as published for school nodes.</summary>
/// <param name="Serienummer">Serial number (hex).</param>
/// <param name="Sha256">SHA-256 thumbprint (hex).</param>
/// <param name="SysteemId">The system it was issued to.</param>
/// <param name="IngetrokkenOp">When it was revoked (or its system's participation was).</param>
public sealed record IngetrokkenCertificaat(string Serienummer, string Sha256, string SysteemId, DateTimeOffset IngetrokkenOp);

/// <summary>
/// The revocation list Central's own client-certificate validation uses on every check: revoked certificates and
/// every certificate of a revoked system. Changes made in this process apply at once (<see cref="Invalidate"/>);
/// changes made by another process on the same database (the CLI) within a few seconds.
/// </summary>
internal sealed class RevocationCache(IDbContextFactory<CentralDb> dbs, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(3);
    private readonly Lock _lock = new();
    private Snapshot? _snapshot;

    private sealed record Snapshot(DateTimeOffset At, CertificateRevocationList List, IReadOnlyList<IngetrokkenCertificaat> Entries);

    /// <summary>The current list (for <see cref="OsoCertificateValidator"/>).</summary>
    public CertificateRevocationList Current() => Get().List;

    /// <summary>The entries, for publication.</summary>
    public IReadOnlyList<IngetrokkenCertificaat> Entries() => Get().Entries;

    /// <summary>Forget the cached list: the next check reads the database.</summary>
    public void Invalidate()
    {
        lock (_lock) _snapshot = null;
    }

    private Snapshot Get()
    {
        var now = time.GetUtcNow();
        var snapshot = _snapshot;
        if (snapshot is not null && now - snapshot.At < MaxAge && now >= snapshot.At) return snapshot;
        lock (_lock)
        {
            if (_snapshot is { } fresh && now - fresh.At < MaxAge && now >= fresh.At) return fresh;
            using var db = dbs.CreateDbContext();
            var revokedSystems = db.Systemen.Where(s => s.Deelname == Deelname.Ingetrokken).Select(s => s.Id);
            var rows = db.Certificaten.AsNoTracking()
                .Where(c => c.IngetrokkenOp != null || revokedSystems.Contains(c.SysteemId))
                .Select(c => new { c.Serienummer, c.Sha256, c.SysteemId, c.IngetrokkenOp, c.UitgegevenOp })
                .ToList();
            var entries = rows.Select(r => new IngetrokkenCertificaat(r.Serienummer, r.Sha256, r.SysteemId, r.IngetrokkenOp ?? r.UitgegevenOp))
                .OrderBy(e => e.Serienummer, StringComparer.Ordinal).ToList();
            _snapshot = new Snapshot(now, new CertificateRevocationList(entries.Select(e => e.Serienummer), entries.Select(e => e.Sha256)), entries);
            return _snapshot;
        }
    }
}
