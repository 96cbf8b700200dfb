using System.Globalization;

namespace Oso.Testing.Mutations;

/// <summary>The size of a differential test's sample, from environment variables (a longer local run sets them).</summary>
public static class DiffSettings
{
    /// <summary>A positive count from <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static int Count(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    /// <summary>Comma-separated seeds from <paramref name="name"/> (<c>1,2,3</c>), or just 1.</summary>
    public static int[] Seeds(string name) =>
        [.. (Environment.GetEnvironmentVariable(name) ?? "1")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}
