namespace Oso.School.Doel;

/// <summary>A pupil registered at this school (as doel): only after aanmelding may the school ask for the dossier.</summary>
public sealed class Aanmelding
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The doel school.</summary>
    public required string Brin { get; init; }

    /// <summary>Blind index of the PGN.</summary>
    public required string PgnIndex { get; init; }

    /// <summary>Encrypted: PGN, birth date, name (JSON).</summary>
    public required byte[] Identity { get; init; }

    /// <summary>The school the pupil comes from.</summary>
    public required string BronBrin { get; init; }

    /// <summary>The transfer kind (overstapdossier by default).</summary>
    public string Overdrachtsoort { get; init; } = "overstapdossier";

    /// <summary>When.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>By whom.</summary>
    public required string CreatedBy { get; init; }
}

/// <summary>One request for a dossier (a session at the TC, documentRequests to each aanleverpunt, afmelding), with its trace.</summary>
public sealed class TransferRequest
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The doel school.</summary>
    public required string Brin { get; init; }

    /// <summary>The aanmelding.</summary>
    public Guid AanmeldingId { get; init; }

    /// <summary>Staff, LAS or Notificatie.</summary>
    public required string Trigger { get; init; }

    /// <summary>Ask only for a dossier released after this moment.</summary>
    public DateTimeOffset? Aanvraagdatum { get; init; }

    /// <summary>Wachtrij, Bezig, Klaar or Mislukt (see <see cref="TransferStatus"/>).</summary>
    public required string Status { get; set; }

    /// <summary>The session, once granted.</summary>
    public Guid? SessieId { get; set; }

    /// <summary>The bron's aanleverpunten the Traffic Center gave (JSON list of routeringskenmerk and URL).</summary>
    public string? Aanleverpunten { get; set; }

    /// <summary>The beste resultaat reported in the afmelding.</summary>
    public string? Resultaat { get; set; }

    /// <summary>The trace: JSON list of steps (no personal data).</summary>
    public string Trace { get; set; } = "[]";

    /// <summary>Encrypted zoeksleutel key k, kept while the request runs (so a restart can finish it); removed when it is Klaar or Mislukt.</summary>
    public byte[]? Geheim { get; set; }

    /// <summary>When asked.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When finished.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// The W3C trace id of the request (32 hex digits): the transfer's every hop — Traffic Center, bron, afmelding — is one
    /// trace with this id, shown in the portal, the LAS API and at Central's session.
    /// </summary>
    public string? TraceId { get; init; }
}

/// <summary>A dossier received from another school.</summary>
public sealed class ReceivedDossier
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The doel school.</summary>
    public required string Brin { get; init; }

    /// <summary>The aanmelding.</summary>
    public Guid AanmeldingId { get; init; }

    /// <summary>The request that fetched it.</summary>
    public Guid RequestId { get; init; }

    /// <summary>The sending school.</summary>
    public required string BronBrin { get; init; }

    /// <summary>The XML, encrypted in one blob — rows stored before chunks; null when it is in <see cref="XmlChunks"/> chunks.</summary>
    public byte[]? Xml { get; init; }

    /// <summary>
    /// How many <see cref="Storage.StoredChunk"/>s (owner kind <see cref="Storage.StoredChunks.Received"/>) hold the XML;
    /// 0 for a row stored in one blob (<see cref="Xml"/>). Read it with <see cref="Crypto.ProtectedDossiers.ReceivedXml"/>.
    /// </summary>
    public int XmlChunks { get; init; }

    /// <summary>Valid by the official standard.</summary>
    public bool Valid { get; init; }

    /// <summary>The validation messages, encrypted (they may quote values).</summary>
    public required byte[] Meldingen { get; init; }

    /// <summary>When received.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the LAS (or staff) confirmed the import.</summary>
    public DateTimeOffset? ImportedAt { get; set; }

    /// <summary>The bron's signature (ds:Signature), encrypted like the dossier; null when the bron did not sign.</summary>
    public byte[]? Handtekening { get; init; }

    /// <summary><see cref="HandtekeningStatus"/>: checked and valid, or not signed by the bron.</summary>
    public string HandtekeningStatus { get; init; } = Doel.HandtekeningStatus.NietOndertekend;

    /// <summary>The system that signed (checked against the one the Traffic Center named for the session).</summary>
    public string? Ondertekenaar { get; init; }

    /// <summary>When the bron signed it (its statement).</summary>
    public DateTimeOffset? OndertekendOp { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the exact bytes received (and signed by the bron).</summary>
    public string? DossierSha256 { get; init; }

    /// <summary>The signed ontvangstbevestiging this node sent back to the bron (a <c>ds:Signature</c>); null when the bron did not sign (docs/protocol.md §4b).</summary>
    public byte[]? Ontvangstbevestiging { get; init; }
}

/// <summary>The state of the bron's signature under a received dossier.</summary>
public static class HandtekeningStatus
{
    /// <summary>Signed by the session's bron system, with a trusted certificate, over exactly these bytes.</summary>
    public const string Geldig = "Geldig";

    /// <summary>The bron sent no signature (an OSO implementation that does not sign; the standard has none).</summary>
    public const string NietOndertekend = "NietOndertekend";
}

/// <summary>A notificatie received from a bron (deduplicated by session).</summary>
public sealed class ReceivedNotification
{
    /// <summary>The session of the original request (unique).</summary>
    public Guid SessieId { get; init; }

    /// <summary>The doel school.</summary>
    public required string Brin { get; init; }

    /// <summary>The notifying school.</summary>
    public required string BronBrin { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The new request it started.</summary>
    public Guid? RequestId { get; set; }
}
