using System.Diagnostics;
using System.Text.Json;

namespace Oso.Testing;

/// <summary>One file's verdict from the official tools (xmllint XSD + Saxon-HE XSLT).</summary>
public sealed record OfficialVerdict(string File, bool Valid, IReadOnlyList<string> Xsd, IReadOnlyList<OfficialMelding> Rules);

/// <summary>One &lt;melding&gt; of the official XSLT.</summary>
public sealed record OfficialMelding(string Type, string Locatie, string Tekst);

/// <summary>
/// Runs ../shared/tools/oso-official-validate. The shared copy of the standard stores the repository's
/// symlinks (include/*.xsl, OV/*.xsd) as small text files holding the link target, which breaks the XSLT
/// include; so the tool and the standard are copied once per test run into a temporary directory (outside
/// the repository) with those links restored.
/// </summary>
public static class OfficialValidator
{
    private static readonly Lazy<string> Tool = new(Prepare);
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static string ToolPath => Tool.Value;

    /// <summary>Validates files (or directories) in one batch: one JVM start for all.</summary>
    public static async Task<IReadOnlyList<OfficialVerdict>> ValidateAsync(IEnumerable<string> paths, CancellationToken ct = default)
    {
        var tool = Tool.Value;
        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(tool);
        foreach (var p in paths) psi.ArgumentList.Add(p);
        await OneAtATime.WaitAsync(ct);
        try
        {
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode == 2)
                throw new InvalidOperationException("oso-official-validate failed: " + await stderr);
            var verdicts = new List<OfficialVerdict>();
            foreach (var line in (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                verdicts.Add(Parse(line));
            return verdicts;
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    public static async Task<OfficialVerdict> ValidateAsync(string path, CancellationToken ct = default) =>
        (await ValidateAsync([path], ct)).Single();

    private static OfficialVerdict Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var xsd = root.GetProperty("xsd").EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        var rules = root.GetProperty("rules").EnumerateArray().Select(e => new OfficialMelding(
            e.GetProperty("type").GetString() ?? "", e.GetProperty("locatie").GetString() ?? "", e.GetProperty("tekst").GetString() ?? "")).ToArray();
        return new OfficialVerdict(root.GetProperty("file").GetString()!, root.GetProperty("valid").GetBoolean(), xsd, rules);
    }

    private static string Prepare()
    {
        var shared = StandardFiles.Require();
        EnsureInstalled();
        var work = Path.Combine(Path.GetTempPath(), "oso-official-" + Environment.ProcessId);
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        CopyDirectory(Path.Combine(shared, "tools"), Path.Combine(work, "tools"));
        CopyDirectory(Path.Combine(shared, "standard"), Path.Combine(work, "standard"));
        RestoreLinks(Path.Combine(work, "standard"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return Path.Combine(work, "tools", "oso-official-validate");
    }

    /// <summary>A file of under 200 bytes whose whole text is a relative path to an existing file is a stored symlink.</summary>
    internal static void RestoreLinks(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is not null || info.Length > 200) continue;
            var target = File.ReadAllText(file).Trim();
            if (target.Length == 0 || target.Contains('\n') || !target.StartsWith("..", StringComparison.Ordinal)) continue;
            var resolved = Path.GetFullPath(Path.Combine(info.DirectoryName!, target));
            if (!File.Exists(resolved)) continue;
            File.Delete(file);
            File.CreateSymbolicLink(file, target);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, dest, overwrite: true);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dest, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    private static void EnsureInstalled()
    {
        var missing = new List<string>();
        if (!OnPath("xmllint")) missing.Add("xmllint (apt: libxml2-utils)");
        if (!OnPath("java")) missing.Add("java (apt: default-jre-headless)");
        if (!File.Exists("/usr/share/java/Saxon-HE.jar")) missing.Add("Saxon-HE (apt: libsaxonhe-java)");
        if (missing.Count == 0) return;
        var reason = "The official validator needs " + string.Join(", ", missing) + "; ./test.sh installs them.";
        if (StandardFiles.Required) Assert.Fail(reason);
        Assert.Skip(reason);
    }

    internal static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));
}
