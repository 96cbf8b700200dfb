using System.Net;
using System.Text.Json;
using Oso.Central.Register;
using Oso.Central.Tests.Infrastructure;
using Oso.Protocol.Messages;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Swv;

/// <summary>GET /oso/register/swv/{brin}: the SWVs a school belongs to, for the system that serves it, each with whether it can receive today.</summary>
public abstract class SwvKeuzeChecks(CentralFixture f) : IDisposable
{
    private readonly Parties _parties = new(f);

    private Uri Address(OsoSchool school) => new(f.Central.ProtocolUrl, "/oso/register/swv/" + school.Brin);

    [Fact]
    public async Task The_school_system_sees_the_SWVs_its_school_belongs_to_and_which_can_receive_today()
    {
        var las = await _parties.SystemAsync();
        var school = await _parties.SchoolAsync(las);
        var actief = await _parties.SchoolAsync(las, Sector.SWV, doel: Uitwisseldoel.Swv);
        var ongekwalificeerd = await _parties.SchoolAsync(las, Sector.SWV, qualified: false, doel: Uitwisseldoel.Swv);
        var zonderPunt = await _parties.SchoolAsync(las, Sector.SWV); // only an OV aanleverpunt: no SWV dossier can reach it
        var nietLid = await _parties.SchoolAsync(las, Sector.SWV, doel: Uitwisseldoel.Swv);
        foreach (var swv in new[] { actief, ongekwalificeerd, zonderPunt })
            _ = (await f.Admin.AddSwvMemberAsync(swv.Brin, school.Brin)).Zeker;

        using var answer = await las.Http.GetAsync(Address(school), Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        var lijst = json.RootElement.GetProperty("samenwerkingsverbanden").EnumerateArray()
            .ToDictionary(e => e.GetProperty("brin").GetString()!, e => (Bereikbaar: e.GetProperty("bereikbaar").GetBoolean(), Waarom: e.GetProperty("waarom").GetString()));
        Assert.Equal(3, lijst.Count);
        Assert.DoesNotContain(nietLid.Brin, lijst.Keys);
        Assert.True(lijst[actief.Brin].Bereikbaar);
        Assert.Null(lijst[actief.Brin].Waarom);
        Assert.False(lijst[ongekwalificeerd.Brin].Bereikbaar);
        Assert.Contains("niet gekwalificeerd", lijst[ongekwalificeerd.Brin].Waarom, StringComparison.Ordinal);
        Assert.False(lijst[zonderPunt.Brin].Bereikbaar);
        Assert.Contains("geen actief aanleverpunt", lijst[zonderPunt.Brin].Waarom, StringComparison.Ordinal);

        // the list matches the Traffic Center: the reachable SWV gets a koppelsleutel
        Assert.IsType<MeldenNotificatieResponse.Toegekend>(await las.CallAsync(f.Central, new MeldenNotificatieRequest(Routing(school, actief), null)));
    }

    [Fact]
    public async Task Another_system_does_not_get_a_schools_SWVs()
    {
        var las = await _parties.SystemAsync();
        var school = await _parties.SchoolAsync(las);
        var ander = await _parties.SystemAsync();
        using var answer = await ander.Http.GetAsync(Address(school), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("register.niet-bevoegd", await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // nor without a mandate (the aanleverpunt alone is not enough)
        var zonderMandaat = await _parties.SchoolAsync(las, mandated: false);
        using var geen = await las.Http.GetAsync(Address(zonderMandaat), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, geen.StatusCode);

        // the operator sees both refusals in Central's audit log: which system asked for which school's list, and why not
        var audit = await f.Admin.AuditAsync(1000, Ct);
        var ander403 = Assert.Single(audit, a => a.Actie == "swv.lijst.geweigerd" && a.Door == "systeem " + ander.Id);
        Assert.Equal("school " + school.Brin, ander403.Onderwerp);
        Assert.Contains($"geen geldig mandaat van het bestuur van school {school.Brin}", ander403.Details, StringComparison.Ordinal);
        var eigen403 = Assert.Single(audit, a => a.Actie == "swv.lijst.geweigerd" && a.Door == "systeem " + las.Id);
        Assert.Equal("school " + zonderMandaat.Brin, eigen403.Onderwerp);
        // an answered list is not audited (register data, no personal data; docs/central.md §6)
        using var eigen = await las.Http.GetAsync(Address(school), Ct);
        Assert.Equal(HttpStatusCode.OK, eigen.StatusCode);
        Assert.Single(await f.Admin.AuditAsync(1000, Ct), a => a.Door == "systeem " + las.Id);
    }

    [Fact]
    public async Task A_school_outside_the_register_is_refused_and_the_audit_says_why()
    {
        var las = await _parties.SystemAsync();
        var onbekend = f.NextBrin();
        using var answer = await las.Http.GetAsync(new Uri(f.Central.ProtocolUrl, "/oso/register/swv/" + onbekend), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        var body = await answer.Content.ReadAsStringAsync(Ct);
        Assert.Contains("register.niet-bevoegd", body, StringComparison.Ordinal);
        Assert.DoesNotContain("niet in het OSO-register", body, StringComparison.Ordinal); // the caller learns no more than "not yours"
        var regel = Assert.Single(await f.Admin.AuditAsync(1000, Ct), a => a.Actie == "swv.lijst.geweigerd" && a.Door == "systeem " + las.Id);
        Assert.Equal("school " + onbekend, regel.Onderwerp);
        Assert.Contains($"School {onbekend} staat niet in het OSO-register.", regel.Details, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _parties.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SwvKeuzeChecksOnSqlite(SqliteCentral f) : SwvKeuzeChecks(f), IClassFixture<SqliteCentral>;

public sealed class SwvKeuzeChecksOnPostgres(PostgresCentral f) : SwvKeuzeChecks(f), IClassFixture<PostgresCentral>;
