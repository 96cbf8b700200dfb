using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Oso.Hosting.Backup;
using Oso.Hosting.Storage;
using Oso.School.Crypto;
using Oso.School.Tenancy;

namespace Oso.School.Backup;

/// <summary>
/// Backs up a School node's data directory into one file encrypted under a key derived from the master key (so the file
/// alone reveals nothing, and a restore needs the master key it needs anyway), and restores it into a new directory.
/// The master key itself is never in the backup. Both are audited in every school's chain.
/// </summary>
public static class SchoolBackup
{
    /// <summary>The kind written in the backup's header.</summary>
    public const string Kind = "school";

    private const string MasterKeyPlace = "hoofdsleutel";
    private const string InDataDirectory = "gegevensmap";

    /// <summary>Writes a backup of the node at <paramref name="options"/> to <paramref name="target"/>, while the node may keep running.</summary>
    public static async Task<BackupManifest> BackupAsync(SchoolOptions options, string target, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = Path.GetFullPath(options.DataDirectory);
        // opening checks the master key against the database: a backup under the wrong key could never be restored
        await using var session = await SchoolAdminSession.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        var master = session.Services.GetRequiredService<MasterKey>();
        var inData = string.IsNullOrEmpty(options.MasterKey);
        var plan = new DataDirectoryBackupPlan
        {
            Kind = Kind,
            DataDirectory = data,
            Database = DatabaseOptions.From(options.Database, data, "school.db"),
            DatabaseFileName = "school.db",
            Leave = [MasterKey.DevelopmentFileName],
            NotIncluded = [inData
                ? $"de hoofdsleutel ({MasterKey.DevelopmentFileName} in de gegevensmap): bewaar hem apart; zonder kan de backup niet worden teruggezet"
                : "de hoofdsleutel (MasterKeyFile, --master-key-file of OSO_SCHOOL_MASTER_KEY): nodig om terug te zetten"],
            Extra = new Dictionary<string, string> { [MasterKeyPlace] = inData ? InDataDirectory : "extern" },
        };
        var manifest = await DataDirectoryBackup.BackupAsync(plan, target, BackupKey(master), time, cancellationToken).ConfigureAwait(false);
        await session.Admin.RecordNodeEventAsync("backup.gemaakt", "Een backup van de gegevens van deze node is gemaakt.",
            "gemaakt=" + manifest.CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>
    /// Restores a backup into <paramref name="directory"/> (new or empty) with the master key in <paramref name="options"/>
    /// (its <see cref="SchoolOptions.DataDirectory"/> is ignored). Before the directory appears, the files are checked
    /// against the backup's manifest, the database by SQLite, the master key against the schools' keys, and the database
    /// is brought up to this version's schema. When the master key was kept in the data directory, it is written there again.
    /// </summary>
    public static async Task<SchoolRestored> RestoreAsync(string source, string directory, SchoolOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.MasterKey))
            throw new ArgumentException("Geef de hoofdsleutel (MasterKeyFile, --master-key-file of OSO_SCHOOL_MASTER_KEY): de backup is ermee versleuteld.");
        using var master = MasterKey.FromBase64(options.MasterKey);
        IReadOnlyList<AuditChainStatus> chains = [];
        var manifest = await DataDirectoryBackup.RestoreAsync(source, Kind, BackupKey(master), directory, async (staging, manifest) =>
        {
            if (manifest.Database is null && options.Database is null) return; // PostgreSQL: the database is restored on its own
            var restored = options with { DataDirectory = staging, Database = manifest.Database is null ? options.Database : null };
            await using (var session = await SchoolAdminSession.OpenAsync(restored, cancellationToken).ConfigureAwait(false))
            {
                chains = await session.Admin.VerifyAuditAsync([], cancellationToken).ConfigureAwait(false);
                await session.Admin.RecordNodeEventAsync("backup.teruggezet", "De gegevens van deze node zijn teruggezet uit een backup.",
                    "gemaakt=" + manifest.CreatedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            }
            SqliteConnection.ClearAllPools(); // the folder is about to move
            if (manifest.Extra.GetValueOrDefault(MasterKeyPlace) == InDataDirectory) master.WriteTo(Path.Combine(staging, MasterKey.DevelopmentFileName));
        }, cancellationToken).ConfigureAwait(false);
        return new SchoolRestored(manifest, chains);
    }

    private static byte[] BackupKey(MasterKey master) => master.Derive("oso-school-backup", []);
}

/// <summary>A restored node.</summary>
/// <param name="Manifest">What the backup held.</param>
/// <param name="Chains">Each school's audit chain as found in the backup (empty when the database was not in it).</param>
public sealed record SchoolRestored(BackupManifest Manifest, IReadOnlyList<AuditChainStatus> Chains);
