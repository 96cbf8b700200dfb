using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Oso.Cli.Demo;
using Oso.Protocol;
using Oso.Protocol.Contract;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.Testing.Contract;

namespace Oso.EndToEnd.Tests.OpenProtocol;

/// <summary>
/// Every message of an end-to-end run — requests, responses and faults, at the Traffic Center, the test school and
/// the node, captured on the wire — validates against the published XSD; and the contract is served at ?wsdl on every
/// endpoint over mutual TLS.
/// </summary>
public sealed class WireContractTests(SqliteChain fixture) : IClassFixture<SqliteChain>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_message_of_a_run_validates_against_the_xsd()
    {
        var skip = fixture.Wire.Exchanges.Count;
        using var po = fixture.Po;
        using var vo = fixture.Vo;

        // a transfer that succeeds, one that is refused and later notified and delivered, one with an aanvraagdatum
        var delivered = fixture.NewPupil();
        await ReleaseAsync(po, delivered, "L" + Guid.NewGuid().ToString("N")[..10], deliver: true);
        Assert.Equal("OverdrachtGeslaagd", (await TransferAsync(vo, delivered, po.Brin)).Request.Resultaat);
        var later = fixture.NewPupil();
        var lasId = "L" + Guid.NewGuid().ToString("N")[..10];
        await po.DeliverAsync(lasId, later, _ct);
        var (aanmelding, refused) = await TransferAsync(vo, later, po.Brin);
        Assert.Equal("LeerlinginfoNietBeschikbaar", refused.Resultaat);
        await ReleaseAsync(po, later, lasId, deliver: false);
        await WaitForReceivedAsync(vo, aanmelding);
        Assert.Equal("LeerlinginfoNietGewijzigd", (await TransferAsync(vo, delivered, po.Brin, since: TimeProvider.System.GetUtcNow().AddMinutes(1))).Request.Resultaat);

        // faults: unreadable input, and a call the caller's certificate does not entitle it to
        using var system = SystemCertificate();
        using var http = fixture.NodeHttpClient(system);
        Assert.Equal(HttpStatusCode.InternalServerError, (await PostAsync(http, fixture.Chain.Central.TrafficCenterUrl, "<nope")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(http, fixture.Chain.Central.TrafficCenterUrl, Envelope(
            "<o:meldenNotificatieRequest><o:bronBrin>00YY</o:bronBrin><o:bronRouteringsKenmerk>0000000700000YY00001</o:bronRouteringsKenmerk>"
            + "<o:doelBrin>92VO</o:doelBrin><o:doelRouteringsKenmerk>0000000700092VO00001</o:doelRouteringsKenmerk><o:doel>SWV</o:doel></o:meldenNotificatieRequest>"))).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await PostAsync(http, fixture.Chain.School.AanleverpuntUrl("0000000700091PO00001"),
            Envelope("<o:overzichtAanleverpuntRequest/>"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, fixture.Chain.Central.TrafficCenterUrl, Envelope("<o:overzichtAanleverpuntRequest><o:brin>91PO</o:brin></o:overzichtAanleverpuntRequest>"))).StatusCode);

        var run = fixture.Wire.Exchanges.Skip(skip).ToList();
        var seen = new HashSet<string>();
        foreach (var exchange in run)
        {
            foreach (var (what, bytes) in new[] { ("verzoek", exchange.Request), ("antwoord", exchange.Response) })
            {
                var body = BodyElement(bytes);
                if (body is null) continue; // the deliberately unreadable request
                seen.Add(body);
                var verdict = SoapContract.Validate(bytes);
                Assert.True(verdict.Valid, $"{exchange.Host} {exchange.Path} {what} ({body}): {verdict}");
            }
        }
        Assert.Superset(new HashSet<string>
        {
            "overdrachtRequest", "overdrachtResponse", "documentRequest", "documentResponse", "sessiecontroleRequest", "sessiecontroleResponse",
            "afmeldingRequest", "afmeldingResponse", "meldenNotificatieRequest", "meldenNotificatieResponse", "notificatieRequest", "notificatieResponse",
            "overzichtAanleverpuntRequest", "overzichtAanleverpuntResponse", "Fault",
        }, seen);
        Assert.Contains(run, e => e.Host == "school" && e.Status == 500);
        Assert.Contains(run, e => e.Host == "central" && e.Status == 403);
    }

    [Fact]
    public async Task The_contract_is_served_at_every_endpoint_with_its_own_address_over_mutual_tls()
    {
        using var system = SystemCertificate();
        using var http = fixture.NodeHttpClient(system);
        var central = fixture.Chain.Central;
        var endpoints = new (Uri Url, OsoDienst Dienst)[]
        {
            (central.TrafficCenterUrl, OsoDienst.TrafficCenter),
            (central.TestschoolUrl, OsoDienst.Aanleverpunt),
            (fixture.Chain.School.AanleverpuntUrl("0000000700091PO00001"), OsoDienst.Aanleverpunt),
        };
        foreach (var (url, dienst) in endpoints)
        {
            var wsdl = XDocument.Parse(await http.GetStringAsync(new Uri(url + "?wsdl"), _ct));
            Assert.Equal(url.ToString(), wsdl.Descendants(XName.Get("address", "http://schemas.xmlsoap.org/wsdl/soap/")).Single().Attribute("location")!.Value);
            Assert.Equal(OsoContract.Operations(dienst), wsdl.Root!.Elements(XName.Get("portType", "http://schemas.xmlsoap.org/wsdl/")).Single()
                .Elements(XName.Get("operation", "http://schemas.xmlsoap.org/wsdl/")).Select(o => o.Attribute("name")!.Value));
            var schemaUrl = wsdl.Descendants(XName.Get("import", "http://www.w3.org/2001/XMLSchema")).Single().Attribute("schemaLocation")!.Value;
            Assert.Equal(OsoContract.File(OsoContract.XsdName), await http.GetByteArrayAsync(new Uri(schemaUrl), _ct));
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(url + "?xsd=../../central.db"), _ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(fixture.Chain.School.AanleverpuntUrl("0000000700091PO99999") + "?wsdl"), _ct)).StatusCode);

        // the same mutual TLS as the messages: no client certificate, no contract
        using var anonymous = fixture.NodeHttpClient();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => anonymous.GetStringAsync(new Uri(central.TrafficCenterUrl + "?wsdl"), _ct));
    }

    private X509Certificate2 SystemCertificate()
    {
        var tls = Path.Combine(fixture.DataDirectory, "school", "tls");
        return X509Certificate2.CreateFromPemFile(Path.Combine(tls, "system.crt.pem"), Path.Combine(tls, "system.key.pem"));
    }

    private static string? BodyElement(byte[] message)
    {
        try
        {
            return XDocument.Parse(Encoding.UTF8.GetString(message)).Root?.Element(XName.Get("Body", OsoNamespaces.SoapEnvelope))?.Elements().FirstOrDefault()?.Name.LocalName;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    internal static string Envelope(string body) =>
        $"<s:Envelope xmlns:s=\"{OsoNamespaces.SoapEnvelope}\" xmlns:o=\"{OsoNamespaces.Overstapservice}\"><s:Body>{body}</s:Body></s:Envelope>";

    private async Task<HttpResponseMessage> PostAsync(HttpClient http, Uri url, string xml)
    {
        using var content = new StringContent(xml, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/xml; charset=utf-8");
        return await http.PostAsync(url, content, _ct);
    }

    private async Task ReleaseAsync(LasApiClient bron, Dossier.Model.Dossier pupil, string lasId, bool deliver)
    {
        if (deliver) await bron.DeliverAsync(lasId, pupil, _ct);
        await bron.RecordInzageAsync(lasId, new InzageInput(ChainFixture.Today, "Ja", null, null), _ct);
        await bron.ReleaseAsync(lasId, _ct);
    }

    private async Task<(Guid Aanmelding, AanvraagDto Request)> TransferAsync(LasApiClient doel, Dossier.Model.Dossier pupil, string bron,
        DateTimeOffset? since = null)
    {
        var leerling = pupil.Huidigeschool.Leerling;
        var aanmelding = await doel.RegisterAsync(new AanmeldingDto((leerling.Bsn ?? leerling.Onderwijsnummer)!, leerling.Geboortedatum!.Value, bron,
            BronDossiers.Name(leerling), null), _ct);
        var request = await doel.WaitForRequestAsync(await doel.RequestAsync(aanmelding, since, _ct), Wait, _ct);
        Assert.Equal("Klaar", request.Status);
        return (aanmelding, request);
    }

    private async Task WaitForReceivedAsync(LasApiClient doel, Guid aanmelding) =>
        Assert.NotNull(await doel.WaitForReceivedAsync(aanmelding, Wait, _ct));
}
