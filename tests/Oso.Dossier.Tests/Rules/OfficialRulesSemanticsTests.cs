using System.Text;
using Oso.Dossier.Rules;
using Oso.Testing;
using Oso.Testing.Mutations;

namespace Oso.Dossier.Tests.Rules;

/// <summary>The XPath and processor subtleties of <see cref="SemanticCases"/>: ours, and the official tool's.</summary>
public sealed class OfficialRulesSemanticsTests
{
    public static TheoryData<string> CaseNames => [.. SemanticCases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Our_rules_give_the_pinned_meldingen(string name)
    {
        var (_, xml, expected) = SemanticCases.All.Single(c => c.Name == name);
        var bytes = Encoding.UTF8.GetBytes(xml);
        var meldingen = OfficialRules.Evaluate(RuleDocuments.Read(bytes), OfficialRules.SelectProfile(bytes));
        var actual = meldingen.Select(m => m.Code == OfficialRules.AbortCode ? "ABORT" : $"{m.Code}@{m.Locatie}").ToArray();
        Assert.Equal(expected, actual);
        Assert.All(meldingen, m => Assert.True(m.IsFout));
    }

    [Fact]
    public async Task The_pinned_meldingen_are_the_official_ones()
    {
        var work = Directory.CreateTempSubdirectory("oso-rules-cases-");
        try
        {
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (var i = 0; i < SemanticCases.All.Length; i++)
            {
                var path = Path.Combine(work.FullName, $"case{i:D3}.xml");
                files[path] = Encoding.UTF8.GetBytes(SemanticCases.All[i].Xml);
                await File.WriteAllBytesAsync(path, files[path], TestContext.Current.CancellationToken);
            }
            var outcomes = await XsltBatch.RunAsync([.. files.Keys], TestContext.Current.CancellationToken);
            Assert.Equal(files.Count, outcomes.Count);
            foreach (var outcome in outcomes)
            {
                var bytes = files[outcome.File];
                var ours = OfficialRules.Evaluate(RuleDocuments.Read(bytes), OfficialRules.SelectProfile(bytes));
                var name = SemanticCases.All[int.Parse(Path.GetFileNameWithoutExtension(outcome.File)[4..], System.Globalization.CultureInfo.InvariantCulture)].Name;
                Assert.True(RuleComparison.Differences(outcome, ours).Count == 0,
                    $"{name}: " + string.Join("\n", RuleComparison.Differences(outcome, ours)));
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_abort_replaces_every_other_melding_and_points_at_the_cause()
    {
        var root = RuleDocuments.Dossier("<overdrachtsoort>x</overdrachtsoort><x>\n<verzorger><overleden>ja</overleden></verzorger></x>");
        var melding = Assert.Single(OfficialRules.Evaluate(root, RuleProfile.OV));
        Assert.Equal(OfficialRules.AbortCode, melding.Code);
        Assert.Equal("", melding.Locatie);
        Assert.Equal(2, melding.Regel);
        Assert.Contains("'ja' is geen geldige booleaanse waarde", melding.Tekst, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_template_checks_come_rule_by_rule_before_the_template_output()
    {
        var root = RuleDocuments.Dossier(
            "<overdrachtsoort>overstapdossier</overdrachtsoort><x><geslacht>9</geslacht><overstapadvies><advies>99</advies></overstapadvies><geslacht>8</geslacht></x>");
        var codes = OfficialRules.Evaluate(root, RuleProfile.OV).Select(m => $"{m.Code}@{m.Locatie}");
        Assert.Equal(
            ["CL2@/dossier[1]/x[1]/overstapadvies[1]/advies[1]", "CL14@/dossier[1]/x[1]/geslacht[1]", "CL14@/dossier[1]/x[1]/geslacht[2]",
             "CL33@/[1]", "OVa.IZ01@/dossier[1]", "OVa.OA03@/dossier[1]/x[1]/overstapadvies[1]"],
            codes);
    }
}
