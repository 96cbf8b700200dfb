namespace Oso.School.Swv;

/// <summary>Where an SWV dossier the school sent stands.</summary>
public static class SwvSendingStatus
{
    /// <summary>Queued: the koppelsleutel is being asked, or the notificatie sent.</summary>
    public const string Wachtrij = "Wachtrij";

    /// <summary>The SWV acknowledged the notificatie; it fetches the dossier with the koppelsleutel.</summary>
    public const string Gemeld = "Gemeld";

    /// <summary>The SWV fetched the dossier.</summary>
    public const string Opgehaald = "Opgehaald";

    /// <summary>Refused (by the Traffic Center or the SWV) or given up; the trace says why and who must act.</summary>
    public const string Mislukt = "Mislukt";
}

/// <summary>
/// A school (as bron) sends a pupil's released dossier to its samenwerkingsverband: the release and profile (POSWV,
/// VOSWV) are fixed when staff or the LAS choose the SWV; the koppelsleutel comes from the Traffic Center.
/// </summary>
public sealed class SwvSending
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The school (this node's tenant).</summary>
    public required string Brin { get; init; }

    /// <summary>The pupil.</summary>
    public Guid PupilId { get; init; }

    /// <summary>The release that is sent (never a later one: the parents saw this one).</summary>
    public Guid ReleaseId { get; init; }

    /// <summary>The samenwerkingsverband.</summary>
    public required string SwvBrin { get; init; }

    /// <summary>The SWV's aanleverpunt (doel SWV), once known.</summary>
    public string? SwvRouteringsKenmerk { get; set; }

    /// <summary>The SWV aanleverpunt's URL, as the Traffic Center answered it.</summary>
    public string? SwvUrl { get; set; }

    /// <summary>The school's own (OV) aanleverpunt that announces it and answers the documentRequest.</summary>
    public required string BronRouteringsKenmerk { get; init; }

    /// <summary>POSWV or VOSWV.</summary>
    public required string Profiel { get; init; }

    /// <summary>Issued by the Traffic Center at meldenNotificatie.</summary>
    public Guid? Koppelsleutel { get; set; }

    /// <summary>See <see cref="SwvSendingStatus"/>.</summary>
    public required string Status { get; set; }

    /// <summary>The last result code, if any.</summary>
    public string? Resultaat { get; set; }

    /// <summary>The trace: JSON list of steps (no personal data).</summary>
    public string Trace { get; set; } = "[]";

    /// <summary>When chosen.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>By whom.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When the SWV fetched it.</summary>
    public DateTimeOffset? FetchedAt { get; set; }
}

/// <summary>Where an SWV dossier the SWV was notified of stands.</summary>
public static class SwvReceiptStatus
{
    /// <summary>Notified; fetching.</summary>
    public const string Wachtrij = "Wachtrij";

    /// <summary>Fetched and stored.</summary>
    public const string Ontvangen = "Ontvangen";

    /// <summary>The fetch ended without a dossier; the trace says why.</summary>
    public const string Mislukt = "Mislukt";
}

/// <summary>An SWV dossier announced to this node's SWV tenant with a koppelsleutel, and the dossier once fetched.</summary>
public sealed class SwvReceipt
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The samenwerkingsverband (this node's tenant).</summary>
    public required string Brin { get; init; }

    /// <summary>The SWV's aanleverpunt that was notified.</summary>
    public required string SwvRouteringsKenmerk { get; init; }

    /// <summary>The sending school.</summary>
    public required string SchoolBrin { get; init; }

    /// <summary>The school's aanleverpunt that announced it (and receives the terugkoppeling).</summary>
    public required string SchoolRouteringsKenmerk { get; init; }

    /// <summary>The koppelsleutel (unique).</summary>
    public Guid Koppelsleutel { get; init; }

    /// <summary>The system that sent the notificatie (as the Traffic Center confirmed).</summary>
    public required string AfzenderSysteem { get; init; }

    /// <summary>See <see cref="SwvReceiptStatus"/>.</summary>
    public required string Status { get; set; }

    /// <summary>The session, once granted.</summary>
    public Guid? SessieId { get; set; }

    /// <summary>The beste resultaat.</summary>
    public string? Resultaat { get; set; }

    /// <summary>The dossier, encrypted.</summary>
    public byte[]? Xml { get; set; }

    /// <summary>Valid by the official standard (XSD and PaO rules).</summary>
    public bool Valid { get; set; }

    /// <summary>The validation messages, encrypted.</summary>
    public byte[]? Meldingen { get; set; }

    /// <summary>The school's signature over the dossier (a detached <c>ds:Signature</c>), encrypted; null when it came unsigned.</summary>
    public byte[]? Handtekening { get; set; }

    /// <summary><see cref="Doel.HandtekeningStatus"/>: checked and valid, or not signed by the school.</summary>
    public string HandtekeningStatus { get; set; } = Doel.HandtekeningStatus.NietOndertekend;

    /// <summary>The system that signed the dossier, when signed.</summary>
    public string? Ondertekenaar { get; set; }

    /// <summary>When the school signed it.</summary>
    public DateTimeOffset? OndertekendOp { get; set; }

    /// <summary>SHA-256 (hex) of the exact dossier bytes received.</summary>
    public string? DossierSha256 { get; set; }

    /// <summary>This SWV's signed ontvangstbevestiging for the school (not under a data key: no pupil data); null for an unsigned dossier.</summary>
    public byte[]? Ontvangstbevestiging { get; set; }

    /// <summary>The trace: JSON list of steps (no personal data).</summary>
    public string Trace { get; set; } = "[]";

    /// <summary>When notified.</summary>
    public DateTimeOffset NotifiedAt { get; init; }

    /// <summary>When the dossier arrived.</summary>
    public DateTimeOffset? ReceivedAt { get; set; }
}

/// <summary>A terugkoppeling: sent by this node's SWV tenant, or received by this node's school.</summary>
public sealed class Terugkoppeling
{
    /// <summary>Id.</summary>
    public Guid Id { get; init; }

    /// <summary>The tenant: the SWV (sent) or the school (received).</summary>
    public required string Brin { get; init; }

    /// <summary><c>Verstuurd</c> or <c>Ontvangen</c>.</summary>
    public required string Richting { get; init; }

    /// <summary>The other party: the school (sent) or the SWV (received).</summary>
    public required string PartnerBrin { get; init; }

    /// <summary>The koppelsleutel of the exchange.</summary>
    public Guid Koppelsleutel { get; init; }

    /// <summary>The SWV dossier it is about: the <see cref="SwvReceipt"/> (sent) or <see cref="SwvSending"/> (received).</summary>
    public Guid ExchangeId { get; init; }

    /// <summary>The pupil (received: the school's pupil).</summary>
    public Guid? PupilId { get; init; }

    /// <summary>The terugkoppeling XML, encrypted.</summary>
    public required byte[] Xml { get; init; }

    /// <summary>The answer (sent: the school's or the Traffic Center's code).</summary>
    public required string Resultaat { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>By whom (sent).</summary>
    public string? By { get; init; }

    /// <summary>When the LAS (or staff) confirmed it was read (received).</summary>
    public DateTimeOffset? ImportedAt { get; set; }
}
