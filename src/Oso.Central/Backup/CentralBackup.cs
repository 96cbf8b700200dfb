using System.Globalization;
using Microsoft.Data.Sqlite;
using Oso.Hosting.Backup;
using Oso.Hosting.Storage;

namespace Oso.Central.Backup;

/// <summary>
/// Backs up Central's data directory (the database, the data-protection keys, the development CA and TLS material) into
/// one file encrypted under a backup key the operator keeps elsewhere — Central has no master key of its own, and the
/// keys and CA in the directory must not be readable from the file alone — and restores it into a new directory.
/// </summary>
public static class CentralBackup
{
    /// <summary>The kind written in the backup's header.</summary>
    public const string Kind = "central";

    /// <summary>Writes a backup of Central at <paramref name="options"/> to <paramref name="target"/>, while Central may keep running; audited.</summary>
    public static async Task<BackupManifest> BackupAsync(CentralOptions options, string target, ReadOnlyMemory<byte> backupKey, TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var data = Path.GetFullPath(options.DataDirectory);
        await using var admin = await CentralAdmin.OpenAsync(options, "beheer (cli: " + Environment.UserName + ")", cancellationToken).ConfigureAwait(false);
        var plan = new DataDirectoryBackupPlan
        {
            Kind = Kind,
            DataDirectory = data,
            Database = DatabaseOptions.From(options.Database, data, "central.db"),
            DatabaseFileName = "central.db",
            NotIncluded = ["de backupsleutel (--backup-key-file of OSO_CENTRAL_BACKUP_KEY): nodig om terug te zetten"],
        };
        var manifest = await DataDirectoryBackup.BackupAsync(plan, target, backupKey, time, cancellationToken).ConfigureAwait(false);
        await admin.RecordOperationAsync("backup.gemaakt", "Central", Made(manifest), cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>
    /// Restores a backup into <paramref name="directory"/> (new or empty): checked against its manifest, the database by
    /// SQLite, then brought up to this version's schema and the restore audited, before the directory appears.
    /// <paramref name="options"/> gives the PostgreSQL database when the backup holds none.
    /// </summary>
    public static Task<BackupManifest> RestoreAsync(string source, string directory, CentralOptions options, ReadOnlyMemory<byte> backupKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return DataDirectoryBackup.RestoreAsync(source, Kind, backupKey, directory, async (staging, manifest) =>
        {
            if (manifest.Database is null && options.Database is null) return; // PostgreSQL: the database is restored on its own
            var restored = options with { DataDirectory = staging, Database = manifest.Database is null ? options.Database : null };
            await using (var admin = await CentralAdmin.OpenAsync(restored, "beheer (cli: " + Environment.UserName + ")", cancellationToken).ConfigureAwait(false))
                await admin.RecordOperationAsync("backup.teruggezet", "Central", Made(manifest), cancellationToken).ConfigureAwait(false);
            SqliteConnection.ClearAllPools(); // the folder is about to move
        }, cancellationToken);
    }

    private static string Made(BackupManifest manifest) => "gemaakt=" + manifest.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
