using System.Net;
using System.Text;
using System.Xml.Linq;
using Oso.Protocol;
using Oso.Protocol.Contract;
using Oso.Protocol.Security;
using Oso.Protocol.Soap;

namespace Oso.Conformance.Scenarios;

/// <summary>
/// What every SOAP endpoint must do with messages it cannot process, and with callers it does not know: the same
/// scenarios for a Traffic Center and for an aanleverpunt (<paramref name="dienst"/>), each on its own request shapes.
/// </summary>
internal static class BerichtScenarios
{
    public static IEnumerable<Scenario> Voor(string rol, KitContext k, OsoDienst dienst)
    {
        var url = k.Opties.Target;
        var rk = "0000000700000YY00001";
        var ander = "0000000700000YY00002";
        var sessie = Guid.NewGuid().ToString();
        // a well-formed request of this endpoint, a response of it, and a request it does not serve
        var (verzoek, antwoord, vreemd) = dienst == OsoDienst.TrafficCenter
            ? ($"<o:afmeldingRequest>{KitContext.RouteringXml(rk, ander)}<o:sessieId>{sessie}</o:sessieId><o:resultaat>OverdrachtGeslaagd</o:resultaat></o:afmeldingRequest>",
               "<o:afmeldingResponse><o:resultaat>AfmeldingOntvangen</o:resultaat></o:afmeldingResponse>",
               $"<o:notificatieRequest>{KitContext.RouteringXml(rk, ander)}<o:sessieId>{sessie}</o:sessieId><o:aanvraagdatum>2026-03-20T09:00:00+01:00</o:aanvraagdatum><o:doel>OV</o:doel></o:notificatieRequest>")
            : ($"<o:notificatieRequest>{KitContext.RouteringXml(rk, ander)}<o:sessieId>{sessie}</o:sessieId><o:aanvraagdatum>2026-03-20T09:00:00+01:00</o:aanvraagdatum><o:doel>OV</o:doel></o:notificatieRequest>",
               "<o:notificatieResponse><o:resultaat>NotificatieOntvangen</o:resultaat></o:notificatieResponse>",
               "<o:overzichtAanleverpuntRequest><o:brin>00YY</o:brin></o:overzichtAanleverpuntRequest>");
        var naam = dienst == OsoDienst.TrafficCenter ? "afmeldingRequest" : "notificatieRequest";

        Scenario Fout(string id, string titel, string paragraaf, string xml, SoapFaultCode code, params string[] foutcodes) =>
            new($"{rol}.bericht.{id}", titel, paragraaf, true, async _ => Verwacht.Fout(await k.V.PostAsync(url, xml, k.Ct), code, foutcodes));

        yield return Fout("niet-welgevormd", "Geen welgevormde XML: een SOAP-fout Client, niets verwerkt", Par.Fouten,
            KitContext.Envelope(verzoek).Replace("</s:Body>", "</s:Bodi>", StringComparison.Ordinal), SoapFaultCode.Client, SoapFoutcodes.NietWelgevormd);
        yield return Fout("dtd", "Een DOCTYPE (XXE, entity-expansie) wordt geweigerd voordat er iets wordt uitgevouwen", Par.Grenzen,
            "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
            + KitContext.Envelope(verzoek)[38..].Replace("OverdrachtGeslaagd", "&b;", StringComparison.Ordinal), SoapFaultCode.Client, SoapFoutcodes.DtdVerboden);
        yield return Fout("soap12", "Een SOAP 1.2-envelop krijgt VersionMismatch", Par.Transport,
            KitContext.Envelope(verzoek, OsoNamespaces.Soap12Envelope), SoapFaultCode.VersionMismatch, SoapFoutcodes.VersieFout);
        yield return Fout("oso18", "Een bericht in een andere OSO-namespace (OSO'18) wordt geweigerd", Par.Fouten,
            KitContext.Envelope(verzoek.Replace("<o:", "<x:", StringComparison.Ordinal).Replace("</o:", "</x:", StringComparison.Ordinal)
                .Replace($"<x:{naam}>", $"<x:{naam} xmlns:x=\"http://xml.kennisnet.nl/schemas/Overstapservice/20180404\">", StringComparison.Ordinal)),
            SoapFaultCode.Client, SoapFoutcodes.VerkeerdeNamespace);
        yield return Fout("lege-body", "Een lege Body wordt geweigerd", Par.Fouten, KitContext.Envelope(""), SoapFaultCode.Client, SoapFoutcodes.LegeBody);
        yield return Fout("antwoord-als-verzoek", "Een antwoordbericht als verzoek wordt geweigerd", Par.Fouten,
            KitContext.Envelope(antwoord), SoapFaultCode.Client, SoapFoutcodes.VerwachtVerzoek);
        yield return Fout("element-ontbreekt", "Een verplicht veld dat ontbreekt geeft een gelokaliseerde fout", Par.Fouten,
            KitContext.Envelope(System.Text.RegularExpressions.Regex.Replace(verzoek, "<o:sessieId>[^<]*</o:sessieId>", "")), SoapFaultCode.Client, SoapFoutcodes.ElementOntbreekt);
        yield return Fout("onbekend-element", "Een onbekend element wordt geweigerd", Par.Transport,
            KitContext.Envelope(verzoek.Replace($"</o:{naam}>", $"<o:extraVeld>1</o:extraVeld></o:{naam}>", StringComparison.Ordinal)),
            SoapFaultCode.Client, SoapFoutcodes.OnbekendElement);
        yield return Fout("dubbel-element", "Een veld dat twee keer voorkomt wordt geweigerd", Par.Transport,
            KitContext.Envelope(verzoek.Replace("<o:doelBrin>", "<o:bronBrin>00YY</o:bronBrin><o:doelBrin>", StringComparison.Ordinal)),
            SoapFaultCode.Client, SoapFoutcodes.DubbelElement);
        yield return Fout("ongeldige-waarde", "Een veld met een ongeldige waarde (BRIN in kleine letters) wordt geweigerd", Par.Velden,
            KitContext.Envelope(verzoek.Replace("<o:bronBrin>00YY<", "<o:bronBrin>00yy<", StringComparison.Ordinal)), SoapFaultCode.Client, SoapFoutcodes.OngeldigeWaarde);
        yield return Fout("veld-te-lang", "Een veld van 5000 tekens wordt geweigerd", Par.Grenzen,
            KitContext.Envelope(verzoek.Replace("<o:bronBrin>00YY<", $"<o:bronBrin>{new string('A', 5000)}<", StringComparison.Ordinal)),
            SoapFaultCode.Client, SoapFoutcodes.TekstTeLang);
        yield return Fout("te-diep", "Een bericht dat 200 niveaus diep genest is wordt geweigerd", Par.Grenzen,
            KitContext.Envelope($"<o:{naam}>" + string.Concat(Enumerable.Repeat("<o:x>", 200)) + string.Concat(Enumerable.Repeat("</o:x>", 200)) + $"</o:{naam}>"),
            SoapFaultCode.Client, SoapFoutcodes.TeDiep, SoapFoutcodes.OnbekendElement, SoapFoutcodes.OngeldigeWaarde);
        yield return Fout("must-understand", "Een header met mustUnderstand=\"1\" die niet begrepen wordt geeft MustUnderstand", Par.Transport,
            KitContext.Envelope(verzoek, header: "<s:Header><w:Security xmlns:w=\"urn:voorbeeld:onbekend\" s:mustUnderstand=\"1\"/></s:Header>"),
            SoapFaultCode.MustUnderstand, SoapFoutcodes.MustUnderstand);
        yield return Fout("verkeerde-operatie", dienst == OsoDienst.TrafficCenter
                ? "Een verzoek voor een aanleverpunt (notificatieRequest) aan het Traffic Center wordt geweigerd"
                : "Een verzoek voor het Traffic Center (overzichtAanleverpuntRequest) aan een aanleverpunt wordt geweigerd", Par.Fouten,
            KitContext.Envelope(vreemd), SoapFaultCode.Client, SoapFoutcodes.OnbekendeOperatie);
        if (dienst == OsoDienst.TrafficCenter)
            yield return new($"{rol}.bericht.te-groot", "Een verzoek van 2 MiB aan het Traffic Center wordt geweigerd (TeGroot), zonder het helemaal te lezen", Par.Grenzen, true, async _ =>
            {
                var xml = KitContext.Envelope(verzoek.Replace($"</o:{naam}>", $"<!--{new string('x', 2 * 1024 * 1024)}--></o:{naam}>", StringComparison.Ordinal));
                // with "Expect: 100-continue", as a careful client sends a large body: the endpoint may answer before the
                // body is sent, so a refusal from the Content-Length alone reaches the kit instead of a reset connection
                var a = await k.V.PostAsync(url, Encoding.UTF8.GetBytes(xml), k.Ct, aanpassen: m => m.Headers.ExpectContinue = true);
                return a.Status == 413 ? "HTTP 413" : Verwacht.Fout(a, SoapFaultCode.Client, SoapFoutcodes.TeGroot);
            });

        yield return new($"{rol}.tls.geen-certificaat", "Zonder clientcertificaat komt er geen verbinding", Par.Certificaten, true, async _ =>
        {
            using var http = k.V.Client(null);
            return Verwacht.TlsGeweigerd(await KitVerbinding.PostAsync(http, url, new StringContent(KitContext.Envelope(verzoek), Encoding.UTF8), k.Ct));
        });
        yield return new($"{rol}.tls.vreemde-ca", "Een clientcertificaat van een andere CA (met een geldige systeem-URI) wordt geweigerd", Par.Certificaten, true, async _ =>
        {
            using var ca = DevelopmentCertificateAuthority.Create(k.Opties.Tijd, "Conformancekit Vreemde CA");
            using var vreemd = ca.IssueSystemCertificate(Protocol.Identifiers.SysteemId.Parse(RapportOndertekening.Systeem(k.V.Certificaat) ?? "kit-vreemd"));
            using var http = k.V.Client(vreemd);
            return Verwacht.TlsGeweigerd(await KitVerbinding.PostAsync(http, url, new StringContent(KitContext.Envelope(verzoek), Encoding.UTF8), k.Ct));
        });
        yield return new($"{rol}.contract.wsdl", "Het eindpunt geeft zijn WSDL op ?wsdl, met zijn eigen adres", Par.Contract, false, async _ =>
        {
            using var response = await k.V.Http.GetAsync(new Uri(url + "?wsdl"), k.Ct);
            Verwacht.Dat(response.StatusCode == HttpStatusCode.OK, $"Verwacht: HTTP 200 op ?wsdl. Gekregen: HTTP {(int)response.StatusCode}.");
            var wsdl = KitXml.Lees(await response.Content.ReadAsStreamAsync(k.Ct));
            var operaties = wsdl.Descendants(XName.Get("portType", "http://schemas.xmlsoap.org/wsdl/")).Elements(XName.Get("operation", "http://schemas.xmlsoap.org/wsdl/"))
                .Select(o => (string?)o.Attribute("name")).ToHashSet();
            var ontbreekt = OsoContract.Operations(dienst).Where(o => !operaties.Contains(o)).ToList();
            Verwacht.Dat(ontbreekt.Count == 0, $"De WSDL mist de operaties {string.Join(", ", ontbreekt)}.");
            var adres = (string?)wsdl.Descendants(XName.Get("address", "http://schemas.xmlsoap.org/wsdl/soap/")).FirstOrDefault()?.Attribute("location");
            Verwacht.Dat(adres == url.ToString(), $"Verwacht: soap:address {url}. Gekregen: {adres ?? "geen"}.");
            return $"{operaties.Count} operaties, adres {adres}";
        });
    }
}
