using Oso.Dossier.Codes;
using Oso.Dossier.Identifiers;
using Oso.Dossier.Model;

namespace Oso.Dossier.Building;

// What a LAS fills in about the pupil: identity, parents, school history, advice, results, support, absence,
// attachments and the parents' inzage.
public sealed partial class DossierBuilder
{
    /// <summary>The pupil's name. Voorletters are derived (<c>S.M.</c>); the roepnaam is the first voornaam unless given.</summary>
    /// <param name="voornamen">The voornamen, each on its own: <c>["Sanne", "Maria"]</c>.</param>
    /// <param name="voorvoegsel">The tussenvoegsel (<c>de</c>, <c>van der</c>), or null.</param>
    /// <param name="achternaam">The achternaam without voorvoegsel.</param>
    /// <param name="roepnaam">The name the pupil goes by, when it is not the first voornaam.</param>
    public DossierBuilder Leerling(IReadOnlyList<string> voornamen, string? voorvoegsel, string achternaam, string? roepnaam = null)
    {
        ArgumentNullException.ThrowIfNull(voornamen);
        _voornamen = [.. voornamen];
        _voorvoegsel = voorvoegsel;
        _achternaam = achternaam;
        _roepnaam = roepnaam;
        return this;
    }

    /// <summary>The pupil's date of birth.</summary>
    public DossierBuilder Geboortedatum(DateOnly geboortedatum)
    {
        _geboortedatum = geboortedatum;
        return this;
    }

    /// <summary>The pupil's sex (code list 14: <c>0</c> onbekend, <c>1</c> man, <c>2</c> vrouw); default not given.</summary>
    public DossierBuilder Geslacht(Code<Geslacht> geslacht)
    {
        _geslacht = geslacht;
        return this;
    }

    /// <summary>The pupil's BSN (replaces an onderwijsnummer). Not written in a dossier for the samenwerkingsverband.</summary>
    public DossierBuilder Bsn(Bsn bsn)
    {
        _pgn = (bsn.Value ?? "", null);
        return this;
    }

    /// <summary>The onderwijsnummer of a pupil without a BSN (replaces a BSN). Not written in a dossier for the samenwerkingsverband.</summary>
    public DossierBuilder Onderwijsnummer(Onderwijsnummer onderwijsnummer)
    {
        _pgn = (null, onderwijsnummer.Value ?? "");
        return this;
    }

    /// <summary>The pupil's PGN: written as <c>bsn</c> or <c>onderwijsnummer</c> by its kind.</summary>
    public DossierBuilder Pgn(Pgn pgn)
    {
        _pgn = pgn.Kind == PgnKind.Onderwijsnummer ? (null, pgn.Value ?? "") : (pgn.Value ?? "", null);
        return this;
    }

    /// <summary>The pupil's code in the school's administration (<c>leerlingid</c>; required in a POVO dossier).</summary>
    public DossierBuilder Leerlingid(string leerlingid)
    {
        _leerlingid = leerlingid;
        return this;
    }

    /// <summary>The date the pupil was enrolled at the current school (<c>datuminschrijving</c>).</summary>
    public DossierBuilder Datuminschrijving(DateOnly datuminschrijving)
    {
        _datuminschrijving = datuminschrijving;
        return this;
    }

    /// <summary>The pupil's address (soort <c>gba</c> for the registered one).</summary>
    public DossierBuilder Adres(Adres adres)
    {
        ArgumentNullException.ThrowIfNull(adres);
        _adres = adres;
        _adresGeheim = false;
        return this;
    }

    /// <summary>
    /// The pupil's address is secret: <c>adresgeheim</c> true and no address in the dossier (OVa.LL06). Secret phone
    /// numbers and e-mail addresses travel as <c>9999999999</c> and <c>geheim@geheim.geheim</c> (OVa.LL08).
    /// </summary>
    public DossierBuilder AdresGeheim()
    {
        _adresGeheim = true;
        _adres = null;
        return this;
    }

    /// <summary>Adds a parent or guardian (the first call replaces the example parent); <c>verzorgersaansprakelijk</c> is then true.</summary>
    public DossierBuilder Verzorger(Verzorger verzorger)
    {
        ArgumentNullException.ThrowIfNull(verzorger);
        (_verzorgers ??= []).Add(verzorger);
        return this;
    }

    /// <summary>Adds a line of the school history (the first call replaces the default line of this school year).</summary>
    public DossierBuilder Schoolloopbaan(Schoolloopbaan schoolloopbaan)
    {
        ArgumentNullException.ThrowIfNull(schoolloopbaan);
        (_schoolloopbaan ??= []).Add(_ => schoolloopbaan);
        return this;
    }

    /// <summary>Adds a school year at the current school (its BRIN, vestiging and soort are taken from the school when the dossier is built).</summary>
    /// <param name="schooljaar">The school year, <c>2025-2026</c>.</param>
    /// <param name="jaargroep">Code list 13: group <c>1</c>–<c>8</c>, secondary year <c>11</c>–<c>16</c>.</param>
    /// <param name="groepscode">The class, <c>8A</c>.</param>
    public DossierBuilder Schoolloopbaan(string schooljaar, Code<Jaargroep> jaargroep, string groepscode)
    {
        (_schoolloopbaan ??= []).Add(school => new Schoolloopbaan
        {
            Schooljaar = schooljaar,
            Jaargroep = jaargroep,
            Groepscode = groepscode,
            Brincode = school.Brincode,
            Vestigingscode = school.Vestigingscode,
            Schoolsoort = school.Soort,
        });
        return this;
    }

    /// <summary>The schooladvies (code list 2; required in a POVO dossier), in the overstapadvies block.</summary>
    public DossierBuilder Schooladvies(Code<AdviesVo> advies)
    {
        _schooladvies = advies;
        return this;
    }

    /// <summary>The whole overstapadvies block (the default says no contact is needed); a <see cref="Schooladvies"/> is kept in it.</summary>
    public DossierBuilder Overstapadvies(Overstapadvies overstapadvies)
    {
        ArgumentNullException.ThrowIfNull(overstapadvies);
        _overstapadvies = overstapadvies;
        return this;
    }

    /// <summary>Adds a test result (toetslijst, e.g. from the pupil-tracking system).</summary>
    public DossierBuilder Toets(Toets toets)
    {
        ArgumentNullException.ThrowIfNull(toets);
        (_toetsen ??= []).Add(toets);
        return this;
    }

    /// <summary>The doorstroomtoets / eindtoets of primary school.</summary>
    public DossierBuilder Eindtoets(EindtoetsBasisonderwijs eindtoets)
    {
        ArgumentNullException.ThrowIfNull(eindtoets);
        _eindtoets = eindtoets;
        return this;
    }

    /// <summary>Support: diagnoses, OPP, TLV, arrangements, LWOO (required for the samenwerkingsverband; default there: no medicine use).</summary>
    public DossierBuilder Ondersteuning(Onderwijsondersteuning ondersteuning)
    {
        ArgumentNullException.ThrowIfNull(ondersteuning);
        _ondersteuning = ondersteuning;
        return this;
    }

    /// <summary>Adds a handelingsplan (its own category, inside the support block).</summary>
    public DossierBuilder Handelingsplan(Handelingsplan handelingsplan)
    {
        ArgumentNullException.ThrowIfNull(handelingsplan);
        (_handelingsplannen ??= []).Add(handelingsplan);
        return this;
    }

    /// <summary>Absence (verzuim).</summary>
    public DossierBuilder Verzuim(Verzuim verzuim)
    {
        ArgumentNullException.ThrowIfNull(verzuim);
        _verzuim = verzuim;
        return this;
    }

    /// <summary>Adds a document to <c>overigdocumentlijst</c>.</summary>
    public DossierBuilder Bijlage(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        (_bijlagen ??= []).Add(document);
        return this;
    }

    /// <summary>Adds a file to <c>overigdocumentlijst</c>, zipped as the standard wants (<see cref="Attachment.Create"/>).</summary>
    public DossierBuilder Bijlage(string bestandsnaam, ReadOnlySpan<byte> inhoud, string? omschrijving = null) =>
        Bijlage(Attachment.Create(bestandsnaam, inhoud, omschrijving));

    /// <summary>
    /// The parents have seen the dossier (the default, on the dossier date, akkoord Ja). When they do not agree
    /// (<c>Nee</c>), their view goes with the dossier.
    /// </summary>
    /// <param name="inzagedatum">When they saw it.</param>
    /// <param name="akkoord">Code list 37: <c>Ja</c>, <c>Nee</c> or <c>Onbekend</c>.</param>
    /// <param name="zienswijze">The parents' view (<c>redennietakkoord</c>); expected with <c>Nee</c>.</param>
    public DossierBuilder Ingezien(DateOnly inzagedatum, Code<JaNeeOnbekend> akkoord, string? zienswijze = null)
    {
        _inzage = new Ouderinzage { Voorlopigdossier = false, Inzage = true, Inzagedatum = inzagedatum, Akkoord = akkoord, Redennietakkoord = zienswijze };
        _voorlopig = false;
        return this;
    }

    /// <summary>
    /// A provisional dossier the parents have not seen yet (<c>voorlopigdossier</c> true, <c>inzage</c> false), as a LAS
    /// delivers it before the inzage. It breaks exactly one official rule (OVa.IZ02 for an overstapdossier), which the
    /// builder allows; it may not be released until the inzage is recorded.
    /// </summary>
    public DossierBuilder NogNietIngezien()
    {
        _inzage = new Ouderinzage { Voorlopigdossier = true, Inzage = false };
        _voorlopig = true;
        return this;
    }

    /// <summary>The consent of parents or pupil (code list 37; required for VOVO, where the default is <c>Ja</c>, or <c>Onbekend</c> before the inzage).</summary>
    public DossierBuilder Toestemming(Code<JaNeeOnbekend> toestemming)
    {
        _toestemming = toestemming;
        return this;
    }

    /// <summary>Changes the composed pupil, e.g. <c>l =&gt; l with { Roepnaam = "Hans", Leerlinggewicht = "0.30" }</c>; runs after the builder's own values, in order.</summary>
    public DossierBuilder Leerling(Func<Leerling, Leerling> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _leerlingChanges.Add(change);
        return this;
    }

    /// <summary>Changes the composed dossier with a <c>with</c> expression; runs last, before the profile is applied and the dossier checked.</summary>
    public DossierBuilder Dossier(Func<Model.Dossier, Model.Dossier> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _dossierChanges.Add(change);
        return this;
    }
}
