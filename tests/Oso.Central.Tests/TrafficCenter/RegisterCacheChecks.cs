using Oso.Central.Register;
using Oso.Central.Tests.Infrastructure;
using Oso.Testing;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.TrafficCenter;

/// <summary>
/// The Traffic Center keeps register look-ups between calls (RegisterCache); a change to the register must reach the
/// very next call, on this instance and on every other one: a stale cache must never grant what the register refuses.
/// Each test first has a session granted (so the look-ups are kept), then changes the register as the operator or the
/// board would, then asks again.
/// </summary>
public abstract class RegisterCacheChecks(CentralFixture f) : IDisposable
{
    private readonly Parties _parties = new(f);

    private async Task<(TestSystem Las, OsoSchool Bron, OsoSchool Doel)> GrantedOnceAsync()
    {
        var las = await _parties.SystemAsync();
        var bron = await _parties.SchoolAsync(las, Sector.PO);
        var doel = await _parties.SchoolAsync(las, Sector.VO);
        Assert.IsType<OverdrachtResponse.Toegekend>(await las.CallAsync(f.Central, Overdracht(bron, doel)));
        Assert.IsType<OverdrachtResponse.Toegekend>(await las.CallAsync(f.Central, Overdracht(bron, doel)));
        return (las, bron, doel);
    }

    [Fact]
    public async Task A_withdrawn_doel_school_is_refused_at_the_next_call()
    {
        var (las, bron, doel) = await GrantedOnceAsync();

        _ = (await f.Admin.RevokeSchoolAsync(doel.Brin, "kwalificatie ingetrokken")).Zeker;

        Assert.Equal(ResultaatCode.NietGekwalificeerd, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));
    }

    [Fact]
    public async Task A_withdrawn_bron_school_is_refused_at_the_next_call()
    {
        var (las, bron, doel) = await GrantedOnceAsync();

        _ = (await f.Admin.RevokeSchoolAsync(bron.Brin, "deelname beëindigd")).Zeker;

        Assert.Equal(ResultaatCode.VerstrekkerNietBekend, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));
    }

    [Fact]
    public async Task A_mandate_ended_by_the_board_is_refused_from_the_day_after()
    {
        var (las, bron, doel) = await GrantedOnceAsync();
        var mandaat = Assert.Single(await f.Admin.MandatesAsync(doel.Brin));

        _ = (await f.Admin.EndMandateAsync(mandaat.Id)).Zeker;
        Assert.IsType<OverdrachtResponse.Toegekend>(await las.CallAsync(f.Central, Overdracht(bron, doel))); // it ends at the end of today
        f.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(ResultaatCode.GeenMandaat, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));
    }

    [Fact]
    public async Task A_mandate_given_after_a_refusal_is_granted_at_the_next_call()
    {
        var las = await _parties.SystemAsync();
        var bron = await _parties.SchoolAsync(las, Sector.PO);
        var doel = await _parties.SchoolAsync(las, Sector.VO, mandated: false);
        Assert.Equal(ResultaatCode.GeenMandaat, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));

        _ = (await f.Admin.AddMandateAsync(new NieuwMandaat(Parties.Bestuur, doel.Brin, las.Id, _parties.Today))).Zeker;

        Assert.IsType<OverdrachtResponse.Toegekend>(await las.CallAsync(f.Central, Overdracht(bron, doel)));
    }

    [Fact]
    public async Task A_change_made_through_another_instance_is_seen_by_this_one()
    {
        // SQLite is one service per file (SingleSqliteInstanceTests): two instances need PostgreSQL
        if (f.Engine == DatabaseProvider.Sqlite) return;
        var (las, bron, doel) = await GrantedOnceAsync();
        await using var other = await CentralHost.StartAsync(new CentralOptions
        {
            DataDirectory = f.DataDirectory, Database = f.DatabaseConnectionString, PortalPort = 0, ProtocolPort = 0,
            TimeProvider = f.Time, Logging = _ => { },
        }, Ct);

        _ = (await other.Admin.RevokeSchoolAsync(doel.Brin, "kwalificatie ingetrokken")).Zeker;

        Assert.Equal(ResultaatCode.NietGekwalificeerd, await las.RefusedAsync(f.Central, Overdracht(bron, doel)));
    }

    public void Dispose()
    {
        _parties.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class RegisterCacheChecksOnSqlite(SqliteCentral f) : RegisterCacheChecks(f), IClassFixture<SqliteCentral>;

public sealed class RegisterCacheChecksOnPostgres(PostgresCentral f) : RegisterCacheChecks(f), IClassFixture<PostgresCentral>;
