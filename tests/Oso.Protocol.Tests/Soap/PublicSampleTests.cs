using System.Text;
using System.Xml;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Tests.Soap;

/// <summary>
/// Approval tests: our serialisation of the messages with a public OSO sample must have the sample's elements,
/// order, namespaces and values. The samples are kept as published (Samples/README.md); the repairs of the wiki's
/// own mistakes are listed where they are applied.
/// </summary>
public class PublicSampleTests
{
    private static readonly Routering Routering931To932 = new(TestData.Brin00YY, TestData.Rk931, TestData.Brin00YY, TestData.Rk932);

    private static readonly SessiecontroleRequest Sessiecontrole = new(
        Routering931To932, new SessieSleutel.Zoek(TestData.Zoek), Overdrachtsoort.Overstapdossier,
        SessieId.Parse("9cebd89c-8953-416b-a2cb-ecee939f1775"));

    private static readonly MeldenNotificatieRequest MeldenNotificatie = new(
        new Routering(TestData.Brin00YY, RouteringsKenmerk.Parse("0000000700000YY00900"), TestData.Brin00YY, TestData.Rk932),
        new OverstapAanvraag(SessieId.Parse("4d68a40f-a738-4fc2-b4f6-161089db91cf"), new DateTimeOffset(2022, 1, 20, 11, 17, 33, TimeSpan.FromHours(1))));

    private static readonly NotificatieRequest.Swv NotificatieSwv = new(Routering931To932, TestData.Koppel);

    private static readonly NotificatieResponse NotificatieOntvangen = new(ResultaatCode.NotificatieOntvangen);

    private static readonly OverzichtAanleverpuntRequest Overzicht = new(TestData.Brin00YY, null, null);

    [Fact]
    public async Task Our_sessiecontroleRequest_matches_the_public_sample_except_the_pgnfrag_we_never_send()
    {
        var sample = Skeleton(Sample("sessiecontroleRequest.xml"), wholeEnvelope: true);
        // decision (OSO.md §7): pgnfrag is part of a PGN and never goes to the Traffic Center
        Assert.Single(sample, n => n.Name == "pgnfrag");
        sample.RemoveAll(n => n.Name == "pgnfrag");

        var ours = Skeleton(await Written(Sessiecontrole), wholeEnvelope: true);

        // the wiki left the zoeksleutel empty ("Zoeksleutel hier"); every other value must match
        AssertSame(sample, ours, placeholder: "zoeksleutel");
    }

    [Fact]
    public async Task Our_meldenNotificatieRequest_matches_the_public_sample_exactly()
    {
        AssertSame(Skeleton(Sample("meldenNotificatieRequest.xml"), wholeEnvelope: true),
            Skeleton(await Written(MeldenNotificatie), wholeEnvelope: true));
    }

    [Fact]
    public async Task Our_notificatieRequest_for_swv_matches_the_public_sample()
    {
        // repair: the sample opens SOAP-ENV:Envelope but uses the undeclared prefix soapenv for Header, Body and the end tag
        var sample = Sample("notificatieRequest-swv.xml").Replace("soapenv:", "SOAP-ENV:", StringComparison.Ordinal);

        AssertSame(Skeleton(sample, wholeEnvelope: false), Skeleton(await Written(NotificatieSwv), wholeEnvelope: false));
    }

    [Fact]
    public async Task Our_notificatieResponse_matches_the_oso18_sample_in_the_oso22_namespace()
    {
        // repairs: ns1 is undeclared in the sample (it means ns), and OSO'22 moved to the 20200910 namespace
        var sample = Sample("notificatieResponse-oso18.xml")
            .Replace("ns1:", "ns:", StringComparison.Ordinal)
            .Replace("Overstapservice/20180404", "Overstapservice/20200910", StringComparison.Ordinal);

        AssertSame(Skeleton(sample, wholeEnvelope: true), Skeleton(await Written(NotificatieOntvangen), wholeEnvelope: true));
    }

    [Fact]
    public async Task Our_overzichtAanleverpuntRequest_matches_the_public_sample()
    {
        AssertSame(Skeleton(Sample("overzichtAanleverpuntRequest.xml"), wholeEnvelope: false),
            Skeleton(await Written(Overzicht), wholeEnvelope: false));
    }

    [Fact]
    public async Task Our_envelope_has_the_style_of_the_oso22_samples()
    {
        var text = await Written(Overzicht);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" "
            + "xmlns:ns1=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\"><SOAP-ENV:Body><ns1:overzichtAanleverpuntRequest><ns1:brin>00YY</ns1:brin>", text);
        Assert.DoesNotContain("Header", text);
    }

    [Fact]
    public async Task The_published_overzichtAanleverpuntRequest_with_mixed_prefixes_is_read()
    {
        Assert.Equal(Overzicht, TestData.Read<OverzichtAanleverpuntRequest>(await TestData.ReadAsync(Sample("overzichtAanleverpuntRequest.xml"))));
    }

    [Fact]
    public async Task The_published_meldenNotificatieRequest_is_read()
    {
        Assert.Equal(MeldenNotificatie, TestData.Read<MeldenNotificatieRequest>(await TestData.ReadAsync(Sample("meldenNotificatieRequest.xml"))));
    }

    [Fact]
    public async Task The_published_sessiecontroleRequest_is_refused_for_its_empty_zoeksleutel_and_read_once_filled_in()
    {
        var published = Sample("sessiecontroleRequest.xml");

        var fault = TestData.Rejected(await TestData.ReadAsync(published));
        Assert.Equal(SoapFoutcodes.OngeldigeWaarde, fault.Foutcode);
        Assert.Contains("'zoeksleutel'", fault.Tekst);
        Assert.Equal(LineOf(published, "<ns1:zoeksleutel>"), fault.Regel);

        var filled = published.Replace("<!-- Zoeksleutel hier -->", TestData.Zoek.ToBase64(), StringComparison.Ordinal);
        Assert.Equal(Sessiecontrole, TestData.Read<SessiecontroleRequest>(await TestData.ReadAsync(filled)));
    }

    [Fact]
    public async Task The_published_notificatieRequest_is_malformed_and_read_once_its_prefix_is_repaired()
    {
        var published = Sample("notificatieRequest-swv.xml");

        Assert.Equal(SoapFoutcodes.NietWelgevormd, TestData.Rejected(await TestData.ReadAsync(published)).Foutcode);
        var repaired = published.Replace("soapenv:", "SOAP-ENV:", StringComparison.Ordinal);
        Assert.Equal(NotificatieSwv, TestData.Read<NotificatieRequest.Swv>(await TestData.ReadAsync(repaired)));
    }

    [Fact]
    public async Task The_oso18_notificatieResponse_is_refused_for_its_namespace()
    {
        var prefixRepaired = Sample("notificatieResponse-oso18.xml").Replace("ns1:", "ns:", StringComparison.Ordinal);

        Assert.Equal(SoapFoutcodes.VerkeerdeNamespace, TestData.Rejected(await TestData.ReadAsync(prefixRepaired)).Foutcode);
    }

    private static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((line, i) => (line, i)).First(l => l.line.Contains(fragment, StringComparison.Ordinal)).i + 1;

    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));

    private static async Task<string> Written(OsoMessage message) => Encoding.UTF8.GetString(await TestData.WriteAsync(message));

    private sealed record Node(int Depth, string Namespace, string Name, string? Text);

    /// <summary>Elements in document order with namespace, depth and leaf text: what "the same message" means here.</summary>
    private static List<Node> Skeleton(string xml, bool wholeEnvelope)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var nodes = new List<Node>();
        var inBody = wholeEnvelope;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                if (!inBody && reader.LocalName == "Body") { inBody = true; continue; }
                if (inBody) nodes.Add(new Node(reader.Depth, reader.NamespaceURI, reader.LocalName, null));
            }
            else if (inBody && reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                nodes[^1] = nodes[^1] with { Text = reader.Value.Trim() };
            }
        }
        return nodes;
    }

    private static void AssertSame(List<Node> sample, List<Node> ours, string? placeholder = null)
    {
        Assert.Equal(sample.Select(n => (n.Depth, n.Namespace, n.Name)), ours.Select(n => (n.Depth, n.Namespace, n.Name)));
        for (var i = 0; i < sample.Count; i++)
            if (sample[i].Name != placeholder) Assert.Equal(sample[i], ours[i]);
    }
}
