using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Cli.Up;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Proofs;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Doel;
using Oso.School.LasApi;
using Oso.School.Parents;

namespace Oso.EndToEnd.Tests.Proofs;

/// <summary>
/// The signed ontvangstbevestiging (issue 17 §2), end to end: the doel signs what it received and sends it to the bron,
/// which checks it against the digest it kept and shows it to the LAS, staff and parents; a receipt over other bytes or
/// from another system is caught.
/// </summary>
public sealed class ReceiptTests(SqliteChain fixture) : IClassFixture<SqliteChain>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_transfer_the_bron_holds_the_doel_s_checked_receipt_and_the_LAS_staff_and_parents_see_it()
    {
        fixture.RequireChain();
        var (pupil, lasId) = await fixture.ReleasedPupilAsync(_ct);
        using var po = fixture.Po;
        using var vo = fixture.Vo;
        var aanmelding = await vo.RegisterAsync(new AanmeldingDto(ChainFixture.PgnOf(pupil).Value, pupil.Huidigeschool.Leerling.Geboortedatum!.Value, po.Brin, null, null), _ct);
        var request = await vo.WaitForRequestAsync(await vo.RequestAsync(aanmelding, null, _ct), Wait, _ct);
        Assert.Equal("OverdrachtGeslaagd", request.Resultaat);

        // the receipt goes through the doel's outbox: wait until the bron has it
        var verstrekking = await WaitForReceiptAsync(po, lasId);
        Assert.Equal(OntvangstStatus.Bevestigd, verstrekking.Ontvangst.Status);
        Assert.Equal(DemoChain.SysteemId, verstrekking.Ontvangst.Door);
        Assert.NotNull(verstrekking.Ontvangst.Op);

        // what the bron kept is a receipt anyone can check against the digest sent; one changed byte breaks it
        Disclosure disclosure;
        await using (var db = fixture.ReadNode())
        {
            disclosure = await db.Disclosures.SingleAsync(d => d.SessieId == verstrekking.SessieId, _ct);
            Assert.Contains(await db.Audit.Where(a => a.Brin == po.Brin && a.Action == Receipts.Confirmed).ToListAsync(_ct), a => a.PupilRef == disclosure.PupilId.ToString());
            var received = await db.ReceivedDossiers.SingleAsync(d => d.AanmeldingId == aanmelding, _ct);
            Assert.Equal(received.Ontvangstbevestiging, disclosure.Ontvangstbevestiging); // the doel keeps what it sent
            Assert.Equal(received.DossierSha256, disclosure.DossierSha256);
        }
        var receipt = Handtekening.Create(disclosure.Ontvangstbevestiging!);
        var digest = Convert.FromHexString(disclosure.DossierSha256!);
        var verwachting = new Verwachting(VerklaringSoort.Ontvangst, SysteemId.Parse(DemoChain.SysteemId), SessieId.From(disclosure.SessieId));
        Assert.IsType<Handtekeningcontrole.Geldig>(Bewijzen.ControleerDigest(receipt, digest, fixture.Node.Validator, verwachting));
        var changed = disclosure.Ontvangstbevestiging!.ToArray();
        var at = System.Text.Encoding.ASCII.GetString(changed).IndexOf("SignatureValue>", StringComparison.Ordinal) + "SignatureValue>".Length;
        changed[at] = (byte)(changed[at] == (byte)'A' ? 'B' : 'A'); // one byte of the signature value
        Assert.Equal(HandtekeningFout.HandtekeningOnjuist,
            Assert.IsType<Handtekeningcontrole.Ongeldig>(Bewijzen.ControleerDigest(Handtekening.Create(changed), digest, fixture.Node.Validator, verwachting)).Fout);

        // bron staff: the pupil's page says who received it, when, and that it is confirmed
        var staff = await fixture.StaffAsync("po-medewerker", _ct);
        var page = WebUtility.HtmlDecode((await staff.GetAsync(new Uri(fixture.Chain.School.PortalUrl, $"/scholen/{po.Brin}/dossiers/{disclosure.PupilId}"), _ct)).Body);
        Assert.Contains("Ontvangen door ", page, StringComparison.Ordinal);
        Assert.Contains(": ontvangen en bevestigd.", page, StringComparison.Ordinal);

        // the parents' page says the same
        var links = fixture.Chain.School.Services.GetRequiredService<ParentLinks>();
        var created = Assert.IsType<ParentLinkResult.Created>(await links.CreateAsync(po.Brin, disclosure.PupilId, $"ouder-{lasId}@bewijs.example", Actor.Node, mail: false, cancellationToken: _ct));
        using var parents = new Security.Matrix.Wire("ouders", fixture.Node.Validator, cookies: true);
        var form = await parents.FormTokenAsync(new Uri(fixture.Chain.School.PortalUrl, "/ouders"), _ct);
        Assert.Equal("/ouders/dossier", (await parents.SendAsync(HttpMethod.Post, new Uri(fixture.Chain.School.PortalUrl, "/ouders"),
            Security.Matrix.Wire.Form(new Dictionary<string, string> { ["code"] = created.Token! }, form), _ct)).Location);
        var view = WebUtility.HtmlDecode((await parents.GetAsync(new Uri(fixture.Chain.School.PortalUrl, "/ouders/dossier"), _ct)).Body);
        Assert.Contains(": ontvangen en bevestigd.", view, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receipt_over_other_bytes_is_kept_as_invalid_another_system_s_is_refused_and_the_right_one_still_confirms()
    {
        fixture.RequireChain();
        var (pupil, lasId) = await fixture.ReleasedPupilAsync(_ct);
        using var po = fixture.Po;
        // this test is the doel: a session and the dossier, fetched as the demo system (no runner, so no receipt is sent for it)
        var pgn = ChainFixture.PgnOf(pupil);
        var geheim = ZoeksleutelGeheim.Nieuw();
        var sessie = await fixture.OpenSessionAsync(pgn, geheim, _ct);
        var answer = await fixture.DemoSystem.SendAsync(fixture.AanleverpuntUrl(fixture.Chain.State.Po), fixture.DocumentRequest(sessie, pgn, geheim), _ct);
        var dossier = Assert.IsType<DocumentResponse.Geleverd>(Assert.IsType<OsoCallResult<DocumentResponse>.Success>(answer).Response).Dossier.Utf8.ToArray();
        Assert.Equal(OntvangstStatus.GeenBevestiging, Assert.Single(await po.DisclosuresAsync(lasId, _ct), v => v.SessieId == sessie.Value).Ontvangst.Status);
        var url = ReceiptSender.Address(fixture.AanleverpuntUrl(fixture.Chain.State.Po));

        // another valid system: refused, nothing kept
        var other = await fixture.OtherSystemAsync();
        var refused = await PostAsync(url, other, Receipt(sessie, Bewijzen.Digest(dossier), other));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(OntvangstStatus.GeenBevestiging, (await DisclosureAsync(po, lasId, sessie)).Ontvangst.Status);

        // the session's doel system, but over one changed byte: 422, kept as invalid and audited
        var changed = dossier.ToArray();
        changed[changed.Length / 2] ^= 0x01;
        var invalid = await PostAsync(url, fixture.Node.SystemCertificate, Receipt(sessie, Bewijzen.Digest(changed), fixture.Node.SystemCertificate));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Status);
        Assert.Contains("minstens één byte gewijzigd", invalid.Body, StringComparison.Ordinal);
        Assert.Equal(OntvangstStatus.Ongeldig, (await DisclosureAsync(po, lasId, sessie)).Ontvangst.Status);
        await using (var db = fixture.ReadNode())
            Assert.Contains(await db.Audit.Where(a => a.Brin == po.Brin && a.Action == Receipts.Invalid).Select(a => a.Detail).ToListAsync(_ct),
                d => d!.Contains("handtekening=DossierGewijzigd", StringComparison.Ordinal));
        var staff = await fixture.StaffAsync("po-medewerker", _ct);
        var pupilId = (await fixture.Chain.School.Services.GetRequiredService<BronDossiers>().FindPupilAsync(po.Brin, lasId, _ct))!.Value;
        Assert.Contains("Bevestiging ongeldig", WebUtility.HtmlDecode((await staff.GetAsync(new Uri(fixture.Chain.School.PortalUrl, $"/scholen/{po.Brin}/dossiers/{pupilId}"), _ct)).Body),
            StringComparison.Ordinal);

        // unreadable: 400, nothing changes
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(url, fixture.Node.SystemCertificate, "<geen-handtekening/>"u8.ToArray())).Status);

        // the right receipt: 204, confirmed; sent again, still 204 and nothing changes
        var right = Receipt(sessie, Bewijzen.Digest(dossier), fixture.Node.SystemCertificate);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(url, fixture.Node.SystemCertificate, right)).Status);
        var confirmed = await DisclosureAsync(po, lasId, sessie);
        Assert.Equal(OntvangstStatus.Bevestigd, confirmed.Ontvangst.Status);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(url, fixture.Node.SystemCertificate, right)).Status);
        Assert.Equal(confirmed, await DisclosureAsync(po, lasId, sessie));
    }

    private byte[] Receipt(SessieId sessie, byte[] digest, X509Certificate2 signer)
    {
        var state = fixture.Chain.State;
        return Bewijzen.Onderteken(new Verklaring(VerklaringSoort.Ontvangst, TimeProvider.System.GetUtcNow(), sessie, Dossier.Identifiers.Brin.Parse(state.Po.Brin),
            Dossier.Identifiers.Brin.Parse(state.Vo.Brin), Oso.Protocol.Security.CertificateNames.Systeem(signer)!.Value, digest), signer).Utf8.ToArray();
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(Uri url, X509Certificate2 certificate, byte[] body)
    {
        using var http = fixture.NodeHttpClient(certificate);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var response = await http.PostAsync(url, content, _ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(_ct));
    }

    private async Task<VerstrekkingDto> DisclosureAsync(Oso.Cli.Demo.LasApiClient po, string lasId, SessieId sessie) =>
        Assert.Single(await po.DisclosuresAsync(lasId, _ct), v => v.SessieId == sessie.Value);

    private async Task<VerstrekkingDto> WaitForReceiptAsync(Oso.Cli.Demo.LasApiClient po, string lasId)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var verstrekking = Assert.Single(await po.DisclosuresAsync(lasId, _ct));
            if (verstrekking.Ontvangst.Status != OntvangstStatus.GeenBevestiging || watch.Elapsed > Wait) return verstrekking;
            await Task.Delay(100, _ct);
        }
    }
}
