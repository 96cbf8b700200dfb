using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Central.Register;
using Oso.Central.Storage;
using Oso.Central.Tests.Infrastructure;
using Oso.Central.TrafficCenter;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.TrafficCenter;

/// <summary>sessiecontrole and afmelding: every field must match the session; each check broken once.</summary>
public abstract class SessieChecks(CentralFixture f) : IDisposable
{
    private readonly Parties _parties = new(f);

    private sealed record Opgezet(TestSystem Las, OsoSchool Bron, OsoSchool Doel, SessieSleutel.Zoek Sleutel, SessieId Sessie)
    {
        public SessiecontroleRequest Controle(Routering? routing = null, SessieSleutel? sleutel = null, Overdrachtsoort soort = Overdrachtsoort.Overstapdossier, SessieId? sessie = null) =>
            new(routing ?? Routing(Bron, Doel), sleutel ?? Sleutel, soort, sessie ?? Sessie);

        public AfmeldingRequest Afmelding(ResultaatCode resultaat = ResultaatCode.OverdrachtGeslaagd) => new(Routing(Bron, Doel), Sessie, resultaat);
    }

    private async Task<Opgezet> SessionAsync()
    {
        var las = await _parties.SystemAsync();
        var bron = await _parties.SchoolAsync(las, Sector.PO);
        var doel = await _parties.SchoolAsync(las, Sector.VO);
        var sleutel = NieuweZoeksleutel();
        var sessie = await las.SessionAsync(f.Central, Overdracht(bron, doel, sleutel));
        return new Opgezet(las, bron, doel, sleutel, sessie);
    }

    [Fact]
    public async Task A_sessiecontrole_that_matches_the_session_answers_the_doel_sector_school_aanleverpunt_and_system()
    {
        var s = await SessionAsync();
        var answer = Assert.IsType<SessiecontroleResponse.Geldig>(await s.Las.CallAsync(f.Central, s.Controle()));
        Assert.Equal("VO", answer.Sector);
        Assert.Equal(s.Doel.BrinValue, answer.DoelBrin);
        Assert.Equal(s.Doel.RkValue, answer.DoelRouteringsKenmerk);
        Assert.Equal(s.Las.Id, answer.DoelSysteem.Value); // what the bron binds the documentRequest to
    }

    [Fact]
    public async Task An_unknown_session_id_is_SessieAfwijkend()
    {
        var s = await SessionAsync();
        Assert.Equal(ResultaatCode.SessieAfwijkend, await s.Las.ControleAsync(f.Central, s.Controle(sessie: SessieId.New())));
    }

    [Fact]
    public async Task Another_zoeksleutel_is_SessieAfwijkend()
    {
        var s = await SessionAsync();
        Assert.Equal(ResultaatCode.SessieAfwijkend, await s.Las.ControleAsync(f.Central, s.Controle(sleutel: NieuweZoeksleutel())));
    }

    [Fact]
    public async Task Another_overdrachtsoort_is_SessieAfwijkend()
    {
        var s = await SessionAsync();
        var binnenBrin = new Routering(s.Bron.BrinValue, s.Bron.RkValue, s.Bron.BrinValue, s.Doel.RkValue);
        Assert.Equal(ResultaatCode.SessieAfwijkend, await s.Las.ControleAsync(f.Central, s.Controle(soort: Overdrachtsoort.SwvDossier)));
        Assert.NotEqual(ResultaatCode.SessieAfwijkend, ResultaatCode.GeenRelatieMetDoel);
        Assert.Equal(ResultaatCode.SessieAfwijkend, await s.Las.ControleAsync(f.Central, s.Controle(binnenBrin, soort: Overdrachtsoort.OverdrachtBinnenBrin)));
    }

    [Fact]
    public async Task Binnen_brin_with_different_brins_is_GeenRelatieMetDoel()
    {
        var s = await SessionAsync();
        Assert.Equal(ResultaatCode.GeenRelatieMetDoel, await s.Las.ControleAsync(f.Central, s.Controle(soort: Overdrachtsoort.OverdrachtBinnenBrin)));
    }

    [Fact]
    public async Task Another_bron_school_of_the_same_system_is_SessieAfwijkend()
    {
        var s = await SessionAsync();
        var andere = await _parties.SchoolAsync(s.Las);
        Assert.Equal(ResultaatCode.SessieAfwijkend, await s.Las.ControleAsync(f.Central, s.Controle(Routing(andere, s.Doel))));
    }

    [Fact]
    public async Task Another_doel_school_is_SessieAfwijkend_and_another_doel_aanleverpunt_is_OnbekendAanleverpunt()
    {
        var s = await SessionAsync();
        var andere = await _parties.SchoolAsync(s.Las, Sector.VO);
        Assert.Equal(ResultaatCode.SessieAfwijkend, await s.Las.ControleAsync(f.Central, s.Controle(Routing(s.Bron, andere))));
        var anderPunt = new Routering(s.Bron.BrinValue, s.Bron.RkValue, s.Doel.BrinValue, RouteringsKenmerk.Parse($"00000007000{s.Doel.Brin}00777"));
        Assert.Equal(ResultaatCode.OnbekendAanleverpunt, await s.Las.ControleAsync(f.Central, s.Controle(anderPunt)));
    }

    [Fact]
    public async Task A_bron_aanleverpunt_of_another_system_is_refused_at_the_authorization_level()
    {
        var s = await SessionAsync();
        var ander = await _parties.SystemAsync();

        var fout = await ander.FailAsync(f.Central, s.Controle());

        Assert.Equal(403, fout.HttpStatus);
        var trace = (await f.Admin.TraceAsync(s.Sessie.Value)).Zeker;
        Assert.DoesNotContain(trace.Stappen, t => t.Stap == "sessiecontrole" && t.Geslaagd);
    }

    [Fact]
    public async Task After_the_afmelding_a_sessiecontrole_is_SessieReedsAfgemeld()
    {
        var s = await SessionAsync();
        Assert.Equal(ResultaatCode.AfmeldingOntvangen, (await s.Las.CallAsync(f.Central, s.Afmelding())).Resultaat);
        Assert.Equal(ResultaatCode.SessieReedsAfgemeld, await s.Las.ControleAsync(f.Central, s.Controle()));
    }

    [Fact]
    public async Task An_expired_session_is_SessieVerlopen_for_sessiecontrole_and_afmelding()
    {
        var s = await SessionAsync();
        f.Time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(ResultaatCode.SessieVerlopen, await s.Las.ControleAsync(f.Central, s.Controle()));
        Assert.Equal(ResultaatCode.SessieVerlopen, (await s.Las.CallAsync(f.Central, s.Afmelding())).Resultaat);
    }

    [Fact]
    public async Task The_afmelding_records_the_beste_resultaat_once_and_a_second_is_SessieReedsAfgemeld()
    {
        var s = await SessionAsync();
        Assert.Equal(ResultaatCode.AfmeldingOntvangen, (await s.Las.CallAsync(f.Central, s.Afmelding(ResultaatCode.LeerlinginfoNietBeschikbaar))).Resultaat);
        Assert.Equal(ResultaatCode.SessieReedsAfgemeld, (await s.Las.CallAsync(f.Central, s.Afmelding())).Resultaat);

        var trace = (await f.Admin.TraceAsync(s.Sessie.Value, s.Bron.Brin)).Zeker;
        Assert.Equal(SessieStatus.Afgemeld, trace.Sessie.Status);
        Assert.Equal("LeerlinginfoNietBeschikbaar", trace.Sessie.Resultaat);
        var afmelding = trace.Stappen.First(t => t.Stap == "afmelding");
        Assert.Contains("Actie voor de bronschool: het dossier samenstellen en klaarzetten.", afmelding.Toelichting);
    }

    [Fact]
    public async Task Only_the_doel_system_of_the_session_may_close_it()
    {
        var s = await SessionAsync();
        var ander = await _parties.SystemAsync();
        Assert.Equal(403, (await ander.FailAsync(f.Central, s.Afmelding())).HttpStatus);
    }

    [Fact]
    public async Task Two_afmeldingen_at_once_close_the_session_once()
    {
        var s = await SessionAsync();
        var antwoorden = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => s.Las.CallAsync(f.Central, s.Afmelding())));
        Assert.Single(antwoorden, a => a.Resultaat == ResultaatCode.AfmeldingOntvangen);
        Assert.All(antwoorden.Where(a => a.Resultaat != ResultaatCode.AfmeldingOntvangen), a => Assert.Equal(ResultaatCode.SessieReedsAfgemeld, a.Resultaat));
    }

    [Fact]
    public async Task The_same_overdracht_asked_again_gets_the_open_session_it_was_granted_before()
    {
        // the doel's instance was killed after the TC granted, before it kept the session: its retry sends the same zoeksleutel
        var s = await SessionAsync();
        var again = await s.Las.SessionAsync(f.Central, Overdracht(s.Bron, s.Doel, s.Sleutel));
        Assert.Equal(s.Sessie, again);
        var open = (await f.Admin.SessionsAsync(s.Doel.Brin)).Where(x => x.Status == SessieStatus.Open).ToList();
        Assert.Equal(s.Sessie.Value, Assert.Single(open).Id);
        Assert.Contains("er is geen tweede sessie uitgegeven", (await f.Admin.TraceAsync(s.Sessie.Value, s.Doel.Brin)).Zeker.Stappen[^1].Toelichting);

        // one afmelding closes it; asked again after that, it is a new session
        Assert.Equal(ResultaatCode.AfmeldingOntvangen, (await s.Las.CallAsync(f.Central, s.Afmelding())).Resultaat);
        Assert.NotEqual(s.Sessie, await s.Las.SessionAsync(f.Central, Overdracht(s.Bron, s.Doel, s.Sleutel)));
    }

    [Fact]
    public async Task Another_zoeksleutel_another_routing_or_an_expired_session_is_a_new_session_and_another_system_gets_none()
    {
        var s = await SessionAsync();
        Assert.NotEqual(s.Sessie, await s.Las.SessionAsync(f.Central, Overdracht(s.Bron, s.Doel, NieuweZoeksleutel())));
        Assert.NotEqual(s.Sessie, await s.Las.SessionAsync(f.Central, Overdracht(s.Bron, s.Doel, s.Sleutel, bronRk: s.Bron.RkValue)));
        var ander = await _parties.SystemAsync();
        Assert.Equal(403, (await ander.FailAsync(f.Central, Overdracht(s.Bron, s.Doel, s.Sleutel))).HttpStatus);

        f.Time.Advance(TimeSpan.FromHours(25));
        Assert.NotEqual(s.Sessie, await s.Las.SessionAsync(f.Central, Overdracht(s.Bron, s.Doel, s.Sleutel)));
    }

    [Fact]
    public async Task The_session_and_trace_steps_a_call_writes_read_back_with_every_field_as_it_was_given()
    {
        // the Traffic Center writes them with its own INSERT statements (ADR 0015): the engine's formats must be EF Core's
        var s = await SessionAsync();
        var nu = f.Time.GetUtcNow();
        Assert.Equal(ResultaatCode.AfmeldingOntvangen, (await s.Las.CallAsync(f.Central, s.Afmelding(ResultaatCode.LeerlinginfoNietBeschikbaar))).Resultaat);

        await using var db = await f.Central.Services.GetRequiredService<IDbContextFactory<CentralDb>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var sessie = await db.Sessies.AsNoTracking().SingleAsync(x => x.Id == s.Sessie.Value, TestContext.Current.CancellationToken);
        Assert.Equal((SessieSoort.Overdracht, SessieStatus.Afgemeld, Overdrachtsoort.Overstapdossier), (sessie.Soort, sessie.Status, sessie.Overdrachtsoort));
        Assert.Equal((s.Bron.Brin, (string?)null, s.Doel.Brin, s.Doel.Rk, s.Las.Id),
            (sessie.BronBrin, sessie.BronRouteringsKenmerk, sessie.DoelBrin, sessie.DoelRouteringsKenmerk, sessie.SysteemId));
        Assert.Equal(s.Sleutel.Zoeksleutel.ToBase64(), sessie.Zoeksleutel);
        Assert.Null(sessie.Koppelsleutel);
        Assert.Equal(nu, sessie.AangemaaktOp);
        Assert.Equal(nu + TimeSpan.FromHours(24), sessie.VerlooptOp);
        Assert.Equal((ResultaatCode?)ResultaatCode.LeerlinginfoNietBeschikbaar, sessie.Resultaat);
        // found by the queries that select on them: by id, by zoeksleutel and status, by the doel school and time
        Assert.Equal(1, await db.Sessies.CountAsync(x => x.Zoeksleutel == sessie.Zoeksleutel && x.Status == SessieStatus.Afgemeld
            && x.VerlooptOp > nu && x.DoelBrin == s.Doel.Brin, TestContext.Current.CancellationToken));

        var stappen = await db.TraceStappen.AsNoTracking().Where(t => t.SessieId == s.Sessie.Value).OrderBy(t => t.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["overdracht", "afmelding"], stappen.Select(t => t.Stap));
        Assert.All(stappen, t => Assert.Equal((nu, s.Las.Id, s.Bron.Brin, s.Doel.Brin), (t.Tijd, t.SysteemId, t.BronBrin, t.DoelBrin)));
        Assert.Equal(((ResultaatCode?)null, true), (stappen[0].Resultaat, stappen[0].Geslaagd));
        Assert.Equal(((ResultaatCode?)ResultaatCode.LeerlinginfoNietBeschikbaar, false, s.Bron.Rk), (stappen[1].Resultaat, stappen[1].Geslaagd, stappen[1].Aanleverpunt));
        Assert.StartsWith("Sessie uitgegeven aan systeem", stappen[0].Toelichting);
        Assert.True(stappen[1].Id > stappen[0].Id);
    }

    public void Dispose()
    {
        _parties.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SessieChecksOnSqlite(SqliteCentral f) : SessieChecks(f), IClassFixture<SqliteCentral>;

public sealed class SessieChecksOnPostgres(PostgresCentral f) : SessieChecks(f), IClassFixture<PostgresCentral>;
