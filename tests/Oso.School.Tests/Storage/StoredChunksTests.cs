using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Oso.School.Crypto;
using Oso.School.Doel;
using Oso.School.Storage;
using Oso.School.Tenancy;
using Oso.Testing;
using static Oso.School.Crypto.ProtectedDossiers;

namespace Oso.School.Tests.Storage;

/// <summary>A received dossier stored in encrypted chunks (ADR 0014, phase 2): read back whole, and refused when a chunk is tampered with.</summary>
public sealed class StoredChunksTests
{
    private const string Brin = "92VO";
    private static readonly DateTimeOffset T0 = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static async Task<TestServices> ServicesAsync(DatabaseProvider engine)
    {
        var services = await TestServices.CreateAsync(engine);
        await services.Get<SchoolAdmin>().AddSchoolAsync(Brin, "Lyceum", "VO", "Utrecht");
        return services;
    }

    /// <summary>Stores <paramref name="xml"/> as a received dossier in chunks; returns the row.</summary>
    private async Task<ReceivedDossier> StoreAsync(TestServices services, byte[] xml)
    {
        var id = Guid.NewGuid();
        return await services.Get<SchoolStore>().WriteAsync(async db =>
        {
            var chunks = await StoredChunks.WriteAsync(db, services.Get<PupilDataProtector>(), Brin, StoredChunks.Received, id, new MemoryStream(xml), _ct);
            var row = new ReceivedDossier
            {
                Id = id, Brin = Brin, AanmeldingId = Guid.NewGuid(), RequestId = Guid.NewGuid(), BronBrin = "00YY", XmlChunks = chunks, Valid = true,
                Meldingen = [1], ReceivedAt = T0,
            };
            db.ReceivedDossiers.Add(row);
            return row;
        }, _ct);
    }

    private static byte[] Read(TestServices services, ReceivedDossier row)
    {
        using var stream = services.Get<ProtectedDossiers>().ReceivedXml(services.Get<SchoolStore>(), row);
        using var copy = new MemoryStream();
        var buffer = new byte[7_001]; // reads that do not line up with the chunks
        int n;
        while ((n = stream.Read(buffer)) > 0) copy.Write(buffer, 0, n);
        return copy.ToArray();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_dossier_in_chunks_reads_back_byte_for_byte_and_a_row_from_before_chunks_still_reads(DatabaseProvider engine)
    {
        await using var services = await ServicesAsync(engine);
        var xml = RandomNumberGenerator.GetBytes(3 * StoredChunks.ChunkBytes + 12_345);
        var exact = RandomNumberGenerator.GetBytes(2 * StoredChunks.ChunkBytes);

        var row = await StoreAsync(services, xml);
        var even = await StoreAsync(services, exact);
        var empty = await StoreAsync(services, []);

        Assert.Equal(4, row.XmlChunks);
        Assert.Equal(2, even.XmlChunks);
        Assert.Equal(1, empty.XmlChunks);
        Assert.Equal(xml, Read(services, row));
        Assert.Equal(exact, Read(services, even));
        Assert.Empty(Read(services, empty));
        Assert.Equal(xml, services.Get<ProtectedDossiers>().ReceivedXmlBytes(services.Get<SchoolStore>(), row));
        await using (var stream = services.Get<ProtectedDossiers>().ReceivedXml(services.Get<SchoolStore>(), row))
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy, _ct);
            Assert.Equal(xml, copy.ToArray());
        }
        await using (var db = services.Get<SchoolStore>().Read())
        {
            // nothing of the plaintext in the table: each chunk is the protector's ciphertext under the school's key
            var stored = await db.StoredChunks.Where(c => c.OwnerId == row.Id).OrderBy(c => c.Sequence).ToListAsync(_ct);
            Assert.Equal([0, 1, 2, 3], stored.Select(c => c.Sequence));
            Assert.All(stored, c => Assert.Equal(1, PupilDataProtector.KeyIdOf(c.Data)));
            Assert.False(stored[0].Data.AsSpan().IndexOf(xml.AsSpan(0, 64)) >= 0);
        }

        // a row stored before chunks: one blob in Xml
        var crypto = services.Get<ProtectedDossiers>();
        var legacyId = Guid.NewGuid();
        var legacy = new ReceivedDossier
        {
            Id = legacyId, Brin = Brin, AanmeldingId = Guid.NewGuid(), RequestId = Guid.NewGuid(), BronBrin = "00YY", Valid = true, Meldingen = [1],
            ReceivedAt = T0, Xml = crypto.ProtectXml(Brin, xml, Contexts.Received(legacyId)),
        };
        await services.Get<SchoolStore>().WriteAsync(db =>
        {
            db.ReceivedDossiers.Add(legacy);
            return Task.CompletedTask;
        }, _ct);
        await using (var db = services.Get<SchoolStore>().Read())
            Assert.Equal(xml, Read(services, await db.ReceivedDossiers.AsNoTracking().SingleAsync(d => d.Id == legacyId, _ct)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_chunk_swapped_moved_from_another_dossier_or_missing_is_refused_with_a_clear_error(DatabaseProvider engine)
    {
        await using var services = await ServicesAsync(engine);
        var row = await StoreAsync(services, RandomNumberGenerator.GetBytes(3 * StoredChunks.ChunkBytes));
        var other = await StoreAsync(services, RandomNumberGenerator.GetBytes(3 * StoredChunks.ChunkBytes));
        var store = services.Get<SchoolStore>();

        async Task<byte[]> DataAsync(Guid owner, int sequence)
        {
            await using var db = store.Read();
            return await db.StoredChunks.Where(c => c.OwnerId == owner && c.Sequence == sequence).Select(c => c.Data).SingleAsync(_ct);
        }
        Task SetAsync(Guid owner, int sequence, byte[] data) => store.WriteAsync(async db =>
            (await db.StoredChunks.SingleAsync(c => c.OwnerId == owner && c.Sequence == sequence, _ct)).Data = data, _ct);

        // chunks 2 and 3 swapped
        var (second, third) = (await DataAsync(row.Id, 1), await DataAsync(row.Id, 2));
        await SetAsync(row.Id, 1, third);
        await SetAsync(row.Id, 2, second);
        var swapped = Assert.Throws<InvalidDataException>(() => Read(services, row));
        Assert.Equal("Deel 2 van 3 van het opgeslagen dossier hoort niet op deze plaats of is gewijzigd (verplaatst, verwisseld of beschadigd); het dossier wordt niet gelezen.",
            swapped.Message);
        await SetAsync(row.Id, 1, second);
        await SetAsync(row.Id, 2, third);
        Assert.Equal(3 * StoredChunks.ChunkBytes, Read(services, row).Length); // put back: reads again

        // the first chunk of another dossier (same school, same key) moved into this one
        await SetAsync(row.Id, 0, await DataAsync(other.Id, 0));
        var moved = Assert.Throws<InvalidDataException>(() => Read(services, row));
        Assert.StartsWith("Deel 1 van 3 van het opgeslagen dossier hoort niet op deze plaats", moved.Message, StringComparison.Ordinal);

        // the last chunk gone: the dossier is not read short
        await store.WriteAsync(db => db.StoredChunks.Where(c => c.OwnerId == other.Id && c.Sequence == 2).ExecuteDeleteAsync(_ct), _ct);
        var missing = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await using var stream = services.Get<ProtectedDossiers>().ReceivedXml(store, other);
            await stream.CopyToAsync(Stream.Null, _ct);
        });
        Assert.Equal("Deel 3 van 3 van het opgeslagen dossier ontbreekt; het dossier kan niet worden gelezen.", missing.Message);
    }
}
