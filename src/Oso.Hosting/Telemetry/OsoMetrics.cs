using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Oso.Hosting.Telemetry;

/// <summary>
/// OpenOSO's own instruments (meter <see cref="OsoTelemetry.Name"/>). Labels carry roles, steps, kinds and result codes
/// only — never a PGN, BSN, name, zoeksleutel or LAS pupil number. In Prometheus a counter <c>oso.transfers</c> reads
/// <c>oso_transfers_total</c>, a histogram in seconds <c>oso_transfer_duration_seconds</c> (docs/operations.md lists them).
/// </summary>
public sealed class OsoMetrics
{
    /// <summary>Creates the instruments on a meter of the host's meter factory.</summary>
    public OsoMetrics(IMeterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Meter = factory.Create(OsoTelemetry.Name);
        Transfers = Meter.CreateCounter<long>("oso.transfers", description: "Finished transfers by role (doel, bron, tc) and result code.");
        TransferDuration = Meter.CreateHistogram<double>("oso.transfer.duration", "s", "From the request to its end, by role and result.");
        StepDuration = Meter.CreateHistogram<double>("oso.transfer.step.duration", "s", "One protocol step (sessie, document, afmelding, sessiecontrole, ...), by result.");
        OutboxAttempts = Meter.CreateCounter<long>("oso.outbox.attempts", description: "Outbox attempts by kind and outcome (done, retry, given_up).");
        OutboxGivenUp = Meter.CreateCounter<long>("oso.outbox.given_up", description: "Outbox messages given up, by kind.");
        Notificaties = Meter.CreateCounter<long>("oso.notificaties", description: "Notificaties sent (bron) and received (doel), by result.");
        ValidationMeldingen = Meter.CreateCounter<long>("oso.validation.meldingen", description: "Validation meldingen by code, type and where the dossier came from.");
        TcSessions = Meter.CreateCounter<long>("oso.tc.sessions", description: "Traffic Center operations (overdracht, sessiecontrole, afmelding, ...) by result.");
    }

    /// <summary>The meter (observable instruments of a host are added to it).</summary>
    public Meter Meter { get; }

    /// <summary><c>oso_transfers_total{role, result}</c>.</summary>
    public Counter<long> Transfers { get; }

    /// <summary><c>oso_transfer_duration_seconds{role, result}</c>.</summary>
    public Histogram<double> TransferDuration { get; }

    /// <summary><c>oso_transfer_step_duration_seconds{step, result}</c>.</summary>
    public Histogram<double> StepDuration { get; }

    /// <summary><c>oso_outbox_attempts_total{kind, outcome}</c>.</summary>
    public Counter<long> OutboxAttempts { get; }

    /// <summary><c>oso_outbox_given_up_total{kind}</c>.</summary>
    public Counter<long> OutboxGivenUp { get; }

    /// <summary><c>oso_notificaties_total{direction, result}</c>.</summary>
    public Counter<long> Notificaties { get; }

    /// <summary><c>oso_validation_meldingen_total{code, type, source}</c>.</summary>
    public Counter<long> ValidationMeldingen { get; }

    /// <summary><c>oso_tc_sessions_total{operation, result}</c>.</summary>
    public Counter<long> TcSessions { get; }

    /// <summary>Counts a finished transfer and its duration.</summary>
    public void TransferFinished(string role, string result, TimeSpan duration)
    {
        var tags = new TagList { { "role", role }, { "result", result } };
        Transfers.Add(1, tags);
        TransferDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Counts a validation's meldingen by code and type; <paramref name="source"/> says where the dossier came from (aangeleverd, ontvangen).</summary>
    public void CountMeldingen(IEnumerable<Oso.Dossier.Validation.Melding> meldingen, string source)
    {
        ArgumentNullException.ThrowIfNull(meldingen);
        foreach (var group in meldingen.GroupBy(m => (m.Code, m.Type)))
            ValidationMeldingen.Add(group.Count(), new TagList { { "code", group.Key.Code }, { "type", group.Key.Type.ToString() }, { "source", source } });
    }

    /// <summary>Records one protocol step.</summary>
    public void Step(string step, string result, TimeSpan duration) =>
        StepDuration.Record(duration.TotalSeconds, new TagList { { "step", step }, { "result", result } });
}
