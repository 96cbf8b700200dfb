using Microsoft.EntityFrameworkCore;

namespace Oso.Central;

/// <summary>One audited action.</summary>
public sealed record AuditRegel(DateTimeOffset Tijd, string Door, string Actie, string Onderwerp, string? Details);

public sealed partial class CentralAdmin
{
    /// <summary>Records an operator's action on Central as a whole (a backup, a restore, a key rotation).</summary>
    public async Task RecordOperationAsync(string actie, string onderwerp, string? details = null, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        Audit(db, actie, onderwerp, details);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The latest audited actions, newest first.</summary>
    public async Task<IReadOnlyList<AuditRegel>> AuditAsync(int max = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Take(Math.Clamp(max, 1, 1000)).ToListAsync(cancellationToken);
        return lijst.Select(a => new AuditRegel(a.Tijd, a.Door, a.Actie, a.Onderwerp, a.Details)).ToList();
    }
}
