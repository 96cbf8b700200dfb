using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.Protocol.Tests.Messages;

public class MessageInvariantTests
{
    [Fact]
    public void A_refusal_cannot_carry_a_success_or_an_acknowledgement()
    {
        Assert.Throws<ArgumentException>(() => new OverdrachtResponse.Geweigerd(ResultaatCode.OverdrachtGeslaagd));
        Assert.Throws<ArgumentException>(() => new DocumentResponse.NietGeleverd(ResultaatCode.NotificatieOntvangen));
        Assert.Throws<ArgumentException>(() => new AfmeldingRequest(TestData.Routering, TestData.Sessie, ResultaatCode.AfmeldingOntvangen));
    }

    [Fact]
    public void A_documentResponse_holds_a_dossier_and_a_terugkoppelingRequest_a_terugkoppeling()
    {
        Assert.Throws<ArgumentException>(() => new DocumentResponse.Geleverd(TestData.Terugkoppeling));
        Assert.Throws<ArgumentException>(() => new TerugkoppelingRequest(TestData.Routering, TestData.Koppel, TestData.Dossier));
    }

    [Fact]
    public void Urls_must_be_absolute_https()
    {
        Assert.Throws<ArgumentException>(() => new Aanleverpunt(TestData.Rk931, new Uri("http://las.example.nl/oso")));
        Assert.Throws<ArgumentException>(() => new MeldenNotificatieResponse.Toegekend(new Uri("/oso", UriKind.Relative), null));
    }

    [Fact]
    public void A_meldenNotificatie_with_an_aanvraag_is_for_ov_and_without_for_swv()
    {
        Assert.Equal(Uitwisseldoel.Ov, new MeldenNotificatieRequest(TestData.Routering, new OverstapAanvraag(TestData.Sessie, TestData.Aanvraagdatum)).Doel);
        Assert.Equal(Uitwisseldoel.Swv, new MeldenNotificatieRequest(TestData.Routering, null).Doel);
    }

    [Fact]
    public void The_bron_turns_the_documentRequest_key_into_the_sessiecontrole_key()
    {
        var sleutel = new DocumentSleutel.Leerling(TestData.Bsn, TestData.Geheim).NaarSessieSleutel();

        Assert.Equal(new SessieSleutel.Zoek(TestData.Zoek), sleutel);
        Assert.Equal(new SessieSleutel.Koppel(TestData.Koppel), new DocumentSleutel.Koppel(TestData.Koppel).NaarSessieSleutel());
    }
}
