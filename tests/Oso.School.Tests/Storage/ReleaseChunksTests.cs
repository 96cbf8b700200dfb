using Microsoft.EntityFrameworkCore;
using Oso.Dossier;
using Oso.School.Audit;
using Oso.School.Bron;
using Oso.School.Crypto;
using Oso.School.Privacy;
using Oso.School.Storage;
using Oso.School.Tenancy;
using Oso.Synthetic;
using Oso.Testing;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Tests.Storage;

/// <summary>
/// A bron's release stored in encrypted chunks (ADR 0014, phase 3): written in the release's transaction, read back
/// byte for byte through one reader stream (its own context, or the caller's transaction), a release stored before
/// chunks still read, and a tampered chunk refused with its place.
/// </summary>
public sealed class ReleaseChunksTests
{
    private const string Brin = "00YY";
    private static readonly DateOnly Reference = new(2026, 4, 1);
    private static readonly Actor Las = Actor.Medewerker("test");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static async Task<TestServices> ServicesAsync(DatabaseProvider engine)
    {
        var services = await TestServices.CreateAsync(engine);
        await services.Get<SchoolAdmin>().AddSchoolAsync(Brin, "OSO testschool PO", "PO", "Utrecht");
        return services;
    }

    /// <summary>Delivers and releases a pupil whose dossier has attachments of <paramref name="attachmentSize"/> bytes; returns the release row and the draft's XML.</summary>
    private async Task<(DossierRelease Release, byte[] Xml)> ReleaseAsync(TestServices services, string lasId, long attachmentSize)
    {
        var bron = services.Get<BronDossiers>();
        var dossier = SyntheticDossiers.Fixed("povo-akkoord", Reference, new SyntheticOptions { AttachmentSize = attachmentSize });
        var stored = Assert.IsType<DeliveryResult.Stored>(await bron.DeliverAsync(Brin, lasId, new MemoryStream(DossierWriter.ToBytes(dossier)), Las, _ct));
        var released = Assert.IsType<ReleaseResult.Released>(await bron.ReleaseAsync(Brin, stored.PupilId, null, Las, _ct));
        await using var db = services.Get<SchoolStore>().Read();
        var draft = await db.Drafts.AsNoTracking().SingleAsync(d => d.PupilId == stored.PupilId, _ct);
        var release = await db.Releases.AsNoTracking().SingleAsync(r => r.Id == released.ReleaseId, _ct);
        return (release, services.Get<ProtectedDossiers>().Xml(Brin, draft.Xml, Contexts.Draft(stored.PupilId)));
    }

    private static byte[] Read(TestServices services, DossierRelease release)
    {
        using var stream = services.Get<ProtectedDossiers>().ReleaseXml(services.Get<SchoolStore>(), release);
        using var copy = new MemoryStream();
        var buffer = new byte[7_001]; // reads that do not line up with the chunks
        int n;
        while ((n = stream.Read(buffer)) > 0) copy.Write(buffer, 0, n);
        return copy.ToArray();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_release_is_stored_in_chunks_and_reads_back_byte_for_byte_and_a_release_from_before_chunks_still_reads(DatabaseProvider engine)
    {
        await using var services = await ServicesAsync(engine);
        var store = services.Get<SchoolStore>();
        var crypto = services.Get<ProtectedDossiers>();
        var (release, xml) = await ReleaseAsync(services, "L1", 96 * 1024);

        Assert.Null(release.Xml); // no blob of the whole release any more
        Assert.Equal((xml.Length + StoredChunks.ChunkBytes - 1) / StoredChunks.ChunkBytes, release.XmlChunks);
        Assert.True(release.XmlChunks >= 2, $"{xml.Length} bytes in {release.XmlChunks} chunk(s)");
        Assert.Equal(xml, Read(services, release));
        await using (var stream = crypto.ReleaseXml(store, release))
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy, _ct);
            Assert.Equal(xml, copy.ToArray());
        }
        // read in the caller's transaction (as the bron's answer and the SWV dossier are), then that context goes on
        var inTransaction = await store.WriteAsync(async db =>
        {
            byte[] read;
            await using (var stream = crypto.ReleaseXml(db, release))
            using (var copy = new MemoryStream())
            {
                await stream.CopyToAsync(copy, _ct);
                read = copy.ToArray();
            }
            Assert.Equal(1, await db.Releases.CountAsync(r => r.Id == release.Id, _ct));
            return read;
        }, _ct);
        Assert.Equal(xml, inTransaction);
        await using (var db = store.Read())
        {
            var chunks = await db.StoredChunks.AsNoTracking().Where(c => c.OwnerKind == StoredChunks.Release && c.OwnerId == release.Id)
                .OrderBy(c => c.Sequence).ToListAsync(_ct);
            Assert.Equal(Enumerable.Range(0, release.XmlChunks), chunks.Select(c => c.Sequence));
            Assert.All(chunks, c => Assert.Equal(1, PupilDataProtector.KeyIdOf(c.Data)));
            Assert.All(chunks, c => Assert.Equal(Brin, c.Brin));
            Assert.False(chunks[0].Data.AsSpan().IndexOf(xml.AsSpan(0, 64)) >= 0); // nothing of the plaintext in the table
        }

        // a release stored before chunks: one blob in Xml, XmlChunks 0 — read by the same stream, and by the privacy export
        var legacyId = Guid.NewGuid();
        var legacy = new DossierRelease
        {
            Id = legacyId, PupilId = release.PupilId, Brin = Brin, Version = 2, Xml = crypto.ProtectXml(Brin, xml, Contexts.Release(legacyId)),
            ReleasedAt = release.ReleasedAt.AddDays(1), ReleasedBy = "test",
        };
        await store.WriteAsync(db =>
        {
            db.Releases.Add(legacy);
            return Task.CompletedTask;
        }, _ct);
        await using (var db = store.Read())
            Assert.Equal(xml, Read(services, await db.Releases.AsNoTracking().SingleAsync(r => r.Id == legacyId, _ct)));
        var export = await services.Get<AccessExport>().ForStaffAsync(Brin, release.PupilId, Las, _ct);
        Assert.NotNull(export);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(export));
        foreach (var name in new[] { "dossier/versie-1.xml", "dossier/versie-2.xml" })
        {
            using var entry = zip.GetEntry(name)!.Open();
            using var copy = new MemoryStream();
            await entry.CopyToAsync(copy, _ct);
            Assert.Equal(xml, copy.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_release_chunk_swapped_moved_from_another_release_or_missing_is_refused_with_its_place(DatabaseProvider engine)
    {
        await using var services = await ServicesAsync(engine);
        var store = services.Get<SchoolStore>();
        var (release, xml) = await ReleaseAsync(services, "L1", 96 * 1024);
        var (other, _) = await ReleaseAsync(services, "L2", 96 * 1024);
        var n = release.XmlChunks;
        Assert.True(n >= 3, $"{n} chunks");

        async Task<byte[]> DataAsync(Guid owner, int sequence)
        {
            await using var db = store.Read();
            return await db.StoredChunks.Where(c => c.OwnerKind == StoredChunks.Release && c.OwnerId == owner && c.Sequence == sequence).Select(c => c.Data).SingleAsync(_ct);
        }
        Task SetAsync(Guid owner, int sequence, byte[] data) => store.WriteAsync(async db =>
            (await db.StoredChunks.SingleAsync(c => c.OwnerKind == StoredChunks.Release && c.OwnerId == owner && c.Sequence == sequence, _ct)).Data = data, _ct);

        // chunks 2 and 3 swapped
        var (second, third) = (await DataAsync(release.Id, 1), await DataAsync(release.Id, 2));
        await SetAsync(release.Id, 1, third);
        await SetAsync(release.Id, 2, second);
        var swapped = Assert.Throws<InvalidDataException>(() => Read(services, release));
        Assert.Equal($"Deel 2 van {n} van het opgeslagen dossier hoort niet op deze plaats of is gewijzigd (verplaatst, verwisseld of beschadigd); het dossier wordt niet gelezen.",
            swapped.Message);
        await SetAsync(release.Id, 1, second);
        await SetAsync(release.Id, 2, third);
        Assert.Equal(xml, Read(services, release)); // put back: reads again

        // the first chunk of another pupil's release (same school, same key) moved into this one
        var first = await DataAsync(release.Id, 0);
        await SetAsync(release.Id, 0, await DataAsync(other.Id, 0));
        var moved = Assert.Throws<InvalidDataException>(() => Read(services, release));
        Assert.StartsWith($"Deel 1 van {n} van het opgeslagen dossier hoort niet op deze plaats", moved.Message, StringComparison.Ordinal);
        await SetAsync(release.Id, 0, first);

        // a chunk gone, in the middle and at the end: the release is not read short
        await store.WriteAsync(db => db.StoredChunks.Where(c => c.OwnerKind == StoredChunks.Release && c.OwnerId == other.Id && c.Sequence == 1).ExecuteDeleteAsync(_ct), _ct);
        var gap = Assert.Throws<InvalidDataException>(() => Read(services, other));
        Assert.Equal($"Deel 2 van {other.XmlChunks} van het opgeslagen dossier ontbreekt; het dossier kan niet worden gelezen.", gap.Message);
        var last = n - 1;
        await store.WriteAsync(db => db.StoredChunks.Where(c => c.OwnerKind == StoredChunks.Release && c.OwnerId == release.Id && c.Sequence == last).ExecuteDeleteAsync(_ct), _ct);
        var missing = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await using var stream = services.Get<ProtectedDossiers>().ReleaseXml(store, release);
            await stream.CopyToAsync(Stream.Null, _ct);
        });
        Assert.Equal($"Deel {n} van {n} van het opgeslagen dossier ontbreekt; het dossier kan niet worden gelezen.", missing.Message);
    }
}
