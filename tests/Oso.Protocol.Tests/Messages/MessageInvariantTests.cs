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

    [Fact]
    public void A_valid_sessiecontrole_always_names_the_system_that_opened_the_session()
    {
        Assert.Throws<ArgumentException>(() => new SessiecontroleResponse.Geldig("VO", TestData.Brin00YY, TestData.Rk932, default));
        Assert.Throws<ArgumentException>(() => new Aanleverpunt(TestData.Rk931, TestData.Url, default(Oso.Protocol.Identifiers.SysteemId)));
    }

    [Fact]
    public void The_bron_answers_a_session_only_for_its_system_doel_school_and_doel_aanleverpunt()
    {
        var geldig = new SessiecontroleResponse.Geldig("VO", TestData.Brin00YY, TestData.Rk932, TestData.Systeem);
        var ander = Oso.Protocol.Identifiers.SysteemId.Parse("ander-las");

        Assert.Null(geldig.RefusalFor(TestData.Systeem, TestData.Routering));
        Assert.Equal(ResultaatCode.SysteemNietBevoegd, geldig.RefusalFor(ander, TestData.Routering));
        Assert.Equal(ResultaatCode.SysteemNietBevoegd, geldig.RefusalFor(null, TestData.Routering));
        Assert.Equal(ResultaatCode.SessieAfwijkend, geldig.RefusalFor(TestData.Systeem, TestData.Routering with { DoelBrin = Oso.Dossier.Identifiers.Brin.Parse("01AB") }));
        Assert.Equal(ResultaatCode.OnbekendAanleverpunt, geldig.RefusalFor(TestData.Systeem, TestData.Routering with { DoelRouteringsKenmerk = TestData.Rk931 }));
    }
}
