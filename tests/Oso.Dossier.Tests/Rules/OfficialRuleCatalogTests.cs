using System.Xml;
using System.Xml.Linq;
using Oso.Dossier.Rules;
using Oso.Dossier.Rules.Official;
using Oso.Testing;

namespace Oso.Dossier.Tests.Rules;

public sealed class OfficialRuleCatalogTests
{
    private static readonly XNamespace Xsl = "http://www.w3.org/1999/XSL/Transform";

    [Theory]
    [InlineData("common/ValideerOSOgegevensset.xsl", OfficialRuleSource.Gegevensset)]
    [InlineData("OV/ValideerOverstapprofielen.xsl", OfficialRuleSource.Overstapprofielen)]
    [InlineData("PaO/ValideerSwvPaO-profielen.xsl", OfficialRuleSource.SwvPaO)]
    public void Every_message_of_a_stylesheet_is_a_rule_verbatim_and_nothing_else(string stylesheet, OfficialRuleSource source)
    {
        var official = Messages(Path.Combine(StandardFiles.StandardDirectory, stylesheet));
        var ours = OfficialRules.Catalog.Where(r => r.Source == source).Select(r => r.Tekst).ToList();
        Assert.Equal(official, ours);
    }

    [Fact]
    public void The_catalog_has_every_rule_once_and_codes_in_their_families()
    {
        var catalog = OfficialRules.Catalog;
        Assert.Equal(catalog.Count, catalog.Select(r => (r.Code, r.Tekst)).Distinct().Count());
        Assert.Equal(147, catalog.Count(r => r.Source == OfficialRuleSource.Gegevensset));
        Assert.Equal(59, catalog.Count(r => r.Source == OfficialRuleSource.Overstapprofielen));
        Assert.Equal(42, catalog.Count(r => r.Source == OfficialRuleSource.SwvPaO));
        Assert.All(catalog, r => Assert.Matches(@"^(CL\d+|OG\.0\d[a-d]?|OS\.cat\d\d\.(Verplicht|Verboden\.\w+|OptUit\.\w+)|OV[ab]\.[A-Z]{2}\d\d(\.\w+)?|PaO\.[A-Z]{2}\d\d(\.\w+)?)$", r.Code));
        // codes that are not code lists identify one message
        Assert.All(catalog.Where(r => !r.Code.StartsWith("CL", StringComparison.Ordinal)).GroupBy(r => r.Code), g => Assert.Single(g));
    }

    [Fact]
    public void Every_code_list_check_has_the_stylesheets_path_and_values()
    {
        var stylesheet = Load(Path.Combine(StandardFiles.StandardDirectory, "common/ValideerOSOgegevensset.xsl"));
        var official = stylesheet.Descendants(Xsl + "for-each")
            .Select(f => (Select: (string)f.Attribute("select")!, Test: (string?)f.Element(Xsl + "if")?.Attribute("test") ?? ""))
            .Where(f => f.Test.TrimStart().StartsWith("not(text()=", StringComparison.Ordinal))
            .ToList();
        var ours = CodeListRules.All;
        Assert.Equal(official.Count, ours.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            var check = ours[i];
            var path = (check.BelowAnElement ? "/descendant::*/" : "//") + string.Join("/", check.Ancestors.Reverse().Append(check.Element).Select(s => "od:" + s));
            Assert.Equal(official[i].Select, path);
            var values = System.Text.RegularExpressions.Regex.Matches(official[i].Test, "text\\(\\)='([^']*)'").Select(m => m.Groups[1].Value);
            Assert.Equal(values.Order(StringComparer.Ordinal), check.Values.Order(StringComparer.Ordinal));
        }
    }

    // the stylesheet's messages in document order; comments (the retired rules) are not read
    private static List<string> Messages(string path) =>
        Load(path).Descendants(Xsl + "with-param")
            .Where(p => (string?)p.Attribute("name") == "tekst")
            .Select(p => p.Value)
            .ToList();

    private static XDocument Load(string path)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        using var reader = XmlReader.Create(path, settings);
        return XDocument.Load(reader);
    }
}
