using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Register;
using Oso.Cli.Demo;
using Oso.Cli.Up;
using Oso.Dossier;
using Oso.Dossier.Identifiers;
using Oso.EndToEnd.Tests.Security.Matrix;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.Synthetic;
using Oso.Testing;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// The SWV flow (issue 15) over the real listeners: the primary school sends an SWV dossier to its samenwerkingsverband
/// with a koppelsleutel, the SWV fetches it and sends a terugkoppeling back — and each refusal on the way.
/// </summary>
public abstract class SwvTests<TChain>(TChain fixture) where TChain : ChainFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    protected TChain Fixture { get; } = fixture;

    private DemoSchool Swv => Fixture.Chain.State.Swv!;

    private async Task<SwvVerzendingDto> SendAndWaitAsync(LasApiClient po, string lasId, string swvBrin)
    {
        var sending = await po.SendToSwvAsync(lasId, swvBrin, _ct);
        return await po.WaitForSwvSendingAsync(sending.Id, Wait, _ct);
    }

    private int _seed = 7000;

    /// <summary>A new pupil of the demo primary school with the support data an SWV dossier needs, seen by the parents and released.</summary>
    private async Task<(Dossier.Model.Dossier Pupil, string LasId)> ReleasedSwvPupilAsync()
    {
        var pupil = SyntheticTerugkoppeling.WithSupport(Fixture.NewPupil(), SyntheticProfile.Poswv, Interlocked.Increment(ref _seed), ChainFixture.Today);
        var lasId = "S" + Guid.NewGuid().ToString("N")[..10];
        using var po = Fixture.Po;
        await po.DeliverAsync(lasId, pupil, _ct);
        await po.RecordInzageAsync(lasId, new InzageInput(ChainFixture.Today, "Ja", null, null), _ct);
        await po.ReleaseAsync(lasId, _ct);
        return (pupil, lasId);
    }

    /// <summary>The SWV closes its session after it stored the dossier: waits for the receipt's final status.</summary>
    private async Task<Guid> WaitForReceiptAsync(Guid koppelsleutel)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var db = Fixture.ReadNode())
            {
                var receipt = await db.SwvReceipts.AsNoTracking().FirstOrDefaultAsync(r => r.Koppelsleutel == koppelsleutel, _ct);
                if (receipt is not null && (receipt.Status != "Wachtrij" || watch.Elapsed > Wait)) return receipt.Id;
            }
            Assert.True(watch.Elapsed < Wait, "Het samenwerkingsverband haalde het swv-dossier niet op.");
            await Task.Delay(100, _ct);
        }
    }

    [Fact]
    public async Task A_dossier_without_the_support_data_POSWV_requires_is_not_sent_and_the_school_is_told_what_is_missing()
    {
        Fixture.RequireChain();
        using var po = Fixture.Po;
        var pupil = Fixture.NewPupil();
        pupil = pupil with { Huidigeschool = pupil.Huidigeschool with { Leerling = pupil.Huidigeschool.Leerling with { Onderwijsondersteuning = null } } };
        var lasId = "S" + Guid.NewGuid().ToString("N")[..10];
        await po.DeliverAsync(lasId, pupil, _ct);
        await po.RecordInzageAsync(lasId, new InzageInput(ChainFixture.Today, "Ja", null, null), _ct);
        await po.ReleaseAsync(lasId, _ct);
        int before;
        await using (var db = Fixture.ReadNode()) before = await db.SwvSendings.CountAsync(_ct);

        var refused = await Assert.ThrowsAsync<LasApiException>(() => po.SendToSwvAsync(lasId, Swv.Brin, _ct));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("Onderwijsondersteuning", refused.Message, StringComparison.Ordinal);
        await using (var db = Fixture.ReadNode()) Assert.Equal(before, await db.SwvSendings.CountAsync(_ct));
    }

    [Fact]
    public async Task The_school_sends_an_SWV_dossier_the_SWV_fetches_it_with_the_koppelsleutel_and_its_terugkoppeling_comes_back()
    {
        Fixture.RequireChain();
        using var po = Fixture.Po;
        using var swv = Fixture.Las(Swv);
        var (pupil, lasId) = await ReleasedSwvPupilAsync();

        var sending = await SendAndWaitAsync(po, lasId, Swv.Brin);

        Assert.Equal("Opgehaald", sending.Status);
        Assert.Equal("POSWV", sending.Profiel);
        Assert.Equal(["Koppelsleutel", "Notificatie", "Dossier opgehaald"], sending.Stappen.Select(s => s.Stap));
        Guid receiptId;
        await using (var db = Fixture.ReadNode())
            receiptId = await WaitForReceiptAsync((await db.SwvSendings.AsNoTracking().FirstAsync(s => s.Id == sending.Id, _ct)).Koppelsleutel!.Value);
        var received = Assert.Single(await swv.SwvDossiersAsync(_ct), d => d.Id == receiptId);
        Assert.Equal("Ontvangen", received.Status);
        Assert.True(received.Geldig);
        Assert.Equal(["Sessie bij het Traffic Center", "Dossier opvragen", "Afmelding"], received.Stappen.Select(s => s.Stap));
        var xml = await swv.SwvDossierXmlAsync(received.Id, _ct);
        var dossier = DossierReader.Read(new MemoryStream(xml)).Dossier!;
        Assert.Equal("swv-dossier", dossier.Overdrachtsoort.Value);
        Assert.Equal("POSWV", dossier.Metadata.Overstap?.Value);
        Assert.Equal(pupil.Huidigeschool.Leerling.Achternaam, dossier.Huidigeschool.Leerling.Achternaam);
        Assert.Null(dossier.Huidigeschool.Leerling.Bsn); // PaO.LL12: no BSN or onderwijsnummer in an SWV dossier
        Assert.Null(dossier.Huidigeschool.Leerling.Onderwijsnummer);
        // main's proofs carry over: the school signed the exact bytes, the SWV checked it before storing, and its signed
        // ontvangstbevestiging comes back to the school's disclosure log
        Assert.Equal("Geldig", received.Handtekening?.Status);
        Assert.Equal(DemoChain.SysteemId, received.Handtekening?.Ondertekenaar);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(xml)), received.Handtekening?.Sha256);
        Assert.NotNull(await swv.SwvDossierSignatureAsync(received.Id, _ct));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var disclosure = Assert.Single(await po.DisclosuresAsync(lasId, _ct), d => d.DoelBrin == Swv.Brin && d.Profiel == "POSWV");
        while (disclosure.Ontvangst.Status == OntvangstStatus.GeenBevestiging && watch.Elapsed < Wait)
        {
            await Task.Delay(100, _ct);
            disclosure = Assert.Single(await po.DisclosuresAsync(lasId, _ct), d => d.DoelBrin == Swv.Brin);
        }
        Assert.Equal(OntvangstStatus.Bevestigd, disclosure.Ontvangst.Status);

        var terugkoppeling = DossierWriter.ToBytes(SyntheticTerugkoppeling.For(dossier, DemoSchools.SyntheticSchool(DemoSchools.Swv), "SWV-1", ChainFixture.Today,
            "Arrangement-zonder-geheimen-7731"));
        var sent = await swv.SendFeedbackAsync(received.Id, terugkoppeling, _ct);

        Assert.True(sent.Verstuurd, sent.Toelichting);
        Assert.Equal("TerugkoppelingOntvangen", sent.Resultaat);
        var back = Assert.Single(await po.FeedbackAsync(_ct), t => t.Richting == "Ontvangen" && t.Id != Guid.Empty && t.UitwisselingId == sending.Id);
        Assert.Equal(Swv.Brin, back.PartnerBrin);
        Assert.Equal(DossierReader.Read(new MemoryStream(terugkoppeling)).Document, DossierReader.Read(new MemoryStream(await po.FeedbackXmlAsync(back.Id, _ct))).Document);
        // the Traffic Center saw keys and codes only: never the PGN, the pupil's name or the terugkoppeling
        Assert.False(Fixture.CentralSaw(ChainFixture.PgnOf(pupil).Value));
        Assert.False(Fixture.CentralSaw(pupil.Huidigeschool.Leerling.Achternaam));
        Assert.False(Fixture.CentralSaw("Arrangement-zonder-geheimen-7731"));
    }

    [Fact]
    public async Task A_koppelsleutel_opens_one_session_only_and_a_wrong_one_none()
    {
        Fixture.RequireChain();
        using var po = Fixture.Po;
        var (_, lasId) = await ReleasedSwvPupilAsync();
        var sending = await SendAndWaitAsync(po, lasId, Swv.Brin);
        Assert.Equal("Opgehaald", sending.Status);
        Guid koppelsleutel;
        await using (var db = Fixture.ReadNode())
            koppelsleutel = (await db.SwvSendings.AsNoTracking().FirstAsync(s => s.Id == sending.Id, _ct)).Koppelsleutel!.Value;
        await WaitForReceiptAsync(koppelsleutel);

        // replayed after afmelding: refused
        Assert.Equal(ResultaatCode.SessieReedsAfgemeld, await OverdrachtAsync(Koppelsleutel.From(koppelsleutel)));
        // a koppelsleutel the Traffic Center never issued for this school and SWV
        Assert.Equal(ResultaatCode.GeenRelatieMetDoel, await OverdrachtAsync(Koppelsleutel.New()));
    }

    private async Task<ResultaatCode> OverdrachtAsync(Koppelsleutel sleutel)
    {
        var answer = await Fixture.DemoSystem.SendAsync(Fixture.Chain.Central.TrafficCenterUrl, new OverdrachtRequest(Brin.Parse(Fixture.Chain.State.Po.Brin), null,
            Brin.Parse(Swv.Brin), RouteringsKenmerk.Parse(Swv.RouteringsKenmerk), new SessieSleutel.Koppel(sleutel), Overdrachtsoort.SwvDossier), _ct);
        return Assert.IsType<OverdrachtResponse.Geweigerd>(Assert.IsType<OsoCallResult<OverdrachtResponse>.Success>(answer).Response).Resultaat;
    }

    [Fact]
    public async Task Another_system_gets_nothing_with_a_valid_koppelsleutel_and_session_and_cannot_notify_the_SWV()
    {
        Fixture.RequireChain();
        var tc = Fixture.Chain.Central.TrafficCenterUrl;
        var routing = ChainFixture.Routing(Fixture.Chain.State.Po, Swv);
        // the school's system asks a koppelsleutel (without telling the SWV), the SWV's system opens a session with it
        var melding = Assert.IsType<MeldenNotificatieResponse.Toegekend>(Assert.IsType<OsoCallResult<MeldenNotificatieResponse>.Success>(
            await Fixture.DemoSystem.SendAsync(tc, new MeldenNotificatieRequest(routing, null), _ct)).Response);
        var sleutel = melding.Koppelsleutel!.Value;
        var sessie = Assert.IsType<OverdrachtResponse.Toegekend>(Assert.IsType<OsoCallResult<OverdrachtResponse>.Success>(await Fixture.DemoSystem.SendAsync(tc,
            new OverdrachtRequest(routing.BronBrin, null, routing.DoelBrin, routing.DoelRouteringsKenmerk, new SessieSleutel.Koppel(sleutel), Overdrachtsoort.SwvDossier),
            _ct)).Response).SessieId;
        var other = Fixture.SoapClient(await Fixture.OtherSystemAsync());
        var document = new DocumentRequest(routing, sessie, Overdrachtsoort.SwvDossier, new DocumentSleutel.Koppel(sleutel), null);

        var stolen = await other.SendAsync(Fixture.AanleverpuntUrl(Fixture.Chain.State.Po), document, _ct);
        Assert.Equal(ResultaatCode.SysteemNietBevoegd, Assert.IsType<DocumentResponse.NietGeleverd>(
            Assert.IsType<OsoCallResult<DocumentResponse>.Success>(stolen).Response).Resultaat);
        // the right system with another koppelsleutel: the session check fails
        var wrongKey = await Fixture.DemoSystem.SendAsync(Fixture.AanleverpuntUrl(Fixture.Chain.State.Po),
            document with { Sleutel = new DocumentSleutel.Koppel(Koppelsleutel.New()) }, _ct);
        Assert.Equal(ResultaatCode.SessieAfwijkend, Assert.IsType<DocumentResponse.NietGeleverd>(
            Assert.IsType<OsoCallResult<DocumentResponse>.Success>(wrongKey).Response).Resultaat);
        // no SWV dossier was ever chosen for this key: the bron delivers nothing even to the session's own system
        var unchosen = await Fixture.DemoSystem.SendAsync(Fixture.AanleverpuntUrl(Fixture.Chain.State.Po), document, _ct);
        Assert.Equal(ResultaatCode.GeenRelatieMetDoel, Assert.IsType<DocumentResponse.NietGeleverd>(
            Assert.IsType<OsoCallResult<DocumentResponse>.Success>(unchosen).Response).Resultaat);

        // another system notifying the SWV as if it ran the school's aanleverpunt
        var notified = await other.SendAsync(Fixture.AanleverpuntUrl(Swv), new NotificatieRequest.Swv(routing, sleutel), _ct);
        Assert.Equal(ResultaatCode.SysteemNietBevoegd, Assert.IsType<OsoCallResult<NotificatieResponse>.Success>(notified).Response.Resultaat);
        await using var db = Fixture.ReadNode();
        Assert.False(await db.SwvReceipts.AnyAsync(r => r.Koppelsleutel == sleutel.Value, _ct));
    }

    [Fact]
    public async Task An_SWV_that_is_not_qualified_gets_no_koppelsleutel_and_the_school_sees_why()
    {
        Fixture.RequireChain();
        var unqualified = await Fixture.Chain.AddSchoolAsync(new DemoSchools.Definition("96SW", "Nog Niet Gekwalificeerd SWV", "SWV", "0000000700096SW00001"),
            qualify: false, cancellationToken: _ct);
        _ = (await Fixture.Chain.Central.Admin.AddSwvMemberAsync(unqualified.Brin, Fixture.Chain.State.Po.Brin, _ct)).Zeker;
        using var po = Fixture.Po;
        var (_, lasId) = await ReleasedSwvPupilAsync();

        var sending = await SendAndWaitAsync(po, lasId, unqualified.Brin);

        Assert.Equal("Mislukt", sending.Status);
        Assert.Equal("NietGekwalificeerd", sending.Resultaat);
        Assert.Contains("Traffic Center", sending.Stappen[^1].Partij);
    }

    [Fact]
    public async Task The_SWV_staff_send_the_terugkoppeling_from_the_portal_and_the_school_staff_read_it()
    {
        Fixture.RequireChain();
        using var po = Fixture.Po;
        using var swvLas = Fixture.Las(Swv);
        var (_, lasId) = await ReleasedSwvPupilAsync();
        var sending = await SendAndWaitAsync(po, lasId, Swv.Brin);
        Guid receiptId;
        await using (var db = Fixture.ReadNode())
            receiptId = await WaitForReceiptAsync((await db.SwvSendings.AsNoTracking().FirstAsync(s => s.Id == sending.Id, _ct)).Koppelsleutel!.Value);
        var xml = await swvLas.SwvDossierXmlAsync(receiptId, _ct);

        // a staff member of the SWV signs in to the School portal
        var email = $"swv-{Guid.NewGuid():N}@openoso.demo";
        Assert.IsType<Oso.School.Staff.StaffResult.Added>(await Fixture.Chain.School.Staff.AddAsync(Swv.Brin, email, "Medewerker 95SW",
            Oso.School.Staff.StaffRol.Medewerker, "Demo-OpenOSO-2026!", Oso.School.Audit.Actor.Node, _ct));
        using var staff = new Wire("swv-medewerker", Fixture.Node.Validator, cookies: true);
        var portal = Fixture.Chain.School.PortalUrl;
        await staff.StaffSignInAsync(portal, new DemoLogin("Medewerker 95SW", email, "Demo-OpenOSO-2026!", "School-portaal"), _ct);

        var list = await staff.GetAsync(new Uri(portal, $"/scholen/{Swv.Brin}/swv"), _ct);
        Assert.Contains($"/scholen/{Swv.Brin}/swv/{receiptId}", list.Body, StringComparison.Ordinal);
        var page = new Uri(portal, $"/scholen/{Swv.Brin}/swv/{receiptId}");
        var detail = await staff.GetAsync(page, _ct);
        Assert.Contains("ondertekend door systeem", detail.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"terugkoppeling\"", detail.Body, StringComparison.Ordinal);

        // not a terugkoppeling: a Dutch error at the field, nothing sent or stored
        var token = await staff.FormTokenAsync(page, _ct);
        var bad = await staff.SendAsync(HttpMethod.Post, page, Wire.Form(new Dictionary<string, string> { ["terugkoppeling"] = "<geen/>" }, token), _ct);
        Assert.Equal(200, bad.Status);
        Assert.Contains("Er is niets verstuurd", bad.Body, StringComparison.Ordinal);
        await using (var db = Fixture.ReadNode())
            Assert.False(await db.Terugkoppelingen.AnyAsync(t => t.ExchangeId == receiptId, _ct));

        // a valid one: one attempt, the outcome on the page, and the school's staff read the decision
        var dossier = DossierReader.Read(new MemoryStream(xml)).Dossier!;
        var terugkoppeling = DossierWriter.ToBytes(SyntheticTerugkoppeling.For(dossier, DemoSchools.SyntheticSchool(DemoSchools.Swv), "SWV-P", ChainFixture.Today,
            "Besluit-uit-het-portaal-5521"));
        var sent = await staff.SendAsync(HttpMethod.Post, page,
            Wire.Form(new Dictionary<string, string> { ["terugkoppeling"] = System.Text.Encoding.UTF8.GetString(terugkoppeling) }, token), _ct);
        Assert.Equal(200, sent.Status);
        Assert.Contains("Verstuurd:", sent.Body, StringComparison.Ordinal);
        Assert.Contains("aangekomen bij de school", sent.Body, StringComparison.Ordinal);

        var back = Assert.Single(await po.FeedbackAsync(_ct), t => t.Richting == "Ontvangen" && t.UitwisselingId == sending.Id);
        var poStaff = await Fixture.StaffAsync("po-medewerker", _ct);
        var schoolList = await poStaff.GetAsync(new Uri(portal, $"/scholen/{Fixture.Chain.State.Po.Brin}/swv"), _ct);
        Assert.Contains($"/scholen/{Fixture.Chain.State.Po.Brin}/swv/terugkoppelingen/{back.Id}", schoolList.Body, StringComparison.Ordinal);
        var read = await poStaff.GetAsync(new Uri(portal, $"/scholen/{Fixture.Chain.State.Po.Brin}/swv/terugkoppelingen/{back.Id}"), _ct);
        Assert.Contains("Besluit-uit-het-portaal-5521", read.Body, StringComparison.Ordinal);
        // the SWV's staff cannot read the school's page, nor the school's staff the SWV's
        Assert.Equal(403, (await staff.GetAsync(new Uri(portal, $"/scholen/{Fixture.Chain.State.Po.Brin}/swv"), _ct)).Status);
        Assert.Equal(403, (await poStaff.GetAsync(page, _ct)).Status);

        // the parents see that the dossier went to the samenwerkingsverband, and what it reported back
        var pupilId = (await Fixture.Chain.School.Services.GetRequiredService<BronDossiers>().FindPupilAsync(Fixture.Chain.State.Po.Brin, lasId, _ct))!.Value;
        var link = Assert.IsType<Oso.School.Parents.ParentLinkResult.Created>(await Fixture.Chain.School.Services.GetRequiredService<Oso.School.Parents.ParentLinks>()
            .CreateAsync(Fixture.Chain.State.Po.Brin, pupilId, "ouder-swv@example.org", Oso.School.Audit.Actor.Node, mail: false, cancellationToken: _ct));
        using var parent = new Wire("ouders", Fixture.Node.Validator, cookies: true);
        var form = await parent.FormTokenAsync(new Uri(portal, "/ouders"), _ct);
        Assert.Equal("/ouders/dossier", (await parent.SendAsync(HttpMethod.Post, new Uri(portal, "/ouders"),
            Wire.Form(new Dictionary<string, string> { ["code"] = link.Token! }, form), _ct)).Location);
        var ouders = await parent.GetAsync(new Uri(portal, "/ouders/dossier"), _ct);
        Assert.Contains("het samenwerkingsverband passend onderwijs", ouders.Body, StringComparison.Ordinal);
        Assert.Contains("Wat het samenwerkingsverband terugmeldde", ouders.Body, StringComparison.Ordinal);
        Assert.Contains("Besluit-uit-het-portaal-5521", ouders.Body, StringComparison.Ordinal);

        // the right of access: the parents' download and the staff's both hold the SWV sending and the terugkoppeling (its XML and its decision)
        foreach (var download in new[]
            {
                await parent.GetAsync(new Uri(portal, "/ouders/dossier?handler=gegevens"), _ct),
                await poStaff.GetAsync(new Uri(portal, $"/scholen/{Fixture.Chain.State.Po.Brin}/dossiers/{pupilId}?handler=gegevens"), _ct),
            })
        {
            Assert.Equal(200, download.Status);
            Assert.Contains("Samenwerkingsverband passend onderwijs", download.Body, StringComparison.Ordinal);
            Assert.Contains("swv/terugkoppeling-1.xml\n", download.Body, StringComparison.Ordinal);
            Assert.Contains("\"samenwerkingsverband\": \"" + Swv.Brin, download.Body, StringComparison.Ordinal);
            Assert.Contains("Besluit-uit-het-portaal-5521", download.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_school_staff_choose_the_SWV_from_the_register_in_the_portal_and_the_dossier_arrives()
    {
        Fixture.RequireChain();
        var (_, lasId) = await ReleasedSwvPupilAsync();
        var po = Fixture.Chain.State.Po.Brin;
        var pupilId = (await Fixture.Chain.School.Services.GetRequiredService<BronDossiers>().FindPupilAsync(po, lasId, _ct))!.Value;
        var staff = await Fixture.StaffAsync("po-medewerker", _ct);
        var portal = Fixture.Chain.School.PortalUrl;
        Assert.Contains($"/scholen/{po}/dossiers/{pupilId}/swv", (await staff.GetAsync(new Uri(portal, $"/scholen/{po}/dossiers/{pupilId}"), _ct)).Body, StringComparison.Ordinal);

        // the page offers the SWVs the school belongs to in Central's register (asked as the school's system)
        var page = new Uri(portal, $"/scholen/{po}/dossiers/{pupilId}/swv");
        var form = await staff.GetAsync(page, _ct);
        Assert.Equal(200, form.Status);
        Assert.Contains($"value=\"{Swv.Brin}\"", form.Body, StringComparison.Ordinal);
        Assert.Contains("id=\"nog-niets\"", form.Body, StringComparison.Ordinal);

        // a BRIN that is not among them: an error at the field, nothing queued
        var token = await staff.FormTokenAsync(page, _ct);
        var fout = await staff.SendAsync(HttpMethod.Post, page, Wire.Form(new Dictionary<string, string> { ["swv"] = "99ZZ" }, token), _ct);
        Assert.Equal(200, fout.Status);
        Assert.Contains("Kies een van de samenwerkingsverbanden van de school", fout.Body, StringComparison.Ordinal);
        await using (var db = Fixture.ReadNode())
            Assert.False(await db.SwvSendings.AnyAsync(x => x.PupilId == pupilId, _ct));

        // the school's SWV: queued, and the SWV fetches it with the koppelsleutel
        var sent = await staff.SendAsync(HttpMethod.Post, page, Wire.Form(new Dictionary<string, string> { ["swv"] = Swv.Brin }, token), _ct);
        Assert.Equal($"/scholen/{po}/dossiers/{pupilId}/swv", sent.Location);
        Guid koppelsleutel;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var db = Fixture.ReadNode())
            {
                var sending = await db.SwvSendings.AsNoTracking().SingleAsync(x => x.PupilId == pupilId, _ct);
                Assert.Equal(Swv.Brin, sending.SwvBrin);
                Assert.StartsWith("Medewerker", sending.CreatedBy, StringComparison.Ordinal);
                if (sending.Status == "Opgehaald") { koppelsleutel = sending.Koppelsleutel!.Value; break; }
                Assert.True(sending.Status is "Wachtrij" or "Gemeld" && watch.Elapsed < Wait, $"Het swv-dossier kwam niet aan: {sending.Status} {sending.Resultaat}");
            }
            await Task.Delay(100, _ct);
        }
        _ = await WaitForReceiptAsync(koppelsleutel);
        var after = await staff.GetAsync(page, _ct);
        Assert.Contains("opgehaald door het samenwerkingsverband", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_school_that_is_not_a_member_of_the_SWV_gets_no_koppelsleutel()
    {
        Fixture.RequireChain();
        var routing = ChainFixture.Routing(Fixture.Chain.State.Vo, Swv);
        var answer = await Fixture.DemoSystem.SendAsync(Fixture.Chain.Central.TrafficCenterUrl, new MeldenNotificatieRequest(routing, null), _ct);
        Assert.Equal(ResultaatCode.GeenRelatieMetDoel, Assert.IsType<MeldenNotificatieResponse.Geweigerd>(
            Assert.IsType<OsoCallResult<MeldenNotificatieResponse>.Success>(answer).Response).Resultaat);
    }

    [Fact]
    public async Task A_terugkoppeling_goes_only_to_an_OV_aanleverpunt_of_the_school()
    {
        Fixture.RequireChain();
        var po = Fixture.Chain.State.Po;
        var swvAanleverpunt = "0000000700091PO00009";
        var from = ChainFixture.Today.AddDays(-1);
        _ = await Fixture.Chain.Central.Admin.AddEndpointAsync(new NieuwAanleverpunt(swvAanleverpunt, Fixture.AanleverpuntUrl(po).ToString(), Uitwisseldoel.Swv,
            DemoChain.SysteemId, from), _ct);
        var routing = ChainFixture.Routing(po, Swv);
        var sleutel = Assert.IsType<MeldenNotificatieResponse.Toegekend>(Assert.IsType<OsoCallResult<MeldenNotificatieResponse>.Success>(
            await Fixture.DemoSystem.SendAsync(Fixture.Chain.Central.TrafficCenterUrl, new MeldenNotificatieRequest(routing, null), _ct)).Response).Koppelsleutel!.Value;

        var terug = new Routering(Brin.Parse(Swv.Brin), RouteringsKenmerk.Parse(Swv.RouteringsKenmerk), Brin.Parse(po.Brin), RouteringsKenmerk.Parse(swvAanleverpunt));
        var answer = await Fixture.DemoSystem.SendAsync(Fixture.Chain.Central.TrafficCenterUrl, new MeldenTerugkoppelingRequest(terug, sleutel), _ct);

        Assert.Equal(ResultaatCode.OnbekendAanleverpunt, Assert.IsType<MeldenTerugkoppelingResponse.Geweigerd>(
            Assert.IsType<OsoCallResult<MeldenTerugkoppelingResponse>.Success>(answer).Response).Resultaat);
        // to the school's OV aanleverpunt the same koppelsleutel is accepted
        var ov = await Fixture.DemoSystem.SendAsync(Fixture.Chain.Central.TrafficCenterUrl,
            new MeldenTerugkoppelingRequest(terug with { DoelRouteringsKenmerk = RouteringsKenmerk.Parse(po.RouteringsKenmerk) }, sleutel), _ct);
        Assert.IsType<MeldenTerugkoppelingResponse.Toegekend>(Assert.IsType<OsoCallResult<MeldenTerugkoppelingResponse>.Success>(ov).Response);
    }
}

public sealed class SqliteSwvTests(SqliteChain fixture) : SwvTests<SqliteChain>(fixture), IClassFixture<SqliteChain>;

public sealed class PostgresSwvTests(PostgresChain fixture) : SwvTests<PostgresChain>(fixture), IClassFixture<PostgresChain>;
