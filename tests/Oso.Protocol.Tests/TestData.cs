using System.Text;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Soap;
using Oso.Dossier.Identifiers;

namespace Oso.Protocol.Tests;

/// <summary>Valid values and one message of every kind, for round trips and approval tests.</summary>
internal static class TestData
{
    public static readonly Brin Brin00YY = Brin.Parse("00YY");
    public static readonly RouteringsKenmerk Rk931 = RouteringsKenmerk.Parse("0000000700000YY00931");
    public static readonly RouteringsKenmerk Rk932 = RouteringsKenmerk.Parse("0000000700000YY00932");
    public static readonly Routering Routering = new(Brin00YY, Rk931, Brin00YY, Rk932);
    public static readonly SessieId Sessie = SessieId.Parse("9cebd89c-8953-416b-a2cb-ecee939f1775");
    public static readonly Koppelsleutel Koppel = Koppelsleutel.Parse("19677A96-B737-402E-B3B8-24A3EEF32000");
    public static readonly Pgn Bsn = Pgn.Parse("111222333");
    public static readonly ZoeksleutelGeheim Geheim = ZoeksleutelGeheim.Nieuw();
    public static readonly Zoeksleutel Zoek = Zoeksleutel.Bereken(Bsn, Geheim);
    public static readonly DateTimeOffset Aanvraagdatum = new(2022, 1, 20, 11, 17, 33, TimeSpan.FromHours(1));
    public static readonly SysteemId Systeem = SysteemId.Parse("las-voorbeeld");
    public static readonly Uri Url = new("https://las.example.nl/oso/0000000700000YY00932");

    public const string DossierXml =
        "<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><metadata><deeldossier>false</deeldossier></metadata>"
        + "<overdrachtsoort>overstapdossier</overdrachtsoort><huidigeschool><naam>De Regenboog &amp; co &lt;3</naam></huidigeschool></dossier>";

    public const string TerugkoppelingXml =
        "<od:terugkoppeling xmlns:od=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><od:metadata /></od:terugkoppeling>";

    public static GegevenssetXml Dossier => GegevenssetXml.Create(Encoding.UTF8.GetBytes(DossierXml));

    public static GegevenssetXml Terugkoppeling => GegevenssetXml.Create(Encoding.UTF8.GetBytes(TerugkoppelingXml));

    public static IEnumerable<OsoMessage> AllMessages()
    {
        yield return new OverdrachtRequest(Brin00YY, null, Brin00YY, Rk932, new SessieSleutel.Zoek(Zoek), Overdrachtsoort.Overstapdossier);
        yield return new OverdrachtRequest(Brin00YY, Rk931, Brin00YY, Rk932, new SessieSleutel.Koppel(Koppel), Overdrachtsoort.SwvDossier);
        yield return new OverdrachtResponse.Toegekend(Sessie, [new Aanleverpunt(Rk931, Url), new Aanleverpunt(Rk932, Url)]);
        yield return new OverdrachtResponse.Geweigerd(ResultaatCode.GeenMandaat);
        yield return new DocumentRequest(Routering, Sessie, Overdrachtsoort.Overstapdossier, new DocumentSleutel.Leerling(Bsn, Geheim), Aanvraagdatum);
        yield return new DocumentRequest(Routering, Sessie, Overdrachtsoort.SwvDossier, new DocumentSleutel.Koppel(Koppel), null);
        yield return new DocumentResponse.Geleverd(Dossier);
        yield return new DocumentResponse.Geleverd(Dossier, Oso.Protocol.Proofs.Bewijzen.Onderteken(new Oso.Protocol.Proofs.Verklaring(Oso.Protocol.Proofs.VerklaringSoort.Verzending,
            Aanvraagdatum, Sessie, Brin00YY, Brin00YY, Security.TestPki.Systeem, Oso.Protocol.Proofs.Bewijzen.Digest(Dossier.Utf8.Span)), Security.TestPki.Client));
        yield return new DocumentResponse.NietGeleverd(ResultaatCode.LeerlinginfoNietGewijzigd);
        yield return new SessiecontroleRequest(Routering, new SessieSleutel.Zoek(Zoek), Overdrachtsoort.OverdrachtBinnenBrin, Sessie);
        yield return new SessiecontroleResponse.Geldig("VO", Brin00YY, Rk932, Systeem);
        yield return new SessiecontroleResponse.Ongeldig(ResultaatCode.SessieAfwijkend);
        yield return new AfmeldingRequest(Routering, Sessie, ResultaatCode.OverdrachtGeslaagd);
        yield return new AfmeldingResponse(ResultaatCode.AfmeldingOntvangen);
        yield return new MeldenNotificatieRequest(Routering, new OverstapAanvraag(Sessie, Aanvraagdatum));
        yield return new MeldenNotificatieRequest(Routering, null);
        yield return new MeldenNotificatieResponse.Toegekend(Url, Koppel);
        yield return new MeldenNotificatieResponse.Toegekend(Url, null);
        yield return new MeldenNotificatieResponse.Geweigerd(ResultaatCode.VerstrekkerNietBekend);
        yield return new NotificatieRequest.Overstap(Routering, new OverstapAanvraag(Sessie, Aanvraagdatum.AddTicks(1234567)));
        yield return new NotificatieRequest.Swv(Routering, Koppel);
        yield return new NotificatieResponse(ResultaatCode.NotificatieOntvangen);
        yield return new MeldenTerugkoppelingRequest(Routering, Koppel);
        yield return new MeldenTerugkoppelingResponse.Toegekend(Url);
        yield return new MeldenTerugkoppelingResponse.Geweigerd(ResultaatCode.TechnischeFout);
        yield return new TerugkoppelingRequest(Routering, Koppel, Terugkoppeling);
        yield return new TerugkoppelingResponse(ResultaatCode.TerugkoppelingOntvangen);
        yield return new OverzichtAanleverpuntRequest(Brin00YY, Uitwisseldoel.Swv, Rk931);
        yield return new OverzichtAanleverpuntRequest(null, null, null);
        yield return new OverzichtAanleverpuntResponse([new Aanleverpunt(Rk931, Url, Systeem), new Aanleverpunt(Rk932, Url)]);
        yield return new OverzichtAanleverpuntResponse([]);
    }

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
