using System.Reflection;
using Oso.Hosting.KeyRing;
using Oso.Hosting.Storage;

namespace Oso.Hosting.Backup;

/// <summary>What a host's backup holds and leaves out.</summary>
public sealed record DataDirectoryBackupPlan
{
    /// <summary><c>school</c> or <c>central</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The host's data directory.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The host's database.</summary>
    public required DatabaseOptions Database { get; init; }

    /// <summary>The name the SQLite snapshot gets in the backup, which is where the host looks in a restored data directory (e.g. <c>school.db</c>).</summary>
    public required string DatabaseFileName { get; init; }

    /// <summary>Files of the data directory that must not go into the backup (relative, with <c>/</c>), such as a key that encrypts the backup itself.</summary>
    public IReadOnlyList<string> Leave { get; init; } = [];

    /// <summary>What a restore needs that is not in the backup (Dutch, for people).</summary>
    public IReadOnlyList<string> NotIncluded { get; init; } = [];

    /// <summary>Facts the host needs at restore.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// Backs up a host's data directory — a SQLite snapshot taken while the host runs, and every other file (keys, TLS
/// material, the development CA) — into one encrypted file, and restores it into a new, empty directory. With
/// PostgreSQL the database is not in the file: it has its own backups (pg_dump, base backup and WAL; docs/operations.md).
/// </summary>
public static class DataDirectoryBackup
{
    /// <summary>Writes the backup; a target inside the data directory is refused.</summary>
    public static async Task<BackupManifest> BackupAsync(DataDirectoryBackupPlan plan, string target, ReadOnlyMemory<byte> backupKey, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        var data = Path.GetFullPath(plan.DataDirectory);
        target = Path.GetFullPath(target);
        if (!Directory.Exists(data)) throw new BackupException($"De gegevensmap {data} bestaat niet.");
        if (Inside(target, data)) throw new BackupException("Zet de backup buiten de gegevensmap.");
        var work = PrivateFiles.CreateDirectory(target + ".werkmap-" + Guid.NewGuid().ToString("N")[..8]).FullName;
        try
        {
            var files = new List<(string, string)>();
            string? database = null, schema = null;
            var leave = new HashSet<string>(plan.Leave, StringComparer.Ordinal) { "keys/.in-use" };
            if (plan.Database.Provider == DatabaseProvider.Sqlite)
            {
                var snapshot = Path.Combine(work, "database");
                await SqliteSnapshot.CopyAsync(plan.Database.ConnectionString, snapshot, cancellationToken).ConfigureAwait(false);
                schema = await SqliteSnapshot.SchemaAsync(snapshot, cancellationToken).ConfigureAwait(false);
                files.Add((plan.DatabaseFileName, snapshot));
                database = plan.DatabaseFileName;
                var live = SqliteSnapshot.FileOf(plan.Database.ConnectionString);
                if (Inside(live, data))
                    foreach (var suffix in new[] { "", "-wal", "-shm", "-journal", ".lock" }) leave.Add(Relative(data, live + suffix));
            }
            // the other files are small: copied first, so the backup holds each as it was at one moment
            foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Relative(data, file);
                if (leave.Contains(relative) || relative.Contains(".tmp-", StringComparison.Ordinal)) continue;
                var copy = Path.Combine(work, "bestanden", relative);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
                files.Add((relative, copy));
            }
            var manifest = new BackupManifest(1, plan.Kind, time.GetUtcNow(), Version, database, schema, [], plan.NotIncluded, plan.Extra);
            return await BackupArchive.WriteAsync(target, backupKey, manifest, files, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Restores a backup into <paramref name="directory"/>, which must not exist or be empty. The files are unpacked and
    /// checked in a folder beside it, then <paramref name="check"/> runs on that folder (the host's own checks: the
    /// database, the keys); only when all pass does the folder become <paramref name="directory"/>.
    /// </summary>
    public static async Task<BackupManifest> RestoreAsync(string source, string kind, ReadOnlyMemory<byte> backupKey, string directory,
        Func<string, BackupManifest, Task> check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        directory = Path.GetFullPath(directory.TrimEnd(Path.DirectorySeparatorChar));
        if (File.Exists(directory) || Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            throw new BackupException($"{directory} is niet leeg: terugzetten gebeurt alleen in een nieuwe, lege map.");
        if (!File.Exists(source)) throw new BackupException($"{source} bestaat niet.");
        var staging = directory + ".herstel-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var manifest = await BackupArchive.ExtractAsync(source, kind, backupKey, staging, cancellationToken).ConfigureAwait(false);
            if (manifest.Database is not null)
            {
                var problem = await SqliteSnapshot.IntegrityProblemAsync(Path.Combine(staging, manifest.Database), cancellationToken).ConfigureAwait(false);
                if (problem is not null) throw new BackupException("De database in de backup is beschadigd: " + problem);
            }
            await check(staging, manifest).ConfigureAwait(false);
            if (Directory.Exists(directory)) Directory.Delete(directory);
            Directory.Move(staging, directory);
            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The OpenOSO version written into backups.</summary>
    public static string Version { get; } =
        typeof(DataDirectoryBackup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "onbekend";

    private static bool Inside(string path, string directory) =>
        Path.GetFullPath(path).StartsWith(directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Relative(string directory, string path) => Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');
}
