using Oso.Dossier.Profiles;
using Xunit;

namespace Oso.Synthetic.Tests;

/// <summary>
/// `oso demo` sends a pupil (a POVO dossier drawn from the clock's seed) to the SWV with the support an SWV dossier
/// requires: for every seed the node must find the category present, or the demo fails at random moments.
/// </summary>
public sealed class SwvSupportTests
{
    [Fact]
    public void Every_seed_gives_a_dossier_the_node_accepts_for_POSWV()
    {
        var today = new DateOnly(2026, 12, 7);
        var lacking = Enumerable.Range(0, 2_000)
            .Where(seed => !CategoryFilter.Present(SyntheticTerugkoppeling.WithSupport(
                SyntheticDossiers.Create(SyntheticProfile.Povo, seed, today), SyntheticProfile.Poswv, seed, today)).Contains(Category.Onderwijsondersteuning))
            .ToList();
        Assert.Empty(lacking);
    }
}
