using Oso.Dossier.Identifiers;
using Oso.Dossier.Model;
using Oso.Dossier.Validation;

namespace Oso.Dossier.Building;

/// <summary>
/// The checks <see cref="DossierBuilder"/> makes itself, before the validator: identifiers and required text a schema
/// lets through or reports with the value in the text. Each names the field in Dutch and never quotes the value, so a
/// BSN or onderwijsnummer cannot end up in an exception message or a log. The locatie is the XPath the validator
/// would give, so the builder can drop the validator's own melding on the same element.
/// </summary>
internal static class BuildChecks
{
    private const string Root = "/dossier[1]";
    private const string School = Root + "/huidigeschool[1]";
    private const string Leerling = School + "/leerling[1]";

    public static List<Melding> Check(Model.Dossier d)
    {
        var found = new List<Melding>();
        var m = d.Metadata;
        Text(found, m.Pakketnaam, Root + "/metadata[1]/pakketnaam[1]", "De pakketnaam (metadata/pakketnaam)");
        Text(found, m.Pakketversie, Root + "/metadata[1]/pakketversie[1]", "De pakketversie (metadata/pakketversie)");

        var s = d.Huidigeschool;
        Text(found, s.Naam, School + "/naam[1]", "De naam van de huidige school (huidigeschool/naam)");
        if (!Brin.TryParse(s.Brincode, out _))
            found.Add(Fout("BOUW.BrinOngeldig", School + "/brincode[1]", "De BRIN-code van de huidige school (huidigeschool/brincode) is ongeldig: twee cijfers en twee hoofdletters, zoals 00YY."));
        if (!Vestiging.TryParse(s.Vestigingscode, out _))
            found.Add(Fout("BOUW.VestigingOngeldig", School + "/vestigingscode[1]", "De vestigingscode van de huidige school (huidigeschool/vestigingscode) is ongeldig: twee cijfers, zoals 00."));
        Text(found, s.Aanleverpunt, School + "/aanleverpunt[1]", "Het aanleverpunt van de huidige school (huidigeschool/aanleverpunt)");

        var l = s.Leerling;
        for (var i = 0; i < l.Voornaam.Count; i++)
            Text(found, l.Voornaam[i], $"{Leerling}/voornaam[{i + 1}]", $"Voornaam {i + 1} van de leerling (leerling/voornaam)");
        Text(found, l.Achternaam, Leerling + "/achternaam[1]", "De achternaam van de leerling (leerling/achternaam)");
        if (l.Leerlingid is not null) Text(found, l.Leerlingid, Leerling + "/leerlingid[1]", "De leerlingcode in de schooladministratie (leerling/leerlingid)");
        if (l.Bsn is not null && !Bsn.IsValid(l.Bsn))
            found.Add(Fout("BOUW.BsnOngeldig", Leerling + "/bsn[1]", "Het BSN van de leerling (leerling/bsn) is ongeldig: negen cijfers die aan de 11-proef voldoen."));
        if (l.Onderwijsnummer is not null && !Onderwijsnummer.IsValid(l.Onderwijsnummer))
            found.Add(Fout("BOUW.OnderwijsnummerOngeldig", Leerling + "/onderwijsnummer[1]",
                "Het onderwijsnummer van de leerling (leerling/onderwijsnummer) is ongeldig: negen cijfers, beginnend met 1, met controlegetal 5."));

        for (var i = 0; i < l.Schoolloopbaanlijst.Count; i++)
        {
            var entry = l.Schoolloopbaanlijst[i];
            var at = $"{Leerling}/schoolloopbaanlijst[1]/schoolloopbaan[{i + 1}]";
            if (!Brin.TryParse(entry.Brincode, out _))
                found.Add(Fout("BOUW.BrinOngeldig", at + "/brincode[1]", $"De BRIN-code van schoolloopbaan {i + 1} (schoolloopbaan/brincode) is ongeldig: twee cijfers en twee hoofdletters, zoals 00YY."));
            if (!Vestiging.TryParse(entry.Vestigingscode, out _))
                found.Add(Fout("BOUW.VestigingOngeldig", at + "/vestigingscode[1]", $"De vestigingscode van schoolloopbaan {i + 1} (schoolloopbaan/vestigingscode) is ongeldig: twee cijfers, zoals 00."));
            Text(found, entry.Groepscode, at + "/groepscode[1]", $"De groepscode van schoolloopbaan {i + 1} (schoolloopbaan/groepscode)");
        }
        for (var i = 0; i < l.Verzorger.Count; i++)
            Text(found, l.Verzorger[i].Achternaam, $"{Leerling}/verzorger[{i + 1}]/achternaam[1]", $"De achternaam van verzorger {i + 1} (verzorger/achternaam)");
        for (var i = 0; i < l.Overigdocumentlijst.Count; i++)
            Text(found, l.Overigdocumentlijst[i].Bestandsnaam, $"{Leerling}/overigdocumentlijst[1]/document[{i + 1}]/bestandsnaam[1]",
                $"De bestandsnaam van bijlage {i + 1} (overigdocumentlijst/document/bestandsnaam)");
        return found;
    }

    private static void Text(List<Melding> found, string? value, string locatie, string veld)
    {
        if (string.IsNullOrWhiteSpace(value)) found.Add(Fout("BOUW.Leeg", locatie, veld + " is leeg; vul een waarde in."));
    }

    private static Melding Fout(string code, string locatie, string tekst) => new(MeldingType.Fout, code, locatie, 0, 0, tekst);
}
