using Oso.Central.Register;
using Oso.Central.Tests.Infrastructure;
using Oso.Central.Tests.Testschool;
using Oso.Central.TestSchool;
using Oso.Protocol.Messages;
using static Oso.Central.Tests.Infrastructure.Tc;

namespace Oso.Central.Tests.Privacy;

/// <summary>Central never keeps a PGN: not in any table, not in any log line — not even the test school, which receives them.</summary>
public abstract class NoPgnTests(CentralFixture f) : IDisposable
{
    private readonly Parties _parties = new(f);

    [Fact]
    public async Task No_table_and_no_log_line_contains_a_pgn_after_exchanges_of_every_kind()
    {
        var las = await _parties.SystemAsync(qualified: false);
        var doel = await _parties.SchoolAsync(las, Sector.VO, qualified: false, mandated: false);
        var pgns = TestLeerlingen.Alle.Select(l => l.Pgn).Append("111222333").ToList();
        foreach (var pgn in pgns) await TestschoolTests.ExchangeAsync(f, las, doel, pgn);
        // and a transfer between two ordinary schools, with a sessiecontrole and a refused one
        _ = (await f.Admin.ApproveSystemAsync(las.Id)).Zeker;
        var bron = await _parties.SchoolAsync(las);
        var doel2 = await _parties.SchoolAsync(las, Sector.VO);
        var sleutel = NieuweZoeksleutel();
        var sessie = await las.SessionAsync(f.Central, Overdracht(bron, doel2, sleutel));
        _ = await las.CallAsync(f.Central, new SessiecontroleRequest(Routing(bron, doel2), sleutel, Overdrachtsoort.Overstapdossier, sessie));
        _ = await las.CallAsync(f.Central, new SessiecontroleRequest(Routing(bron, doel2), NieuweZoeksleutel(), Overdrachtsoort.Overstapdossier, sessie));
        pgns.Add(Pgn.Value);

        var dump = await DbDump.DumpAsync(f.Central);
        Assert.Contains(dump["sessies"], r => r.Contains(sessie.ToString(), StringComparison.OrdinalIgnoreCase)); // the dump does see the data
        foreach (var pgn in pgns)
        {
            foreach (var (table, rows) in dump)
                Assert.DoesNotContain(rows, r => r.Contains(pgn, StringComparison.Ordinal));
            Assert.DoesNotContain(f.Logs.Lines, l => l.Contains(pgn, StringComparison.Ordinal));
        }
        Assert.Contains(f.Logs.Lines, l => l.Contains("TC sessiecontrole", StringComparison.Ordinal)); // the logs were captured
    }

    public void Dispose()
    {
        _parties.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class NoPgnTestsOnSqlite(SqliteCentral f) : NoPgnTests(f), IClassFixture<SqliteCentral>;

public sealed class NoPgnTestsOnPostgres(PostgresCentral f) : NoPgnTests(f), IClassFixture<PostgresCentral>;
