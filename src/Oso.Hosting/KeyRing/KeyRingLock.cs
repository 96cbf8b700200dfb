namespace Oso.Hosting.KeyRing;

/// <summary>
/// Marks a data-protection key ring as in use. A running host holds it shared (several hosts on one ring are fine); a
/// rotation needs it exclusively, because a host keeps the key-encryption certificates it loaded at start and would
/// not read a ring re-wrapped under a new one. An operating-system lock on <c>DATA/keys/.in-use</c>: it ends with the
/// process, so a crash leaves nothing to clean up.
/// </summary>
public sealed class KeyRingLock : IDisposable
{
    private const string FileName = ".in-use";
    private readonly FileStream _file;

    private KeyRingLock(FileStream file) => _file = file;

    /// <summary>Holds the ring shared, for a running host; throws <see cref="InvalidOperationException"/> while a rotation holds it.</summary>
    public static KeyRingLock Share(string keysDirectory)
    {
        var path = Path.Combine(PrivateFiles.CreateDirectory(keysDirectory).FullName, FileName);
        if (!File.Exists(path)) PrivateFiles.WriteAtomically(path, "");
        // read-only with sharing: a shared lock (flock LOCK_SH) that only an exclusive opener conflicts with
        return Open(path, FileAccess.Read, FileShare.ReadWrite,
            "De sleutelring in " + keysDirectory + " wordt op dit moment vernieuwd (oso … keys rotate); start de dienst als dat klaar is.");
    }

    /// <summary>Holds the ring exclusively, for a rotation; throws <see cref="InvalidOperationException"/> while a host uses it.</summary>
    public static KeyRingLock Exclusive(string keysDirectory)
    {
        var path = Path.Combine(PrivateFiles.CreateDirectory(keysDirectory).FullName, FileName);
        if (!File.Exists(path)) PrivateFiles.WriteAtomically(path, "");
        return Open(path, FileAccess.ReadWrite, FileShare.None,
            "De dienst die deze gegevensmap gebruikt draait nog: stop hem (alle instanties) en vernieuw de sleutelring dan. Niemand wordt uitgelogd: de oude sleutels blijven geldig.");
    }

    private static KeyRingLock Open(string path, FileAccess access, FileShare share, string busy)
    {
        try
        {
            return new KeyRingLock(new FileStream(path, FileMode.Open, access, share));
        }
        catch (IOException)
        {
            throw new InvalidOperationException(busy);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
