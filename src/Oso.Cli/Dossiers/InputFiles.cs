namespace Oso.Cli.Dossiers;

/// <summary>Expands command-line paths (files and directories) into the XML files to process.</summary>
internal static class InputFiles
{
    /// <summary>The files, in a stable order; <paramref name="missing"/> lists paths that do not exist.</summary>
    public static List<string> Expand(IEnumerable<string> paths, out List<string> missing)
    {
        var files = new List<string>();
        missing = [];
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            else if (File.Exists(path))
                files.Add(path);
            else
                missing.Add(path);
        }
        return files;
    }
}
