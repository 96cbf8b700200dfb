using Oso.Hosting.Configuration;
using Oso.Hosting.Retention;

namespace Oso.School.Retention;

/// <summary>
/// How long the node keeps what it keeps beyond the three older settings on <see cref="SchoolOptions"/>
/// (<c>KeepImportedDossiers</c>, <c>KeepUnimportedDossiers</c>, <c>NotifyWithin</c>). Periods marked "after the school
/// year" count from the end (1 August) of the school year in which the record was last used. Each has legal bounds
/// (docs/privacy.md says why); the node refuses to start with a value outside them.
/// </summary>
public sealed record RetentionOptions
{
    /// <summary>
    /// A pupil as bron — identity, draft, releases, deliveries (the disclosure log), parents' links and correction
    /// requests — after the school year of the last delivery, change, release, request or answer.
    /// </summary>
    public TimeSpan BronDossiers { get; init; } = TimeSpan.FromDays(365);

    /// <summary>An aanmelding as doel, with its requests, traces and notificaties, after the school year of the last request.</summary>
    public TimeSpan Aanmeldingen { get; init; } = TimeSpan.FromDays(365);

    /// <summary>
    /// At a samenwerkingsverband: a received SWV dossier with the terugkoppelingen sent about it, after the school year in
    /// which it arrived or the last terugkoppeling was sent.
    /// </summary>
    public TimeSpan SwvDossiers { get; init; } = TimeSpan.FromDays(365);

    /// <summary>A parents' link after it expired (its encrypted e-mail address goes with it).</summary>
    public TimeSpan ParentLinks { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// An <c>Idempotency-Key</c> a LAS client sent with <c>POST …/aanvragen</c>, after the first call: a repeat within it
    /// gets the same request, a later one starts a new request.
    /// </summary>
    public TimeSpan IdempotencyKeys { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Finished outbox work (done or given up) after it finished.</summary>
    public TimeSpan FinishedOutbox { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Audit records in full (with the pupil's internal id and the staff member or parents' link that acted); older
    /// records whose pupil is gone are reduced to what the audit needs.
    /// </summary>
    public TimeSpan AuditFull { get; init; } = TimeSpan.FromDays(730);

    /// <summary>Audit records at all (reduced ones included); older ones are removed behind a checkpoint in the chain.</summary>
    public TimeSpan Audit { get; init; } = TimeSpan.FromDays(1826);

    /// <summary>Every retention setting of a node outside its legal bounds (checked with the node's other settings at start).</summary>
    public static IEnumerable<SettingProblem> Problems(SchoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var r = options.Retention;
        SettingProblem?[] problems =
        [
            RetentionBounds.Check("KeepImportedDossiers", options.KeepImportedDossiers, TimeSpan.FromDays(1), TimeSpan.FromDays(90),
                "de nieuwe school heeft het dossier dan in haar eigen administratie; de kopie dient alleen om een mislukte import te herhalen"),
            RetentionBounds.Check("KeepUnimportedDossiers", options.KeepUnimportedDossiers, TimeSpan.FromDays(30), TimeSpan.FromDays(365),
                "lang genoeg om een dossier uit de aanmeldperiode te importeren, niet langer dan een schooljaar"),
            RetentionBounds.Check("NotifyWithin", options.NotifyWithin, TimeSpan.FromDays(30), TimeSpan.FromDays(365),
                "een verzoek wacht op een vrijgave binnen hetzelfde schooljaar"),
            RetentionBounds.Check("Retention:BronDossiers", r.BronDossiers, TimeSpan.FromDays(90), TimeSpan.FromDays(730),
                "na het schooljaar van de overstap: minstens de bezwaartermijn en de vragen van de nieuwe school, hoogstens twee jaar"),
            RetentionBounds.Check("Retention:Aanmeldingen", r.Aanmeldingen, TimeSpan.FromDays(90), TimeSpan.FromDays(730),
                "na het schooljaar van de aanvraag: minstens de bezwaartermijn en de vragen over de overdracht, hoogstens twee jaar"),
            RetentionBounds.Check("Retention:SwvDossiers", r.SwvDossiers, TimeSpan.FromDays(90), TimeSpan.FromDays(730),
                "na het schooljaar van het besluit: minstens de bezwaartermijn tegen de toelaatbaarheidsverklaring, hoogstens twee jaar (het samenwerkingsverband legt het besluit vast in zijn eigen administratie)"),
            RetentionBounds.Check("Retention:ParentLinks", r.ParentLinks, TimeSpan.Zero, TimeSpan.FromDays(90),
                "een verlopen link heeft geen doel meer; alleen vragen van ouders over de link zelf"),
            RetentionBounds.Check("Retention:IdempotencyKeys", r.IdempotencyKeys, TimeSpan.FromDays(1), TimeSpan.FromDays(7),
                "een LAS herhaalt een verzoek na een verbroken verbinding binnen minuten of uren; langer bewaren dient nergens toe"),
            RetentionBounds.Check("Retention:FinishedOutbox", r.FinishedOutbox, TimeSpan.FromDays(1), TimeSpan.FromDays(90),
                "afgerond werk dient alleen om storingen na te gaan"),
            RetentionBounds.Check("Retention:AuditFull", r.AuditFull, TimeSpan.FromDays(365), TimeSpan.FromDays(1826),
                "een ouder moet een jaar na het verwijderen nog kunnen horen wie het dossier zag; daarna volstaat de ingekorte regel"),
            RetentionBounds.Check("Retention:Audit", r.Audit, TimeSpan.FromDays(1826), TimeSpan.FromDays(3653),
                "de verjaringstermijn van vijf jaar voor schadeclaims (art. 3:310 BW), hoogstens tien jaar"),
            r.AuditFull > r.Audit ? new SettingProblem("Retention:AuditFull", "mag niet langer zijn dan Retention:Audit (een regel wordt eerst ingekort, daarna verwijderd).") : null,
        ];
        return problems.OfType<SettingProblem>();
    }
}
