using Oso.Central.Register;
using Oso.Central.TrafficCenter;
using Oso.Central.Tests.Infrastructure;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.TrafficCenter;

/// <summary>Every check of an overdrachtRequest, each broken once (OSO.md §6).</summary>
public abstract class OverdrachtChecks(CentralFixture f) : IDisposable
{
    private readonly Parties _parties = new(f);

    private async Task<(TestSystem Las, OsoSchool Bron, OsoSchool Doel)> SetupAsync(bool doelQualified = true, bool doelMandated = true, bool systemQualified = true)
    {
        var las = await _parties.SystemAsync(qualified: systemQualified);
        var bron = await _parties.SchoolAsync(las, Sector.PO);
        var doel = await _parties.SchoolAsync(las, Sector.VO, qualified: doelQualified, mandated: doelMandated);
        return (las, bron, doel);
    }

    [Fact]
    public async Task A_qualified_and_mandated_doel_gets_a_session_with_the_bron_aanleverpunten()
    {
        var (las, bron, doel) = await SetupAsync();

        var answer = Assert.IsType<OverdrachtResponse.Toegekend>(await las.CallAsync(f.Central, Overdracht(bron, doel)));

        Assert.Equal(bron.Rk, Assert.Single(answer.Aanleverpunten).RouteringsKenmerk.Value);
        var trace = (await f.Admin.TraceAsync(answer.SessieId.Value, doel.Brin)).Zeker;
        Assert.Equal(SessieStatus.Open, trace.Sessie.Status);
        Assert.Contains("Sessie uitgegeven", Assert.Single(trace.Stappen).Toelichting);
    }

    [Fact]
    public async Task An_unqualified_doel_school_is_refused()
    {
        var (las, bron, doel) = await SetupAsync(doelQualified: false);
        Assert.Equal(ResultaatCode.NietGekwalificeerd, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));
    }

    [Fact]
    public async Task An_unqualified_doel_system_is_refused()
    {
        var (las, bron, doel) = await SetupAsync(systemQualified: false);
        Assert.Equal(ResultaatCode.NietGekwalificeerd, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));
    }

    [Fact]
    public async Task A_doel_school_that_did_not_mandate_the_system_is_refused_and_the_trace_says_who_must_act()
    {
        var (las, bron, doel) = await SetupAsync(doelMandated: false);

        Assert.Equal(ResultaatCode.GeenMandaat, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));

        var sessie = (await f.Admin.SessionsAsync(doel.Brin)).First();
        Assert.Equal(SessieStatus.Geweigerd, sessie.Status);
        var stap = Assert.Single((await f.Admin.TraceAsync(sessie.Id, doel.Brin)).Zeker.Stappen);
        Assert.Contains($"geen (geldig) mandaat gegeven voor school {doel.Brin}", stap.Toelichting);
        Assert.Contains("Actie voor de doelschool", stap.Toelichting);
    }

    [Fact]
    public async Task An_ended_mandate_is_refused()
    {
        var (las, bron, doel) = await SetupAsync(doelMandated: false);
        var mandaat = (await f.Admin.AddMandateAsync(new NieuwMandaat(Parties.Bestuur, doel.Brin, las.Id, _parties.Today.AddDays(-30), _parties.Today.AddDays(-1)))).Zeker;
        Assert.False(mandaat.Geldig);

        Assert.Equal(ResultaatCode.GeenMandaat, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));
    }

    [Fact]
    public async Task An_unknown_doel_aanleverpunt_is_refused()
    {
        var (las, bron, doel) = await SetupAsync();
        var onbekend = RouteringsKenmerk.Parse($"00000007000{doel.Brin}00999");
        Assert.Equal(ResultaatCode.OnbekendAanleverpunt, await las.RefusedAsync(f.Central, Overdracht(bron, doel, doelRk: onbekend)));
    }

    [Fact]
    public async Task A_doel_aanleverpunt_that_is_not_yet_active_is_refused()
    {
        var (las, bron, doel) = await SetupAsync();
        var later = $"00000007000{doel.Brin}00002";
        _ = (await f.Admin.AddEndpointAsync(new NieuwAanleverpunt(later, "https://las.example.nl/later", Uitwisseldoel.Ov, las.Id, _parties.Today.AddDays(10)))).Zeker;

        Assert.Equal(ResultaatCode.OnbekendAanleverpunt, await las.RefusedAsync(f.Central, Overdracht(bron, doel, doelRk: RouteringsKenmerk.Parse(later))));
    }

    [Fact]
    public async Task A_doel_aanleverpunt_of_another_system_is_refused_at_the_authorization_level()
    {
        var (las, bron, doel) = await SetupAsync();
        var ander = await _parties.SystemAsync();

        var fout = await ander.FailAsync(f.Central, Overdracht(bron, doel));

        Assert.Equal(403, fout.HttpStatus);
        Assert.Contains(await f.Admin.LooseStepsAsync(doel.Brin), s => s.SysteemId == ander.Id && s.Toelichting.Contains("autorisatieniveau"));
    }

    [Fact]
    public async Task An_unknown_bron_school_is_refused()
    {
        var (las, _, doel) = await SetupAsync();
        var onbekend = new OsoSchool(f.NextBrin(), "", Sector.PO);
        Assert.Equal(ResultaatCode.VerstrekkerNietBekend,
            await las.RefusedAsync(f.Central, new OverdrachtRequest(onbekend.BrinValue, null, doel.BrinValue, doel.RkValue, NieuweZoeksleutel(), Overdrachtsoort.Overstapdossier)));
    }

    [Fact]
    public async Task A_bron_school_whose_participation_was_revoked_is_refused()
    {
        var (las, bron, doel) = await SetupAsync();
        _ = (await f.Admin.RevokeSchoolAsync(bron.Brin, "test")).Zeker;
        Assert.Equal(ResultaatCode.VerstrekkerNietBekend, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));
    }

    [Fact]
    public async Task An_unqualified_bron_school_is_refused()
    {
        var las = await _parties.SystemAsync();
        var bron = await _parties.SchoolAsync(las, qualified: false);
        var doel = await _parties.SchoolAsync(las, Sector.VO);
        Assert.Equal(ResultaatCode.VerstrekkerNietBekend, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));
    }

    [Fact]
    public async Task A_bron_without_an_active_aanleverpunt_for_the_transfer_is_refused()
    {
        var las = await _parties.SystemAsync();
        var bron = await _parties.SchoolAsync(las, doel: Uitwisseldoel.Swv); // only an SWV aanleverpunt
        var doel = await _parties.SchoolAsync(las, Sector.VO);
        Assert.Equal(ResultaatCode.GeenActiefAanleverpunt, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));
    }

    [Fact]
    public async Task A_koppelsleutel_for_an_overstapdossier_is_refused()
    {
        var (las, bron, doel) = await SetupAsync();
        Assert.Equal(ResultaatCode.OngeldigVerzoek,
            await las.RefusedAsync(f.Central, Overdracht(bron, doel, new SessieSleutel.Koppel(Koppelsleutel.New()))));
    }

    [Fact]
    public async Task A_zoeksleutel_for_an_swv_dossier_is_refused()
    {
        var (las, bron, doel) = await SetupAsync();
        Assert.Equal(ResultaatCode.OngeldigVerzoek, await las.RefusedAsync(f.Central, Overdracht(bron, doel, soort: Overdrachtsoort.SwvDossier)));
    }

    [Fact]
    public async Task A_transfer_within_one_brin_between_different_brins_is_refused()
    {
        var (las, bron, doel) = await SetupAsync();
        Assert.Equal(ResultaatCode.GeenRelatieMetDoel, await las.RefusedAsync(f.Central, Overdracht(bron, doel, soort: Overdrachtsoort.OverdrachtBinnenBrin)));
    }

    [Fact]
    public async Task A_bron_aanleverpunt_of_another_school_is_refused()
    {
        var (las, bron, doel) = await SetupAsync();
        Assert.Equal(ResultaatCode.OngeldigVerzoek, await las.RefusedAsync(f.Central, Overdracht(bron, doel, bronRk: doel.RkValue)));
    }

    public void Dispose()
    {
        _parties.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class OverdrachtChecksOnSqlite(SqliteCentral f) : OverdrachtChecks(f), IClassFixture<SqliteCentral>;

public sealed class OverdrachtChecksOnPostgres(PostgresCentral f) : OverdrachtChecks(f), IClassFixture<PostgresCentral>;
