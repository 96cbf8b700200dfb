namespace Oso.Fuzz;

/// <summary>
/// One fuzz target: a parser family and the outcomes its documentation promises. <see cref="Run"/> returns normally on
/// every documented outcome (a value, a report with errors, a located refusal) and throws on anything else: an
/// exception escaping the product code, or a broken invariant (<see cref="FuzzFinding"/>). afl-fuzz records a throw
/// as a crash.
/// </summary>
internal abstract class FuzzTarget
{
    /// <summary>The name on the command line (<c>fuzz/run.sh NAME SECONDS</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What is fuzzed, in one line.</summary>
    public abstract string Description { get; }

    /// <summary>The afl dictionary in <c>fuzz/dictionaries</c> (without extension).</summary>
    public abstract string Dictionary { get; }

    /// <summary>Runs one input.</summary>
    public abstract void Run(byte[] input);

    /// <summary>The seed corpus: small valid (and some invalid) inputs, read at run time (never copied into the repository).</summary>
    public abstract IEnumerable<(string Name, byte[] Bytes)> Seeds(SeedSources sources);
}

/// <summary>A broken invariant: a wrong answer rather than an exception.</summary>
internal sealed class FuzzFinding(string message) : Exception(message);

/// <summary>Where seeds come from: the official standard under ../shared and the repository's recorded samples.</summary>
/// <param name="Standard">The directory holding <c>oso-gegevensset-2019.1</c> (../shared/standard), or null when absent.</param>
/// <param name="Repository">The repository root.</param>
internal sealed record SeedSources(string? Standard, string Repository)
{
    /// <summary>The official example dossiers (none when the standard is absent).</summary>
    public IEnumerable<string> Examples(string pattern = "*.xml") =>
        Standard is not null && Directory.Exists(Standard)
            ? Directory.EnumerateFiles(Standard, pattern, SearchOption.AllDirectories).Where(f => f.Contains("/examples/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : [];
}
