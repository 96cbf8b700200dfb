using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Oso.School;
using Oso.School.Crypto;
using Oso.School.Storage;

namespace Oso.EndToEnd.Tests;

/// <summary>Reads back every encrypted value on a node, column by column (<see cref="EncryptedColumns"/>), as its own services would.</summary>
public static class EncryptedData
{
    /// <summary>Per school and key id, how many values decrypt; and every value that does not, by column.</summary>
    public static async Task<(Dictionary<(string Brin, int KeyId), int> Readable, List<string> Unreadable)> ReadAllAsync(SchoolNode node, CancellationToken ct)
    {
        var protector = node.Services.GetRequiredService<PupilDataProtector>();
        var readable = new Dictionary<(string, int), int>();
        var unreadable = new List<string>();
        await using var db = node.Services.GetRequiredService<SchoolStore>().Read();
        var everything = PupilDataProtector.Prefix(int.MinValue); // no value is under this key: every row is returned
        foreach (var brin in db.Tenants.Select(t => t.Brin).ToList())
            foreach (var column in EncryptedColumns.All)
                foreach (var row in await column.NotUnderAsync(db, brin, everything, null, int.MaxValue, ct))
                {
                    try
                    {
                        protector.Unprotect(brin, row.Blob, column.Context(row.Id));
                        var key = (brin, PupilDataProtector.KeyIdOf(row.Blob)!.Value);
                        readable[key] = readable.GetValueOrDefault(key) + 1;
                    }
                    catch (CryptographicException)
                    {
                        unreadable.Add(brin + " " + column.Name + " " + row.Id);
                    }
                }
        return (readable, unreadable);
    }
}
