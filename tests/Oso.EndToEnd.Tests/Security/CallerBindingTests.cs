using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Oso.Central.Register;
using Oso.Cli.Up;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Security;
using Oso.School.Bron;
using Oso.School.Doel;
using Oso.School.LasApi;

namespace Oso.EndToEnd.Tests.Security;

/// <summary>
/// Issue 11 §1: every message a node receives is bound to the system that may send it, over the real TLS listeners.
/// The probe that worked before: another vendor's valid certificate with a live session of the doel got the dossier.
/// </summary>
public sealed class CallerBindingTests(SqliteChain fixture) : IClassFixture<SqliteChain>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static TResponse Answer<TResponse>(OsoCallResult<TResponse> result) where TResponse : OsoResponse =>
        Assert.IsType<OsoCallResult<TResponse>.Success>(result).Response;

    [Fact]
    public async Task The_probe_another_vendor_s_certificate_with_the_doel_s_live_session_and_key_gets_no_dossier_and_leaves_no_trace_but_the_audit()
    {
        fixture.RequireChain();
        var other = fixture.SoapClient(await fixture.OtherSystemAsync());
        var (pupil, _) = await fixture.ReleasedPupilAsync(_ct);
        var pgn = ChainFixture.PgnOf(pupil);
        var geheim = ZoeksleutelGeheim.Nieuw();
        var sessie = await fixture.OpenSessionAsync(pgn, geheim, _ct); // opened by the demo system, as the doel
        var request = fixture.DocumentRequest(sessie, pgn, geheim);
        var outboxBefore = await CountOutboxAsync();

        var probe = Answer(await other.SendAsync(fixture.AanleverpuntUrl(fixture.Chain.State.Po), request, _ct));

        Assert.Equal(ResultaatCode.SysteemNietBevoegd, Assert.IsType<DocumentResponse.NietGeleverd>(probe).Resultaat);
        await using (var db = fixture.ReadNode())
        {
            Assert.False(await db.Disclosures.AnyAsync(d => d.SessieId == sessie.Value, _ct), "a disclosure was recorded");
            Assert.False(await db.IncomingRequests.AnyAsync(r => r.SessieId == sessie.Value, _ct), "the request was kept: a later notificatie would go to the wrong party");
            var audit = await db.Audit.Where(a => a.Action == DocumentRequests.AccessRefused).ToListAsync(_ct);
            Assert.Contains(audit, a => a.ActorKind == "Systeem" && a.Actor == ChainFixture.OtherSystemId
                && a.Detail!.Contains("SysteemNietBevoegd", StringComparison.Ordinal) && a.PupilRef != null);
        }
        Assert.Equal(outboxBefore, await CountOutboxAsync());

        // the same request from the system that opened the session is served: the refusal was about the caller
        var genuine = Answer(await fixture.DemoSystem.SendAsync(fixture.AanleverpuntUrl(fixture.Chain.State.Po), request, _ct));
        Assert.IsType<DocumentResponse.Geleverd>(genuine);
        await using (var db = fixture.ReadNode())
            Assert.Single(await db.Disclosures.Where(d => d.SessieId == sessie.Value).ToListAsync(_ct));
    }

    [Fact]
    public async Task A_certificate_of_the_chain_s_CA_that_names_no_system_is_refused_at_the_handshake()
    {
        fixture.RequireChain();
        using var anonymous = ClientCertificateWithoutSystem(fixture.Ca);
        var (pupil, _) = await fixture.ReleasedPupilAsync(_ct);
        var pgn = ChainFixture.PgnOf(pupil);
        var geheim = ZoeksleutelGeheim.Nieuw();
        var sessie = await fixture.OpenSessionAsync(pgn, geheim, _ct);

        var result = await fixture.SoapClient(anonymous).SendAsync(fixture.AanleverpuntUrl(fixture.Chain.State.Po), fixture.DocumentRequest(sessie, pgn, geheim), _ct);

        // the node's TLS layer accepts only certificates that bind a system; the endpoint would refuse with SysteemNietBevoegd
        var failure = Assert.IsType<OsoCallResult<DocumentResponse>.Failure>(result);
        Assert.Contains(failure.Fout.Soort, new[] { OsoCallFailureKind.Tls, OsoCallFailureKind.Verbinding });
        await using var db = fixture.ReadNode();
        Assert.False(await db.Disclosures.AnyAsync(d => d.SessieId == sessie.Value, _ct));
        Assert.False(await db.IncomingRequests.AnyAsync(r => r.SessieId == sessie.Value, _ct));
    }

    [Fact]
    public async Task A_notificatie_is_accepted_only_from_the_system_managing_the_bron_aanleverpunt_and_a_repeat_changes_nothing()
    {
        fixture.RequireChain();
        var other = fixture.SoapClient(await fixture.OtherSystemAsync());
        var (aanmelding, sessie) = await RefusedRequestAsync();
        var vo = fixture.AanleverpuntUrl(fixture.Chain.State.Vo);
        var notificatie = new NotificatieRequest.Overstap(ChainFixture.Routing(fixture.Chain.State.Po, fixture.Chain.State.Vo),
            new OverstapAanvraag(sessie, TimeProvider.System.GetUtcNow()));
        var outboxBefore = await CountOutboxAsync();

        // another vendor's valid certificate: refused, nothing changes
        Assert.Equal(ResultaatCode.SysteemNietBevoegd, Answer(await other.SendAsync(vo, notificatie, _ct)).Resultaat);
        Assert.Equal(1, await CountRequestsAsync(aanmelding));
        Assert.Equal(outboxBefore, await CountOutboxAsync());
        await using (var db = fixture.ReadNode())
        {
            Assert.False(await db.ReceivedNotifications.AnyAsync(n => n.SessieId == sessie.Value, _ct));
            Assert.Contains(await db.Audit.Where(a => a.Action == Notifications.Refused).ToListAsync(_ct), a => a.Actor == ChainFixture.OtherSystemId);
        }

        // the system that manages the bron's aanleverpunt: one new request
        Assert.Equal(ResultaatCode.NotificatieOntvangen, Answer(await fixture.DemoSystem.SendAsync(vo, notificatie, _ct)).Resultaat);
        Assert.Equal(2, await CountRequestsAsync(aanmelding));

        // its repeat (a retry after a lost answer) is acknowledged and changes nothing; another vendor's replay is refused
        var outboxAfterFirst = await CountOutboxAsync();
        Assert.Equal(ResultaatCode.NotificatieOntvangen, Answer(await fixture.DemoSystem.SendAsync(vo, notificatie, _ct)).Resultaat);
        Assert.Equal(ResultaatCode.SysteemNietBevoegd, Answer(await other.SendAsync(vo, notificatie, _ct)).Resultaat);
        Assert.Equal(2, await CountRequestsAsync(aanmelding));
        Assert.Equal(outboxAfterFirst, await CountOutboxAsync());
        await using (var db = fixture.ReadNode())
            Assert.Contains(await db.Audit.Where(a => a.Action == Notifications.Repeated).ToListAsync(_ct), a => a.Actor == DemoChain.SysteemId);
    }

    [Fact]
    public async Task A_notificatie_for_a_session_of_another_bron_school_is_refused()
    {
        fixture.RequireChain();
        var (aanmelding, sessie) = await RefusedRequestAsync();
        var second = await fixture.SecondVoAsync(); // also run by the demo system, but not the pupil's bron school
        var notificatie = new NotificatieRequest.Overstap(ChainFixture.Routing(second, fixture.Chain.State.Vo), new OverstapAanvraag(sessie, TimeProvider.System.GetUtcNow()));

        var answer = Answer(await fixture.DemoSystem.SendAsync(fixture.AanleverpuntUrl(fixture.Chain.State.Vo), notificatie, _ct));

        Assert.Equal(ResultaatCode.SessieAfwijkend, answer.Resultaat);
        Assert.Equal(1, await CountRequestsAsync(aanmelding));
    }

    [Fact]
    public async Task After_the_bron_school_changed_supplier_the_new_system_s_notificatie_is_accepted_because_the_Traffic_Center_is_asked_live()
    {
        fixture.RequireChain();
        var other = fixture.SoapClient(await fixture.OtherSystemAsync());
        var (aanmelding, sessie) = await RefusedRequestAsync(); // asked while the demo system served the bron school
        // the board mandates the other vendor for the bron school, which registers its own aanleverpunt
        var admin = fixture.Chain.Central.Admin;
        var today = ChainFixture.Today;
        var newRk = "0000000700091PO00002";
        if ((await admin.EndpointsAsync(fixture.Chain.State.Po.Brin)).All(e => e.RouteringsKenmerk != newRk))
        {
            _ = (await admin.AddMandateAsync(new NieuwMandaat("40001", fixture.Chain.State.Po.Brin, ChainFixture.OtherSystemId, today.AddDays(-1)))).Zeker;
            _ = (await admin.AddEndpointAsync(new NieuwAanleverpunt(newRk, "https://las.ander.example/oso/" + newRk, Uitwisseldoel.Ov, ChainFixture.OtherSystemId,
                today.AddDays(-1)))).Zeker;
        }
        var routing = ChainFixture.Routing(fixture.Chain.State.Po, fixture.Chain.State.Vo) with { BronRouteringsKenmerk = RouteringsKenmerk.Parse(newRk) };
        var notificatie = new NotificatieRequest.Overstap(routing, new OverstapAanvraag(sessie, TimeProvider.System.GetUtcNow()));

        var answer = Answer(await other.SendAsync(fixture.AanleverpuntUrl(fixture.Chain.State.Vo), notificatie, _ct));

        Assert.Equal(ResultaatCode.NotificatieOntvangen, answer.Resultaat);
        Assert.Equal(2, await CountRequestsAsync(aanmelding));
    }

    /// <summary>The demo VO school asks for a pupil the PO school has not released: a refused request with a session.</summary>
    private async Task<(Guid Aanmelding, SessieId Sessie)> RefusedRequestAsync()
    {
        var pupil = fixture.NewPupil();
        using var po = fixture.Po;
        using var vo = fixture.Vo;
        await po.DeliverAsync("L" + Guid.NewGuid().ToString("N")[..10], pupil, _ct);
        var l = pupil.Huidigeschool.Leerling;
        var aanmelding = await vo.RegisterAsync(new AanmeldingDto(ChainFixture.PgnOf(pupil).Value, l.Geboortedatum!.Value, po.Brin, null, null), _ct);
        var request = await vo.WaitForRequestAsync(await vo.RequestAsync(aanmelding, null, _ct), TimeSpan.FromSeconds(60), _ct);
        Assert.Equal("LeerlinginfoNietBeschikbaar", request.Resultaat);
        await using var db = fixture.ReadNode();
        var sessie = await db.TransferRequests.Where(r => r.AanmeldingId == aanmelding).Select(r => r.SessieId).SingleAsync(_ct);
        return (aanmelding, SessieId.From(sessie!.Value));
    }

    private async Task<int> CountRequestsAsync(Guid aanmelding)
    {
        await using var db = fixture.ReadNode();
        return await db.TransferRequests.CountAsync(r => r.AanmeldingId == aanmelding, _ct);
    }

    // An accepted notificatie queues a new transfer run; staff mail about the earlier refusal may still be queued
    // meanwhile by the worker, so only the transfer runs say whether the notificatie changed something.
    private async Task<int> CountOutboxAsync()
    {
        await using var db = fixture.ReadNode();
        return await db.Outbox.CountAsync(m => m.Kind == TransferRunner.Kind, _ct);
    }

    /// <summary>A client certificate from the chain's own CA, for TLS client authentication, that binds no system id.</summary>
    internal static X509Certificate2 ClientCertificateWithoutSystem(DevelopmentCertificateAuthority ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=geen-systeem, O=OpenOSO test", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(CertificateNames.ClientAuthOid)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca.Certificate, true, false));
        var now = TimeProvider.System.GetUtcNow();
        using var issued = request.Create(ca.Certificate, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16).Select((b, i) => i == 0 ? (byte)((b & 0x7F) | 1) : b).ToArray());
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
