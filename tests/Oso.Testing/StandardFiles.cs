namespace Oso.Testing;

/// <summary>
/// The official Edustandaard artifacts under ../shared (test oracles, never copied into the repository).
/// Tests that need them call <see cref="Require"/>: it skips with a clear reason when they are absent,
/// and fails instead when OSO_REQUIRE_STANDARD=1 (as CI sets).
/// </summary>
public static class StandardFiles
{
    private static readonly Lazy<string?> SharedRoot = new(FindSharedRoot);

    /// <summary>The repository root (the directory holding OpenOso.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>../shared, or null when it is not there.</summary>
    public static string? Shared => SharedRoot.Value;

    public static string StandardDirectory => Path.Combine(Require(), "standard", "oso-gegevensset-2019.1");

    public static string Xsd => Path.Combine(StandardDirectory, "common", "OSO_gegevensset.xsd");

    /// <summary>Every official example dossier (12 files: OV and PaO, full and opt-out).</summary>
    public static IReadOnlyList<string> Examples =>
        Directory.GetFiles(Path.Combine(StandardDirectory, "OV", "examples"), "*.xml")
            .Concat(Directory.GetFiles(Path.Combine(StandardDirectory, "PaO", "examples"), "*.xml"))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static string Example(string name) =>
        Examples.Single(e => Path.GetFileName(e).Contains(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Example file names, for theories (empty when the standard is absent and not required).</summary>
    public static TheoryData<string> ExampleNames
    {
        get
        {
            var data = new TheoryData<string>();
            if (Shared is null || !Directory.Exists(Path.Combine(Shared, "standard")))
            {
                data.Add("(standard absent)");
                return data;
            }
            foreach (var e in Examples) data.Add(Path.GetFileName(e));
            return data;
        }
    }

    public static bool Required => Environment.GetEnvironmentVariable("OSO_REQUIRE_STANDARD") == "1";

    /// <summary>The shared root; skips the test (or fails it under OSO_REQUIRE_STANDARD=1) when absent.</summary>
    public static string Require()
    {
        var root = Shared;
        if (root is not null && Directory.Exists(Path.Combine(root, "standard", "oso-gegevensset-2019.1")))
            return root;
        const string reason = "The official OSO standard files (../shared/standard/oso-gegevensset-2019.1) are not on this machine.";
        if (Required) Assert.Fail(reason + " OSO_REQUIRE_STANDARD=1 requires them.");
        Assert.Skip(reason);
        return null!;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OpenOso.slnx"))) return dir.FullName;
        throw new InvalidOperationException("OpenOso.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string? FindSharedRoot()
    {
        var env = Environment.GetEnvironmentVariable("OSO_SHARED");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        // ../shared next to the checkout (the workplace layout), or next to any parent (worktrees)
        for (var dir = new DirectoryInfo(RepositoryRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "standard"))) return candidate;
        }
        return null;
    }
}
