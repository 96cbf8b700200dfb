using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Oso.School.Crypto;
using Oso.School.Storage;

namespace Oso.School.Tenancy;

/// <summary>
/// Finds schools' keys in the database. A wrapped data key never changes for the life of a process (a new master key
/// needs a restart), so it is cached for good; which key is current is read again after
/// <see cref="KeyRotationOptions.CurrentKeyRefresh"/>, so a rotation made by another process (the CLI, another
/// instance) is used for new writes within that time. A school added on another instance is found on first use.
/// </summary>
public sealed class TenantKeySource(IDbContextFactory<SchoolDbContext> factory, TimeProvider time, IOptions<KeyRotationOptions> options) : IDataKeySource
{
    private readonly ConcurrentDictionary<string, (SchoolKeys Keys, DateTimeOffset ReadAt)> _schools = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Brin, int KeyId), byte[]> _wrapped = new();

    /// <inheritdoc />
    public SchoolKeys? Find(string brin)
    {
        var now = time.GetUtcNow();
        if (_schools.TryGetValue(brin, out var known) && now - known.ReadAt < options.Value.CurrentKeyRefresh) return known.Keys;
        using var db = factory.CreateDbContext();
        var tenant = db.Tenants.AsNoTracking().Where(t => t.Brin == brin).Select(t => new { t.DataKeyId, t.WrappedIndexKey }).FirstOrDefault();
        if (tenant is null) return null;
        var keys = new SchoolKeys(tenant.DataKeyId, tenant.WrappedIndexKey);
        _schools[brin] = (keys, now);
        return keys;
    }

    /// <inheritdoc />
    public byte[]? Wrapped(string brin, int keyId)
    {
        if (_wrapped.TryGetValue((brin, keyId), out var known)) return known;
        using var db = factory.CreateDbContext();
        var wrapped = db.DataKeys.AsNoTracking().Where(k => k.Brin == brin && k.KeyId == keyId).Select(k => k.Wrapped).FirstOrDefault();
        if (wrapped is not null) _wrapped[(brin, keyId)] = wrapped;
        return wrapped;
    }
}
