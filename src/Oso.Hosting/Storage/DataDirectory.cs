using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Oso.Hosting.Storage;

/// <summary>
/// A host's data directory holds password hashes, keys, certificates' private keys and (encrypted) pupil data: only the
/// account that runs the host may read it. Files are created 0600 and directories 0700 from the first byte on — the
/// process's umask is set to 077 before anything is created (as PostgreSQL does for its data directory), which covers
/// what libraries create on their own: SQLite's database with its <c>-wal</c> and <c>-shm</c> files, data-protection
/// keys, certificates, mail in the pickup folder. At start the host warns, in Dutch, about anything in it that is wider.
/// </summary>
public static partial class DataDirectory
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Wider = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Makes everything this process creates from now on private to its user (umask 077; process-wide, so also files a
    /// host's process writes elsewhere), and creates <paramref name="path"/> (0700) when missing. Returns its full path.
    /// </summary>
    public static string Prepare(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!OperatingSystem.IsWindows())
        {
            _ = SetUmask(0b000_111_111); // 077
            Directory.CreateDirectory(path, Private);
        }
        else
        {
            Directory.CreateDirectory(path);
        }
        return Path.GetFullPath(path);
    }

    /// <summary>Files and directories under <paramref name="path"/> (itself included) that others than the owner may use, with their modes.</summary>
    public static IReadOnlyList<(string Path, UnixFileMode Mode)> TooWide(string path)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(path)) return [];
        var found = new List<(string, UnixFileMode)>();
        var root = new DirectoryInfo(path);
        if ((root.UnixFileMode & Wider) != 0) found.Add((root.FullName, root.UnixFileMode));
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var entry in root.EnumerateFileSystemInfos("*", options))
            if ((entry.UnixFileMode & Wider) != 0) found.Add((entry.FullName, entry.UnixFileMode));
        return found;
    }

    /// <summary>
    /// Warns (log and, when given, the start-up output) when anything in the data directory is readable or writable by
    /// others than the owner; changes nothing — the operator decides, the message says how.
    /// </summary>
    public static void WarnWhenTooWide(string path, ILogger logger, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var wide = TooWide(path);
        if (wide.Count == 0) return;
        var examples = string.Join(", ", wide.Take(5).Select(w => $"{Relative(path, w.Path)} ({Octal(w.Mode)})"));
        var text = $"Let op: {wide.Count} bestand(en) of map(pen) in de gegevensmap {path} zijn toegankelijk voor anderen dan de eigenaar: {examples}"
            + (wide.Count > 5 ? " en meer" : "") + ". Daarin staan wachtwoord-hashes, sleutels en versleutelde gegevens. "
            + $"Maak ze privé met: chmod -R go-rwx '{path}' (mappen 700, bestanden 600).";
        LogWarning(logger, text);
        output?.WriteLine(text);
    }

    private static string Relative(string root, string path) => path == Path.GetFullPath(root) ? "." : Path.GetRelativePath(root, path);

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0b111_111_111, 8).PadLeft(4, '0');

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "{Text}")]
    private static partial void LogWarning(ILogger logger, string text);

    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint SetUmask(uint mask);
}
