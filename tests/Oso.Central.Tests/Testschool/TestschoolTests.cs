using Oso.Central.Register;
using Oso.Central.Tests.Infrastructure;
using Oso.Central.TestSchool;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Validation;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Testschool;

/// <summary>The built-in test school 00YY answers like a real bron; a successful test exchange qualifies a system.</summary>
public abstract class TestschoolTests(CentralFixture f) : IDisposable
{
    private readonly Parties _parties = new(f);

    /// <summary>A whole test exchange as a doel system: overdracht, documentRequest to the test school, afmelding.</summary>
    internal static async Task<(ResultaatCode Code, DocumentResponse Document, SessieId Sessie)> ExchangeAsync(
        CentralFixture f, TestSystem las, OsoSchool doel, string pgn, DateTimeOffset? aanvraagdatum = null, bool afmelden = true)
    {
        var geheim = ZoeksleutelGeheim.Nieuw();
        var leerling = Oso.Dossier.Identifiers.Pgn.Parse(pgn);
        var bron = new OsoSchool(Central.TestSchool.Testschool.Brin, Central.TestSchool.Testschool.RouteringsKenmerk, Sector.PO);
        var toegekend = Assert.IsType<OverdrachtResponse.Toegekend>(await las.CallAsync(f.Central,
            new OverdrachtRequest(bron.BrinValue, null, doel.BrinValue, doel.RkValue, new SessieSleutel.Zoek(Zoeksleutel.Bereken(leerling, geheim)), Overdrachtsoort.Overstapdossier)));
        var punt = Assert.Single(toegekend.Aanleverpunten);
        var routing = new Routering(bron.BrinValue, punt.RouteringsKenmerk, doel.BrinValue, doel.RkValue);
        var result = await las.Soap.SendAsync(punt.Url, new DocumentRequest(routing, toegekend.SessieId, Overdrachtsoort.Overstapdossier,
            new DocumentSleutel.Leerling(leerling, geheim), aanvraagdatum), Ct);
        var document = Assert.IsType<OsoCallResult<DocumentResponse>.Success>(result).Response;
        var code = document is DocumentResponse.NietGeleverd n ? n.Resultaat : ResultaatCode.OverdrachtGeslaagd;
        if (afmelden)
            Assert.Equal(ResultaatCode.AfmeldingOntvangen, (await las.CallAsync(f.Central, new AfmeldingRequest(routing, toegekend.SessieId, code))).Resultaat);
        return (code, document, toegekend.SessieId);
    }

    public static TheoryData<string, ResultaatCode> Leerlingen()
    {
        var data = new TheoryData<string, ResultaatCode>();
        foreach (var l in TestLeerlingen.Alle) data.Add(l.Pgn, l.Resultaat());
        data.Add("111222333", ResultaatCode.LeerlingOnbekend);
        return data;
    }

    [Theory]
    [MemberData(nameof(Leerlingen))]
    public async Task The_test_school_answers_each_test_pupil_with_its_fixed_outcome(string pgn, ResultaatCode verwacht)
    {
        var las = await _parties.SystemAsync(qualified: false);
        var doel = await _parties.SchoolAsync(las, Sector.VO, qualified: false, mandated: false);

        var (code, document, _) = await ExchangeAsync(f, las, doel, pgn);

        Assert.Equal(verwacht, code);
        if (document is DocumentResponse.Geleverd geleverd)
        {
            var report = new DossierValidator().Validate(geleverd.Dossier.OpenRead(), Ct);
            Assert.True(report.Valid, string.Join("\n", report.Meldingen.Select(m => m.Tekst)));
        }
    }

    [Fact]
    public async Task Another_qualified_system_holding_the_session_and_its_key_gets_SysteemNietBevoegd_and_no_dossier()
    {
        var las = await _parties.SystemAsync(qualified: false);
        var other = await _parties.SystemAsync();
        var doel = await _parties.SchoolAsync(las, Sector.VO, qualified: false, mandated: false);
        var geheim = ZoeksleutelGeheim.Nieuw();
        var leerling = Oso.Dossier.Identifiers.Pgn.Parse("999991000");
        var toegekend = Assert.IsType<OverdrachtResponse.Toegekend>(await las.CallAsync(f.Central, new OverdrachtRequest(Brin.Parse(Central.TestSchool.Testschool.Brin), null,
            doel.BrinValue, doel.RkValue, new SessieSleutel.Zoek(Zoeksleutel.Bereken(leerling, geheim)), Overdrachtsoort.Overstapdossier)));
        var punt = Assert.Single(toegekend.Aanleverpunten);
        var routing = new Routering(Brin.Parse(Central.TestSchool.Testschool.Brin), punt.RouteringsKenmerk, doel.BrinValue, doel.RkValue);

        var result = await other.Soap.SendAsync(punt.Url, new DocumentRequest(routing, toegekend.SessieId, Overdrachtsoort.Overstapdossier,
            new DocumentSleutel.Leerling(leerling, geheim), null), Ct);

        var refused = Assert.IsType<DocumentResponse.NietGeleverd>(Assert.IsType<OsoCallResult<DocumentResponse>.Success>(result).Response);
        Assert.Equal(ResultaatCode.SysteemNietBevoegd, refused.Resultaat);
        var trace = (await f.Admin.TraceAsync(toegekend.SessieId.Value, null)).Zeker;
        Assert.Contains(trace.Stappen, t => t.Resultaat == nameof(ResultaatCode.SysteemNietBevoegd) && t.SysteemId == other.Id);
        Assert.DoesNotContain(trace.Stappen, t => t.Stap == TestschoolStappen.Levering && t.Geslaagd);
    }

    [Fact]
    public async Task Asking_only_if_changed_after_the_release_gives_LeerlinginfoNietGewijzigd()
    {
        var las = await _parties.SystemAsync(qualified: false);
        var doel = await _parties.SchoolAsync(las, Sector.VO, qualified: false, mandated: false);
        var (code, _, _) = await ExchangeAsync(f, las, doel, "999991000", TestLeerlingen.Klaargezet.AddDays(1));
        Assert.Equal(ResultaatCode.LeerlinginfoNietGewijzigd, code);
    }

    [Fact]
    public async Task A_successful_test_exchange_qualifies_the_system_and_only_that()
    {
        var las = await _parties.SystemAsync(qualified: false);
        var doel = await _parties.SchoolAsync(las, Sector.VO, qualified: false, mandated: false);
        await ExchangeAsync(f, las, doel, "999991565"); // LeerlinginfoNietBeschikbaar: not yet
        Assert.Null((await f.Admin.SystemAsync(las.Id)).Zeker.GekwalificeerdSinds);

        var (_, _, sessie) = await ExchangeAsync(f, las, doel, "999991000");

        var systeem = (await f.Admin.SystemAsync(las.Id)).Zeker;
        Assert.NotNull(systeem.GekwalificeerdSinds);
        Assert.Contains(sessie.ToString(), systeem.KwalificatieBewijs);
        var trace = (await f.Admin.TraceAsync(sessie.Value, doel.Brin)).Zeker;
        Assert.Equal(["overdracht", "sessiecontrole", "testschool", "afmelding", "kwalificatie"], trace.Stappen.Select(s => s.Stap));
    }

    [Fact]
    public async Task A_system_that_reports_success_without_a_delivery_does_not_qualify()
    {
        var las = await _parties.SystemAsync(qualified: false);
        var doel = await _parties.SchoolAsync(las, Sector.VO, qualified: false, mandated: false);
        var (_, _, sessie) = await ExchangeAsync(f, las, doel, "999991772", afmelden: false);
        var routing = new Routering(Brin.Parse("00YY"), RouteringsKenmerk.Parse(Central.TestSchool.Testschool.RouteringsKenmerk), doel.BrinValue, doel.RkValue);

        _ = await las.CallAsync(f.Central, new AfmeldingRequest(routing, sessie, ResultaatCode.OverdrachtGeslaagd));

        Assert.Null((await f.Admin.SystemAsync(las.Id)).Zeker.GekwalificeerdSinds);
    }

    public void Dispose()
    {
        _parties.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class TestschoolTestsOnSqlite(SqliteCentral f) : TestschoolTests(f), IClassFixture<SqliteCentral>;

public sealed class TestschoolTestsOnPostgres(PostgresCentral f) : TestschoolTests(f), IClassFixture<PostgresCentral>;
