using Oso.Central.Register;
using Oso.Central.Tests.Infrastructure;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.TrafficCenter;

/// <summary>meldenNotificatie (OV and SWV), meldenTerugkoppeling and overzichtAanleverpunt.</summary>
public abstract class MeldingenChecks(CentralFixture f) : IDisposable
{
    private readonly Parties _parties = new(f);

    [Fact]
    public async Task The_bron_of_a_closed_session_may_announce_a_notificatie_and_gets_the_doel_url()
    {
        var las = await _parties.SystemAsync();
        var bron = await _parties.SchoolAsync(las);
        var doel = await _parties.SchoolAsync(las, Sector.VO);
        var sessie = await las.SessionAsync(f.Central, Overdracht(bron, doel));
        _ = await las.CallAsync(f.Central, new AfmeldingRequest(Routing(bron, doel), sessie, ResultaatCode.LeerlinginfoNietBeschikbaar));

        var answer = await las.CallAsync(f.Central, new MeldenNotificatieRequest(Routing(bron, doel), new OverstapAanvraag(sessie, f.Time.GetUtcNow())));

        var toegekend = Assert.IsType<MeldenNotificatieResponse.Toegekend>(answer);
        Assert.Equal($"https://las.example.nl/oso/{doel.Rk}", toegekend.Url.ToString());
        Assert.Null(toegekend.Koppelsleutel);
    }

    [Fact]
    public async Task A_school_that_is_not_the_bron_of_the_session_may_not_announce_a_notificatie()
    {
        var las = await _parties.SystemAsync();
        var bron = await _parties.SchoolAsync(las);
        var doel = await _parties.SchoolAsync(las, Sector.VO);
        var andere = await _parties.SchoolAsync(las);
        var sessie = await las.SessionAsync(f.Central, Overdracht(bron, doel));

        var answer = await las.CallAsync(f.Central, new MeldenNotificatieRequest(Routing(andere, doel), new OverstapAanvraag(sessie, f.Time.GetUtcNow())));
        Assert.Equal(ResultaatCode.SessieAfwijkend, Assert.IsType<MeldenNotificatieResponse.Geweigerd>(answer).Resultaat);

        var ander = await _parties.SystemAsync();
        var fout = await ander.FailAsync(f.Central, new MeldenNotificatieRequest(Routing(bron, doel), new OverstapAanvraag(sessie, f.Time.GetUtcNow())));
        Assert.Equal(403, fout.HttpStatus);
    }

    [Fact]
    public async Task A_system_without_a_mandate_for_the_bron_school_may_not_announce_a_notificatie_and_is_not_named_in_the_overview()
    {
        var las = await _parties.SystemAsync();
        var bron = await _parties.SchoolAsync(las, mandated: false); // the aanleverpunt is still registered on las
        var doel = await _parties.SchoolAsync(las, Sector.VO);
        var sessie = await las.SessionAsync(f.Central, Overdracht(bron, doel));

        var answer = await las.CallAsync(f.Central, new MeldenNotificatieRequest(Routing(bron, doel), new OverstapAanvraag(sessie, f.Time.GetUtcNow())));

        Assert.Equal(ResultaatCode.GeenMandaat, Assert.IsType<MeldenNotificatieResponse.Geweigerd>(answer).Resultaat);
        var punt = Assert.Single((await las.CallAsync(f.Central, new OverzichtAanleverpuntRequest(bron.BrinValue, null, null))).Aanleverpunten);
        Assert.Null(punt.Systeem);
    }

    [Fact]
    public async Task An_swv_exchange_gets_a_koppelsleutel_a_session_with_it_and_the_terugkoppeling_url()
    {
        var las = await _parties.SystemAsync();
        var school = await _parties.SchoolAsync(las); // the school sends from, and hears back on, its OV aanleverpunt
        var swv = await _parties.SchoolAsync(las, Sector.SWV, doel: Uitwisseldoel.Swv);
        _ = (await f.Admin.AddSwvMemberAsync(swv.Brin, school.Brin)).Zeker; // a koppelsleutel only for a member school of the SWV

        var melding = Assert.IsType<MeldenNotificatieResponse.Toegekend>(await las.CallAsync(f.Central, new MeldenNotificatieRequest(Routing(school, swv), null)));
        var koppelsleutel = Assert.NotNull(melding.Koppelsleutel);
        Assert.Equal($"https://las.example.nl/oso/{swv.Rk}", melding.Url.ToString());

        // the SWV asks the dossier with the koppelsleutel; a made-up koppelsleutel is refused
        var sessie = await las.SessionAsync(f.Central, Overdracht(school, swv, new SessieSleutel.Koppel(koppelsleutel), Overdrachtsoort.SwvDossier));
        Assert.Equal(ResultaatCode.GeenRelatieMetDoel,
            await las.RefusedAsync(f.Central, Overdracht(school, swv, new SessieSleutel.Koppel(Koppelsleutel.New()), Overdrachtsoort.SwvDossier)));
        Assert.IsType<SessiecontroleResponse.Geldig>(await las.CallAsync(f.Central,
            new SessiecontroleRequest(Routing(school, swv), new SessieSleutel.Koppel(koppelsleutel), Overdrachtsoort.SwvDossier, sessie)));

        var terug = await las.CallAsync(f.Central, new MeldenTerugkoppelingRequest(Routing(swv, school), koppelsleutel));
        Assert.Equal($"https://las.example.nl/oso/{school.Rk}", Assert.IsType<MeldenTerugkoppelingResponse.Toegekend>(terug).Url.ToString());
        var fout = await las.CallAsync(f.Central, new MeldenTerugkoppelingRequest(Routing(swv, school), Koppelsleutel.New()));
        Assert.Equal(ResultaatCode.GeenRelatieMetDoel, Assert.IsType<MeldenTerugkoppelingResponse.Geweigerd>(fout).Resultaat);
    }

    [Fact]
    public async Task An_swv_notificatie_from_an_aanleverpunt_that_is_not_the_schools_ov_aanleverpunt_gets_no_koppelsleutel()
    {
        var las = await _parties.SystemAsync();
        var school = await _parties.SchoolAsync(las, doel: Uitwisseldoel.Swv); // a session could never reach it: the SWV asks OV aanleverpunten
        var swv = await _parties.SchoolAsync(las, Sector.SWV, doel: Uitwisseldoel.Swv);
        _ = (await f.Admin.AddSwvMemberAsync(swv.Brin, school.Brin)).Zeker;
        var answer = await las.CallAsync(f.Central, new MeldenNotificatieRequest(Routing(school, swv), null));
        Assert.Equal(ResultaatCode.GeenActiefAanleverpunt, Assert.IsType<MeldenNotificatieResponse.Geweigerd>(answer).Resultaat);
    }

    [Fact]
    public async Task An_swv_notificatie_to_a_school_that_is_no_swv_is_refused()
    {
        var las = await _parties.SystemAsync();
        var school = await _parties.SchoolAsync(las);
        var geenSwv = await _parties.SchoolAsync(las, Sector.VO, doel: Uitwisseldoel.Swv);
        var answer = await las.CallAsync(f.Central, new MeldenNotificatieRequest(Routing(school, geenSwv), null));
        Assert.Equal(ResultaatCode.GeenRelatieMetDoel, Assert.IsType<MeldenNotificatieResponse.Geweigerd>(answer).Resultaat);
    }

    [Fact]
    public async Task The_overview_lists_active_aanleverpunten_of_schools_that_take_part()
    {
        var las = await _parties.SystemAsync();
        var school = await _parties.SchoolAsync(las);
        var ingetrokken = await _parties.SchoolAsync(las);
        _ = (await f.Admin.RevokeSchoolAsync(ingetrokken.Brin, "test")).Zeker;

        var een = await las.CallAsync(f.Central, new OverzichtAanleverpuntRequest(school.BrinValue, null, null));
        var punt = Assert.Single(een.Aanleverpunten);
        Assert.Equal(school.Rk, punt.RouteringsKenmerk.Value);
        Assert.Equal(las.Id, punt.Systeem?.Value); // a node checks the sender of a notificatie against it
        Assert.Empty((await las.CallAsync(f.Central, new OverzichtAanleverpuntRequest(ingetrokken.BrinValue, null, null))).Aanleverpunten);
        var alle = await las.CallAsync(f.Central, new OverzichtAanleverpuntRequest(null, Uitwisseldoel.Ov, null));
        Assert.Contains(alle.Aanleverpunten, a => a.RouteringsKenmerk.Value == school.Rk);
        Assert.DoesNotContain(alle.Aanleverpunten, a => a.RouteringsKenmerk.Value == ingetrokken.Rk);
    }

    public void Dispose()
    {
        _parties.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class MeldingenChecksOnSqlite(SqliteCentral f) : MeldingenChecks(f), IClassFixture<SqliteCentral>;

public sealed class MeldingenChecksOnPostgres(PostgresCentral f) : MeldingenChecks(f), IClassFixture<PostgresCentral>;
