using System.Diagnostics.CodeAnalysis;
using Oso.Dossier.Codes;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Model;
using Oso.Dossier.Profiles;
using Oso.Dossier.Validation;

namespace Oso.Dossier.Building;

/// <summary>
/// Composes an overstapdossier in code. Set what the LAS knows — school, pupil, parents, school history, advice,
/// tests, support, absence, attachments, the parents' inzage — and <see cref="Build"/> fills in the rest with valid
/// values, applies the transfer profile and returns the model, checked by <see cref="DossierValidator"/>: a builder
/// never hands out a dossier the validator rejects, not even with a warning.
/// </summary>
/// <remarks>
/// <para>
/// What is not set gets a default that keeps the dossier valid for the profile: metadata (standaardversie 2019.1,
/// validatieversie 2019.1.1, the date of today), <c>categorie_uitlevering</c> from the profile, an inzage by the
/// parents on the dossier date, an overstapadvies without a need for contact, and example identity data — the OSO test
/// school 00YY, a pupil "Sam Voorbeeld" with a BSN from the 999 test range, one parent, this school year's line of the
/// school history. A LAS sets every value it has; the examples exist so that tests and demos stay short, and are
/// recognisably not a real pupil.
/// </para>
/// <para>
/// The methods that add to a list (<see cref="Verzorger"/>, <see cref="Schoolloopbaan(Model.Schoolloopbaan)"/>,
/// <see cref="Toets"/>, <see cref="Handelingsplan"/>, <see cref="Bijlage(Document)"/>) replace the default on their
/// first call. For everything else, <see cref="Leerling(Func{Model.Leerling, Model.Leerling})"/> and
/// <see cref="Dossier"/> change the composed records with <c>with</c> expressions.
/// </para>
/// <para>
/// <see cref="Build"/> applies the profile as a school does before delivery (<see cref="CategoryFilter.Apply"/>): it
/// sets <c>overdrachtsoort</c>, <c>overstap</c> and <c>categorie_uitlevering</c> and leaves out the data of VERBODEN
/// and opted-out categories; a dossier for the samenwerkingsverband (POSWV, VOSWV) carries no BSN or onderwijsnummer
/// (PaO.LL12), so those are left out too. It refuses — <see cref="TryBuild"/> with meldingen, <see cref="Build"/> with
/// an exception — when a value was set that makes the dossier invalid: each melding names the field in Dutch, and a
/// BSN or onderwijsnummer is never quoted. A builder is not thread-safe; it can build more than once.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var dossier = DossierBuilder.For(OverstapProfiles.Povo)
///     .Datum(new DateOnly(2026, 3, 20))
///     .Leerling(["Sanne", "Maria"], "de", "Vries")
///     .Geboortedatum(new DateOnly(2014, 5, 3))
///     .Bsn(Bsn.Parse("999991000"))
///     .Schooladvies("61")
///     .Build();
/// </code>
/// </example>
public sealed partial class DossierBuilder
{
    private static readonly DossierValidator Validator = new();

    private DateOnly? _datum;
    private string _pakketnaam = ExampleValues.Pakketnaam;
    private string _pakketversie = ExampleValues.Pakketversie;
    private readonly HashSet<Category> _optOut = [];
    private School? _school;

    private IReadOnlyList<string>? _voornamen;
    private string? _voorvoegsel;
    private string? _achternaam;
    private string? _roepnaam;
    private DateOnly? _geboortedatum;
    private Code<Geslacht>? _geslacht;
    private (string? Bsn, string? Onderwijsnummer)? _pgn;
    private string? _leerlingid;
    private DateOnly? _datuminschrijving;
    private Adres? _adres;
    private bool _adresGeheim;
    private List<Verzorger>? _verzorgers;
    private List<Func<School, Schoolloopbaan>>? _schoolloopbaan;
    private Overstapadvies? _overstapadvies;
    private Code<AdviesVo>? _schooladvies;
    private List<Toets>? _toetsen;
    private EindtoetsBasisonderwijs? _eindtoets;
    private Onderwijsondersteuning? _ondersteuning;
    private List<Handelingsplan>? _handelingsplannen;
    private Verzuim? _verzuim;
    private List<Document>? _bijlagen;
    private Ouderinzage? _inzage;
    private bool _voorlopig;
    private Code<JaNeeOnbekend>? _toestemming;
    private readonly List<Func<Leerling, Leerling>> _leerlingChanges = [];
    private readonly List<Func<Model.Dossier, Model.Dossier>> _dossierChanges = [];

    /// <summary>A builder for a POVO overstapdossier (primary to secondary, the most common transfer).</summary>
    public DossierBuilder() : this(OverstapProfiles.Povo)
    {
    }

    /// <summary>A builder for a dossier under <paramref name="profile"/>.</summary>
    /// <param name="profile">One of <see cref="OverstapProfiles"/> (POPO, POVO, VOVO, BB, POSWV, VOSWV), or <see cref="OverstapProfiles.For"/>.</param>
    public DossierBuilder(OverstapProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
    }

    /// <summary>A builder for a dossier under <paramref name="profile"/>: <c>DossierBuilder.For(OverstapProfiles.Vovo)</c>.</summary>
    public static DossierBuilder For(OverstapProfile profile) => new(profile);

    /// <summary>The transfer profile the dossier is built for.</summary>
    public OverstapProfile Profile { get; }

    // the pupil's sector: binnen-BRIN follows its overstap code (POPO, or VOVO for a secondary school)
    private bool IsVo => Profile.Overstap.StartsWith("VO", StringComparison.Ordinal);

    private bool IsSwv => Profile.Overdrachtsoort == "swv-dossier";

    /// <summary>The dossier date (<c>metadata/datum</c>); default today. Default ages, school year and inzage date follow from it.</summary>
    public DossierBuilder Datum(DateOnly datum)
    {
        _datum = datum;
        return this;
    }

    /// <summary>The LAS that made the dossier (<c>metadata/pakketnaam</c>, <c>pakketversie</c>); default OpenOSO 1.0.</summary>
    public DossierBuilder Pakket(string naam, string versie)
    {
        _pakketnaam = naam;
        _pakketversie = versie;
        return this;
    }

    /// <summary>Switches off OPTIONEEL categories (OPT-UIT): their data are left out. Categories the profile does not leave optional are ignored.</summary>
    public DossierBuilder OptOut(params IEnumerable<Category> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        _optOut.UnionWith(categories);
        return this;
    }

    /// <summary>The current school: name, BRIN, vestiging, aanleverpunt, address and contact details (the profile requires at least one of each).</summary>
    public DossierBuilder School(School school)
    {
        ArgumentNullException.ThrowIfNull(school);
        _school = school;
        return this;
    }

    /// <summary>
    /// The current school by its identity. Address and contact details stay those of the example school until
    /// <see cref="School(Model.School)"/> sets them: enough for a test, not for a real dossier.
    /// </summary>
    public DossierBuilder School(Brin brin, Vestiging vestiging, string naam)
    {
        _school = (_school ?? ExampleValues.School(IsVo)) with { Brincode = brin.Value ?? "", Vestigingscode = vestiging.Value ?? "", Naam = naam };
        return this;
    }

    /// <summary>Composes the dossier and checks it; false with the meldingen (Dutch, located) when it is not valid.</summary>
    /// <param name="dossier">The dossier, when valid.</param>
    /// <param name="meldingen">Every problem: the builder's own checks (code <c>BOUW.*</c>) and the validator's, without line numbers (the XML is the builder's own).</param>
    public bool TryBuild([NotNullWhen(true)] out Model.Dossier? dossier, out IReadOnlyList<Melding> meldingen)
    {
        var candidate = Compose();
        var own = BuildChecks.Check(candidate);
        var checkedHere = own.Select(m => m.Locatie).ToHashSet(StringComparer.Ordinal);
        using var xml = new MemoryStream(DossierWriter.ToBytes(candidate, indent: false));
        var report = Validator.Validate(xml);
        var all = own;
        foreach (var melding in report.Meldingen)
        {
            // the own check says it without the value; a provisional dossier has not been seen by the parents yet
            if (checkedHere.Contains(melding.Locatie) || (_voorlopig && melding.Code == "OVa.IZ02")) continue;
            all.Add(melding with { Regel = 0, Kolom = 0 });
        }
        meldingen = all;
        dossier = all.Count == 0 ? candidate : null;
        return dossier is not null;
    }

    /// <summary>Composes the dossier and checks it.</summary>
    /// <exception cref="InvalidOperationException">The dossier is not valid; the message lists every melding (Dutch, with the field).</exception>
    public Model.Dossier Build()
    {
        if (TryBuild(out var dossier, out var meldingen)) return dossier;
        var lines = meldingen.Select(m => $"- {m.Code} {m.Locatie}: {m.Tekst}");
        throw new InvalidOperationException(
            $"Het dossier kan niet worden samengesteld ({meldingen.Count} {(meldingen.Count == 1 ? "melding" : "meldingen")}):\n{string.Join('\n', lines)}");
    }
}
