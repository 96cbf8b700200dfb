using Oso.Conformance.Scenarios;

namespace Oso.Conformance;

/// <summary>
/// Runs every scenario of a role against a target, one after the other, and writes the report. A scenario passes,
/// fails (the target did not do what docs/protocol.md says; the report says what came instead) or is skipped (what it
/// needs was not given). A fault in the kit itself counts as a failure of that scenario, with its type, so a run always
/// finishes.
/// </summary>
public static class ConformanceKit
{
    /// <summary>The scenario ids and titles of a role, in the order they run (for docs and for <c>--lijst</c>).</summary>
    public static IReadOnlyList<(string Id, string Titel, string Paragraaf, bool Verplicht)> Scenarios(KitOpties opties)
    {
        ArgumentNullException.ThrowIfNull(opties);
        using var verbinding = new KitVerbinding(opties.Certificaat, opties.TrustAnchors, opties.Tijd, opties.Timeout);
        return Voor(new KitContext(opties, verbinding)).Select(s => (s.Id, s.Titel, s.Paragraaf, s.Verplicht)).ToList();
    }

    /// <summary>Runs the role of <paramref name="opties"/>; <paramref name="voortgang"/> hears each scenario as it ends.</summary>
    public static async Task<ConformanceRapport> RunAsync(KitOpties opties, Action<ScenarioUitslag>? voortgang = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(opties);
        var tijd = opties.Tijd;
        var gestart = tijd.GetUtcNow();
        using var verbinding = new KitVerbinding(opties.Certificaat, opties.TrustAnchors, tijd, opties.Timeout);
        var context = new KitContext(opties, verbinding) { Ct = cancellationToken };
        var uitslagen = new List<ScenarioUitslag>();
        foreach (var scenario in Voor(context))
        {
            var begin = tijd.GetTimestamp();
            ScenarioStatus status;
            string toelichting;
            try
            {
                toelichting = await scenario.Uitvoeren(cancellationToken);
                status = ScenarioStatus.Passed;
            }
            catch (Afwijking a)
            {
                (status, toelichting) = (ScenarioStatus.Failed, a.Message);
            }
            catch (NietUitvoerbaar n)
            {
                // a required scenario that cannot run has not shown conformance: it fails; an optional one is skipped
                (status, toelichting) = (scenario.Verplicht ? ScenarioStatus.Failed : ScenarioStatus.Skipped, n.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (status, toelichting) = (ScenarioStatus.Failed, $"Onverwachte fout in de kit of het antwoord ({e.GetType().Name}): {e.Message}");
            }
            var uitslag = new ScenarioUitslag(scenario.Id, scenario.Titel, scenario.Paragraaf, scenario.Verplicht, status, toelichting,
                (long)tijd.GetElapsedTime(begin).TotalMilliseconds);
            uitslagen.Add(uitslag);
            voortgang?.Invoke(uitslag);
        }
        var rapport = new ConformanceRapport
        {
            Rol = opties.Rol,
            Target = opties.Target.ToString(),
            Systeem = RapportOndertekening.Systeem(opties.Certificaat),
            Gestart = gestart,
            Afgerond = tijd.GetUtcNow(),
            Scenarios = uitslagen,
        };
        return opties.Certificaat.HasPrivateKey ? RapportOndertekening.Onderteken(rapport, opties.Certificaat) : rapport;
    }

    private static IEnumerable<Scenario> Voor(KitContext context) => context.Opties.Rol switch
    {
        ConformanceRol.Tc => new TrafficCenterScenarios(context).Alle(),
        ConformanceRol.Bron => new BronScenarios(context).Alle(),
        _ => new DoelScenarios(context).Alle(),
    };
}
