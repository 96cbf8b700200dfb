using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Oso.Cli.Demo;
using Oso.School.Bron;
using Oso.School.LasApi;
using Oso.School.Crypto;
using Oso.School.Storage;

namespace Oso.EndToEnd.Tests;

/// <summary>Issue 12 §6: the schools' data keys rotate while transfers run, on each engine.</summary>
public abstract class KeyRotationTests<TChain>(TChain fixture) where TChain : ChainFixture
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<string> ReleasedAsync(LasApiClient bron, Dossier.Model.Dossier pupil)
    {
        var lasId = "L" + Guid.NewGuid().ToString("N")[..10];
        await bron.DeliverAsync(lasId, pupil, _ct);
        await bron.RecordInzageAsync(lasId, new InzageInput(ChainFixture.Today, "Ja", null, null), _ct);
        await bron.ReleaseAsync(lasId, _ct);
        return lasId;
    }

    private async Task<Guid> RequestAsync(LasApiClient doel, Dossier.Model.Dossier pupil, string bron)
    {
        var leerling = pupil.Huidigeschool.Leerling;
        var aanmelding = await doel.RegisterAsync(new AanmeldingDto((leerling.Bsn ?? leerling.Onderwijsnummer)!, leerling.Geboortedatum!.Value, bron,
            BronDossiers.Name(leerling), null), _ct);
        return await doel.RequestAsync(aanmelding, null, _ct);
    }

    [Fact]
    public async Task Keys_rotate_while_transfers_run_everything_stays_readable_the_audit_chains_verify_and_no_transfer_fails()
    {
        fixture.RequireChain();
        using var po = fixture.Po;
        using var vo = fixture.Vo;
        var node = fixture.Chain.School;
        var (client, _) = await node.Admin.CreateLasClientAsync(vo.Brin, "LAS met webhookgeheim", cancellationToken: _ct);
        await node.Admin.SetWebhookAsync(vo.Brin, client, null, "webhook-geheim", _ct);
        var pupils = Enumerable.Range(0, 6).Select(_ => fixture.NewPupil()).ToList();
        foreach (var pupil in pupils) await ReleasedAsync(po, pupil);
        var before = await EncryptedData.ReadAllAsync(node, _ct);
        Assert.Empty(before.Unreadable);

        var requests = new List<Guid>();
        foreach (var pupil in pupils.Take(3)) requests.Add(await RequestAsync(vo, pupil, po.Brin));
        var rotated = await node.Services.GetRequiredService<DataKeyRotation>().RotateAsync(cancellationToken: _ct);
        foreach (var pupil in pupils.Skip(3)) requests.Add(await RequestAsync(vo, pupil, po.Brin));

        foreach (var id in requests)
        {
            var request = await vo.WaitForRequestAsync(id, Wait, _ct);
            Assert.True(request.Resultaat == "OverdrachtGeslaagd", $"{request.Status} {request.Resultaat} {request.Toelichting}");
        }
        var rotation = node.Services.GetRequiredService<DataKeyRotation>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<SchoolKeyStatus> status;
        while ((status = await rotation.StatusAsync(_ct)).Any(s => s.Rekey?.State != RekeyState.Klaar))
        {
            Assert.True(watch.Elapsed < Wait, "re-encryption did not finish: " + string.Join("; ", status.Select(s => $"{s.Brin} {s.Rekey}")));
            await Task.Delay(200, _ct);
        }

        var after = await EncryptedData.ReadAllAsync(node, _ct);
        Assert.Empty(after.Unreadable);
        foreach (var r in rotated)
        {
            Assert.All(after.Readable.Where(k => k.Key.Brin == r.Brin), k => Assert.Equal(r.KeyId, k.Key.KeyId)); // every value moved to the new key
            var school = status.Single(s => s.Brin == r.Brin);
            Assert.Equal([r.KeyId], school.Keys.Select(k => k.KeyId)); // and the old key retired
            Assert.Equal(0, school.Rekey!.Unreadable);
        }
        Assert.True(after.Readable.Values.Sum() >= before.Readable.Values.Sum() + 6 * 3, "six received dossiers with their meldingen and six aanmeldingen");
        foreach (var received in (await vo.ReceivedAsync(onlyNew: false, _ct)))
            Assert.NotEmpty(await vo.ReceivedXmlAsync(received.Id, _ct));
        Assert.All(await node.Admin.VerifyAuditAsync([], _ct), c => Assert.True(c.Intact, c.Brin));
        await using var db = node.Services.GetRequiredService<SchoolStore>().Read();
        foreach (var r in rotated)
            Assert.Equal(["sleutel.vernieuwd", "sleutel.ingetrokken", "sleutel.omgezet"],
                await db.Audit.Where(a => a.Brin == r.Brin && a.Action.StartsWith("sleutel.")).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync(_ct));
    }
}

public sealed class SqliteKeyRotationTests(SqliteChain fixture) : KeyRotationTests<SqliteChain>(fixture), IClassFixture<SqliteChain>;

public sealed class PostgresKeyRotationTests(PostgresChain fixture) : KeyRotationTests<PostgresChain>(fixture), IClassFixture<PostgresChain>;
