using System.Text;
using Oso.Dossier;
using Oso.Testing;

namespace Oso.Synthetic.Tests;

/// <summary>
/// Generated dossiers against the oracle: the official XSD and XSLT business rules, run once (one JVM) over a batch
/// of every profile, several seeds and dates, with and without attachments, opted out, in a shared school, and the
/// fixed pupils.
/// </summary>
public sealed class OfficialValidationTests
{
    /// <summary>Reference dates around the year's edges: before and after the doorstroomtoets results, autumn, the last and first day of a school year.</summary>
    internal static readonly DateOnly[] Dates = [new(2026, 3, 20), new(2026, 5, 20), new(2025, 10, 1), new(2026, 7, 31), new(2026, 8, 1)];

    private static readonly Lazy<Task<Batch>> Verdicts = new(ValidateBatch);

    private sealed record Batch(IReadOnlyList<(string Name, OfficialVerdict Verdict)> Generated, IReadOnlyList<(string Key, OfficialVerdict Verdict)> Fixed);

    [Fact]
    public async Task Every_generated_dossier_of_every_profile_passes_the_official_XSD_and_business_rules()
    {
        var batch = await Verdicts.Value;

        var invalid = batch.Generated.Where(g => !g.Verdict.Valid).ToList();
        Assert.True(invalid.Count == 0, Report(invalid));
        Assert.True(batch.Generated.Count >= 80, $"only {batch.Generated.Count} dossiers were validated");
        foreach (var profile in SyntheticProfile.All)
            Assert.Contains(batch.Generated, g => g.Name.StartsWith(profile.Name + "-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_fixed_pupil_passes_except_the_one_without_inzage_which_breaks_only_the_inzage_rule()
    {
        var batch = await Verdicts.Value;

        var invalid = batch.Fixed.Where(f => !f.Verdict.Valid && f.Key != "geen-inzage").ToList();
        Assert.True(invalid.Count == 0, Report(invalid));
        var withoutInzage = batch.Fixed.Single(f => f.Key == "geen-inzage").Verdict;
        Assert.Empty(withoutInzage.Xsd);
        var melding = Assert.Single(withoutInzage.Rules);
        Assert.Contains("moet zijn ingezien door ouders", melding.Tekst);
    }

    private static async Task<Batch> ValidateBatch()
    {
        StandardFiles.Require();
        var directory = Directory.CreateTempSubdirectory("oso-synthetic-official-").FullName;
        try
        {
            var generated = new List<(string Name, string Path)>();
            void Write(string name, Dossier.Model.Dossier dossier)
            {
                var path = Path.Combine(directory, name + ".xml");
                DossierWriter.Write(dossier, path);
                generated.Add((name, path));
            }

            foreach (var profile in SyntheticProfile.All)
            {
                for (var seed = 1; seed <= 8; seed++)
                {
                    var date = Dates[seed % Dates.Length];
                    var options = new SyntheticOptions { AttachmentSize = seed % 2 == 0 ? 6 * 1024 : 0, OptOut = seed == 7 };
                    Write($"{profile.Name}-{seed}-{date:yyyyMMdd}{(options.OptOut ? "-optout" : "")}", SyntheticDossiers.Create(profile, seed, date, options));
                }
                var i = 0;
                foreach (var dossier in SyntheticDossiers.Many(profile, 6, 99, Dates[1], new SyntheticOptions { AttachmentSize = 2048 }))
                    Write($"{profile.Name}-school-{i++}", dossier);
            }
            var fixedPaths = new List<(string Key, string Path)>();
            foreach (var pupil in SyntheticDossiers.FixedPupils.Where(p => p.Status != FixedPupilStatus.Onbekend))
            {
                var path = Path.Combine(directory, "fixed-" + pupil.Key + ".xml");
                DossierWriter.Write(SyntheticDossiers.Fixed(pupil.Key, Dates[0]), path);
                fixedPaths.Add((pupil.Key, path));
            }

            var verdicts = await OfficialValidator.ValidateAsync(generated.Select(g => g.Path).Concat(fixedPaths.Select(f => f.Path)));
            var byFile = verdicts.ToDictionary(v => Path.GetFullPath(v.File));
            Assert.Equal(generated.Count + fixedPaths.Count, verdicts.Count);
            return new Batch(
                generated.Select(g => (g.Name, byFile[Path.GetFullPath(g.Path)])).ToList(),
                fixedPaths.Select(f => (f.Key, byFile[Path.GetFullPath(f.Path)])).ToList());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Report(IEnumerable<(string Name, OfficialVerdict Verdict)> invalid)
    {
        var text = new StringBuilder("Officially invalid:\n");
        foreach (var (name, verdict) in invalid)
        {
            text.Append(name).Append('\n');
            foreach (var x in verdict.Xsd) text.Append("  XSD ").Append(x).Append('\n');
            foreach (var r in verdict.Rules) text.Append("  ").Append(r.Type).Append(' ').Append(r.Locatie).Append(": ").Append(r.Tekst).Append('\n');
        }
        return text.ToString();
    }
}
