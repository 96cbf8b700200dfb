using System.Text;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Proofs;
using Oso.Protocol.Results;
using Oso.Protocol.Soap;
using Oso.Dossier.Identifiers;
using Oso.Testing;

namespace Oso.Protocol.Tests;

/// <summary>Valid values and one message of every kind (from <see cref="SampleMessages"/>), for round trips and approval tests.</summary>
internal static class TestData
{
    public static readonly Brin Brin00YY = SampleMessages.Brin00YY;
    public static readonly RouteringsKenmerk Rk931 = SampleMessages.Rk931;
    public static readonly RouteringsKenmerk Rk932 = SampleMessages.Rk932;
    public static readonly Routering Routering = SampleMessages.Routering;
    public static readonly SessieId Sessie = SampleMessages.Sessie;
    public static readonly Koppelsleutel Koppel = SampleMessages.Koppel;
    public static readonly Pgn Bsn = SampleMessages.Bsn;
    public static readonly ZoeksleutelGeheim Geheim = SampleMessages.Geheim;
    public static readonly Zoeksleutel Zoek = SampleMessages.Zoek;
    public static readonly DateTimeOffset Aanvraagdatum = SampleMessages.Aanvraagdatum;
    public static readonly SysteemId Systeem = SampleMessages.Systeem;
    public static readonly Uri Url = SampleMessages.Url;

    public const string DossierXml = SampleMessages.DossierXml;

    public const string TerugkoppelingXml = SampleMessages.TerugkoppelingXml;

    public static GegevenssetXml Dossier => SampleMessages.Dossier;

    public static GegevenssetXml Terugkoppeling => SampleMessages.Terugkoppeling;

    /// <summary>Every sample message, and a documentResponse that carries the bron's signature (section 4a of docs/protocol.md).</summary>
    public static IEnumerable<OsoMessage> AllMessages() => SampleMessages.All().Append(SignedDocumentResponse());

    private static DocumentResponse.Geleverd SignedDocumentResponse() =>
        new(Dossier, Bewijzen.Onderteken(new Verklaring(VerklaringSoort.Verzending, Aanvraagdatum, Sessie, Brin00YY, Brin00YY,
            Security.TestPki.Systeem, Bewijzen.Digest(Dossier.Utf8.Span)), Security.TestPki.Client));

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<byte[]> WriteAsync(OsoMessage message)
    {
        using var buffer = new MemoryStream();
        await SoapWriter.WriteAsync(buffer, message, Ct);
        return buffer.ToArray();
    }

    public static Task<SoapReadResult> ReadAsync(string xml, SoapLimits? limits = null) =>
        SoapReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(xml)), limits, Ct);

    public static Task<SoapReadResult> ReadAsync(byte[] bytes, SoapLimits? limits = null) =>
        SoapReader.ReadAsync(new MemoryStream(bytes), limits, Ct);

    public static SoapFault Rejected(SoapReadResult result) =>
        Assert.IsType<SoapReadResult.Rejected>(result).Fault;

    public static T Read<T>(SoapReadResult result)
        where T : OsoMessage =>
        Assert.IsType<T>(Assert.IsType<SoapReadResult.Read>(result).Message, exactMatch: false);

    /// <summary>A SOAP 1.1 envelope around <paramref name="body"/>, OSO namespace bound to ns1.</summary>
    public static string Envelope(string body) =>
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"http://xml.kennisnet.nl/schemas/Overstapservice/20200910\"><s:Body>"
        + body + "</s:Body></s:Envelope>";
}
