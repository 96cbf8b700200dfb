using Oso.Dossier.Identifiers;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.EndToEnd.Tests.Security.Matrix;

public sealed partial class MatrixRows
{
    private const string Tc = "central:protocol POST /oso/tc";
    private const string TestschoolRoute = "central:protocol POST /oso/testschool";
    private const string Aanleverpunt = "school:protocol POST /oso/aanleverpunt/{aanleverpunt}";
    private const string Ontvangstbevestiging = "school:protocol POST /oso/aanleverpunt/{aanleverpunt}/ontvangstbevestiging";
    private const string Anker = "central:protocol POST /oso/audit/anker";
    private const string AnkerLijst = "central:protocol GET /oso/audit/ankers/{brin}";
    private const string SwvKeuze = "central:protocol GET /oso/register/swv/{brin}";

    private void Protocol()
    {
        var state = p.Chain.State;
        var tc = p.Chain.Central.TrafficCenterUrl;
        var poUrl = p.Chain.School.AanleverpuntUrl(state.Po.RouteringsKenmerk);
        var voUrl = p.Chain.School.AanleverpuntUrl(state.Vo.RouteringsKenmerk);
        var routing = ChainFixture.Routing(state.Po, state.Vo);
        OverdrachtRequest Overdracht(DemoSchoolRef doel) => new(Brin.Parse(state.Po.Brin), null, Brin.Parse(doel.Brin), RouteringsKenmerk.Parse(doel.Rk),
            new SessieSleutel.Zoek(Zoeksleutel.Bereken(p.PupilB.Pgn, ZoeksleutelGeheim.Nieuw())), Overdrachtsoort.Overstapdossier);
        SessiecontroleRequest Controle(MatrixSession s) => new(s.Request.Routering, s.Request.Sleutel.NaarSessieSleutel(), Overdrachtsoort.Overstapdossier, s.Id);
        var vo = new DemoSchoolRef(state.Vo.Brin, state.Vo.RouteringsKenmerk);

        // Traffic Center: overdracht (doel → TC)
        var op = Tc + " overdrachtRequest";
        Soap(op, Tc, "eigen systeem", Expect.Ok, p.DemoSystem, tc, () => Overdracht(vo));
        Soap(op, Tc, "ander systeem (zelfde CA)", Expect.Status(403, "TC.NietGeautoriseerd"), p.OtherSystem, tc, () => Overdracht(vo));
        Soap(op, Tc, "school niet gekwalificeerd", Expect.Resultaat(nameof(ResultaatCode.NietGekwalificeerd)), p.DemoSystem, tc,
            () => Overdracht(new DemoSchoolRef(p.Unqualified.Brin, p.Unqualified.RouteringsKenmerk)));
        Soap(op, Tc, "geen mandaat van het bestuur", Expect.Resultaat(nameof(ResultaatCode.GeenMandaat)), p.DemoSystem, tc,
            () => Overdracht(new DemoSchoolRef(p.Unmandated.Brin, p.Unmandated.RouteringsKenmerk)));
        SoapTls(op, Tc, tc, () => Overdracht(vo));

        // sessiecontrole (bron → TC)
        op = Tc + " sessiecontroleRequest";
        Soap(op, Tc, "eigen systeem", Expect.Ok, p.DemoSystem, tc, () => Controle(p.Open));
        Soap(op, Tc, "ander systeem (zelfde CA)", Expect.Status(403, "TC.NietGeautoriseerd"), p.OtherSystem, tc, () => Controle(p.Open));
        Soap(op, Tc, "sessie afgemeld", Expect.Resultaat(nameof(ResultaatCode.SessieReedsAfgemeld)), p.DemoSystem, tc, () => Controle(p.Closed));
        Soap(op, Tc, "sessie verlopen", Expect.Resultaat(nameof(ResultaatCode.SessieVerlopen)), p.DemoSystem, tc, () => Controle(p.Expiring), late: true);
        SoapTls(op, Tc, tc, () => Controle(p.Open));

        // afmelding (doel → TC)
        op = Tc + " afmeldingRequest";
        Soap(op, Tc, "ander systeem (zelfde CA)", Expect.Status(403, "TC.NietGeautoriseerd"), p.OtherSystem, tc,
            () => new AfmeldingRequest(routing, p.Open.Id, ResultaatCode.OverdrachtGeslaagd));
        Soap(op, Tc, "herhaald bericht", Expect.Resultaat(nameof(ResultaatCode.SessieReedsAfgemeld)), p.DemoSystem, tc,
            () => new AfmeldingRequest(routing, p.Replayed.Id, ResultaatCode.OverdrachtGeslaagd));
        Soap(op, Tc, "sessie verlopen", Expect.Resultaat(nameof(ResultaatCode.SessieVerlopen)), p.DemoSystem, tc,
            () => new AfmeldingRequest(routing, p.Expiring.Id, ResultaatCode.OverdrachtGeslaagd), late: true);
        Soap(op, Tc, "eigen systeem", Expect.Ok, p.DemoSystem, tc, () => new AfmeldingRequest(ChainFixture.Routing(state.Po, p.SecondVo), p.CrossSession, ResultaatCode.LeerlingOnbekend));
        SoapTls(op, Tc, tc, () => new AfmeldingRequest(routing, p.Open.Id, ResultaatCode.OverdrachtGeslaagd));

        // meldenNotificatie (bron → TC)
        op = Tc + " meldenNotificatieRequest";
        MeldenNotificatieRequest Melding() => new(routing, new OverstapAanvraag(p.NotifiedSession, p.Fixture.Clock.GetUtcNow()));
        Soap(op, Tc, "ander systeem (zelfde CA)", Expect.Status(403, "TC.NietGeautoriseerd"), p.OtherSystem, tc, Melding);
        Soap(op, Tc, "eigen systeem", Expect.Ok, p.DemoSystem, tc, Melding);
        SoapTls(op, Tc, tc, Melding);

        // meldenTerugkoppeling (SWV → TC): an aanleverpunt of another system
        op = Tc + " meldenTerugkoppelingRequest";
        MeldenTerugkoppelingRequest Terug() => new(ChainFixture.Routing(state.Po, state.Vo), Koppelsleutel.New());
        Soap(op, Tc, "ander systeem (zelfde CA)", Expect.Status(403, "TC.NietGeautoriseerd"), p.OtherSystem, tc, Terug);
        Soap(op, Tc, "eigen systeem", Expect.Ok, p.DemoSystem, tc, Terug);
        SoapTls(op, Tc, tc, Terug);

        // overzichtAanleverpunt (any qualified system)
        op = Tc + " overzichtAanleverpuntRequest";
        Soap(op, Tc, "eigen systeem", Expect.Ok, p.DemoSystem, tc, () => new OverzichtAanleverpuntRequest(null, null, null));
        Soap(op, Tc, "ander systeem (zelfde CA)", Expect.Ok, p.OtherSystem, tc, () => new OverzichtAanleverpuntRequest(null, null, null));
        SoapTls(op, Tc, tc, () => new OverzichtAanleverpuntRequest(null, null, null));

        // the test school answers like any bron
        op = TestschoolRoute + " documentRequest";
        var testschool = p.Chain.Central.TestschoolUrl;
        Soap(op, TestschoolRoute, "sessie van een ander systeem", Expect.Resultaat(nameof(ResultaatCode.SysteemNietBevoegd)), p.OtherSystem, testschool, () => p.Testschool.Request);
        Soap(op, TestschoolRoute, "eigen systeem", Expect.Ok, p.DemoSystem, testschool, () => p.Testschool.Request);
        SoapTls(op, TestschoolRoute, testschool, () => p.Testschool.Request);

        // an aanleverpunt: documentRequest (doel → bron)
        op = Aanleverpunt + " documentRequest";
        Soap(op, Aanleverpunt, "sessie van een ander systeem", Expect.Resultaat(nameof(ResultaatCode.SysteemNietBevoegd)), p.OtherSystem, poUrl, () => p.Open.Request);
        Soap(op, Aanleverpunt, "sessie afgemeld", Expect.Resultaat(nameof(ResultaatCode.SessieReedsAfgemeld)), p.DemoSystem, poUrl, () => p.Closed.Request);
        Soap(op, Aanleverpunt, "herhaald bericht", Expect.Resultaat(nameof(ResultaatCode.SessieReedsAfgemeld)), p.DemoSystem, poUrl, () => p.Replayed.Request);
        Soap(op, Aanleverpunt, "sessie verlopen", Expect.Resultaat(nameof(ResultaatCode.SessieVerlopen)), p.DemoSystem, poUrl, () => p.Expiring.Request, late: true);
        Soap(op, Aanleverpunt, "eigen systeem", Expect.Ok, p.DemoSystem, poUrl, () => p.Open.Request);
        SoapTls(op, Aanleverpunt, poUrl, () => p.Open.Request);

        // an aanleverpunt: notificatie (bron → doel), only from the system that manages the bron's aanleverpunt
        op = Aanleverpunt + " notificatieRequest";
        NotificatieRequest Notificatie() => new NotificatieRequest.Overstap(routing, new OverstapAanvraag(p.NotifiedSession, p.Fixture.Clock.GetUtcNow()));
        Soap(op, Aanleverpunt, "ander systeem (zelfde CA)", Expect.Resultaat(nameof(ResultaatCode.SysteemNietBevoegd)), p.OtherSystem, voUrl, Notificatie);
        Soap(op, Aanleverpunt, "eigen systeem", Expect.Ok, p.DemoSystem, voUrl, Notificatie);
        SoapTls(op, Aanleverpunt, voUrl, Notificatie);
        // the same notificatie again: acknowledged (the bron cannot tell a lost answer from a refusal), and nothing changes
        Soap(op + " (herhaling)", Aanleverpunt, "herhaald bericht", Expect.Ignored(nameof(ResultaatCode.NotificatieOntvangen)), p.DemoSystem, voUrl, Notificatie);
        Soap(op + " (herhaling)", Aanleverpunt, "herhaald bericht, ander systeem", Expect.Resultaat(nameof(ResultaatCode.SysteemNietBevoegd)), p.OtherSystem, voUrl, Notificatie);

        // an aanleverpunt: ontvangstbevestiging (doel → bron), only from the session's doel system, for the dossier the bron sent in it
        var receiptUrl = Oso.School.Doel.ReceiptSender.Address(poUrl);
        Add(Ontvangstbevestiging, Ontvangstbevestiging, "ander systeem (zelfde CA)", Expect.Status(403, "geen-toegang"),
            async ct => await p.OtherSystem.SendAsync(HttpMethod.Post, receiptUrl, await ReceiptAsync(await p.Fixture.OtherSystemAsync(), ct), ct), writes: true);
        Add(Ontvangstbevestiging, Ontvangstbevestiging, "eigen systeem", Expect.Ok,
            async ct => await p.DemoSystem.SendAsync(HttpMethod.Post, receiptUrl, await ReceiptAsync(p.Fixture.Node.SystemCertificate, ct), ct), writes: true);
        Add(Ontvangstbevestiging, Ontvangstbevestiging, "geen", Expect.Tls, ct => p.Anonymous.SendAsync(HttpMethod.Post, receiptUrl, Receipt([]), ct), writes: false);
        foreach (var name in TlsIdentities)
            Add(Ontvangstbevestiging, Ontvangstbevestiging, name, Expect.Tls, ct => p.Tls[name].SendAsync(HttpMethod.Post, receiptUrl, Receipt([]), ct), writes: false);

        // Central: audit anchors, only from (and for) the system that serves the school
        var anker = new Uri(p.Chain.Central.ProtocolUrl, "/oso/audit/anker");
        var lijst = new Uri(p.Chain.Central.ProtocolUrl, "/oso/audit/ankers/" + state.Po.Brin);
        Add(Anker, Anker, "ander systeem (zelfde CA)", Expect.Status(403, "anker.niet-bevoegd"),
            async ct => await p.OtherSystem.SendAsync(HttpMethod.Post, anker, await CheckpointAsync(await p.Fixture.OtherSystemAsync(), ct), ct), writes: true);
        Add(Anker, Anker, "eigen systeem", Expect.Ok,
            async ct => await p.DemoSystem.SendAsync(HttpMethod.Post, anker, await CheckpointAsync(p.Fixture.Node.SystemCertificate, ct), ct), writes: true);
        Add(Anker, Anker, "geen", Expect.Tls, ct => p.Anonymous.SendAsync(HttpMethod.Post, anker, Receipt([]), ct), writes: false);
        AddTls(Anker, Anker, HttpMethod.Post, anker, () => Receipt([]));
        Add(AnkerLijst, AnkerLijst, "ander systeem (zelfde CA)", Expect.Status(403, "anker.niet-bevoegd"), ct => p.OtherSystem.GetAsync(lijst, ct), writes: false);
        Add(AnkerLijst, AnkerLijst, "eigen systeem", Expect.Ok, ct => p.DemoSystem.GetAsync(lijst, ct), writes: false);
        Add(AnkerLijst, AnkerLijst, "geen", Expect.Tls, ct => p.Anonymous.GetAsync(lijst, ct), writes: false);
        AddTls(AnkerLijst, AnkerLijst, HttpMethod.Get, lijst, () => null);

        // Central: the SWVs a school belongs to (the School node's SWV choice), only for the system that serves the school
        var swvKeuze = new Uri(p.Chain.Central.ProtocolUrl, "/oso/register/swv/" + state.Po.Brin);
        Add(SwvKeuze, SwvKeuze, "ander systeem (zelfde CA)", Expect.Status(403, "register.niet-bevoegd"), ct => p.OtherSystem.GetAsync(swvKeuze, ct), writes: false);
        Add(SwvKeuze, SwvKeuze, "eigen systeem", Expect.Ok, ct => p.DemoSystem.GetAsync(swvKeuze, ct), writes: false);
        Add(SwvKeuze, SwvKeuze, "geen", Expect.Tls, ct => p.Anonymous.GetAsync(swvKeuze, ct), writes: false);
        AddTls(SwvKeuze, SwvKeuze, HttpMethod.Get, swvKeuze, () => null);
    }

    /// <summary>A checkpoint of the demo PO school's audit chain head as it is now, signed by <paramref name="signer"/> as its own system.</summary>
    private async Task<HttpContent> CheckpointAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 signer, CancellationToken ct)
    {
        Oso.School.Audit.AuditHead head;
        await using (var db = p.Fixture.ReadNode())
            head = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.AuditHeads.Where(h => h.Brin == p.Chain.State.Po.Brin), ct);
        var punt = new Oso.Protocol.Proofs.Controlepunt(Brin.Parse(head.Brin), head.Sequence, head.Hash, p.Fixture.Clock.GetUtcNow(),
            Oso.Protocol.Security.CertificateNames.Systeem(signer)!.Value);
        return Receipt(Oso.Protocol.Proofs.Ankers.Onderteken(punt, signer).Utf8.ToArray());
    }

    /// <summary>
    /// A receipt for the dossier the demo PO school delivered in the replayed session (its digest as the bron kept it),
    /// signed by <paramref name="signer"/> as its own system.
    /// </summary>
    private async Task<HttpContent> ReceiptAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 signer, CancellationToken ct)
    {
        string digest;
        await using (var db = p.Fixture.ReadNode())
            digest = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Disclosures.Where(d => d.SessieId == p.Replayed.Id.Value).Select(d => d.DossierSha256!), ct);
        var state = p.Chain.State;
        var verklaring = new Oso.Protocol.Proofs.Verklaring(Oso.Protocol.Proofs.VerklaringSoort.Ontvangst, p.Fixture.Clock.GetUtcNow(), p.Replayed.Id,
            Brin.Parse(state.Po.Brin), Brin.Parse(state.Vo.Brin), Oso.Protocol.Security.CertificateNames.Systeem(signer)!.Value, Convert.FromHexString(digest));
        return Receipt(Oso.Protocol.Proofs.Bewijzen.Onderteken(verklaring, signer).Utf8.ToArray());
    }

    private static ByteArrayContent Receipt(byte[] xml)
    {
        var content = new ByteArrayContent(xml);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        return content;
    }

    private sealed record DemoSchoolRef(string Brin, string Rk);

    private void Soap(string endpoint, string route, string identity, Expect expect, Wire wire, Uri url, Func<OsoRequest> message, bool late = false) =>
        Add(endpoint, route, identity, expect, ct => wire.SoapAsync(url, message(), ct), writes: true, late: late);

    /// <summary>No certificate, and every refused certificate: the protocol listeners end the handshake.</summary>
    private void SoapTls(string endpoint, string route, Uri url, Func<OsoRequest> message)
    {
        Add(endpoint, route, "geen", Expect.Tls, ct => p.Anonymous.SoapAsync(url, message(), ct), writes: false);
        foreach (var name in TlsIdentities)
            Add(endpoint, route, name, Expect.Tls, ct => p.Tls[name].SoapAsync(url, message(), ct), writes: false);
    }
}
