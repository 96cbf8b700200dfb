using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using Oso.Hosting.KeyRing;

namespace Oso.Hosting.Backup;

/// <summary>What a backup holds, as written in its <c>manifest.json</c> (the last entry).</summary>
/// <param name="Format">The manifest's format (1).</param>
/// <param name="Kind"><c>school</c> or <c>central</c>.</param>
/// <param name="CreatedAt">When the backup was made.</param>
/// <param name="Version">The OpenOSO version that made it.</param>
/// <param name="Database">The database snapshot in the backup (a file name), or null when the database is PostgreSQL and backed up on its own.</param>
/// <param name="Schema">The last migration applied to the database snapshot, if any.</param>
/// <param name="Files">Every file in the backup besides the manifest, with its size and SHA-256.</param>
/// <param name="NotIncluded">What a restore needs that is not in the backup (Dutch, for people).</param>
/// <param name="Extra">Facts the host needs at restore (e.g. where the master key was kept).</param>
public sealed record BackupManifest(int Format, string Kind, DateTimeOffset CreatedAt, string Version, string? Database, string? Schema,
    IReadOnlyList<BackupEntry> Files, IReadOnlyList<string> NotIncluded, IReadOnlyDictionary<string, string> Extra);

/// <summary>A file in a backup.</summary>
/// <param name="Path">Relative to the data directory, with <c>/</c>.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">Lower-case hex.</param>
public sealed record BackupEntry(string Path, long Bytes, string Sha256);

/// <summary>
/// Writes and reads the content of a backup file: a tar archive of the data directory's files (and a database snapshot),
/// with a manifest, inside the encrypted envelope of <see cref="BackupFile"/>.
/// </summary>
public static class BackupArchive
{
    private const string ManifestName = "manifest.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Writes a backup to <paramref name="target"/> (a new file, mode 600; written under a temporary name and renamed
    /// when complete, so a failed backup never looks like a good one). <paramref name="files"/> maps the path in the
    /// backup to the file to read.
    /// </summary>
    public static async Task<BackupManifest> WriteAsync(string target, ReadOnlyMemory<byte> backupKey, BackupManifest manifest,
        IReadOnlyList<(string Path, string Source)> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(files);
        if (File.Exists(target) || Directory.Exists(target)) throw new BackupException($"{target} bestaat al; kies een nieuwe naam.");
        var temporary = target + ".onvolledig";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var entries = new List<BackupEntry>();
        try
        {
            await using (var output = new FileStream(temporary, options))
            {
                await using (var content = BackupFile.Create(output, manifest.Kind, backupKey.Span))
                await using (var tar = new TarWriter(content, TarEntryFormat.Pax, leaveOpen: true))
                {
                    foreach (var (path, source) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
                    {
                        CheckPath(path);
                        await using var read = File.OpenRead(source);
                        using var hashing = new HashingStream(read);
                        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = hashing, Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite },
                            cancellationToken).ConfigureAwait(false);
                        entries.Add(new BackupEntry(path, hashing.BytesRead, hashing.Hash()));
                    }
                    manifest = manifest with { Files = entries };
                    using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, Json));
                    await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, ManifestName) { DataStream = json }, cancellationToken).ConfigureAwait(false);
                }
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, target);
            return manifest;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Unpacks a backup into <paramref name="directory"/> (which must be empty; files mode 600, folders 700) and checks
    /// every file against the manifest: the result is complete and unchanged, or a <see cref="BackupException"/>.
    /// </summary>
    public static async Task<BackupManifest> ExtractAsync(string source, string kind, ReadOnlyMemory<byte> backupKey, string directory, CancellationToken cancellationToken)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any()) throw new BackupException($"{directory} is niet leeg.");
        var root = PrivateFiles.CreateDirectory(directory).FullName;
        var written = new Dictionary<string, BackupEntry>(StringComparer.Ordinal);
        BackupManifest? manifest = null;
        await using var input = File.OpenRead(source);
        await using var content = BackupFile.Open(input, kind, backupKey.Span);
        await using var tar = new TarReader(content);
        while (await ReadNextAsync(tar, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (manifest is not null) throw new BackupException("De backup is beschadigd: na het overzicht staan nog bestanden.");
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                throw new BackupException($"De backup bevat iets anders dan gewone bestanden ({entry.Name}).");
            if (entry.Name == ManifestName)
            {
                manifest = await ReadManifestAsync(entry, cancellationToken).ConfigureAwait(false);
                continue;
            }
            CheckPath(entry.Name);
            if (written.ContainsKey(entry.Name)) throw new BackupException($"De backup bevat {entry.Name} twee keer.");
            var path = Path.Combine(root, entry.Name.Replace('/', Path.DirectorySeparatorChar));
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var output = new FileStream(path, options))
            {
                using var hashing = new HashingStream(entry.DataStream ?? Stream.Null);
                await hashing.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                written[entry.Name] = new BackupEntry(entry.Name, hashing.BytesRead, hashing.Hash());
            }
        }
        if (manifest is null) throw new BackupException("De backup is onvolledig: het overzicht van de inhoud ontbreekt.");
        if (manifest.Kind != kind) throw new BackupException($"Dit is een backup van {manifest.Kind}, niet van {kind}.");
        var expected = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var (path, entry) in written)
            if (!expected.TryGetValue(path, out var listed) || listed != entry) throw new BackupException($"De backup is beschadigd: {path} klopt niet met het overzicht.");
        foreach (var path in expected.Keys)
            if (!written.ContainsKey(path)) throw new BackupException($"De backup is onvolledig: {path} ontbreekt.");
        return manifest;
    }

    private static async Task<TarEntry?> ReadNextAsync(TarReader tar, CancellationToken cancellationToken)
    {
        try
        {
            return await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw new BackupException("De backup is beschadigd: de inhoud is geen geldig archief.");
        }
    }

    private static async Task<BackupManifest> ReadManifestAsync(TarEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<BackupManifest>(entry.DataStream ?? Stream.Null, Json, cancellationToken).ConfigureAwait(false)
                ?? throw new BackupException("Het overzicht van de backup is leeg.");
        }
        catch (JsonException)
        {
            throw new BackupException("Het overzicht van de backup is onleesbaar.");
        }
    }

    // relative, forward slashes, no way out of the directory
    private static void CheckPath(string path)
    {
        var parts = path.Split('/');
        if (path.Length == 0 || path.Length > 400 || path.Contains('\\', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal)
            || parts.Any(p => p.Length == 0 || p is "." or ".."))
            throw new BackupException($"De backup bevat een ongeldige bestandsnaam ({path}).");
    }

    /// <summary>Counts and hashes what is read through it (it passes on the length of a file, which the tar writer needs up front).</summary>
    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long BytesRead { get; private set; }

        public string Hash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.CanSeek ? inner.Position : BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            BytesRead += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _hash.AppendData(buffer.Span[..n]);
            BytesRead += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}
