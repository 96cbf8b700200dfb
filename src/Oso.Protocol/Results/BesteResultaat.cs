using Oso.Protocol.Identifiers;

namespace Oso.Protocol.Results;

/// <summary>What one bron aanleverpunt answered within a session, in the order the doel asked them.</summary>
/// <param name="Aanleverpunt">The bron aanleverpunt that was asked.</param>
/// <param name="Resultaat">Its outcome (a failure to reach it counts as <see cref="ResultaatCode.TechnischeFout"/>).</param>
public sealed record Bevraging(RouteringsKenmerk Aanleverpunt, ResultaatCode Resultaat);

/// <summary>Chooses the beste resultaat the doel reports in its afmelding.</summary>
public static class BesteResultaat
{
    /// <summary>
    /// The highest-ranked outcome; on a tie the aanleverpunt asked last counts (public rule). Null when nothing was
    /// asked. Acknowledgement codes are not outcomes of a documentRequest and are refused.
    /// </summary>
    public static Bevraging? Kies(IEnumerable<Bevraging> bevragingen)
    {
        ArgumentNullException.ThrowIfNull(bevragingen);
        Bevraging? beste = null;
        var besteRang = int.MinValue;
        foreach (var b in bevragingen)
        {
            var rang = b.Resultaat.Info().Rangorde
                ?? throw new ArgumentException($"{b.Resultaat} is een bevestiging, geen uitkomst van een opvraging.", nameof(bevragingen));
            if (rang < besteRang) continue;
            beste = b;
            besteRang = rang;
        }
        return beste;
    }
}
