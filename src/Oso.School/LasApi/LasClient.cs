namespace Oso.School.LasApi;

/// <summary>A LAS installation allowed to use the integration API for one school, with an API key (stored hashed) or a client certificate.</summary>
public sealed class LasClient
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The school it acts for.</summary>
    public required string Brin { get; init; }

    /// <summary>A name for people ("ParnasSys productie").</summary>
    public required string Naam { get; init; }

    /// <summary>SHA-256 of the API key (hex).</summary>
    public required string KeyHash { get; init; }

    /// <summary>Thumbprint of a client certificate that may stand in for the key (optional).</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Webhook for newly received dossiers (optional).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Webhook signing secret, encrypted.</summary>
    public byte[]? WebhookSecret { get; set; }

    /// <summary>When created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When revoked.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
