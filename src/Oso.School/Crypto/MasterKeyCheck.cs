using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Oso.School.Storage;

namespace Oso.School.Crypto;

/// <summary>
/// Refuses to start with a master key that did not wrap the schools' data keys already in the database: otherwise a
/// node would run, accept new schools under the wrong key and fail on every dossier of the existing ones.
/// </summary>
public static class MasterKeyCheck
{
    /// <summary>Unwraps one existing school's current data key; throws <see cref="InvalidOperationException"/> when it does not fit.</summary>
    public static async Task VerifyAsync(SchoolDbContext db, MasterKey master, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(master);
        var key = await (from t in db.Tenants.AsNoTracking()
                         join k in db.DataKeys.AsNoTracking() on new { t.Brin, KeyId = t.DataKeyId } equals new { k.Brin, k.KeyId }
                         orderby t.CreatedAt
                         select k).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (key is null) return;
        try
        {
            CryptographicOperations.ZeroMemory(master.Unwrap(key.Wrapped, key.Brin, key.KeyId));
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException(
                "De hoofdsleutel past niet bij deze database: de scholen op deze node zijn aangesloten met een andere hoofdsleutel. "
                + "Start de node met de hoofdsleutel waarmee ze zijn aangesloten (OSO_SCHOOL_MASTER_KEY of --master-key-file).");
        }
    }
}
