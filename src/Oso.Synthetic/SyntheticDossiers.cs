using Oso.Dossier.Model;
using Oso.Synthetic.Composition;

namespace Oso.Synthetic;

/// <summary>
/// Realistic synthetic overstapdossiers of Dutch pupils for every OSO profile, valid by the official XSD and business
/// rules of the gegevensset 2019.1. A seed and a reference date (the dossier's <c>metadata/datum</c>; ages, school
/// years and test dates derive from it) always give the same dossier, byte for byte: nothing reads the clock.
/// Names are Dutch (Bogus, locale <c>nl</c>), places and postcodes real, BSNs from the test range 999 and e-mail
/// addresses on reserved example domains. Test and demo data only.
/// </summary>
/// <example>
/// A demo school with 30 pupils leaving group 8:
/// <code>
/// var school = SyntheticDossiers.CreateSchool(SyntheticProfile.Povo, seed: 7);
/// var dossiers = SyntheticDossiers.Many(SyntheticProfile.Povo, 30, seed: 7, new DateOnly(2026, 3, 20), new SyntheticOptions { School = school });
/// </code>
/// </example>
public static partial class SyntheticDossiers
{
    /// <summary>One dossier of <paramref name="profile"/>.</summary>
    /// <param name="profile">The profile (POPO, POVO, VOVO, BB, POSWV, VOSWV).</param>
    /// <param name="seed">Any number; the same seed gives the same pupil.</param>
    /// <param name="referenceDate">The date of the dossier; ages, the school year and test dates derive from it.</param>
    /// <param name="options">Attachment size, opt-out, the school; null for the defaults.</param>
    /// <exception cref="ArgumentException">The school of <paramref name="options"/> is not of the profile's sector.</exception>
    public static Dossier.Model.Dossier Create(SyntheticProfile profile, int seed, DateOnly referenceDate, SyntheticOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        options ??= SyntheticOptions.Default;
        Check(profile, options);
        return DossierComposer.Compose(profile, seed, referenceDate, options);
    }

    /// <summary>
    /// <paramref name="count"/> dossiers of pupils of one school (<see cref="SyntheticOptions.School"/>, else a school
    /// drawn from <paramref name="seed"/>), lazily. No two share a BSN, onderwijsnummer or leerlingnummer.
    /// </summary>
    public static IEnumerable<Dossier.Model.Dossier> Many(SyntheticProfile profile, int count, int seed, DateOnly referenceDate, SyntheticOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        options ??= SyntheticOptions.Default;
        Check(profile, options);
        return ManyCore(profile, count, seed, referenceDate, options with { School = options.School ?? CreateSchool(profile, seed) });
    }

    private static IEnumerable<Dossier.Model.Dossier> ManyCore(SyntheticProfile profile, int count, int seed, DateOnly referenceDate, SyntheticOptions options)
    {
        var registry = new IdentityRegistry();
        for (var i = 0; i < count; i++)
            yield return DossierComposer.Compose(profile, SyntheticIds.Seed(seed, i), referenceDate, options, registry);
    }

    /// <summary>A given school must be of the profile's sector: a POVO dossier comes from a primary school.</summary>
    private static void Check(SyntheticProfile profile, SyntheticOptions options)
    {
        options.Check();
        if (options.School is { } school && profile.Sector is { } sector && Schools.SectorOf(school) != sector)
            throw new ArgumentException($"A {profile.Name} dossier comes from a {(sector == Sector.Po ? "primary (soort BAO)" : "secondary (soort VO)")} school.", nameof(options));
    }

    /// <summary>
    /// A school of the profile's sending sector (primary for POPO, POVO and POSWV; secondary for VOVO and VOSWV; either
    /// for binnen-BRIN), to share between the pupils of <see cref="Many"/> or several calls of <see cref="Create"/>.
    /// </summary>
    public static School CreateSchool(SyntheticProfile profile, int seed)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var draw = new Draw(SyntheticIds.Seed(seed, -1));
        return Schools.Create(draw, profile.Sector ?? (draw.Chance(0.5) ? Sector.Po : Sector.Vo));
    }
}
