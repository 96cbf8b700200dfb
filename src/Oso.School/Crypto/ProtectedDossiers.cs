using System.Text.Json;
using Oso.Dossier;
using Oso.Dossier.Model;

namespace Oso.School.Crypto;

/// <summary>Encrypts and decrypts dossiers and small JSON records with <see cref="PupilDataProtector"/>; the contexts name each record.</summary>
public sealed class ProtectedDossiers(PupilDataProtector protector)
{
    /// <summary>The dossier as XML, encrypted for a record.</summary>
    public byte[] Protect(string brin, IOsoDocument dossier, string context) => protector.Protect(brin, DossierWriter.ToBytes(dossier, indent: false), context);

    /// <summary>XML bytes, encrypted for a record.</summary>
    public byte[] ProtectXml(string brin, ReadOnlySpan<byte> xml, string context) => protector.Protect(brin, xml, context);

    /// <summary>The decrypted XML.</summary>
    public byte[] Xml(string brin, byte[] blob, string context) => protector.Unprotect(brin, blob, context);

    /// <summary>
    /// A received dossier's XML as a stream: decrypted one chunk at a time from its <see cref="Storage.StoredChunk"/>s
    /// (read through a context of its own, closed with the stream), or from the one blob of a row stored before chunks.
    /// </summary>
    public Stream ReceivedXml(Storage.SchoolStore store, Doel.ReceivedDossier dossier)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dossier);
        if (dossier.XmlChunks > 0)
            return Storage.StoredChunks.Open(store.Read(), protector, dossier.Brin, Storage.StoredChunks.Received, dossier.Id, dossier.XmlChunks);
        var blob = dossier.Xml ?? throw new InvalidDataException("Het opgeslagen dossier heeft geen inhoud.");
        return new MemoryStream(Xml(dossier.Brin, blob, Contexts.Received(dossier.Id)), writable: false);
    }

    /// <summary>A received dossier's XML whole (for consumers that need it whole; see <see cref="ReceivedXml"/>).</summary>
    public byte[] ReceivedXmlBytes(Storage.SchoolStore store, Doel.ReceivedDossier dossier)
    {
        using var stream = ReceivedXml(store, dossier);
        if (stream is MemoryStream memory) return memory.ToArray();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// Stores a release's XML in encrypted <see cref="Storage.StoredChunk"/>s in the caller's transaction, each inserted and
    /// let go (<see cref="Storage.StoredChunks.WriteAsync"/>); returns how many, for <see cref="Bron.DossierRelease.XmlChunks"/>.
    /// </summary>
    public Task<int> WriteReleaseAsync(Storage.SchoolDbContext db, string brin, Guid releaseId, Stream xml, CancellationToken cancellationToken) =>
        Storage.StoredChunks.WriteAsync(db, protector, brin, Storage.StoredChunks.Release, releaseId, xml, cancellationToken);

    /// <summary>
    /// A release's XML as a stream: decrypted one chunk at a time from its <see cref="Storage.StoredChunk"/>s (read through a
    /// context of its own, closed with the stream), or from the one blob of a release stored before chunks.
    /// </summary>
    public Stream ReleaseXml(Storage.SchoolStore store, Bron.DossierRelease release)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(release);
        return release.XmlChunks > 0
            ? Storage.StoredChunks.Open(store.Read(), protector, release.Brin, Storage.StoredChunks.Release, release.Id, release.XmlChunks)
            : LegacyRelease(release);
    }

    /// <summary>
    /// A release's XML as a stream read in the caller's context and transaction (<paramref name="db"/> stays the caller's);
    /// dispose it before the context runs another command.
    /// </summary>
    public Stream ReleaseXml(Storage.SchoolDbContext db, Bron.DossierRelease release)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(release);
        return release.XmlChunks > 0
            ? Storage.StoredChunks.Open(db, protector, release.Brin, Storage.StoredChunks.Release, release.Id, release.XmlChunks, ownsContext: false)
            : LegacyRelease(release);
    }

    /// <summary>The most bytes a release's XML can have (to size a buffer once): its chunks full, or the one blob's plaintext.</summary>
    public static int MaxReleaseBytes(Bron.DossierRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.XmlChunks > 0 ? (int)Math.Min((long)release.XmlChunks * Storage.StoredChunks.ChunkBytes, Array.MaxLength) : release.Xml?.Length ?? 0;
    }

    private MemoryStream LegacyRelease(Bron.DossierRelease release)
    {
        var blob = release.Xml ?? throw new InvalidDataException("Het vrijgegeven dossier heeft geen inhoud.");
        return new MemoryStream(Xml(release.Brin, blob, Contexts.Release(release.Id)), writable: false);
    }

    /// <summary>The decrypted dossier (it was valid when stored).</summary>
    public Dossier.Model.Dossier Dossier(string brin, byte[] blob, string context)
    {
        using var stream = new MemoryStream(Xml(brin, blob, context));
        return DossierReader.ReadDossier(stream);
    }

    /// <summary>A small record as encrypted JSON.</summary>
    public byte[] ProtectJson<T>(string brin, T value, string context) => protector.Protect(brin, JsonSerializer.SerializeToUtf8Bytes(value), context);

    /// <summary>A decrypted JSON record.</summary>
    public T Json<T>(string brin, byte[] blob, string context) =>
        JsonSerializer.Deserialize<T>(protector.Unprotect(brin, blob, context)) ?? throw new InvalidOperationException("Leeg versleuteld record.");

    /// <summary>A blind index (see <see cref="PupilDataProtector.BlindIndex"/>).</summary>
    public string Index(string brin, string kind, string value) => protector.BlindIndex(brin, kind, value);

    /// <summary>Record contexts, so each ciphertext is bound to its row.</summary>
    public static class Contexts
    {
        /// <summary>A draft dossier.</summary>
        public static string Draft(Guid pupil) => "draft:" + pupil;
        /// <summary>A released dossier.</summary>
        public static string Release(Guid release) => "release:" + release;
        /// <summary>A received dossier.</summary>
        public static string Received(Guid id) => "received:" + id;
        /// <summary>The validation messages of a received dossier.</summary>
        public static string ReceivedMeldingen(Guid id) => "received-meldingen:" + id;

        /// <summary>The bron's signature kept with a received dossier.</summary>
        public static string ReceivedHandtekening(Guid id) => "received-handtekening:" + id;
        /// <summary>A pupil's identity summary.</summary>
        public static string PupilIdentity(Guid pupil) => "pupil:" + pupil;
        /// <summary>An aanmelding's identity.</summary>
        public static string AanmeldingIdentity(Guid id) => "aanmelding:" + id;
        /// <summary>A request's zoeksleutel key k.</summary>
        public static string Geheim(Guid request) => "geheim:" + request;
        /// <summary>A LAS client's webhook secret.</summary>
        public static string Webhook(Guid client) => "webhook:" + client;

        /// <summary>An SWV dossier received by an SWV.</summary>
        public static string SwvReceived(Guid receipt) => "swv-received:" + receipt;

        /// <summary>The validation messages of an SWV dossier received.</summary>
        public static string SwvReceivedMeldingen(Guid receipt) => "swv-received-meldingen:" + receipt;

        /// <summary>The school's signature over an SWV dossier received by an SWV.</summary>
        public static string SwvReceivedHandtekening(Guid receipt) => "swv-received-handtekening:" + receipt;

        /// <summary>A terugkoppeling (sent or received).</summary>
        public static string Terugkoppeling(Guid id) => "terugkoppeling:" + id;
    }
}

/// <summary>What staff see of a pupil without opening the dossier (encrypted at rest).</summary>
/// <param name="Naam">The name as it should be shown.</param>
/// <param name="Geboortedatum">The birth date, if known.</param>
/// <param name="Pgn">BSN or onderwijsnummer, if known.</param>
/// <param name="Groep">The pupil's group at this school ("8A", see <see cref="Bron.Groep"/>), if the dossier says; null for an aanmelding.</param>
public sealed record PupilIdentity(string Naam, DateOnly? Geboortedatum, string? Pgn, string? Groep = null);
