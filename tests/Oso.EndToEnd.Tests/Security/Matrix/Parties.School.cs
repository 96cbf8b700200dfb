using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Cli.Up;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Bulk;
using Oso.School.LasApi;
using Oso.School.Parents;

namespace Oso.EndToEnd.Tests.Security.Matrix;

public sealed partial class Parties
{
    private async Task SetUpSchoolAsync(CancellationToken ct)
    {
        var state = Chain.State;
        LasPo = NewWire("LAS-sleutel (eigen)", bearer: state.Po.LasSleutel);
        LasVo = NewWire("LAS-sleutel andere school", bearer: state.Vo.LasSleutel);
        var (revokedId, revokedKey) = await Chain.School.Admin.CreateLasClientAsync(state.Po.Brin, "Ingetrokken LAS", cancellationToken: ct);
        Assert.True(await Chain.School.Admin.RevokeLasClientAsync(state.Po.Brin, revokedId, ct));
        LasRevoked = NewWire("ingetrokken LAS-sleutel", bearer: revokedKey);
        Secrets.AddRange([state.Po.LasSleutel, state.Vo.LasSleutel, revokedKey]);

        PupilA = await PupilAsync(ct);
        PupilB = await PupilAsync(ct);
        var pupilC = await PupilAsync(ct);

        var staff = state.Logins.Where(l => l.Waar == "School-portaal").ToList();
        PoMedewerker = await StaffSignInAsync("medewerker (eigen school)", staff.Single(l => l.Email.StartsWith("po-medewerker", StringComparison.Ordinal)), ct);
        PoBeheerder = await StaffSignInAsync("beheerder (eigen school)", staff.Single(l => l.Email.StartsWith("po-beheerder", StringComparison.Ordinal)), ct);
        VoMedewerker = await StaffSignInAsync("medewerker andere school", staff.Single(l => l.Email.StartsWith("vo-medewerker", StringComparison.Ordinal)), ct);

        ParentA = await ParentAsync("ouders (eigen link)", PupilA, ct);
        ParentB = await ParentAsync("ouders andere leerling", PupilB, ct);
        ParentExpiring = await ParentAsync("verlopen link", pupilC, ct);

        // the demo VO school received pupil A's dossier: an aanmelding, a request and a received dossier of the other school
        using var vo = _f.Vo;
        VoAanmelding = await vo.RegisterAsync(new AanmeldingDto(PupilA.Pgn.Value, PupilA.Geboortedatum, state.Po.Brin, null, null), ct);
        var request = await vo.WaitForRequestAsync(await vo.RequestAsync(VoAanmelding, null, ct), TimeSpan.FromSeconds(60), ct);
        Assert.Equal("OverdrachtGeslaagd", request.Resultaat);
        VoRequest = request.Id;
        VoReceived = (await vo.ReceivedAsync(onlyNew: false, ct)).Single(r => r.AanmeldingId == VoAanmelding).Id;

        // a bulk action of the primary school, run to its end before any cell (so no cell sees it change the database)
        var actions = Chain.School.Services.GetRequiredService<BulkActions>();
        string medewerker;
        await using (var db = _f.ReadNode())
            medewerker = await db.Users.Where(u => u.Email!.StartsWith("po-medewerker")).Select(u => u.Id).SingleAsync(ct);
        PoBulkJob = await actions.StartAsync(state.Po.Brin, BulkKind.Vrijgeven, [PupilA.Id], medewerker, null, ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (await actions.ProgressAsync(state.Po.Brin, PoBulkJob, ct) is not { } progress || progress.Afgerond < progress.Totaal)
            await Task.Delay(100, deadline.Token);
    }

    private async Task<MatrixPupil> PupilAsync(CancellationToken ct)
    {
        var (pupil, lasId) = await _f.ReleasedPupilAsync(ct);
        var id = (await Chain.School.Services.GetRequiredService<BronDossiers>().FindPupilAsync(Chain.State.Po.Brin, lasId, ct))!.Value;
        var p = new MatrixPupil(lasId, id, ChainFixture.PgnOf(pupil), pupil.Huidigeschool.Leerling.Achternaam, pupil.Huidigeschool.Leerling.Geboortedatum!.Value);
        Secrets.AddRange([p.Pgn.Value, p.Achternaam]);
        return p;
    }

    private async Task<Wire> StaffSignInAsync(string label, DemoLogin login, CancellationToken ct)
    {
        var wire = NewWire(label, cookies: true);
        Secrets.Add(await wire.StaffSignInAsync(Chain.School.PortalUrl, login, ct));
        return wire;
    }

    private async Task<Wire> ParentAsync(string label, MatrixPupil pupil, CancellationToken ct)
    {
        var links = Chain.School.Services.GetRequiredService<ParentLinks>();
        var created = Assert.IsType<ParentLinkResult.Created>(await links.CreateAsync(Chain.State.Po.Brin, pupil.Id, $"ouder-{pupil.LasId}@matrix.example", Actor.Node, mail: false, cancellationToken: ct));
        var token = created.Token!;
        Secrets.Add(token);
        if (label == "verlopen link") ExpiringLinkToken = token;
        var wire = NewWire(label, cookies: true);
        var form = await wire.FormTokenAsync(new Uri(Chain.School.PortalUrl, "/ouders"), ct);
        var opened = await wire.SendAsync(HttpMethod.Post, new Uri(Chain.School.PortalUrl, "/ouders"), Wire.Form(new Dictionary<string, string> { ["code"] = token }, form), ct);
        Assert.Equal("/ouders/dossier", opened.Location);
        return wire;
    }

    private async Task SetUpSessionsAsync(CancellationToken ct)
    {
        Open = await SessionAsync(ct);
        Closed = await SessionAsync(ct);
        await AfmeldenAsync(Closed, ResultaatCode.LeerlingOnbekend, ct);
        Replayed = await SessionAsync(ct);
        Assert.IsType<DocumentResponse.Geleverd>(Answer(await _f.DemoSystem.SendAsync(_f.AanleverpuntUrl(Chain.State.Po), Replayed.Request, ct)));
        await AfmeldenAsync(Replayed, ResultaatCode.OverdrachtGeslaagd, ct);
        Expiring = await SessionAsync(ct);

        // a session with the test school 00YY, and one of the demo PO school with the second VO school
        var testPgn = Pgn.Parse("999991000");
        var geheim = ZoeksleutelGeheim.Nieuw();
        var test = Assert.IsType<OverdrachtResponse.Toegekend>(Answer(await _f.DemoSystem.SendAsync(Chain.Central.TrafficCenterUrl, new OverdrachtRequest(
            Brin.Parse("00YY"), null, Brin.Parse(Chain.State.Vo.Brin), RouteringsKenmerk.Parse(Chain.State.Vo.RouteringsKenmerk),
            new SessieSleutel.Zoek(Zoeksleutel.Bereken(testPgn, geheim)), Overdrachtsoort.Overstapdossier), ct)));
        var testPunt = Assert.Single(test.Aanleverpunten);
        Testschool = new MatrixSession(test.SessieId, testPgn, geheim, new DocumentRequest(
            new Routering(Brin.Parse("00YY"), testPunt.RouteringsKenmerk, Brin.Parse(Chain.State.Vo.Brin), RouteringsKenmerk.Parse(Chain.State.Vo.RouteringsKenmerk)),
            test.SessieId, Overdrachtsoort.Overstapdossier, new DocumentSleutel.Leerling(testPgn, geheim), null));
        var cross = Assert.IsType<OverdrachtResponse.Toegekend>(Answer(await _f.DemoSystem.SendAsync(Chain.Central.TrafficCenterUrl, new OverdrachtRequest(
            Brin.Parse(Chain.State.Po.Brin), null, Brin.Parse(SecondVo.Brin), RouteringsKenmerk.Parse(SecondVo.RouteringsKenmerk),
            new SessieSleutel.Zoek(Zoeksleutel.Bereken(PupilB.Pgn, ZoeksleutelGeheim.Nieuw())), Overdrachtsoort.Overstapdossier), ct)));
        CrossSession = cross.SessieId;

        // a refused request of the VO school (pupil not released yet): its session is what a notificatie names
        var waiting = _f.NewPupil();
        using (var po = _f.Po) await po.DeliverAsync("L" + Guid.NewGuid().ToString("N")[..10], waiting, ct);
        using var vo = _f.Vo;
        var l = waiting.Huidigeschool.Leerling;
        var aanmelding = await vo.RegisterAsync(new AanmeldingDto(ChainFixture.PgnOf(waiting).Value, l.Geboortedatum!.Value, Chain.State.Po.Brin, null, null), ct);
        var refused = await vo.WaitForRequestAsync(await vo.RequestAsync(aanmelding, null, ct), TimeSpan.FromSeconds(60), ct);
        Assert.Equal("LeerlinginfoNietBeschikbaar", refused.Resultaat);
        await using var db = _f.ReadNode();
        NotifiedSession = SessieId.From((await db.TransferRequests.Where(r => r.AanmeldingId == aanmelding).Select(r => r.SessieId).SingleAsync(ct))!.Value);
        Secrets.AddRange([ChainFixture.PgnOf(waiting).Value, l.Achternaam]);
    }

    private async Task<MatrixSession> SessionAsync(CancellationToken ct)
    {
        var geheim = ZoeksleutelGeheim.Nieuw();
        var id = await _f.OpenSessionAsync(PupilA.Pgn, geheim, ct);
        Secrets.Add(geheim.ToBase64());
        return new MatrixSession(id, PupilA.Pgn, geheim, _f.DocumentRequest(id, PupilA.Pgn, geheim));
    }

    private async Task AfmeldenAsync(MatrixSession session, ResultaatCode resultaat, CancellationToken ct) =>
        Assert.Equal(ResultaatCode.AfmeldingOntvangen, Answer(await _f.DemoSystem.SendAsync(Chain.Central.TrafficCenterUrl,
            new AfmeldingRequest(session.Request.Routering, session.Id, resultaat), ct)).Resultaat);

    private static TResponse Answer<TResponse>(OsoCallResult<TResponse> result) where TResponse : OsoResponse =>
        Assert.IsType<OsoCallResult<TResponse>.Success>(result).Response;
}
