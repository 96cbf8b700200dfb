using Oso.Hosting.Configuration;
using Oso.Hosting.Retention;

namespace Oso.Central.Retention;

/// <summary>
/// How long Central keeps what it keeps (sent mail: <see cref="Oso.Hosting.Mail.MailQueue.KeepSent"/>, removed by the mail worker) (docs/privacy.md, docs/central.md §retention). Periods marked "after the school
/// year" count from the end (1 August) of the school year in which the record was last used. Each has bounds; Central
/// refuses to start with a value outside them.
/// </summary>
public sealed record CentralRetentionOptions
{
    /// <summary>
    /// A Traffic Center session — refused or granted — with its trace steps and SWV koppeling, after the school year in
    /// which it expired or was closed (trace steps of no session: after the school year of the step).
    /// </summary>
    public TimeSpan Sessies { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Audit records in full; older ones are reduced (who acted and the details — e-mail addresses, reasons — erased).</summary>
    public TimeSpan AuditFull { get; init; } = TimeSpan.FromDays(730);

    /// <summary>Audit records at all (reduced ones included); older ones are removed, leaving a record that says so.</summary>
    public TimeSpan Audit { get; init; } = TimeSpan.FromDays(1826);

    /// <summary>Every retention setting outside its bounds, named as in the configuration file (<c>Retention:…</c>).</summary>
    public IEnumerable<SettingProblem> Problems(string prefix)
    {
        SettingProblem?[] problems =
        [
            RetentionBounds.Check(prefix + ":Sessies", Sessies, TimeSpan.FromDays(90), TimeSpan.FromDays(730),
                "na het schooljaar van de overstap: scholen en servicedesk moeten vragen over een overdracht kunnen nagaan, hoogstens twee jaar"),
            RetentionBounds.Check(prefix + ":AuditFull", AuditFull, TimeSpan.FromDays(365), TimeSpan.FromDays(1826),
                "wie wat deed moet een jaar na afloop nog na te gaan zijn; daarna volstaat de ingekorte regel"),
            RetentionBounds.Check(prefix + ":Audit", Audit, TimeSpan.FromDays(1826), TimeSpan.FromDays(3653),
                "de verjaringstermijn van vijf jaar voor schadeclaims (art. 3:310 BW), hoogstens tien jaar"),
            AuditFull > Audit ? new SettingProblem(prefix + ":AuditFull", $"mag niet langer zijn dan {prefix}:Audit (een regel wordt eerst ingekort, daarna verwijderd).") : null,
        ];
        return problems.OfType<SettingProblem>();
    }
}
