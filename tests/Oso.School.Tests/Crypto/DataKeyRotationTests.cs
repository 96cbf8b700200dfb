using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.Outbox;
using Oso.School.Parents;
using Oso.School.Storage;
using Oso.School.Tenancy;
using Oso.Synthetic;
using Oso.Testing;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Tests.Crypto;

public sealed class DataKeyRotationTests
{
    private static readonly DateOnly Reference = new(2026, 4, 1);
    private static readonly Actor Las = Actor.Medewerker("test");

    private sealed record World(TestServices Services, FakeTimeProvider Time, Guid Pupil, Guid Received, Guid Request, Guid Client) : IAsyncDisposable
    {
        public T Get<T>() where T : notnull => Services.Get<T>();

        public ValueTask DisposeAsync() => Services.DisposeAsync();
    }

    /// <summary>A bron school with a released pupil and a parents' link, and a doel school with an aanmelding, a running request, a received dossier and a webhook secret.</summary>
    private static async Task<World> WorldAsync(DatabaseProvider engine)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero));
        // batches of one row, so the job walks every column with its cursor
        var services = await TestServices.CreateAsync(engine, s => s.AddSingleton<TimeProvider>(time).AddSingleton(Options.Create(new KeyRotationOptions { BatchSize = 1 })));
        var admin = services.Get<SchoolAdmin>();
        await admin.AddSchoolAsync("00YY", "Test PO", "PO", "Utrecht");
        await admin.AddSchoolAsync("01AB", "Test VO", "VO", "Utrecht");
        var bron = services.Get<BronDossiers>();
        var stored = Assert.IsType<DeliveryResult.Stored>(await bron.DeliverAsync("00YY", "L1", SyntheticDossiers.Fixed("povo-akkoord", Reference), Las));
        Assert.IsType<ReleaseResult.Released>(await bron.ReleaseAsync("00YY", stored.PupilId, null, Las));
        Assert.IsType<ParentLinkResult.Created>(await services.Get<ParentLinks>().CreateAsync("00YY", stored.PupilId, "ouder@example.nl", Las));
        var aanmelding = Assert.IsType<DoelResult.Ok>(await services.Get<Aanmeldingen>().RegisterAsync("01AB",
            new AanmeldingInput("999991000", new DateOnly(2014, 5, 1), "00YY", "Daan"), Las)).Id;
        var (client, _) = await admin.CreateLasClientAsync("01AB", "LAS");
        await admin.SetWebhookAsync("01AB", client, "https://las.example/hook", "webhookgeheim");
        var crypto = services.Get<ProtectedDossiers>();
        var (request, received) = (Guid.NewGuid(), Guid.NewGuid());
        var chunked = Guid.NewGuid();
        await services.Get<SchoolStore>().WriteAsync(async db =>
        {
            // a second dossier stored in chunks (ADR 0014): 150,000 bytes, three chunks under data key 1
            var chunks = await StoredChunks.WriteAsync(db, services.Get<PupilDataProtector>(), "01AB", StoredChunks.Received, chunked,
                new MemoryStream(System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 15_000).Select(i => $"<d>{i % 10000:D4}</d>"))[..150_000])),
                TestContext.Current.CancellationToken);
            Assert.Equal(3, chunks);
            db.ReceivedDossiers.Add(new ReceivedDossier
            {
                Id = chunked, Brin = "01AB", AanmeldingId = aanmelding, RequestId = request, BronBrin = "00YY", ReceivedAt = time.GetUtcNow(), Valid = true,
                XmlChunks = chunks, Meldingen = crypto.ProtectJson("01AB", new[] { "geen" }, Contexts.ReceivedMeldingen(chunked)),
            });
            db.TransferRequests.Add(new TransferRequest
            {
                Id = request, Brin = "01AB", AanmeldingId = aanmelding, Trigger = "Las", Status = "Bezig", CreatedAt = time.GetUtcNow(),
                Geheim = crypto.ProtectJson("01AB", "sleutel-k", Contexts.Geheim(request)),
            });
            db.ReceivedDossiers.Add(new ReceivedDossier
            {
                Id = received, Brin = "01AB", AanmeldingId = aanmelding, RequestId = request, BronBrin = "00YY", ReceivedAt = time.GetUtcNow(), Valid = true,
                Xml = crypto.ProtectXml("01AB", "<dossier/>"u8, Contexts.Received(received)),
                Meldingen = crypto.ProtectJson("01AB", new[] { "geen" }, Contexts.ReceivedMeldingen(received)),
            });
        });
        return new World(services, time, stored.PupilId, received, request, client);
    }

    /// <summary>A worker that runs re-encryption only (other messages, such as the parents' mail, are given up as unknown: they are not under test).</summary>
    private static OutboxWorker Worker(World world) => new(
        world.Get<IDbContextFactory<SchoolDbContext>>(), world.Get<SchoolStore>(), world.Services.Provider.GetServices<IOutboxHandler>().Where(h => h.Kind == DataKeyRekeying.Kind),
        world.Get<OutboxQueue>(), world.Time, Options.Create(new OutboxOptions()), NullLogger<OutboxWorker>.Instance);

    /// <summary>Every encrypted value of both schools, decrypted, with the key each was made under.</summary>
    private static async Task<List<(string What, int? KeyId, string Plain)>> ReadAllAsync(World world, PupilDataProtector? protector = null)
    {
        protector ??= world.Get<PupilDataProtector>();
        var values = new List<(string, int?, string)>();
        await using var db = world.Get<SchoolStore>().Read();
        void Add(string what, string brin, byte[]? blob, string context)
        {
            if (blob is not null) values.Add((what, PupilDataProtector.KeyIdOf(blob), protector.UnprotectText(brin, blob, context)));
        }
        foreach (var p in await db.Pupils.ToListAsync()) Add("pupil", p.Brin, p.Identity, Contexts.PupilIdentity(p.Id));
        foreach (var d in await db.Drafts.ToListAsync()) Add("draft", "00YY", d.Xml, Contexts.Draft(d.PupilId));
        foreach (var r in await db.Releases.ToListAsync()) Add("release", r.Brin, r.Xml, Contexts.Release(r.Id));
        foreach (var l in await db.ParentLinks.ToListAsync())
        {
            Add("ouder-email", l.Brin, l.Email, ParentLinks.EmailContext(l.Id));
            Add("ouder-token", l.Brin, l.PendingToken, ParentLinks.TokenContext(l.Id));
        }
        foreach (var a in await db.Aanmeldingen.ToListAsync()) Add("aanmelding", a.Brin, a.Identity, Contexts.AanmeldingIdentity(a.Id));
        foreach (var t in await db.TransferRequests.ToListAsync()) Add("geheim", t.Brin, t.Geheim, Contexts.Geheim(t.Id));
        foreach (var r in await db.ReceivedDossiers.ToListAsync())
        {
            Add("ontvangen", r.Brin, r.Xml, Contexts.Received(r.Id));
            Add("meldingen", r.Brin, r.Meldingen, Contexts.ReceivedMeldingen(r.Id));
        }
        foreach (var c in await db.LasClients.ToListAsync()) Add("webhook", c.Brin, c.WebhookSecret, Contexts.Webhook(c.Id));
        foreach (var c in await db.StoredChunks.ToListAsync()) Add(c.OwnerKind + " deel " + c.Sequence, c.Brin, c.Data, StoredChunks.Context(c.Id));
        return [.. values.OrderBy(v => v.Item1).ThenBy(v => v.Item3)];
    }

    [Fact]
    public void Every_byte_array_column_is_either_encrypted_under_a_data_key_or_named_as_not()
    {
        using var db = new SqliteSchoolDbContext(new DbContextOptionsBuilder<SqliteSchoolDbContext>().UseSqlite("Data Source=:memory:").Options);
        var binary = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties().Where(p => p.ClrType == typeof(byte[])).Select(p => e.ClrType.Name + "." + p.Name)).Order().ToList();

        Assert.Equal(binary, EncryptedColumns.All.Select(c => c.Name).Concat(EncryptedColumns.NotUnderADataKey).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task After_a_rotation_new_writes_use_the_new_key_old_rows_stay_readable_and_lookups_still_work(DatabaseProvider engine)
    {
        await using var world = await WorldAsync(engine);
        var before = await ReadAllAsync(world);
        Assert.All(before, v => Assert.Equal(1, v.KeyId));

        var rotated = await world.Get<DataKeyRotation>().RotateAsync(cancellationToken: TestContext.Current.CancellationToken);
        world.Time.Advance(TimeSpan.FromMinutes(2)); // past the current-key refresh of this instance

        Assert.Equal([("00YY", 2), ("01AB", 2)], rotated.Select(r => (r.Brin, r.KeyId)));
        Assert.Equal(before, await ReadAllAsync(world));
        var bron = world.Get<BronDossiers>();
        Assert.Equal(world.Pupil, await bron.FindPupilAsync("00YY", "L1")); // the blind index did not change
        var second = Assert.IsType<DeliveryResult.Stored>(await bron.DeliverAsync("00YY", "L2", SyntheticDossiers.Fixed("popo", Reference), Las));
        await using var db = world.Get<SchoolStore>().Read();
        Assert.Equal(2, PupilDataProtector.KeyIdOf((await db.Pupils.SingleAsync(p => p.Id == second.PupilId)).Identity));
        Assert.Equal(2, PupilDataProtector.KeyIdOf((await db.Drafts.SingleAsync(d => d.PupilId == second.PupilId)).Xml));
        var status = await world.Get<DataKeyRotation>().StatusAsync(TestContext.Current.CancellationToken);
        var po = status.Single(s => s.Brin == "00YY");
        Assert.Equal(2, po.CurrentKeyId);
        Assert.Equal(RekeyState.Wacht, po.Rekey!.State);
        Assert.Equal([(1, 5L), (2, 2L)], po.Keys.Select(k => (k.KeyId, k.Values))); // pupil, draft, release (its one chunk), e-mail, token; the new pupil and draft
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_background_job_moves_every_row_to_the_new_key_in_batches_and_then_retires_the_old_key(DatabaseProvider engine)
    {
        await using var world = await WorldAsync(engine);
        var before = await ReadAllAsync(world);
        var worker = Worker(world);
        while (await worker.RunOneAsync(TestContext.Current.CancellationToken)) { } // the parents' mail
        await world.Get<DataKeyRotation>().RotateAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(await worker.RunOneAsync(TestContext.Current.CancellationToken)); // waits for the grace period
        world.Time.Advance(TimeSpan.FromMinutes(6));
        var steps = 0;
        while (await worker.RunOneAsync(TestContext.Current.CancellationToken)) steps++;

        var after = await ReadAllAsync(world);
        Assert.Contains(after, v => v.What == StoredChunks.Release + " deel 0"); // the release is in chunks (ADR 0014 phase 3), moved too
        Assert.Equal(before.Select(v => (v.What, v.Plain)), after.Select(v => (v.What, v.Plain)));
        Assert.All(after, v => Assert.Equal(2, v.KeyId));
        Assert.True(steps >= 2 * EncryptedColumns.All.Count, $"{steps} steps"); // one message per column and school at least
        await using var db = world.Get<SchoolStore>().Read();
        Assert.Equal([("00YY", 2), ("01AB", 2)], (await db.DataKeys.OrderBy(k => k.Brin).ToListAsync()).Select(k => (k.Brin, k.KeyId)));
        foreach (var brin in new[] { "00YY", "01AB" })
        {
            Assert.Null(await AuditLog.VerifyAsync(db, brin));
            var actions = await db.Audit.Where(a => a.Brin == brin && a.Action.StartsWith("sleutel")).OrderBy(a => a.Sequence).Select(a => a.Action + " " + a.Detail).ToListAsync();
            Assert.Equal(3, actions.Count);
            Assert.Equal("sleutel.vernieuwd sleutel=2", actions[0]);
            Assert.Equal("sleutel.ingetrokken sleutel=1", actions[1]);
            Assert.StartsWith("sleutel.omgezet sleutel=2;omgezet=", actions[2]);
            Assert.EndsWith(";onleesbaar=0;oudeSleutelNog=0", actions[2]);
        }
        var status = await world.Get<DataKeyRotation>().StatusAsync(TestContext.Current.CancellationToken);
        Assert.All(status, s => Assert.Equal(RekeyState.Klaar, s.Rekey!.State));
        Assert.Equal(5, status.Single(s => s.Brin == "00YY").Rekey!.Moved);
        Assert.Equal(world.Pupil, await world.Get<BronDossiers>().FindPupilAsync("00YY", "L1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_value_that_does_not_decrypt_keeps_its_key_alive_and_is_reported(DatabaseProvider engine)
    {
        await using var world = await WorldAsync(engine);
        await world.Get<SchoolStore>().WriteAsync(async db =>
        {
            var draft = await db.Drafts.SingleAsync(d => d.PupilId == world.Pupil);
            var broken = draft.Xml.ToArray();
            broken[^1] ^= 1;
            draft.Xml = broken;
        });
        await world.Get<DataKeyRotation>().RotateAsync(cancellationToken: TestContext.Current.CancellationToken);
        world.Time.Advance(TimeSpan.FromMinutes(6));
        var worker = Worker(world);
        while (await worker.RunOneAsync(TestContext.Current.CancellationToken)) { }

        await using var db = world.Get<SchoolStore>().Read();
        Assert.Equal([1, 2], await db.DataKeys.Where(k => k.Brin == "00YY").OrderBy(k => k.KeyId).Select(k => k.KeyId).ToListAsync());
        Assert.EndsWith(";onleesbaar=1;oudeSleutelNog=1", await db.Audit.Where(a => a.Brin == "00YY" && a.Action == "sleutel.omgezet").Select(a => a.Detail).SingleAsync());
        var po = (await world.Get<DataKeyRotation>().StatusAsync(TestContext.Current.CancellationToken)).Single(s => s.Brin == "00YY");
        Assert.Equal([(1, 1L), (2, 4L)], po.Keys.Select(k => (k.KeyId, k.Values)));
        Assert.Equal([2], await db.DataKeys.Where(k => k.Brin == "01AB").Select(k => k.KeyId).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_master_key_rewraps_every_key_and_the_old_master_key_no_longer_opens_the_database(DatabaseProvider engine)
    {
        await using var world = await WorldAsync(engine);
        var before = await ReadAllAsync(world);
        using var newMaster = MasterKey.FromBase64(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        await world.Get<DataKeyRotation>().RotateAsync(newMaster, TestContext.Current.CancellationToken);

        var keys = new TenantKeySource(world.Get<IDbContextFactory<SchoolDbContext>>(), world.Time, Options.Create(new KeyRotationOptions()));
        var fresh = new PupilDataProtector(newMaster, keys);
        Assert.Equal(before, await ReadAllAsync(world, fresh));
        Assert.Equal(world.Get<PupilDataProtector>().BlindIndex("00YY", "las", "L1"), fresh.BlindIndex("00YY", "las", "L1"));
        await using var db = world.Get<SchoolStore>().Read();
        await MasterKeyCheck.VerifyAsync(db, newMaster, TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => MasterKeyCheck.VerifyAsync(db, world.Get<MasterKey>(), TestContext.Current.CancellationToken));
        Assert.Contains("hoofdsleutel past niet", refused.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => world.Get<DataKeyRotation>().RotateAsync(world.Get<MasterKey>(), TestContext.Current.CancellationToken));
    }
}
