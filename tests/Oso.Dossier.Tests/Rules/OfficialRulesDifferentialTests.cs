using System.Diagnostics;
using System.Text;
using Oso.Dossier.Rules;
using Oso.Testing;
using Oso.Testing.Mutations;

namespace Oso.Dossier.Tests.Rules;

/// <summary>
/// Differential test against the official tools: mutated copies of the 12 official examples go through the
/// official XSLT (<see cref="XsltBatch"/>: one JVM per stylesheet and thousand files) and through <see cref="OfficialRules"/>; both must report the
/// same Fout meldingen in the same order. CI runs a fixed sample; a longer run takes
/// <c>OSO_DIFF_VARIANTS=5000 OSO_DIFF_SEEDS=1,2,3</c> (variants per seed).
/// </summary>
public sealed class OfficialRulesDifferentialTests
{
    private const int DefaultVariants = 400;
    private const int Chunk = 1000;

    [Fact]
    public async Task Our_fouts_equal_the_official_xslt_on_every_official_example()
    {
        var examples = StandardFiles.Examples;
        var verdicts = await OfficialValidator.ValidateAsync(examples, TestContext.Current.CancellationToken);
        foreach (var verdict in verdicts)
        {
            var bytes = await File.ReadAllBytesAsync(verdict.File, TestContext.Current.CancellationToken);
            var ours = OfficialRules.Evaluate(RuleDocuments.Read(bytes), OfficialRules.SelectProfile(bytes));
            Assert.Empty(RuleComparison.Differences(verdict.Rules, ours));
            Assert.Empty(ours);
        }
        Assert.Equal(12, verdicts.Count);
    }

    [Fact]
    public async Task Our_fouts_equal_the_official_xslt_on_mutated_examples()
    {
        var variants = DiffSettings.Count("OSO_DIFF_VARIANTS", DefaultVariants);
        var seeds = DiffSettings.Seeds("OSO_DIFF_SEEDS");
        var examples = StandardFiles.Examples.Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToList();
        var work = Directory.CreateTempSubdirectory("oso-rules-diff-");
        var stopwatch = Stopwatch.StartNew();
        var disagreements = new List<string>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        int total = 0, aborted = 0, withFouts = 0;
        try
        {
            foreach (var seed in seeds)
            {
                var mutator = new DossierMutator(seed, examples);
                for (var done = 0; done < variants; done += Chunk)
                {
                    var batch = mutator.Take(Math.Min(Chunk, variants - done)).ToList();
                    var dir = Directory.CreateDirectory(Path.Combine(work.FullName, $"{seed}-{done}"));
                    var files = new Dictionary<string, (Variant Variant, byte[] Bytes)>(StringComparer.Ordinal);
                    foreach (var v in batch)
                    {
                        var path = Path.Combine(dir.FullName, v.Name);
                        var bytes = Encoding.UTF8.GetBytes(v.Xml);
                        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);
                        files[path] = (v, bytes);
                    }
                    var outcomes = await XsltBatch.RunAsync([.. files.Keys], TestContext.Current.CancellationToken);
                    Assert.Equal(batch.Count, outcomes.Count);
                    foreach (var verdict in outcomes)
                    {
                        var (variant, bytes) = files[verdict.File];
                        var profile = OfficialRules.SelectProfile(bytes);
                        var ours = OfficialRules.Evaluate(RuleDocuments.Read(bytes), profile);
                        total++;
                        if (profile.ToString() != verdict.Profile)
                            disagreements.Add($"{variant.Name}: the official tool chose {verdict.Profile}, we chose {profile}");
                        if (ours.Any(m => m.Code == OfficialRules.AbortCode)) aborted++;
                        else if (ours.Count > 0) withFouts++;
                        codes.UnionWith(ours.Select(m => m.Code));
                        var differences = RuleComparison.Differences(verdict, ours);
                        // the product reads with the schema, which keeps no text where only elements may be
                        if (differences.Count == 0)
                            differences = [.. RuleComparison.Differences(verdict, OfficialRules.Evaluate(RuleDocuments.ReadWithSchema(bytes), profile)).Select(d => "(schema tree) " + d)];
                        if (differences.Count == 0) continue;
                        disagreements.Add($"{variant.Name} [{string.Join("; ", variant.Mutations)}]\n    " + string.Join("\n    ", differences));
                        Keep(verdict.File);
                    }
                    dir.Delete(recursive: true);
                }
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{total} variants (seeds {string.Join(",", seeds)}) in {stopwatch.Elapsed.TotalSeconds:F1} s: {withFouts} with Fouts, {aborted} aborted, " +
            $"{codes.Count} distinct codes, {disagreements.Count} disagreements; never fired: " +
            string.Join(", ", OfficialRules.Catalog.Select(r => r.Code).Distinct().Where(c => !codes.Contains(c))));
        Assert.True(disagreements.Count == 0,
            $"{disagreements.Count} of {total} variants disagree with the official XSLT (kept in TestResults/rules-diff):\n" + string.Join("\n", disagreements.Take(15)));
        // the sample must reach far into the rules, or it proves little
        Assert.True(codes.Count >= Math.Min(60, total / 5), $"only {codes.Count} distinct rule codes were exercised: {string.Join(", ", codes.Order())}");
    }

    [Fact]
    public async Task The_batch_runner_gives_the_official_tools_verdicts()
    {
        var examples = StandardFiles.Examples.Select(p => (Path.GetFileName(p), File.ReadAllText(p))).ToList();
        var work = Directory.CreateTempSubdirectory("oso-rules-batch-");
        try
        {
            var files = new List<string>();
            // a sample of variants, and one document that aborts the official run for certain
            var documents = new DossierMutator(7, examples).Take(30).Select(v => (v.Name, v.Xml))
                .Append(("abort.xml", SemanticCases.All.First(c => c.Expected is ["ABORT"]).Xml));
            foreach (var (name, xml) in documents)
            {
                var path = Path.Combine(work.FullName, name);
                await File.WriteAllTextAsync(path, xml, TestContext.Current.CancellationToken);
                files.Add(path);
            }
            var tool = (await OfficialValidator.ValidateAsync(files, TestContext.Current.CancellationToken)).ToDictionary(v => v.File);
            var batch = await XsltBatch.RunAsync(files, TestContext.Current.CancellationToken);
            Assert.Equal(files.Count, batch.Count);
            foreach (var outcome in batch)
            {
                var verdict = tool[outcome.File];
                if (outcome.Aborted) Assert.StartsWith("XSLT error", Assert.Single(verdict.Rules).Tekst, StringComparison.Ordinal);
                else Assert.Equal(verdict.Rules, outcome.Rules);
            }
            Assert.Contains(batch, o => o.Aborted);
            Assert.Contains(batch, o => o.Profile == "PaO");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void Keep(string file)
    {
        var keep = Directory.CreateDirectory(Path.Combine(StandardFiles.RepositoryRoot, "TestResults", "rules-diff"));
        File.Copy(file, Path.Combine(keep.FullName, Path.GetFileName(file)), overwrite: true);
    }
}
