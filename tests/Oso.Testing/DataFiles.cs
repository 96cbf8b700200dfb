namespace Oso.Testing;

/// <summary>
/// The raw bytes of a service's files as they lie on disk, for tests that look for what must not be there (a name, a
/// PGN, a key) — read while the service still runs (shared with its writers), skipping the SQLite instance lock file
/// (<c>*.db.lock</c>), which the running service holds exclusively.
/// </summary>
public static class DataFiles
{
    /// <summary>The files in <paramref name="directory"/> matching <paramref name="pattern"/> (e.g. <c>school.db*</c>: the database, its WAL and shared memory), lock file excluded.</summary>
    public static IReadOnlyList<string> Find(string directory, string pattern, SearchOption option = SearchOption.TopDirectoryOnly) =>
        [.. Directory.GetFiles(directory, pattern, option).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal))];

    /// <summary>One file's bytes, read while other processes may write it.</summary>
    public static byte[] Read(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The bytes of every matching file, one after the other.</summary>
    public static byte[] ReadAll(string directory, string pattern, SearchOption option = SearchOption.TopDirectoryOnly) =>
        [.. Find(directory, pattern, option).SelectMany(Read)];
}
