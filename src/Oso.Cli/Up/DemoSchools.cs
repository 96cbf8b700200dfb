using Oso.Synthetic;

namespace Oso.Cli.Up;

/// <summary>The two demo schools of <c>oso up</c>.</summary>
public static class DemoSchools
{
    /// <summary>A demo school's fixed data.</summary>
    /// <param name="Brin">BRIN.</param>
    /// <param name="Naam">Name.</param>
    /// <param name="Sector">PO or VO.</param>
    /// <param name="RouteringsKenmerk">Its aanleverpunt.</param>
    public sealed record Definition(string Brin, string Naam, string Sector, string RouteringsKenmerk);

    /// <summary>The primary school (bron of group 8).</summary>
    public static Definition Po { get; } = new("91PO", "Basisschool De Regenboog", "PO", "0000000700091PO00001");

    /// <summary>The secondary school (doel).</summary>
    public static Definition Vo { get; } = new("92VO", "Het Stadslyceum", "VO", "0000000700092VO00001");

    /// <summary>The samenwerkingsverband passend onderwijs the primary school belongs to.</summary>
    public static Definition Swv { get; } = new("95SW", "Samenwerkingsverband Passend Onderwijs Utrecht (demo)", "SWV", "0000000700095SW00001");

    /// <summary>The demo primary school's group 8.</summary>
    public const string Groep8 = "8A";

    /// <summary>
    /// A synthetic dossier with its current group set to <paramref name="groep"/> (the generator draws a class letter per
    /// pupil; a demo group should be one class).
    /// </summary>
    public static Dossier.Model.Dossier InGroep(Dossier.Model.Dossier dossier, string groep)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var leerling = dossier.Huidigeschool.Leerling;
        var history = leerling.Schoolloopbaanlijst;
        if (history.Count == 0) return dossier;
        var last = history.OrderBy(e => e.Begindatum ?? DateOnly.MinValue).Last();
        var moved = history.Select(e => ReferenceEquals(e, last) ? e with { Groepscode = groep, Groepsnaam = "Groep " + groep } : e).ToList();
        return dossier with { Huidigeschool = dossier.Huidigeschool with { Leerling = leerling with { Schoolloopbaanlijst = moved } } };
    }

    // string.GetHashCode differs per process: the demo school must look the same on every run
    private static int StableSeed(string brin) => brin.Aggregate(17, (h, c) => unchecked((h * 31) + c)) & 0xFFFF;

    /// <summary>The school block synthetic dossiers of a demo school carry.</summary>
    public static Dossier.Model.School SyntheticSchool(Definition school)
    {
        ArgumentNullException.ThrowIfNull(school);
        var profile = school.Sector == "PO" ? SyntheticProfile.Povo : SyntheticProfile.Vovo;
        return SyntheticDossiers.CreateSchool(profile, seed: StableSeed(school.Brin)) with
        {
            Naam = school.Naam,
            Brincode = school.Brin,
            Vestigingscode = "00",
            Aanleverpunt = "1",
            Soort = school.Sector == "PO" ? "BAO" : "VO",
        };
    }
}
