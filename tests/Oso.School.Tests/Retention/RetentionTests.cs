using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Oso.Dossier;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.Outbox;
using Oso.School.Parents;
using Oso.School.Privacy;
using Oso.School.Retention;
using Oso.School.Storage;
using Oso.School.Tenancy;
using Oso.Synthetic;
using Oso.Testing;

namespace Oso.School.Tests.Retention;

/// <summary>
/// Every kind of record the node keeps is removed by the daily job once its period has passed, and not a moment
/// before: the clock starts on 1 March 2027 (school year 2026-2027, which ends on 1 August 2027) and moves to an hour
/// before each period ends (that day's run keeps the record) and to a day later (the next day's run removes it), with
/// the default settings. The job runs once a day, so a record goes within a day after its period.
/// </summary>
public sealed class RetentionTests
{
    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SchoolYearEnd = new(2027, 8, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Actor Staff = Actor.Medewerker("staff-1");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_kind_of_record_is_purged_on_time_and_not_before(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        var seeded = await SeedAsync(services, time);
        var day = TimeSpan.FromDays(1);
        var hour = TimeSpan.FromHours(1);

        // (moment, kind that must be gone from then on)
        (DateTimeOffset At, string Kind)[] deadlines =
        [
            (T0 + TimeSpan.FromDays(30), "ontvangen-geimporteerd"),
            (T0 + TimeSpan.FromDays(30), "outbox"),
            (T0 + TimeSpan.FromDays(14 + 30), "ouderlink"),
            (T0 + TimeSpan.FromDays(180), "ontvangen-niet-geimporteerd"),
            (T0 + TimeSpan.FromDays(180), "verzoek"),
            (SchoolYearEnd + TimeSpan.FromDays(365), "leerling"),
            (SchoolYearEnd + TimeSpan.FromDays(365), "versie-delen"),
            (SchoolYearEnd + TimeSpan.FromDays(365), "aanmelding"),
            (SchoolYearEnd + TimeSpan.FromDays(365), "notificatie"),
            (SchoolYearEnd + TimeSpan.FromDays(365), "swv-dossier"),
        ];
        foreach (var group in deadlines.GroupBy(d => d.At).OrderBy(g => g.Key))
        {
            var at = group.Key;
            await PurgeAtAsync(services, time, at - hour);
            foreach (var (_, kind) in group)
                Assert.True((await PresentAsync(services, seeded))[kind], $"{kind} is weg vóór {at:u}");
            await PurgeAtAsync(services, time, at + day);
            var present = await PresentAsync(services, seeded);
            foreach (var (_, kind) in group)
                Assert.False(present[kind], $"{kind} is er nog een dag na {at:u}");
            foreach (var (later, other) in deadlines.Where(d => d.At > at + day))
                Assert.True(present[other], $"{other} (termijn {later:u}) is al weg op {at + day:u}");
            await using var db = services.Get<SchoolStore>().Read();
            Assert.Null(await AuditLog.VerifyAsync(db, "00YY"));
            Assert.Null(await AuditLog.VerifyAsync(db, "92VO"));
            Assert.Null(await AuditLog.VerifyAsync(db, "95SW"));
        }

        // each removal is audited, without a name or number: only internal ids and counts
        await using (var db = services.Get<SchoolStore>().Read())
        {
            var removals = await db.Audit.Where(a => a.Action.EndsWith(".verwijderd")).OrderBy(a => a.Sequence).ToListAsync();
            Assert.Equal(["leerling.verwijderd", "ouderlinks.verwijderd", "verzoeken.verwijderd"],
                removals.Where(a => a.Brin == "00YY").Select(a => a.Action).Order());
            Assert.Equal(["aanmelding.verwijderd", "notificaties.verwijderd", "ontvangen.verwijderd", "ontvangen.verwijderd"],
                removals.Where(a => a.Brin == "92VO").Select(a => a.Action).Order());
            Assert.Equal("reden=bewaartermijn;swv-dossier=" + seeded.SwvDossier + ";terugkoppelingen=1",
                Assert.Single(removals, a => a.Brin == "95SW").Detail);
            Assert.Contains(removals, a => a.Action == "leerling.verwijderd" && a.PupilRef == seeded.Pupil.ToString()
                && a.Detail == "reden=bewaartermijn;versies=1;verstrekkingen=1;ouderlinks=0;verzoeken=0;correcties=1");
            Assert.All(removals, a => Assert.DoesNotContain("999991073", a.Detail + a.Purpose));
        }

        // the audit records about the pupil stay whole for two years, then lose the pupil's and the staff member's id
        var firstRecords = await AuditAboutAsync(services, seeded.Pupil);
        Assert.Contains(firstRecords, a => a.Actor == "staff-1");
        await PurgeAtAsync(services, time, T0 + TimeSpan.FromDays(730) - hour);
        Assert.Equal(firstRecords.Count, (await AuditAboutAsync(services, seeded.Pupil)).Count);
        await PurgeAtAsync(services, time, T0 + TimeSpan.FromDays(730) + day);
        Assert.Single(await AuditAboutAsync(services, seeded.Pupil)); // the removal itself, written a year later, stays whole a while
        await using (var db = services.Get<SchoolStore>().Read())
        {
            var reduced = await db.Audit.Where(a => a.Brin == "00YY" && a.ReducedAt != null).ToListAsync();
            Assert.NotEmpty(reduced);
            Assert.All(reduced, a => Assert.True(a.PupilRef is null && a.Salt is null && (a.ActorKind != "Medewerker" || a.Actor.Length == 0)));
            Assert.Contains(reduced, a => a.Action == "dossier.vrijgegeven" && a.ActorKind == "Medewerker");
            Assert.Null(await AuditLog.VerifyAsync(db, "00YY"));
        }

        // after five years the oldest records go behind a checkpoint, and the rest of the chain still verifies
        await PurgeAtAsync(services, time, T0 + TimeSpan.FromDays(1826) - hour);
        Assert.True(await AuditCountBeforeAsync(services, T0 + day) > 0);
        await PurgeAtAsync(services, time, T0 + TimeSpan.FromDays(1826) + day);
        Assert.Equal(0, await AuditCountBeforeAsync(services, T0 + day));
        await using (var db = services.Get<SchoolStore>().Read())
        {
            Assert.Null(await AuditLog.VerifyAsync(db, "00YY"));
            Assert.Null(await AuditLog.VerifyAsync(db, "92VO"));
            Assert.True(await db.Audit.AnyAsync(a => a.Brin == "00YY" && a.Action == "audit.verwijderd"));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_pupil_that_is_used_again_is_kept_for_the_period_after_that_use(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        await services.Get<SchoolAdmin>().AddSchoolAsync("00YY", "Basisschool", "PO", "Utrecht");
        var bron = services.Get<BronDossiers>();
        var pupil = ((DeliveryResult.Stored)await bron.DeliverAsync("00YY", "L1", Xml(), Staff)).PupilId;

        // delivered again in the next school year: the period now runs from the end of that one
        time.SetUtcNow(T0.AddYears(1));
        await bron.DeliverAsync("00YY", "L1", Xml(), Staff);
        await PurgeAtAsync(services, time, SchoolYearEnd + TimeSpan.FromDays(365) + TimeSpan.FromDays(2));
        await using (var db = services.Get<SchoolStore>().Read())
            Assert.True(await db.Pupils.AnyAsync(p => p.Id == pupil));
        await PurgeAtAsync(services, time, SchoolYearEnd.AddYears(1) + TimeSpan.FromDays(366));
        await using (var db = services.Get<SchoolStore>().Read())
            Assert.False(await db.Pupils.AnyAsync(p => p.Id == pupil));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_SWV_dossier_with_a_terugkoppeling_sent_in_a_later_school_year_is_kept_for_the_period_after_it(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time));
        await services.Get<SchoolAdmin>().AddSchoolAsync("95SW", "Samenwerkingsverband", "SWV", "Utrecht");
        var receipt = await SeedSwvDossierAsync(services, T0.AddYears(1));
        await PurgeAtAsync(services, time, SchoolYearEnd + TimeSpan.FromDays(365) + TimeSpan.FromDays(2));
        await using (var db = services.Get<SchoolStore>().Read())
            Assert.True(await db.SwvReceipts.AnyAsync(r => r.Id == receipt) && await db.Terugkoppelingen.AnyAsync(t => t.ExchangeId == receipt));
        await PurgeAtAsync(services, time, SchoolYearEnd.AddYears(1) + TimeSpan.FromDays(366));
        await using (var db = services.Get<SchoolStore>().Read())
            Assert.False(await db.SwvReceipts.AnyAsync(r => r.Id == receipt) || await db.Terugkoppelingen.AnyAsync(t => t.ExchangeId == receipt));
    }

    [Fact]
    public async Task The_daily_job_is_queued_once_a_day_whichever_instance_queues_it()
    {
        var time = new FakeTimeProvider(T0);
        await using var services = await TestServices.CreateAsync(DatabaseProvider.Sqlite, s => s.AddSingleton<TimeProvider>(time));
        var first = ActivatorUtilities.CreateInstance<DailyScheduler>(services.Provider);
        var second = ActivatorUtilities.CreateInstance<DailyScheduler>(services.Provider);

        await first.QueueDueAsync(CancellationToken.None);
        await second.QueueDueAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(5));
        await first.QueueDueAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromDays(1));
        await second.QueueDueAsync(CancellationToken.None);

        await using var db = services.Get<SchoolStore>().Read();
        Assert.Equal(["purge:2027-03-01", "purge:2027-03-02"],
            await db.Outbox.Where(m => m.Kind == RetentionPurge.Kind).OrderBy(m => m.IdempotencyKey).Select(m => m.IdempotencyKey).ToListAsync());
    }

    private sealed record Seeded(Guid Pupil, Guid Aanmelding, Guid SwvDossier, Guid Imported, Guid NotImported);

    /// <summary>An SWV dossier received at 95SW on <see cref="T0"/> and one terugkoppeling sent about it at <paramref name="feedbackAt"/>.</summary>
    private static async Task<Guid> SeedSwvDossierAsync(TestServices services, DateTimeOffset feedbackAt)
    {
        var id = Guid.NewGuid();
        var koppelsleutel = Guid.NewGuid();
        await services.Get<SchoolStore>().WriteAsync(db =>
        {
            db.SwvReceipts.Add(new Oso.School.Swv.SwvReceipt
            {
                Id = id, Brin = "95SW", SwvRouteringsKenmerk = "0000000700095SW00001", SchoolBrin = "00YY", SchoolRouteringsKenmerk = "0000000700000YY00001",
                Koppelsleutel = koppelsleutel, AfzenderSysteem = "las-test", Status = Oso.School.Swv.SwvReceiptStatus.Ontvangen, Xml = [1], Valid = true,
                NotifiedAt = T0, ReceivedAt = T0,
            });
            db.Terugkoppelingen.Add(new Oso.School.Swv.Terugkoppeling
            {
                Id = Guid.NewGuid(), Brin = "95SW", Richting = Oso.School.Swv.TerugkoppelingRichting.Verstuurd, PartnerBrin = "00YY", Koppelsleutel = koppelsleutel,
                ExchangeId = id, Xml = [1], Resultaat = "TerugkoppelingOntvangen", At = feedbackAt,
            });
            return Task.CompletedTask;
        });
        return id;
    }

    private static async Task<Seeded> SeedAsync(TestServices services, FakeTimeProvider time)
    {
        var admin = services.Get<SchoolAdmin>();
        await admin.AddSchoolAsync("00YY", "Basisschool", "PO", "Utrecht");
        await admin.AddSchoolAsync("92VO", "Lyceum", "VO", "Utrecht");
        await admin.AddSchoolAsync("95SW", "Samenwerkingsverband", "SWV", "Utrecht");
        var swvDossier = await SeedSwvDossierAsync(services, T0);
        var bron = services.Get<BronDossiers>();
        var pupil = ((DeliveryResult.Stored)await bron.DeliverAsync("00YY", "L1", Xml(), Staff)).PupilId;
        var release = Assert.IsType<ReleaseResult.Released>(await bron.ReleaseAsync("00YY", pupil, null, Staff));
        Assert.IsType<ParentLinkResult.Created>(await services.Get<ParentLinks>().CreateAsync("00YY", pupil, "ouders@example.nl", Staff, mail: false));
        Assert.IsType<CorrectionResult.Filed>(await services.Get<Corrections>().FileAsync("00YY", pupil, "De verzuimcijfers kloppen niet.", "school", Staff));
        var aanmelding = Assert.IsType<DoelResult.Ok>(await services.Get<Aanmeldingen>().RegisterAsync("92VO",
            new AanmeldingInput("999991073", new DateOnly(2015, 5, 1), "00YY", "Test"), Staff)).Id;
        var request = Assert.IsType<DoelResult.Ok>(await services.Get<Aanmeldingen>().RequestAsync("92VO", aanmelding, "Medewerker", null, Staff)).Id;
        var session = Guid.NewGuid();
        var received = new Dictionary<bool, Guid> { [true] = Guid.NewGuid(), [false] = Guid.NewGuid() };
        await services.Get<SchoolStore>().WriteAsync(async db =>
        {
            var transfer = await db.TransferRequests.FirstAsync(r => r.Id == request);
            (transfer.Status, transfer.SessieId, transfer.FinishedAt, transfer.Resultaat) = (TransferStatus.Klaar, session, T0, "OverdrachtGeslaagd");
            db.Disclosures.Add(new Disclosure { Id = Guid.NewGuid(), PupilId = pupil, Brin = "00YY", ReleaseId = release.ReleaseId, DoelBrin = "92VO", Profiel = "POVO", SessieId = session, At = T0 });
            db.IncomingRequests.Add(Incoming(session, pupil));
            db.IncomingRequests.Add(Incoming(Guid.NewGuid(), null));
            foreach (var imported in new[] { true, false })
            {
                // stored in chunks (ADR 0014): 150 kB, three chunks, that go with the dossier
                var chunks = await StoredChunks.WriteAsync(db, services.Get<PupilDataProtector>(), "92VO", StoredChunks.Received, received[imported],
                    new MemoryStream(new byte[150_000]), TestContext.Current.CancellationToken);
                db.ReceivedDossiers.Add(new ReceivedDossier
                {
                    Id = received[imported], Brin = "92VO", AanmeldingId = aanmelding, RequestId = request, BronBrin = "00YY", XmlChunks = chunks, Meldingen = [1],
                    Valid = true, ReceivedAt = T0, ImportedAt = imported ? T0 : null,
                });
            }
            db.ReceivedNotifications.Add(new ReceivedNotification { SessieId = Guid.NewGuid(), Brin = "92VO", BronBrin = "00YY", ReceivedAt = T0 });
            foreach (var m in await db.Outbox.ToListAsync()) m.CompletedAt = T0;
        });
        return new Seeded(pupil, aanmelding, swvDossier, received[true], received[false]);
    }

    private static IncomingRequest Incoming(Guid session, Guid? pupil) => new()
    {
        Id = Guid.NewGuid(), Brin = "00YY", BronRouteringsKenmerk = "0000000700000YY00001", SessieId = session, DoelBrin = "92VO",
        DoelRouteringsKenmerk = "0000000700092VO00001", Overdrachtsoort = "overstapdossier", PgnIndex = "x", ReceivedAt = T0,
        Resultaat = pupil is null ? "LeerlingOnbekend" : "OverdrachtGeslaagd", PupilId = pupil,
    };

    private static async Task<Dictionary<string, bool>> PresentAsync(TestServices services, Seeded seeded)
    {
        await using var db = services.Get<SchoolStore>().Read();
        return new Dictionary<string, bool>
        {
            // a dossier is gone only when its chunks are gone too
            ["ontvangen-geimporteerd"] = await db.ReceivedDossiers.AnyAsync(d => d.ImportedAt != null) || await db.StoredChunks.AnyAsync(c => c.OwnerId == seeded.Imported),
            ["ontvangen-niet-geimporteerd"] = await db.ReceivedDossiers.AnyAsync(d => d.ImportedAt == null) || await db.StoredChunks.AnyAsync(c => c.OwnerId == seeded.NotImported),
            ["outbox"] = await db.Outbox.AnyAsync(m => m.CompletedAt == T0),
            ["ouderlink"] = await db.ParentLinks.AnyAsync(),
            ["verzoek"] = await db.IncomingRequests.AnyAsync(r => r.PupilId == null),
            ["leerling"] = await db.Pupils.AnyAsync(p => p.Id == seeded.Pupil) && await db.Drafts.AnyAsync() && await db.Releases.AnyAsync()
                && await db.Disclosures.AnyAsync() && await db.CorrectionRequests.AnyAsync(),
            // the release's chunks (ADR 0014 phase 3) go with the pupil
            ["versie-delen"] = await db.StoredChunks.AnyAsync(c => c.OwnerKind == StoredChunks.Release),
            ["aanmelding"] = await db.Aanmeldingen.AnyAsync(a => a.Id == seeded.Aanmelding) && await db.TransferRequests.AnyAsync(),
            ["notificatie"] = await db.ReceivedNotifications.AnyAsync(),
            ["swv-dossier"] = await db.SwvReceipts.AnyAsync(r => r.Id == seeded.SwvDossier) && await db.Terugkoppelingen.AnyAsync(t => t.ExchangeId == seeded.SwvDossier),
        };
    }

    private static async Task<List<AuditEntry>> AuditAboutAsync(TestServices services, Guid pupil)
    {
        await using var db = services.Get<SchoolStore>().Read();
        return await db.Audit.Where(a => a.PupilRef == pupil.ToString()).ToListAsync();
    }

    private static async Task<int> AuditCountBeforeAsync(TestServices services, DateTimeOffset before)
    {
        await using var db = services.Get<SchoolStore>().Read();
        return await db.Audit.CountAsync(a => a.At < before);
    }

    /// <summary>Moves the clock and lets the daily job run as the node does: queued by the scheduler, carried out by the outbox worker.</summary>
    internal static async Task PurgeAtAsync(TestServices services, FakeTimeProvider time, DateTimeOffset at)
    {
        time.SetUtcNow(at);
        await ActivatorUtilities.CreateInstance<DailyScheduler>(services.Provider).QueueDueAsync(CancellationToken.None);
        var worker = ActivatorUtilities.CreateInstance<OutboxWorker>(services.Provider, Options.Create(new OutboxOptions()));
        while (await worker.RunOneAsync(TestContext.Current.CancellationToken)) { }
        await using var db = services.Get<SchoolStore>().Read();
        Assert.NotNull((await db.Outbox.FirstAsync(m => m.IdempotencyKey == RetentionPurge.Key(at))).CompletedAt);
    }

    private static Stream Xml() => new MemoryStream(DossierWriter.ToBytes(SyntheticDossiers.Fixed("povo-akkoord", new DateOnly(2027, 2, 1))));
}
