using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>Rotates Central's data-protection ring in the database (Central stopped) and audits it.</summary>
    public async Task<Oso.Hosting.KeyRing.KeyRingRotated> RotateKeyRingAsync(CancellationToken cancellationToken = default)
    {
        Oso.Hosting.KeyRing.KeyRingRotated rotated;
        await using (var db = await DbAsync(cancellationToken))
            rotated = await Oso.Hosting.KeyRing.KeyRingRotation.RotateAsync(_services.GetRequiredService<CentralOptions>().DataDirectory, db, Time, cancellationToken);
        await RecordOperationAsync("sleutelring.vernieuwd", "Central", "sleutel=" + rotated.NewKey, cancellationToken);
        return rotated;
    }

    /// <summary>The latest audited actions, newest first.</summary>
    public async Task<IReadOnlyList<AuditRegel>> AuditAsync(int max = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await DbAsync(cancellationToken);
        var lijst = await db.Audit.AsNoTracking().OrderByDescending(a => a.Id).Take(Math.Clamp(max, 1, 1000)).ToListAsync(cancellationToken);
        return lijst.Select(a => new AuditRegel(a.Tijd, a.Door, a.Actie, a.Onderwerp, a.Details)).ToList();
    }
}
