using Oso.Protocol.Messages;
using Oso.Protocol.Soap;

namespace Oso.Protocol.Tests.Soap;

public class PrefixAgnosticTests
{
    private const string FieldsTemplate =
        "<{0}bronBrin>00YY</{0}bronBrin><{0}bronRouteringsKenmerk>0000000700000YY00931</{0}bronRouteringsKenmerk>"
        + "<{0}doelBrin>00YY</{0}doelBrin><{0}doelRouteringsKenmerk>0000000700000YY00932</{0}doelRouteringsKenmerk>"
        + "<{0}koppelsleutel>19677A96-B737-402E-B3B8-24A3EEF32000</{0}koppelsleutel><{0}doel>SWV</{0}doel>";

    private static string Fields(string prefix) => FieldsTemplate.Replace("{0}", prefix, StringComparison.Ordinal);

    private static readonly NotificatieRequest.Swv Expected = new(TestData.Routering, TestData.Koppel);

    public static TheoryData<string> Variants => new()
    {
        // default namespace on the message element
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
            + "<notificatieRequest xmlns=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\">" + Fields("") + "</notificatieRequest></soapenv:Body></soapenv:Envelope>",
        // other prefixes, empty Header
        "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:oso=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\"><e:Header/><e:Body>"
            + "<oso:notificatieRequest>" + Fields("oso:") + "</oso:notificatieRequest></e:Body></e:Envelope>",
        // the same prefix rebound on the message element, whitespace, comments and CDATA around values
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:a=\"urn:other\">\n <S:Body>\n  "
            + "<a:notificatieRequest xmlns:a=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\"><!-- x -->\n"
            + Fields("a:").Replace(">00YY<", "> <![CDATA[00YY]]>\n<", StringComparison.Ordinal) + "\n</a:notificatieRequest>\n </S:Body>\n</S:Envelope>\n",
        // fields in another order (the reader is order-tolerant; the writer keeps the samples' order)
        TestData.Envelope("<ns1:notificatieRequest><ns1:doel>SWV</ns1:doel><ns1:koppelsleutel>19677a96-b737-402e-b3b8-24a3eef32000</ns1:koppelsleutel>"
            + "<ns1:doelRouteringsKenmerk>0000000700000YY00932</ns1:doelRouteringsKenmerk><ns1:doelBrin>00YY</ns1:doelBrin>"
            + "<ns1:bronRouteringsKenmerk>0000000700000YY00931</ns1:bronRouteringsKenmerk><ns1:bronBrin>00YY</ns1:bronBrin></ns1:notificatieRequest>"),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task The_same_message_is_read_whatever_the_prefixes(string xml)
    {
        Assert.Equal(Expected, TestData.Read<NotificatieRequest.Swv>(await TestData.ReadAsync(xml)));
    }

    [Fact]
    public async Task A_field_in_a_foreign_namespace_is_refused_even_with_the_right_local_name()
    {
        var xml = TestData.Envelope("<ns1:notificatieRequest xmlns:x=\"urn:x\">" + Fields("ns1:").Replace("ns1:doel>", "x:doel>", StringComparison.Ordinal) + "</ns1:notificatieRequest>");

        Assert.Equal(SoapFoutcodes.OnbekendElement, TestData.Rejected(await TestData.ReadAsync(xml)).Foutcode);
    }
}
