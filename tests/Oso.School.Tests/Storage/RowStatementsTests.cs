using Microsoft.EntityFrameworkCore;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Outbox;
using Oso.School.Storage;
using Oso.Testing;

namespace Oso.School.Tests.Storage;

/// <summary>
/// A unit of work's new audit records, outbox messages, disclosures and kept requests are inserted with hand-made
/// statements (RowStatements, ADR 0016), the rest through SaveChanges. What is written must be what SaveChanges would have
/// written: every field reads back through the normal EF Core queries, on both engines, and the queries that select on
/// those fields find the rows.
/// </summary>
public sealed class RowStatementsTests
{
    // a moment with ticks below the millisecond and a non-UTC offset: stored as UTC ticks by the model's converter
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2)).AddTicks(5358979);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_rows_a_unit_of_work_appends_read_back_with_every_field_as_it_was_given(DatabaseProvider engine)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var services = await TestServices.CreateAsync(engine);
        var store = services.Get<SchoolStore>();
        var audit = services.Get<AuditLog>();
        var outbox = services.Get<OutboxQueue>();
        var disclosure = new Disclosure
        {
            Id = Guid.NewGuid(), PupilId = Guid.NewGuid(), Brin = "00RI", ReleaseId = Guid.NewGuid(), DoelBrin = "00DO", Profiel = "PO-VO",
            SessieId = Guid.NewGuid(), At = At, DossierSha256 = new string('a', 64), DoelSysteem = "systeem-1",
            Ontvangstbevestiging = [0, 1, 2, 255], OntvangstStatus = OntvangstStatus.Bevestigd, OntvangenOp = At.AddDays(1), OntvangenDoor = "door",
        };
        var empty = new Disclosure
        {
            Id = Guid.NewGuid(), PupilId = Guid.NewGuid(), Brin = "00RI", ReleaseId = Guid.NewGuid(), DoelBrin = "00DO", Profiel = "VO-VO",
            SessieId = Guid.NewGuid(), At = At,
        };
        var request = new IncomingRequest
        {
            Id = Guid.NewGuid(), Brin = "00RI", BronRouteringsKenmerk = "bron-rk", SessieId = disclosure.SessieId, DoelBrin = "00DO",
            DoelRouteringsKenmerk = "doel-rk", Overdrachtsoort = "PO-VO", PgnIndex = "pgn-index", DoelSector = "VO", ReceivedAt = At,
            Aanvraagdatum = At.AddHours(-3), Resultaat = "OK", PupilId = disclosure.PupilId, AwaitingNotification = true, NotifiedAt = null,
        };
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid(), Kind = "test.soort", Payload = "{\"a\":1}", IdempotencyKey = "rij-1", CreatedAt = At, DueAt = At.AddMinutes(5),
            Attempts = 2, LockedBy = null, LockedUntil = null, CompletedAt = null, FailedAt = null, LastError = "eerder mislukt",
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        };

        await store.WriteAsync(async db =>
        {
            await audit.RecordAsync(db, "00RI", Actor.Medewerker("mw-1"), "dossier.verstrekt", "Overdracht", "leerling-1", "detail", ct);
            await audit.RecordAsync(db, "00RI", Actor.Node, "dossier.bevestigd", "Overdracht", cancellationToken: ct);
            db.Disclosures.AddRange(disclosure, empty);
            db.IncomingRequests.Add(request);
            db.Outbox.Add(message);
            await outbox.EnqueueAsync(db, "test.tweede", new { B = 2 }, "rij-2", cancellationToken: ct);
        }, ct);

        await using var read = store.Read();
        // found by the queries that select on the stored values (GUIDs, times, booleans, text)
        var d = await read.Disclosures.AsNoTracking().SingleAsync(x => x.SessieId == disclosure.SessieId && x.At == At, ct);
        Assert.Equivalent(disclosure, d, strict: true);
        Assert.Equal(At.UtcTicks, d.At.UtcTicks);
        var e = await read.Disclosures.AsNoTracking().SingleAsync(x => x.Id == empty.Id && x.OntvangenOp == null && x.Ontvangstbevestiging == null, ct);
        Assert.Equivalent(empty, e, strict: true);
        var r = await read.IncomingRequests.AsNoTracking()
            .SingleAsync(x => x.Brin == "00RI" && x.PgnIndex == "pgn-index" && x.AwaitingNotification && x.Aanvraagdatum < At && x.NotifiedAt == null, ct);
        Assert.Equivalent(request, r, strict: true);
        var m = await read.Outbox.AsNoTracking().SingleAsync(x => x.IdempotencyKey == "rij-1" && x.DueAt > At && x.CompletedAt == null, ct);
        Assert.Equivalent(message, m, strict: true);
        var second = await read.Outbox.AsNoTracking().SingleAsync(x => x.IdempotencyKey == "rij-2", ct);
        Assert.Equal(("test.tweede", "{\"B\":2}", 0), (second.Kind, second.Payload, second.Attempts));

        // the audit chain: both records in order, the head (saved through SaveChanges) on the last, the chain intact
        var records = await read.Audit.AsNoTracking().Where(a => a.Brin == "00RI").OrderBy(a => a.Sequence).ToListAsync(ct);
        Assert.Equal([(1L, "dossier.verstrekt", "Medewerker", "mw-1", "leerling-1", "detail"), (2L, "dossier.bevestigd", "Node", "node", null, null)],
            records.Select(a => (a.Sequence, a.Action, a.ActorKind, a.Actor, a.PupilRef, a.Detail)));
        Assert.Equal(records[0].Hash, records[1].PreviousHash);
        var head = await read.AuditHeads.AsNoTracking().SingleAsync(h => h.Brin == "00RI", ct);
        Assert.Equal((2L, records[1].Hash), (head.Sequence, head.Hash));
        Assert.Null(await AuditLog.VerifyAsync(read, "00RI", ct));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_row_that_collides_fails_the_unit_of_work_as_SaveChanges_would_and_nothing_of_it_is_kept(DatabaseProvider engine)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var services = await TestServices.CreateAsync(engine);
        var store = services.Get<SchoolStore>();
        var audit = services.Get<AuditLog>();
        OutboxMessage Message(string kind) => new()
        {
            Id = Guid.NewGuid(), Kind = kind, Payload = "{}", IdempotencyKey = "dag-2026-03-14", CreatedAt = At, DueAt = At,
        };
        await store.WriteAsync(async db =>
        {
            await audit.RecordAsync(db, "00RJ", Actor.Node, "eerste", "Test", cancellationToken: ct);
            db.Outbox.Add(Message("eerste"));
        }, ct);

        // another instance queued the same key meanwhile: the unique index refuses it, reported as SaveChanges reports it
        // (DailyScheduler and others catch DbUpdateException for exactly this race)
        await Assert.ThrowsAsync<DbUpdateException>(() => store.WriteAsync(async db =>
        {
            await audit.RecordAsync(db, "00RJ", Actor.Node, "tweede", "Test", cancellationToken: ct);
            db.Outbox.Add(Message("tweede"));
        }, ct));

        await using var read = store.Read();
        Assert.Equal(["eerste"], await read.Outbox.Where(m => m.IdempotencyKey == "dag-2026-03-14").Select(m => m.Kind).ToListAsync(ct));
        Assert.Equal([1L], await read.Audit.Where(a => a.Brin == "00RJ").Select(a => a.Sequence).ToListAsync(ct));
        Assert.Equal(1, (await read.AuditHeads.SingleAsync(h => h.Brin == "00RJ", ct)).Sequence);
        // and the chain goes on from where it was
        await store.WriteAsync(db => audit.RecordAsync(db, "00RJ", Actor.Node, "derde", "Test", cancellationToken: ct), ct);
        await using var after = store.Read();
        Assert.Null(await AuditLog.VerifyAsync(after, "00RJ", ct));
        Assert.Equal(2, (await after.AuditHeads.SingleAsync(h => h.Brin == "00RJ", ct)).Sequence);
    }
}
