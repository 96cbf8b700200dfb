namespace Oso.Hosting.KeyRing;

/// <summary>Files only the owner may read, written so that a crash leaves either the old content or the new, never half.</summary>
public static class PrivateFiles
{
    /// <summary>Writes <paramref name="content"/> to a temporary file (mode 600) beside <paramref name="path"/> and renames it over it.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Creates a directory only the owner can enter (mode 700), or tightens an existing one.</summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        var directory = Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;
    }
}
