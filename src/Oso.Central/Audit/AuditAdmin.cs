using Microsoft.EntityFrameworkCore;

namespace Oso.Central;

/// <summary>One audited action.</summary>
public sealed record AuditRegel(DateTimeOffset Tijd, string Door, string Actie, string Onderwerp, string? Details);

public sealed partial class CentralAdmin
{
    /// <summary>The latest audited actions, newest first.</summary>
    public async Task<IReadOnlyList<AuditRegel>> AuditAsync(int max = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Take(Math.Clamp(max, 1, 1000)).ToListAsync(cancellationToken);
        return lijst.Select(a => new AuditRegel(a.Tijd, a.Door, a.Actie, a.Onderwerp, a.Details)).ToList();
    }
}
