using System.Reflection;
using System.Text;
using System.Xml.Linq;
using Oso.Protocol.Contract;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Soap;
using Oso.Testing.Contract;

namespace Oso.Protocol.Tests.Contract;

/// <summary>
/// The published WSDL and XSD (src/Oso.Protocol/Contract) against the code: every operation is in a WSDL, every
/// message our writer produces and every fault validates with xmllint, and the schema's result-code lists are the
/// result table's.
/// </summary>
public class ContractTests
{
    private const string Xs = "http://www.w3.org/2001/XMLSchema";
    private static readonly List<OsoMessage> Messages = TestData.AllMessages().ToList();

    public static TheoryData<int> MessageIndexes => [.. Enumerable.Range(0, Messages.Count)];

    [Fact]
    public void Every_operation_of_the_code_is_an_operation_of_its_wsdl_and_nothing_else_is()
    {
        foreach (var operation in OsoOperations.Alle)
        {
            var stem = operation.RequestElement()[..^"Request".Length];
            Assert.Contains(stem, OsoContract.Operations(OsoContract.DienstVan(operation)));
            Assert.Contains(operation.RequestElement(), GlobalElements());
            Assert.Contains(operation.ResponseElement(), GlobalElements());
        }
        var inWsdls = OsoContract.Operations(OsoDienst.TrafficCenter).Concat(OsoContract.Operations(OsoDienst.Aanleverpunt)).Order();
        Assert.Equal(OsoOperations.Alle.Select(o => o.RequestElement()[..^"Request".Length]).Order(), inWsdls);
        Assert.Equal(OsoOperations.Alle.SelectMany(o => new[] { o.RequestElement(), o.ResponseElement() }).Append("fout").Order(), GlobalElements().Order());
    }

    [Theory]
    [MemberData(nameof(MessageIndexes))]
    public async Task Every_message_our_writer_writes_validates_against_the_xsd(int index)
    {
        var verdict = SoapContract.Validate(await TestData.WriteAsync(Messages[index]));
        Assert.True(verdict.Valid, $"{Messages[index].ElementName}: {verdict}");
    }

    [Fact]
    public async Task Every_result_code_validates_in_every_response_that_may_carry_it()
    {
        foreach (var info in Resultaten.Alle)
        {
            var responses = new List<OsoMessage> { new AfmeldingResponse(info.Code), new NotificatieResponse(info.Code), new TerugkoppelingResponse(info.Code) };
            if (!info.IsBevestiging) responses.Add(new AfmeldingRequest(TestData.Routering, TestData.Sessie, info.Code));
            if (info.IsWeigering)
                responses.AddRange([new OverdrachtResponse.Geweigerd(info.Code), new DocumentResponse.NietGeleverd(info.Code), new SessiecontroleResponse.Ongeldig(info.Code),
                    new MeldenNotificatieResponse.Geweigerd(info.Code), new MeldenTerugkoppelingResponse.Geweigerd(info.Code)]);
            foreach (var message in responses)
            {
                var verdict = SoapContract.Validate(await TestData.WriteAsync(message));
                Assert.True(verdict.Valid, $"{message.ElementName} met {info.Waarde}: {verdict}");
            }
        }
    }

    [Fact]
    public void The_result_code_lists_of_the_xsd_are_the_result_table()
    {
        Assert.Equal(Resultaten.Alle.Where(r => r.IsWeigering).Select(r => r.Waarde).Order(), Enumeration("Weigering").Order());
        Assert.Equal(Resultaten.Alle.Where(r => r.IsBevestiging).Select(r => r.Waarde).Order(), Enumeration("Bevestiging").Order());
        Assert.Equal(["OverdrachtGeslaagd"], Resultaten.Alle.Where(r => !r.IsWeigering && !r.IsBevestiging).Select(r => r.Waarde));
    }

    [Fact]
    public async Task Every_fault_we_write_validates_with_and_without_a_location()
    {
        var codes = typeof(SoapFoutcodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).Append("TC.NietGeautoriseerd");
        foreach (var code in codes)
            foreach (var fault in new[] { new SoapFault(SoapFaultCode.Client, code, "Iets klopt niet."), new SoapFault(SoapFaultCode.Server, code, "Fout.") { Regel = 3, Kolom = 14 } })
            {
                using var buffer = new MemoryStream();
                await SoapWriter.WriteFaultAsync(buffer, fault, TestData.Ct);
                var verdict = SoapContract.Validate(buffer.ToArray());
                Assert.True(verdict.Valid, $"{code}: {verdict}");
            }
    }

    [Theory]
    [InlineData("<ns1:afmeldingRequest><ns1:bronBrin>00YY</ns1:bronBrin></ns1:afmeldingRequest>", "missing fields")]
    [InlineData("<ns1:afmeldingResponse><ns1:resultaat>Prima</ns1:resultaat></ns1:afmeldingResponse>", "unknown result code")]
    [InlineData("<ns1:overdrachtResponse><ns1:resultaat>OverdrachtGeslaagd</ns1:resultaat></ns1:overdrachtResponse>", "success is not a refusal")]
    [InlineData("<ns1:documentResponse><ns1:resultaat>SessieAfwijkend</ns1:resultaat><ns1:resultaat>SessieAfwijkend</ns1:resultaat></ns1:documentResponse>", "two results")]
    [InlineData("<ns1:documentResponse><other xmlns=\"urn:x\"/></ns1:documentResponse>", "a document of another namespace")]
    [InlineData("<ns1:overzichtAanleverpuntRequest><ns1:brin>00yy</ns1:brin></ns1:overzichtAanleverpuntRequest>", "BRIN in lower case")]
    [InlineData("<ns1:nietBestaandRequest/>", "an undeclared element")]
    public void The_validation_can_fail(string body, string why)
    {
        var envelope = $"<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"{OsoNamespaces.SoapEnvelope}\" xmlns:ns1=\"{OsoNamespaces.Overstapservice}\"><SOAP-ENV:Body>{body}</SOAP-ENV:Body></SOAP-ENV:Envelope>";
        Assert.False(SoapContract.Validate(Encoding.UTF8.GetBytes(envelope)).Valid, why);
    }

    [Fact]
    public void A_served_wsdl_names_the_endpoint_and_its_schema_there()
    {
        var endpoint = new Uri("https://tc.example.nl:7401/oso/tc?wsdl");
        var wsdl = XDocument.Parse(Encoding.UTF8.GetString(OsoContract.Wsdl(OsoDienst.TrafficCenter, endpoint)));
        Assert.Equal("https://tc.example.nl:7401/oso/tc", (string?)wsdl.Descendants(XName.Get("address", "http://schemas.xmlsoap.org/wsdl/soap/")).Single().Attribute("location"));
        Assert.Equal("https://tc.example.nl:7401/oso/tc?xsd=oso-overstapservice.xsd", (string?)wsdl.Descendants(XName.Get("import", Xs)).Single().Attribute("schemaLocation"));
        Assert.Null(OsoContract.File("../Oso.Protocol.csproj"));
        Assert.Null(OsoContract.File("OsoContract.cs"));
    }

    [Fact]
    public void Every_declaration_says_whether_it_is_a_public_sample_or_a_reconstruction()
    {
        var schema = Schema();
        foreach (var declaration in schema.Root!.Elements().Where(e => e.Name.LocalName is "element" or "simpleType" or "complexType" or "group"))
        {
            var text = string.Concat(declaration.Elements(XName.Get("annotation", Xs)).Elements(XName.Get("documentation", Xs)).Select(d => d.Value));
            if (declaration.Name.LocalName == "element")
                Assert.True(text.Contains("PUBLIC SAMPLE", StringComparison.Ordinal) || text.Contains("RECONSTRUCTION", StringComparison.Ordinal),
                    $"{declaration.Attribute("name")?.Value} zegt niet of het een publiek voorbeeld of een reconstructie is.");
            else
                Assert.False(string.IsNullOrWhiteSpace(text), $"{declaration.Attribute("name")?.Value} heeft geen documentatie.");
        }
    }

    private static XDocument Schema() => XDocument.Parse(Encoding.UTF8.GetString(OsoContract.File(OsoContract.XsdName)!));

    private static IEnumerable<string> GlobalElements() =>
        Schema().Root!.Elements(XName.Get("element", Xs)).Select(e => (string)e.Attribute("name")!);

    private static IEnumerable<string> Enumeration(string simpleType) =>
        Schema().Root!.Elements(XName.Get("simpleType", Xs)).Single(t => (string?)t.Attribute("name") == simpleType)
            .Descendants(XName.Get("enumeration", Xs)).Select(e => (string)e.Attribute("value")!);
}
