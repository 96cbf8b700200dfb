namespace Oso.School.Crypto;

/// <summary>
/// One of a school's data keys, wrapped by the node's master key. A school has one current key (new writes) and keeps
/// older ones while rows still use them; a ciphertext names its key by id. Retired keys are deleted.
/// </summary>
public sealed class SchoolDataKey
{
    /// <summary>The school.</summary>
    public required string Brin { get; init; }

    /// <summary>The key's id within the school (1, 2, …).</summary>
    public int KeyId { get; init; }

    /// <summary>The key, AES-256-GCM-wrapped by the master key and bound to the school and key id.</summary>
    public required byte[] Wrapped { get; set; }

    /// <summary>When the key was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
