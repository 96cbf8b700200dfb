namespace Oso.Bench;

/// <summary>Locates the official example dossiers under ../shared (benchmark input; never copied into the repository).</summary>
internal static class BenchFiles
{
    public static string Shared
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("OSO_SHARED");
            if (!string.IsNullOrEmpty(env)) return env;
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (Directory.Exists(Path.Combine(d.FullName, "shared", "standard"))) return Path.Combine(d.FullName, "shared");
            throw new InvalidOperationException("../shared/standard not found; set OSO_SHARED");
        }
    }

    public static string Standard => Path.Combine(Shared, "standard", "oso-gegevensset-2019.1");

    public static string Example(string name) => Path.Combine(Standard, name.Contains("PaO", StringComparison.Ordinal) ? "PaO" : "OV", "examples", name);

    public static string Xsd => Path.Combine(Standard, "common", "OSO_gegevensset.xsd");
}
