using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Oso.School.Crypto;
using Oso.School.Storage;

namespace Oso.School.Tenancy;

/// <summary>Finds schools' wrapped data keys in the database, cached (a school added on another instance is found on first use).</summary>
public sealed class TenantKeySource(IDbContextFactory<SchoolDbContext> factory) : IDataKeySource
{
    private readonly ConcurrentDictionary<string, WrappedDataKey> _keys = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public WrappedDataKey? Find(string brin)
    {
        if (_keys.TryGetValue(brin, out var known)) return known;
        using var db = factory.CreateDbContext();
        var tenant = db.Tenants.AsNoTracking().FirstOrDefault(t => t.Brin == brin);
        if (tenant is null) return null;
        var key = new WrappedDataKey(tenant.DataKeyId, tenant.WrappedDataKey);
        _keys[brin] = key;
        return key;
    }
}
