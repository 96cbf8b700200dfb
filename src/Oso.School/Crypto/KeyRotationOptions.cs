namespace Oso.School.Crypto;

/// <summary>How data-key rotation behaves: the settings <c>KeyRotation:…</c> of <see cref="SchoolOptions"/> (docs/configuration.md).</summary>
public sealed record KeyRotationOptions
{
    /// <summary>How long an instance keeps writing with the key it knows as current before it reads again which key is current.</summary>
    public TimeSpan CurrentKeyRefresh { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after a rotation the re-encryption starts: longer than <see cref="CurrentKeyRefresh"/> plus the longest
    /// write transaction, so that by then no instance writes with an older key and a key found unused stays unused.
    /// </summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows re-encrypted per outbox message (one transaction each; other work runs in between).</summary>
    public int BatchSize { get; init; } = 100;
}
