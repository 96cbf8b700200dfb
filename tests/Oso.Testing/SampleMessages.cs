using System.Text;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.Testing;

/// <summary>
/// Valid protocol values and one message of every kind (each operation's request and response, and their variants):
/// the protocol tests' round trips and the SOAP fuzzer's seed corpus.
/// </summary>
public static class SampleMessages
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

    public static IEnumerable<OsoMessage> All()
    {
        yield return new OverdrachtRequest(Brin00YY, null, Brin00YY, Rk932, new SessieSleutel.Zoek(Zoek), Overdrachtsoort.Overstapdossier);
        yield return new OverdrachtRequest(Brin00YY, Rk931, Brin00YY, Rk932, new SessieSleutel.Koppel(Koppel), Overdrachtsoort.SwvDossier);
        yield return new OverdrachtResponse.Toegekend(Sessie, [new Aanleverpunt(Rk931, Url), new Aanleverpunt(Rk932, Url)]);
        yield return new OverdrachtResponse.Geweigerd(ResultaatCode.GeenMandaat);
        yield return new DocumentRequest(Routering, Sessie, Overdrachtsoort.Overstapdossier, new DocumentSleutel.Leerling(Bsn, Geheim), Aanvraagdatum);
        yield return new DocumentRequest(Routering, Sessie, Overdrachtsoort.SwvDossier, new DocumentSleutel.Koppel(Koppel), null);
        yield return new DocumentResponse.Geleverd(Dossier);
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
}
