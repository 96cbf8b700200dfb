using System.Text;
using System.Xml.Linq;
using Oso.Conformance;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Security;

namespace Oso.Cli.Tests.Conformance;

/// <summary>The conformance report: JSON round trip, the signature (and that any change breaks it), JUnit and HTML.</summary>
public class RapportTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static ConformanceRapport Rapport() => new()
    {
        Rol = ConformanceRol.Bron,
        Target = "https://las.example.nl/oso/aanleverpunt/0000000700091PO00001",
        Systeem = "las-x",
        Gestart = Start,
        Afgerond = Start.AddSeconds(3),
        Scenarios =
        [
            new("bron.levering.geleverd", "Een vrijgegeven dossier wordt geleverd", "protocol.md §3 document", true, ScenarioStatus.Passed, "dossier & <co>", 12),
            new("bron.resultaat.niet-opvraagbaar", "Zonder inzage", "protocol.md §5 Result codes", false, ScenarioStatus.Skipped, "Niet opgegeven.", 0),
            new("bron.sessie.onbekend", "Onbekende sessie", "protocol.md §3 sessiecontrole", true, ScenarioStatus.Failed, "Verwacht: SessieAfwijkend. Gekregen: OverdrachtGeslaagd.", 8),
        ],
    };

    private static X509Certificate2Holder Certificaat()
    {
        var ca = DevelopmentCertificateAuthority.Create(TimeProvider.System);
        return new X509Certificate2Holder(ca, ca.IssueSystemCertificate(SysteemId.Parse("las-x")));
    }

    private sealed record X509Certificate2Holder(DevelopmentCertificateAuthority Ca, System.Security.Cryptography.X509Certificates.X509Certificate2 Cert) : IDisposable
    {
        public void Dispose()
        {
            Cert.Dispose();
            Ca.Dispose();
        }
    }

    [Fact]
    public void A_signed_report_round_trips_and_its_signature_holds()
    {
        using var c = Certificaat();
        var json = RapportOndertekening.Onderteken(Rapport(), c.Cert).ToJson();

        var geldig = Assert.IsType<RapportControle.Geldig>(RapportOndertekening.Controleer(json));
        Assert.Equal("las-x", RapportOndertekening.Systeem(geldig.Certificaat));
        Assert.Equal(Rapport().Scenarios, geldig.Rapport.Scenarios);
        Assert.Equal((1, 1, 1, false), (geldig.Rapport.Passed, geldig.Rapport.Failed, geldig.Rapport.Skipped, geldig.Rapport.Geslaagd));
        var text = Encoding.UTF8.GetString(json);
        Assert.Contains("\"passed\": 1", text);
        Assert.Contains("\"status\": \"failed\"", text);
    }

    [Theory]
    [InlineData("\"status\": \"failed\"", "\"status\": \"passed\"")]
    [InlineData("\"rol\": \"bron\"", "\"rol\": \"doel\"")]
    [InlineData("2026-12-06T10:00:03", "2026-12-07T10:00:03")]
    public void Any_change_after_signing_breaks_the_signature(string from, string to)
    {
        using var c = Certificaat();
        var json = Encoding.UTF8.GetString(RapportOndertekening.Onderteken(Rapport(), c.Cert).ToJson());
        Assert.Contains(from, json);
        var changed = Encoding.UTF8.GetBytes(json.Replace(from, to, StringComparison.Ordinal));
        Assert.Contains("klopt niet", Assert.IsType<RapportControle.Ongeldig>(RapportOndertekening.Controleer(changed)).Reden);
    }

    [Fact]
    public void An_unsigned_report_or_other_json_is_refused_with_a_reason()
    {
        Assert.Contains("niet ondertekend", Assert.IsType<RapportControle.Ongeldig>(RapportOndertekening.Controleer(Rapport().ToJson())).Reden);
        Assert.IsType<RapportControle.Ongeldig>(RapportOndertekening.Controleer("{\"a\":1}"u8));
        Assert.IsType<RapportControle.Ongeldig>(RapportOndertekening.Controleer("niet eens json"u8));
    }

    [Fact]
    public void The_junit_and_html_reports_count_and_name_every_scenario()
    {
        var suite = XDocument.Parse(Encoding.UTF8.GetString(RapportFormaten.JUnit(Rapport()))).Root!.Element("testsuite")!;
        Assert.Equal(("3", "1", "1"), (suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value, suite.Attribute("skipped")!.Value));
        Assert.Single(suite.Elements("testcase"), t => t.Element("failure") is not null);
        var html = RapportFormaten.Html(Rapport());
        Assert.Contains("Niet geslaagd", html);
        Assert.Contains("dossier &amp; &lt;co&gt;", html);
        Assert.Contains("protocol.md §3 sessiecontrole", System.Net.WebUtility.HtmlDecode(html));
        Assert.DoesNotContain("<co>", html);
    }
}
