using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Cli.Demo;
using Oso.School;
using Oso.School.Backup;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.School.Storage;

namespace Oso.EndToEnd.Tests;

/// <summary>
/// Issue 12 §7: a School node's backup taken in the middle of transfers is restored on a "new host" (a fresh folder; on
/// PostgreSQL the database itself survives, on SQLite it comes from the backup) and the work carries on from there.
/// </summary>
public abstract class BackupRestoreTests<TChain>(TChain fixture) where TChain : ChainFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<string> DeliveredAsync(LasApiClient bron, Dossier.Model.Dossier pupil, bool release)
    {
        var lasId = "L" + Guid.NewGuid().ToString("N")[..10];
        await bron.DeliverAsync(lasId, pupil, _ct);
        if (release) await ReleaseAsync(bron, lasId);
        return lasId;
    }

    private async Task ReleaseAsync(LasApiClient bron, string lasId)
    {
        await bron.RecordInzageAsync(lasId, new InzageInput(ChainFixture.Today, "Ja", null, null), _ct);
        await bron.ReleaseAsync(lasId, _ct);
    }

    private async Task<(Guid Aanmelding, Guid Request)> RequestAsync(LasApiClient doel, Dossier.Model.Dossier pupil, string bron)
    {
        var leerling = pupil.Huidigeschool.Leerling;
        var aanmelding = await doel.RegisterAsync(new AanmeldingDto((leerling.Bsn ?? leerling.Onderwijsnummer)!, leerling.Geboortedatum!.Value, bron,
            BronDossiers.Name(leerling), null), _ct);
        return (aanmelding, await doel.RequestAsync(aanmelding, null, _ct));
    }

    [Fact]
    public async Task A_backup_taken_mid_transfer_restored_in_a_fresh_folder_carries_on_and_delivers_nothing_twice()
    {
        fixture.RequireChain();
        var chain = fixture.Chain;
        var (a, b, c) = (fixture.NewPupil(), fixture.NewPupil(), fixture.NewPupil());
        Guid doneBefore, notified, pending = Guid.Empty;
        using (var po = fixture.Po)
        using (var vo = fixture.Vo)
        {
            await DeliveredAsync(po, a, release: true);
            await DeliveredAsync(po, b, release: true);
            var lasC = await DeliveredAsync(po, c, release: false);
            (doneBefore, var first) = await RequestAsync(vo, a, po.Brin);
            Assert.Equal("OverdrachtGeslaagd", (await vo.WaitForRequestAsync(first, Wait, _ct)).Resultaat);
            (notified, var refused) = await RequestAsync(vo, c, po.Brin);
            Assert.Equal("LeerlinginfoNietBeschikbaar", (await vo.WaitForRequestAsync(refused, Wait, _ct)).Resultaat);

            var restored = Path.Combine(fixture.DataDirectory, "nieuwe-host");
            var backup = Path.Combine(fixture.DataDirectory, "school.osobackup");
            var options = new SchoolOptions { DataDirectory = chain.SchoolDataDirectory, Database = chain.Options.SchoolDatabase };
            await chain.RestartCentralAsync(async () =>
            {
                // with the Traffic Center away, a request and a notificatie wait in the outbox
                (pending, _) = await RequestAsync(vo, b, po.Brin);
                await ReleaseAsync(po, lasC);
                await WaitForAttemptsAsync(chain.School, 2);
                await SchoolBackup.BackupAsync(options, backup, TimeProvider.System, _ct);
                // the old host is lost; the backup comes back on a new one (same ports: the aanleverpunten are registered with them)
                var masterKey = await File.ReadAllTextAsync(Path.Combine(chain.SchoolDataDirectory, "master.key"), _ct);
                await chain.RestartSchoolAsync(restored, () => SchoolBackup.RestoreAsync(backup, restored, options with { MasterKey = masterKey }, _ct), _ct);
            }, _ct);
            Assert.Equal(restored, chain.SchoolDataDirectory);
        }

        using var doel = fixture.Vo;
        await WaitUntilQuietAsync(chain.School);
        var received = await doel.ReceivedAsync(onlyNew: false, _ct);
        foreach (var aanmelding in new[] { doneBefore, pending, notified })
            Assert.Single(received, r => r.AanmeldingId == aanmelding);
        foreach (var r in received) Assert.NotEmpty(await doel.ReceivedXmlAsync(r.Id, _ct));
        await using var db = chain.School.Services.GetRequiredService<SchoolStore>().Read();
        var disclosures = await db.Disclosures.Where(d => d.DoelBrin == doel.Brin).ToListAsync(_ct);
        Assert.Equal(3, disclosures.Count);
        Assert.Equal(3, disclosures.Select(d => d.PupilId).Distinct().Count());
        Assert.Empty((await EncryptedData.ReadAllAsync(chain.School, _ct)).Unreadable);
        var chains = await chain.School.Admin.VerifyAuditAsync([], _ct);
        Assert.All(chains, s => Assert.True(s.Intact, s.Brin));
        // one per school on the node (the demo node serves PO, VO and an SWV), each in its own chain
        var restoredEvents = await db.Audit.Where(e => e.Action == "backup.teruggezet").Select(e => e.Brin).ToListAsync(_ct);
        Assert.Equal(chains.Select(s => s.Brin).Order(), restoredEvents.Order());
        Assert.Contains(doel.Brin, restoredEvents);
    }

    // the outbox has tried (and failed) that often since the Traffic Center went away: the backup catches work in flight
    private async Task WaitForAttemptsAsync(SchoolNode node, int attempts)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var db = node.Services.GetRequiredService<SchoolStore>().Read();
        while (await db.Outbox.CountAsync(m => m.CompletedAt == null && m.FailedAt == null && m.Attempts >= attempts, _ct) < 2)
        {
            Assert.True(watch.Elapsed < Wait, "the outbox did not retry");
            await Task.Delay(100, _ct);
        }
    }

    // settled: no outbox work left to run (whatever was still to come has come)
    private async Task WaitUntilQuietAsync(SchoolNode node)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var db = node.Services.GetRequiredService<SchoolStore>().Read();
        while (await db.Outbox.AnyAsync(m => m.CompletedAt == null && m.FailedAt == null, _ct))
        {
            Assert.True(watch.Elapsed < Wait, "outbox work did not finish: "
                + string.Join("; ", await db.Outbox.Where(m => m.CompletedAt == null && m.FailedAt == null).Select(m => m.Kind + " " + m.Attempts + " " + m.LastError).ToListAsync(_ct)));
            await Task.Delay(200, _ct);
        }
    }
}

public sealed class SqliteBackupRestoreTests(SqliteChain fixture) : BackupRestoreTests<SqliteChain>(fixture), IClassFixture<SqliteChain>;

public sealed class PostgresBackupRestoreTests(PostgresChain fixture) : BackupRestoreTests<PostgresChain>(fixture), IClassFixture<PostgresChain>;
