using System.Text;
using Oso.Dossier.Rules;
using Oso.Testing.Mutations;

namespace Oso.Dossier.Tests.Rules;

public sealed class ProfileSelectionTests
{
    private const string Ns = RuleDocuments.Od;

    // (document, the stylesheet the official tool's profile() chooses, whether the tree sees it the same way)
    public static readonly (string Xml, RuleProfile Profile, bool TreeAgrees)[] Cases =
    [
        ($"<dossier xmlns=\"{Ns}\"><overdrachtsoort>swv-dossier</overdrachtsoort></dossier>", RuleProfile.PaO, true),
        ($"<dossier xmlns=\"{Ns}\"><overdrachtsoort>overstapdossier</overdrachtsoort></dossier>", RuleProfile.OV, true),
        ($"<od:dossier xmlns:od=\"{Ns}\"><od:overdrachtsoort>\n  swv-dossier  </od:overdrachtsoort></od:dossier>", RuleProfile.PaO, true),
        ($"<dossier xmlns=\"{Ns}\"><overdrachtsoort>swv-dossier x</overdrachtsoort></dossier>", RuleProfile.PaO, true),
        ($"<dossier xmlns=\"{Ns}\"><overdrachtsoort>swv-dossierx</overdrachtsoort></dossier>", RuleProfile.OV, true),
        ($"<dossier xmlns=\"{Ns}\"><overdrachtsoort></overdrachtsoort><overdrachtsoort>swv-dossier</overdrachtsoort></dossier>", RuleProfile.PaO, true),
        ($"<dossier xmlns=\"{Ns}\"><overdrachtsoort>overstapdossier</overdrachtsoort><overdrachtsoort>swv-dossier</overdrachtsoort></dossier>", RuleProfile.OV, true),
        ($"<dossier xmlns=\"{Ns}\"><x:overdrachtsoort xmlns:x=\"urn:x\">swv-dossier</x:overdrachtsoort></dossier>", RuleProfile.OV, false),
        ($"<dossier xmlns=\"{Ns}\"><overdrachtsoort><!--c-->swv-dossier</overdrachtsoort></dossier>", RuleProfile.OV, false),
        ($"<dossier xmlns=\"{Ns}\"><!--<overdrachtsoort>swv-dossier</overdrachtsoort>--><overdrachtsoort>overstapdossier</overdrachtsoort></dossier>", RuleProfile.PaO, false),
        ($"<dossier xmlns=\"{Ns}\"><my-ns:overdrachtsoort xmlns:my-ns=\"{Ns}\">swv-dossier</my-ns:overdrachtsoort></dossier>", RuleProfile.OV, false),
        ($"<dossier xmlns=\"{Ns}\"><overdrachtsoort ><![CDATA[swv-dossier]]></overdrachtsoort></dossier>", RuleProfile.OV, false),
        ($"<dossier xmlns=\"{Ns}\"><metadata/></dossier>", RuleProfile.OV, true),
    ];

    public static TheoryData<int> CaseNumbers => [.. Enumerable.Range(0, Cases.Length)];

    [Theory]
    [MemberData(nameof(CaseNumbers))]
    public void The_profile_is_chosen_from_the_bytes_like_the_official_tool(int number)
    {
        var (xml, profile, treeAgrees) = Cases[number];
        var bytes = Encoding.UTF8.GetBytes(xml);
        Assert.Equal(profile, OfficialRules.SelectProfile(bytes));
        if (treeAgrees) Assert.Equal(profile, OfficialRules.SelectProfile(RuleDocuments.Read(bytes)));
        else Assert.NotEqual(profile, OfficialRules.SelectProfile(RuleDocuments.Read(bytes)));
    }

    [Fact]
    public async Task The_expected_profiles_are_the_official_tools_choice()
    {
        var work = Directory.CreateTempSubdirectory("oso-rules-profile-");
        try
        {
            var files = new List<string>();
            for (var i = 0; i < Cases.Length; i++)
            {
                var path = Path.Combine(work.FullName, $"p{i:D2}.xml");
                await File.WriteAllTextAsync(path, Cases[i].Xml, TestContext.Current.CancellationToken);
                files.Add(path);
            }
            var outcomes = await XsltBatch.RunAsync(files, TestContext.Current.CancellationToken);
            foreach (var outcome in outcomes)
                Assert.Equal(Cases[files.IndexOf(outcome.File)].Profile.ToString(), outcome.Profile);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
