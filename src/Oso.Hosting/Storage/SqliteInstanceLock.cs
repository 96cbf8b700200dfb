using Microsoft.Data.Sqlite;

namespace Oso.Hosting.Storage;

/// <summary>
/// Keeps a SQLite database to one running service. SQLite serialises writers inside one process only (the store's
/// semaphore); a second service on the same file would interleave audit chains and outbox claims unseen. So a service
/// holds an exclusive operating-system lock on <c>FILE.lock</c> beside the database while it runs; a second one is refused
/// with a Dutch message. The lock ends with the process, so a crash leaves nothing to clean up. Admin commands do not
/// take it: they are short and work alongside the service. PostgreSQL needs no such lock (several instances are the point).
/// </summary>
public sealed class SqliteInstanceLock : IDisposable
{
    private readonly FileStream _file;

    private SqliteInstanceLock(FileStream file, string path)
    {
        _file = file;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the lock for <paramref name="database"/> when it is a SQLite file; null for PostgreSQL or an in-memory
    /// database. Throws <see cref="InvalidOperationException"/> (Dutch) while another service holds it.
    /// </summary>
    /// <param name="database">Where the service keeps its data.</param>
    /// <param name="service">The service, in the message ("Central", "de School-node").</param>
    public static SqliteInstanceLock? Acquire(DatabaseOptions database, string service)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider != DatabaseProvider.Sqlite) return null;
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:") return null;
        var file = System.IO.Path.GetFullPath(builder.DataSource);
        var path = file + ".lock";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            // FileShare.None is an exclusive flock on Linux: it conflicts with any other holder, in this process or another
            return new SqliteInstanceLock(new FileStream(path, options), path);
        }
        catch (IOException)
        {
            throw new InvalidOperationException(
                $"Er draait al een {service} op de SQLite-database {file} (het slot {path} is bezet). SQLite is voor één instantie: "
                + "stop die andere eerst, of gebruik PostgreSQL (Database: Host=…) om meerdere instanties naast elkaar te draaien.");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
