using System.Diagnostics;
using Oso.Hosting.Telemetry;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;

namespace Oso.Central.TrafficCenter;

/// <summary>
/// Counts what the Traffic Center answered: <c>oso_tc_sessions_total{operation, result}</c> for every call, and for an
/// afmelding the transfer's beste resultaat as <c>oso_transfers_total{role="tc"}</c>. Codes only, never a zoeksleutel.
/// </summary>
internal static class TcMetrics
{
    /// <summary>Wraps the Traffic Center's handler so every answer is counted.</summary>
    public static Func<SysteemId, OsoRequest, CancellationToken, Task<TcAntwoord>> Counted(
        Func<SysteemId, OsoRequest, CancellationToken, Task<TcAntwoord>> handle, OsoMetrics metrics, TimeProvider time) => async (caller, request, ct) =>
    {
        var started = time.GetTimestamp();
        var antwoord = await handle(caller, request, ct).ConfigureAwait(false);
        var operation = request.ElementName.Replace("Request", "", StringComparison.Ordinal);
        var result = Result(antwoord);
        metrics.TcSessions.Add(1, new TagList { { "operation", operation }, { "result", result } });
        metrics.Step(operation, result, time.GetElapsedTime(started));
        if (request is AfmeldingRequest afmelding && antwoord is TcAntwoord.Bericht { Response: AfmeldingResponse })
            metrics.Transfers.Add(1, new TagList { { "role", "tc" }, { "result", afmelding.Resultaat.ToString() } });
        return antwoord;
    };

    private static string Result(TcAntwoord antwoord) => antwoord switch
    {
        TcAntwoord.NietGeautoriseerd => "NietGeautoriseerd",
        TcAntwoord.NietHier => "OnbekendeOperatie",
        TcAntwoord.Bericht { Response: var response } => response switch
        {
            OverdrachtResponse.Geweigerd g => g.Resultaat.ToString(),
            SessiecontroleResponse.Ongeldig o => o.Resultaat.ToString(),
            MeldenNotificatieResponse.Geweigerd g => g.Resultaat.ToString(),
            MeldenTerugkoppelingResponse.Geweigerd g => g.Resultaat.ToString(),
            AfmeldingResponse a => a.Resultaat.ToString(),
            _ => response.GetType().Name, // Toegekend, Geldig, OverzichtAanleverpuntResponse
        },
        _ => "Onbekend",
    };
}
