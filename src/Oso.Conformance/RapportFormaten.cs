using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;

namespace Oso.Conformance;

/// <summary>The report for CI systems (JUnit XML) and for people (a Dutch HTML page).</summary>
public static class RapportFormaten
{
    /// <summary>JUnit XML: one test suite for the role, one test case per scenario.</summary>
    public static byte[] JUnit(ConformanceRapport rapport)
    {
        ArgumentNullException.ThrowIfNull(rapport);
        var suiteName = "oso-conformance." + RolNaam(rapport.Rol);
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", rapport.Scenarios.Count),
            new XAttribute("failures", rapport.Failed),
            new XAttribute("errors", 0),
            new XAttribute("skipped", rapport.Skipped),
            new XAttribute("time", Seconden(rapport.Scenarios.Sum(s => s.DuurMs))),
            new XAttribute("timestamp", rapport.Gestart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "target"), new XAttribute("value", rapport.Target)),
                new XElement("property", new XAttribute("name", "systeem"), new XAttribute("value", rapport.Systeem ?? ""))),
            rapport.Scenarios.Select(s => new XElement("testcase",
                new XAttribute("classname", suiteName),
                new XAttribute("name", $"{s.Id}: {s.Titel}"),
                new XAttribute("time", Seconden(s.DuurMs)),
                s.Status switch
                {
                    ScenarioStatus.Failed => new XElement(s.Verplicht ? "failure" : "skipped", new XAttribute("message", s.Toelichting),
                        $"{s.Paragraaf}\n{s.Toelichting}{(s.Verplicht ? "" : "\n(optioneel scenario: telt niet mee voor de uitslag)")}"),
                    ScenarioStatus.Skipped => new XElement("skipped", new XAttribute("message", s.Toelichting)),
                    _ => new XElement("system-out", $"{s.Paragraaf}: {s.Toelichting}"),
                })));
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("name", "oso-conformance"), new XAttribute("tests", rapport.Scenarios.Count),
            new XAttribute("failures", rapport.Failed), new XAttribute("skipped", rapport.Skipped), suite));
        using var output = new MemoryStream();
        using (var writer = System.Xml.XmlWriter.Create(output, new System.Xml.XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            document.Save(writer);
        return output.ToArray();
    }

    /// <summary>A self-contained Dutch HTML page: the verdict, then every scenario with its paragraph and what was seen.</summary>
    public static string Html(ConformanceRapport rapport)
    {
        ArgumentNullException.ThrowIfNull(rapport);
        var h = new StringBuilder();
        var verdict = rapport.Geslaagd ? "Geslaagd: alle verplichte scenario's zijn in orde." : "Niet geslaagd: niet alle verplichte scenario's zijn in orde.";
        h.Append("<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>OSO-conformancerapport: ")
            .Append(E(RolTitel(rapport.Rol))).Append("</title>\n<style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1b1b1b}")
            .Append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.4rem;text-align:left;vertical-align:top}")
            .Append(".passed{background:#e6f4ea}.failed{background:#fde7e7}.skipped{background:#f1f1f1}")
            .Append("</style></head><body>\n<h1>OSO-conformancerapport: ").Append(E(RolTitel(rapport.Rol))).Append("</h1>\n")
            .Append("<p><strong>").Append(E(verdict)).Append("</strong></p>\n<dl>")
            .Append("<dt>Getest adres</dt><dd>").Append(E(rapport.Target)).Append("</dd>")
            .Append("<dt>Systeem (uit het certificaat)</dt><dd>").Append(E(rapport.Systeem ?? "onbekend")).Append("</dd>")
            .Append("<dt>Uitgevoerd</dt><dd>").Append(E(Tijd(rapport.Gestart))).Append(" tot ").Append(E(Tijd(rapport.Afgerond))).Append(" (UTC)</dd>")
            .Append("<dt>Uitslag</dt><dd>").Append(rapport.Passed).Append(" in orde, ").Append(rapport.Failed).Append(" niet in orde, ")
            .Append(rapport.Skipped).Append(" overgeslagen</dd>")
            .Append("<dt>Ondertekend</dt><dd>").Append(rapport.Ondertekening is null ? "nee" : "ja, met het systeemcertificaat").Append("</dd></dl>\n")
            .Append("<table><caption>Scenario's (paragrafen van docs/protocol.md)</caption>\n<thead><tr><th scope=\"col\">Uitslag</th><th scope=\"col\">Scenario</th>")
            .Append("<th scope=\"col\">Paragraaf</th><th scope=\"col\">Wat we zagen</th></tr></thead><tbody>\n");
        foreach (var s in rapport.Scenarios)
        {
            var klasse = s.Status.ToString().ToLowerInvariant();
            h.Append("<tr class=\"").Append(klasse).Append("\"><td>").Append(E(StatusTekst(s))).Append("</td><td>").Append(E(s.Titel))
                .Append("<br><small>").Append(E(s.Id)).Append(s.Verplicht ? "" : " (optioneel)").Append("</small></td><td>").Append(E(s.Paragraaf))
                .Append("</td><td>").Append(E(s.Toelichting)).Append("</td></tr>\n");
        }
        h.Append("</tbody></table>\n</body></html>\n");
        return h.ToString();
    }

    /// <summary>Dutch one-word verdict for a scenario.</summary>
    public static string StatusTekst(ScenarioUitslag uitslag)
    {
        ArgumentNullException.ThrowIfNull(uitslag);
        return uitslag.Status switch
        {
            ScenarioStatus.Passed => "In orde",
            ScenarioStatus.Failed => uitslag.Verplicht ? "Niet in orde" : "Niet in orde (optioneel)",
            _ => "Overgeslagen",
        };
    }

    /// <summary>Dutch name of a role.</summary>
    public static string RolTitel(ConformanceRol rol) => rol switch
    {
        ConformanceRol.Tc => "Traffic Center",
        ConformanceRol.Bron => "bron (aanleverpunt dat dossiers verstrekt)",
        _ => "doel (systeem dat dossiers opvraagt)",
    };

    private static string RolNaam(ConformanceRol rol) => rol.ToString().ToLowerInvariant();

    private static string Seconden(long ms) => (ms / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Tijd(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
