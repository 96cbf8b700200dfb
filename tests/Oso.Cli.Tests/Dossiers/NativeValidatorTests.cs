using System.Diagnostics;
using System.Text;
using Oso.Testing;
using Oso.Testing.Mutations;

namespace Oso.Cli.Tests.Dossiers;

/// <summary>
/// <c>./oso dossier validate</c> runs the natively compiled validate-only build (src/Oso.Cli.Validate, published by the
/// launcher into .build/validate). It must print exactly what the full command line prints: the same verdict, the same
/// meldingen, the same exit code, for the official examples and for hundreds of broken variants of them. The full
/// command line's verdicts are checked against the official tools elsewhere; this ties the fast path to them.
/// Skipped when this checkout has no native build (./test.sh makes one when OSO_TEST_NATIVE_VALIDATE=1, as CI sets,
/// and then fails instead of skipping).
/// </summary>
public sealed class NativeValidatorTests : IDisposable
{
    private static readonly string[] Sources = ["src/Oso.Dossier", "src/Oso.Cli", "src/Oso.Cli.Validate"];

    private readonly string _directory = Directory.CreateTempSubdirectory("oso-native-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_native_validator_gives_the_same_json_lines_as_the_full_command_line_for_examples_and_broken_variants()
    {
        var native = RequireNativeValidator();
        WriteCorpus();

        var (fullCode, fullOut, fullErr) = await CliRunner.RunAsync("dossier", "validate", "--json", _directory);
        var (nativeCode, nativeOut, nativeErr) = Run(native, "dossier", "validate", "--json", _directory);

        var fullLines = fullOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var nativeLines = nativeOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(fullLines.Length, nativeLines.Length);
        var differences = fullLines.Zip(nativeLines).Where(p => p.First != p.Second)
            .Select(p => $"full:   {p.First}\nnative: {p.Second}").Take(3).ToList();
        Assert.True(differences.Count == 0, "the native validator disagrees:\n" + string.Join("\n", differences));
        Assert.Equal((fullCode, fullErr), (nativeCode, nativeErr));
        // not a vacuous comparison: every file has its line, and the corpus has valid and invalid dossiers
        Assert.Equal(Directory.GetFiles(_directory).Length, nativeLines.Length);
        var valid = nativeLines.Count(l => l.Contains("\"valid\":true", StringComparison.Ordinal));
        Assert.InRange(valid, 12, nativeLines.Length - 50);
        Assert.Equal(1, nativeCode);
    }

    [Fact]
    public async Task The_native_validator_prints_the_same_text_meldingen_document_and_usage_errors()
    {
        var native = RequireNativeValidator();
        WriteCorpus(variants: 40);
        var broken = Directory.GetFiles(_directory).Order(StringComparer.Ordinal).First(f => Path.GetFileName(f).StartsWith('s'));
        string[][] commandLines =
        [
            ["dossier", "validate", _directory],
            ["dossier", "validate", "--strict", _directory],
            ["dossier", "validate", "--format", "meldingen", broken],
            ["dossier", "validate", "--format", "meldingen", "--strict", StandardFiles.Example("OV_POVO_full")],
            ["dossier", "validate", "--xsd", StandardFiles.Xsd, broken],
            ["dossier", "validate", broken, Path.Combine(_directory, "bestaat-niet.xml")],
            ["dossier", "validate", "--format", "xml", broken],
            ["dossier", "validate"],
        ];
        foreach (var args in commandLines)
        {
            var full = await CliRunner.RunAsync(args);
            var fast = Run(native, args);
            Assert.True(full == fast, $"oso {string.Join(' ', args)}: the native validator printed something else\n"
                + $"full   (exit {full.Code}): {Cut(full.Output)} | {Cut(full.Error)}\nnative (exit {fast.Code}): {Cut(fast.Output)} | {Cut(fast.Error)}");
        }
    }

    // the 12 official examples and mutated variants of them: structure, schema facets, values, business rules
    private void WriteCorpus(int variants = 240)
    {
        var examples = StandardFiles.Examples.Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToList();
        foreach (var (name, xml) in examples) File.WriteAllText(Path.Combine(_directory, name), xml);
        var facets = SchemaFacets.From(XsdOracle.Schemas);
        foreach (var v in new DossierMutator(11, examples).Take(variants / 2).Concat(new DossierMutator(12, examples, facets).Take(variants / 2)))
            File.WriteAllText(Path.Combine(_directory, v.Name), v.Xml);
    }

    private static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static (int Code, string Output, string Error) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }

    // .build/validate/oso as the launcher left it; skipped (or failed, under OSO_TEST_NATIVE_VALIDATE=1) when it is
    // absent, failed to build, or older than a source it is built from (the launcher would rebuild it before use)
    private static string RequireNativeValidator()
    {
        StandardFiles.Require();
        var root = StandardFiles.RepositoryRoot;
        var program = Path.Combine(root, ".build", "validate", "oso");
        var stamp = Path.Combine(root, ".build", "validate", ".stamp");
        string? problem = null;
        if (!File.Exists(program) || !File.Exists(stamp) || File.ReadAllText(stamp).Trim() != "ok")
            problem = "There is no native validator in .build/validate (OSO_NATIVE_VALIDATE=build ./oso makes one).";
        else
        {
            var built = File.GetLastWriteTimeUtc(stamp);
            var newer = Sources.SelectMany(s => Directory.EnumerateFiles(Path.Combine(root, s), "*", SearchOption.AllDirectories))
                .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
                .FirstOrDefault(f => File.GetLastWriteTimeUtc(f) > built);
            if (newer is not null) problem = $"The native validator is older than {Path.GetRelativePath(root, newer)} (OSO_NATIVE_VALIDATE=build ./oso rebuilds it).";
        }
        if (problem is null) return program;
        if (Environment.GetEnvironmentVariable("OSO_TEST_NATIVE_VALIDATE") == "1") Assert.Fail(problem + " OSO_TEST_NATIVE_VALIDATE=1 requires it.");
        Assert.Skip(problem);
        return null!;
    }
}
