using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Oso.Central.Anchors;
using Oso.Central.Storage;
using Oso.Dossier.Identifiers;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Proofs;
using Oso.School;
using Oso.School.Audit;
using Oso.School.Outbox;
using Oso.School.Storage;
using Oso.School.Tenancy;

namespace Oso.EndToEnd.Tests.Proofs;

/// <summary>
/// The anchored audit chain (issue 17 §3), end to end with a real Central over mutual TLS: the node signs checkpoints of
/// its chain heads and keeps Central's signed acknowledgements; a changed record and a wholly rewritten chain are both
/// caught; another system cannot anchor a school it does not serve; with Central unreachable the node keeps working
/// and anchors once it is back; Central's own anchor chain verifies and catches a changed anchor.
/// </summary>
public abstract class AuditAnchorTests<TChain>(TChain fixture) where TChain : ChainFixture
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private IServiceProvider Node => fixture.Chain.School.Services;
    private SchoolStore Store => Node.GetRequiredService<SchoolStore>();
    private AuditAnchoring Anchoring => Node.GetRequiredService<AuditAnchoring>();
    private static readonly OutboxMessage Run = new() { Id = Guid.NewGuid(), Kind = AuditAnchoring.Kind, Payload = "{}", IdempotencyKey = "test" };

    private AnchorVerification Local => new(fixture.Node.Validator, TimeSpan.FromDays(3650));

    private AnchorVerification WithCentral => Local with
    {
        FromCentral = (brin, ct) => AuditAnchoring.FetchAsync(Node.GetRequiredService<SchoolOptions>(), fixture.Node, brin, ct),
    };

    [Fact]
    public async Task A_changed_byte_and_a_wholly_rewritten_chain_are_caught_by_the_anchors()
    {
        fixture.RequireChain();
        var brin = (await fixture.SecondPoAsync()).Brin;
        for (var i = 0; i < 3; i++) await RecordAsync(brin, "proef.vastgelegd", "regel " + i);
        Assert.Equal(OutboxOutcome.Done, await Anchoring.HandleAsync(Run, _ct));
        var head = await HeadAsync(brin);
        var status = await VerifyAsync(brin, Local);
        Assert.True(status.Intact, status.Anchors?.Problem);
        Assert.Equal(head, status.Anchors!.LastSequence);

        // one changed byte in a record: the hash chain itself catches it
        string original;
        await using (var db = Store.Read())
            original = await db.Audit.Where(a => a.Brin == brin && a.Sequence == head - 1).Select(a => a.Detail!).SingleAsync(_ct);
        await SetDetailAsync(brin, head - 1, (original[0] == 'r' ? "R" : "r") + original[1..]);
        Assert.Equal(head - 1, (await VerifyAsync(brin, Local)).FirstBroken);
        await SetDetailAsync(brin, head - 1, original);
        Assert.True((await VerifyAsync(brin, Local)).Intact);

        // the whole chain rewritten, consistent in itself: the hash chain holds, the anchor does not
        await Store.WriteAsync(async db =>
        {
            await db.Audit.Where(a => a.Brin == brin).ExecuteDeleteAsync(_ct);
            return await db.AuditHeads.Where(h => h.Brin == brin).ExecuteDeleteAsync(_ct);
        }, _ct);
        for (var i = 0; i < head; i++) await RecordAsync(brin, "proef.herschreven", "andere regel " + i);
        await using (var db = Store.Read()) Assert.Null(await AuditLog.VerifyAsync(db, brin, _ct));
        status = await VerifyAsync(brin, Local);
        Assert.False(status.Intact);
        Assert.Null(status.FirstBroken);
        Assert.Equal(head, status.Anchors!.Contradicted);
        Assert.Contains("niet meer de hash die Central", status.Anchors.Problem, StringComparison.Ordinal);

        // the rewriter removes the node's acknowledgements too: locally nothing is left to compare, Central still has them
        await Store.WriteAsync(db => db.AuditAnchors.Where(a => a.Brin == brin).ExecuteDeleteAsync(_ct), _ct);
        Assert.Equal(0, (await VerifyAsync(brin, Local)).Anchors!.Anchored);
        status = await VerifyAsync(brin, WithCentral);
        Assert.False(status.Intact);
        Assert.Equal(head, status.Anchors!.Contradicted);

        // and Central refuses to anchor the rewritten head at a sequence number it anchored with another hash, audited
        Assert.Equal(OutboxOutcome.Done, await Anchoring.HandleAsync(Run, _ct));
        await using (var db = Store.Read())
            Assert.Contains("herschreven", (await db.AuditAnchors.SingleAsync(a => a.Brin == brin && a.Sequence == head, _ct)).Refusal, StringComparison.Ordinal);
        await using (var central = await CentralDbAsync())
            Assert.Contains(await central.Audit.Where(a => a.Actie == "anker.conflict").ToListAsync(_ct), a => a.Onderwerp == "school " + brin);
    }

    [Fact]
    public async Task Another_system_cannot_anchor_or_read_the_anchors_of_a_school_it_does_not_serve()
    {
        fixture.RequireChain();
        var brin = fixture.Chain.State.Po.Brin;
        var other = await fixture.OtherSystemAsync();
        using var wire = new Security.Matrix.Wire("ander", fixture.Node.Validator, other);
        var url = AuditAnchoring.AddressFor(Node.GetRequiredService<SchoolOptions>(), fixture.Node);
        var hash = new string('a', 64);
        var now = TimeProvider.System.GetUtcNow();

        // its own signature, another's school
        var own = Ankers.Onderteken(new Controlepunt(Brin.Parse(brin), 1, hash, now, SysteemId.Parse(ChainFixture.OtherSystemId)), other);
        var refused = await wire.SendAsync(HttpMethod.Post, url, Xml(own), _ct);
        Assert.Equal((403, "anker.niet-bevoegd"), (refused.Status, refused.Code));
        Assert.Contains($"bedient school {brin} niet", refused.Body, StringComparison.Ordinal);

        // the serving system's checkpoint, sent by another system
        var replayed = Ankers.Onderteken(new Controlepunt(Brin.Parse(brin), 1, hash, now, fixture.Node.Systeem), fixture.Node.SystemCertificate);
        refused = await wire.SendAsync(HttpMethod.Post, url, Xml(replayed), _ct);
        Assert.Equal((403, "anker.niet-bevoegd"), (refused.Status, refused.Code));

        // its anchors are not another system's to read
        Assert.Equal(403, (await wire.GetAsync(new Uri(url, "ankers/" + brin), _ct)).Status);

        // a changed byte in a checkpoint: refused as invalid
        var bytes = replayed.Utf8.ToArray();
        var at = System.Text.Encoding.ASCII.GetString(bytes).IndexOf("<bw:volgnummer>", StringComparison.Ordinal) + "<bw:volgnummer>".Length;
        bytes[at] = (byte)'7';
        using var demo = new Security.Matrix.Wire("demo", fixture.Node.Validator, fixture.Node.SystemCertificate);
        Assert.Equal((400, "anker.ongeldig"), await StatusAsync(demo, url, bytes));

        await using var central = await CentralDbAsync();
        Assert.False(await central.Ankers.AnyAsync(a => a.SysteemId == ChainFixture.OtherSystemId || a.Hash == hash, _ct));
        var audit = await central.Audit.Where(a => a.Actie == "anker.geweigerd" && a.Door == "systeem " + ChainFixture.OtherSystemId).ToListAsync(_ct);
        Assert.True(audit.Count >= 3, string.Join("; ", audit.Select(a => a.Details)));
        // the refused read is told apart from a refused anchor: the operator sees what was asked for which school
        Assert.Contains(audit, a => a.Onderwerp == "school " + brin && a.Details?.StartsWith("ankers van de school gevraagd (lezen); ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task With_Central_unreachable_the_node_keeps_working_and_anchors_once_it_is_back()
    {
        fixture.RequireChain();
        var brin = fixture.Chain.State.Vo.Brin;
        await WaitForStartupAnchoringAsync();
        var options = Node.GetRequiredService<SchoolOptions>();
        var down = new AuditAnchoring(Store, Node.GetRequiredService<OutboxQueue>(), fixture.Node, options with { AuditAnchorUrl = ClosedPort() },
            TimeProvider.System, Node.GetRequiredService<ILogger<AuditAnchoring>>());

        // step 1: Central cannot be reached; the checkpoint is taken and kept, the work is retried later
        await RecordAsync(brin, "proef.vastgelegd", "tijdens storing 1");
        var first = await HeadAsync(brin);
        Assert.IsType<OutboxOutcome.Retry>(await down.HandleAsync(Run, _ct));

        // step 2: the node goes on working (its LAS API answers, its audit log grows) and takes the next checkpoint
        using (var vo = fixture.Vo) Assert.NotNull(await vo.ReceivedAsync(false, _ct));
        await RecordAsync(brin, "proef.vastgelegd", "tijdens storing 2");
        var second = await HeadAsync(brin);
        Assert.True(second > first);
        Assert.IsType<OutboxOutcome.Retry>(await down.HandleAsync(Run, _ct));
        await using (var db = Store.Read())
        {
            var waiting = await db.AuditAnchors.Where(a => a.Brin == brin && a.Acknowledgement == null).Select(a => a.Sequence).ToListAsync(_ct);
            Assert.Contains(first, waiting);
            Assert.Contains(second, waiting);
        }
        var status = await VerifyAsync(brin, Local);
        Assert.True(status.Intact);
        Assert.True(status.Anchors!.Pending >= 2);

        // step 3: Central is back: both checkpoints are anchored, with Central's time
        Assert.Equal(OutboxOutcome.Done, await Anchoring.HandleAsync(Run, _ct));
        await using (var db = Store.Read())
        {
            var anchors = await db.AuditAnchors.Where(a => a.Brin == brin && (a.Sequence == first || a.Sequence == second)).ToListAsync(_ct);
            Assert.All(anchors, a => Assert.True(a.Acknowledgement is not null && a.AnchoredAt is not null, a.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        status = await VerifyAsync(brin, WithCentral);
        Assert.True(status.Intact, status.Anchors?.Problem);
        Assert.Equal(0, status.Anchors!.Pending);
        Assert.Equal(second, status.Anchors.LastSequence);

        // the schedule: one anchoring per interval for the whole cluster, whichever instance queues it
        var t0 = new DateTimeOffset(2031, 1, 1, 0, 10, 0, TimeSpan.Zero);
        foreach (var t in new[] { t0, t0.AddMinutes(30), t0.AddHours(1) })
            await Store.WriteAsync(async db => { await Anchoring.QueueAsync(db, t, _ct); return true; }, _ct);
        await using (var db = Store.Read())
        {
            var slots = new[] { t0, t0.AddHours(1) }.Select(t => "anker:" + (t.UtcTicks / options.AuditAnchorInterval.Ticks).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(2, await db.Outbox.CountAsync(m => slots.Contains(m.IdempotencyKey), _ct));
        }
    }

    [Fact]
    public async Task Central_s_anchor_chain_verifies_and_a_changed_anchor_is_caught()
    {
        fixture.RequireChain();
        var brin = fixture.Chain.State.Po.Brin;
        await RecordAsync(brin, "proef.vastgelegd", "voor Centrals keten");
        Assert.Equal(OutboxOutcome.Done, await Anchoring.HandleAsync(Run, _ct));
        await using var central = await CentralDbAsync();
        Assert.Null(await Ankerketen.VerifyAsync(central, _ct));
        var anchor = await central.Ankers.Where(a => a.Brin == brin).OrderByDescending(a => a.Id).FirstAsync(_ct);
        var changed = (anchor.Hash[0] == 'a' ? "b" : "a") + anchor.Hash[1..];
        await central.Ankers.Where(a => a.Id == anchor.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Hash, changed), _ct);
        try
        {
            Assert.Equal(anchor.Id, await Ankerketen.VerifyAsync(central, _ct));
        }
        finally
        {
            await central.Ankers.Where(a => a.Id == anchor.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Hash, anchor.Hash), _ct);
        }
        Assert.Null(await Ankerketen.VerifyAsync(central, _ct));
    }

    private Task RecordAsync(string brin, string action, string detail) =>
        Store.WriteAsync(db => Node.GetRequiredService<AuditLog>().RecordAsync(db, brin, Actor.Node, action, "Test van de verankering.", null, detail, _ct), _ct);

    private async Task<long> HeadAsync(string brin)
    {
        await using var db = Store.Read();
        return await db.AuditHeads.Where(h => h.Brin == brin).Select(h => h.Sequence).SingleAsync(_ct);
    }

    private Task SetDetailAsync(string brin, long sequence, string detail) =>
        Store.WriteAsync(db => db.Audit.Where(a => a.Brin == brin && a.Sequence == sequence).ExecuteUpdateAsync(s => s.SetProperty(a => a.Detail, detail), _ct), _ct);

    private async Task<AuditChainStatus> VerifyAsync(string brin, AnchorVerification anchors) =>
        Assert.Single(await fixture.Chain.School.Admin.VerifyAuditAsync([brin], anchors, _ct));

    private Task<CentralDb> CentralDbAsync() => fixture.Chain.Central.Services.GetRequiredService<IDbContextFactory<CentralDb>>().CreateDbContextAsync(_ct);

    /// <summary>The node queues one anchoring when it starts; these steps begin once it is done, so it cannot interleave.</summary>
    private async Task WaitForStartupAnchoringAsync()
    {
        var until = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (true)
        {
            await using (var db = Store.Read())
                if (!await db.Outbox.AnyAsync(m => m.Kind == AuditAnchoring.Kind && m.CompletedAt == null && m.FailedAt == null, _ct)) return;
            Assert.True(TimeProvider.System.GetUtcNow() < until, "De verankering bij het starten van de node werd niet afgerond.");
            await Task.Delay(50, _ct);
        }
    }

    private static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"https://127.0.0.1:{port}/oso/audit/anker");
    }

    private static ByteArrayContent Xml(Handtekening h) => Xml(h.Utf8.ToArray());

    private static ByteArrayContent Xml(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
        return content;
    }

    private async Task<(int, string?)> StatusAsync(Security.Matrix.Wire wire, Uri url, byte[] body)
    {
        var observed = await wire.SendAsync(HttpMethod.Post, url, Xml(body), _ct);
        return (observed.Status, observed.Code);
    }
}

public sealed class SqliteAuditAnchorTests(SqliteChain fixture) : AuditAnchorTests<SqliteChain>(fixture), IClassFixture<SqliteChain>;

public sealed class PostgresAuditAnchorTests(PostgresChain fixture) : AuditAnchorTests<PostgresChain>(fixture), IClassFixture<PostgresChain>;
