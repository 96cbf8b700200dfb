using Oso.Dossier.Model;

namespace Oso.Dossier.Rendering;

/// <summary>The pupil, the parents or guardians, and early-childhood education (VVE).</summary>
internal static class PersonSections
{
    public static void Leerling(DocumentBuilder h, Leerling l, DossierRenderOptions options)
    {
        h.Section(1, "leerling", "Leerling", () =>
        {
            var pgnLabel = l.Bsn is not null ? "BSN" : "Onderwijsnummer";
            var pgn = l.Bsn ?? l.Onderwijsnummer;
            h.Facts(
                ("Naam", DutchFormat.OfficialName(l.Voornaam, l.Voorletters1, l.Voorvoegsel, l.Achternaam)),
                ("Roepnaam", l.Roepnaam),
                ("Geboortedatum", DutchFormat.Date(l.Geboortedatum) ?? l.Geboortemaand),
                ("Geslacht", l.Geslacht?.Display),
                ("Adres", Addresses(l.Adresgeheim, l.Adreslijst, l.Adresbuitenland)),
                ("Contact", DutchFormat.JoinOrNull("; ", l.Communicatielijst.Select(DutchFormat.Communication))),
                (pgnLabel, pgn is null ? null : options.ShowFullPgn ? pgn : Identifiers.Pgn.Mask(pgn)),
                ("Leerlingnummer", l.Leerlingid),
                ("Ingeschreven", DutchFormat.Date(l.Datuminschrijving)),
                ("Uitgeschreven", DutchFormat.Date(l.Datumuitschrijving)),
                ("In het onderwijs sinds", DutchFormat.Date(l.Onderwijssinds)),
                ("Start huidige onderwijs", DutchFormat.Date(l.Startdatumhuidigonderwijs)),
                ("Teruggeplaatst naar", l.Teruggeplaatstnaarbrin),
                ("Leerlinggewicht", l.Leerlinggewicht?.Display),
                ("NNCA", l.Nnca?.Display),
                ("Woont in een tehuis", DutchFormat.YesNo(l.Tehuis)),
                ("Huisarts", l.Huisarts is { } arts ? Person(arts.Voornaam, arts.Voorletters1, arts.Voorvoegsel, arts.Achternaam, arts.Communicatielijst) : null));
        });
    }

    public static void Verzorgers(DocumentBuilder h, Leerling l)
    {
        h.Section(1, "verzorgers", "Ouders en verzorgers", () =>
        {
            h.Facts(("Ouders/verzorgers zijn aansprakelijk", DutchFormat.YesNo(l.Verzorgersaansprakelijk)));
            if (l.Aansprakelijkeinstelling is { } instelling)
            {
                h.Heading(2, "Aansprakelijke instelling", "instelling");
                h.Facts(
                    ("Naam", instelling.Naam),
                    ("Adres", DutchFormat.JoinOrNull("; ", instelling.Adreslijst.Select(DutchFormat.Address))),
                    ("Contact", DutchFormat.JoinOrNull("; ", instelling.Communicatielijst.Select(DutchFormat.Communication))));
            }
            for (var i = 0; i < l.Verzorger.Count; i++)
            {
                var v = l.Verzorger[i];
                h.Heading(2, DutchFormat.Name(v.Voornaam, v.Roepnaam, v.Voorvoegsel, v.Achternaam), "verzorger-" + (i + 1));
                h.Facts(
                    ("Naam", DutchFormat.OfficialName(v.Voornaam, v.Voorletters1, v.Voorvoegsel, v.Achternaam)),
                    ("Relatie tot het kind", v.Relatietotkind?.Display),
                    ("Geslacht", v.Geslacht?.Display),
                    ("Wettelijk vertegenwoordiger", DutchFormat.YesNo(v.Wettigevertegenwoordiger)),
                    ("Overleden", v.Overleden == true ? DutchFormat.Join(", ", "ja", DutchFormat.Date(v.Overlijdensdatum)) : null),
                    ("Adres", Addresses(v.Adresgeheim, v.Adreslijst, [])),
                    ("Contact", DutchFormat.JoinOrNull("; ", v.Communicatielijst.Select(DutchFormat.Communication))));
            }
        });
    }

    public static void Vve(DocumentBuilder h, Leerling l)
    {
        h.Section(1, "vve", "Voor- en vroegschoolse educatie", () =>
        {
            var voor = l.Voorschools;
            h.Facts(
                ("Afkomstig van een peuterspeelzaal", DutchFormat.YesNo(l.Vanpeuterspeelzaal)),
                ("Naam peuterspeelzaal", l.Naampeuterspeelzaal),
                ("Voorschools programma", voor?.Codevoorschoolsprogramma.Display),
                ("Maanden voorschoolse educatie", DutchFormat.Number(voor?.Voorschoolsemaanden)),
                ("Voorschoolse historie", voor?.Codevoorschoolsehistorie?.Display),
                ("Toeleider", voor?.Codevoorschoolsetoeleider?.Display),
                ("Deelname", voor?.Codevoorschoolsedeelname?.Display),
                ("Aanwezigheid", DutchFormat.Number(voor?.Voorschoolseaanwezigheid)));
            h.Table("Vroegschoolse educatie", ["Programma", "Periode"],
                l.Vroegschools.Select(v => (IReadOnlyList<string?>)[v.Codevroegschoolsprogramma.Display, DutchFormat.Period(v.Vroegschoolsdatumingang, v.Vroegschoolseinddatum)]));
        });
    }

    private static string? Addresses(bool? secret, IReadOnlyList<Adres> addresses, IReadOnlyList<string> abroad)
    {
        if (secret == true) return "geheim";
        var lines = addresses.Select(a => addresses.Count > 1 ? $"{DutchFormat.Address(a)} ({DutchFormat.Lower(a.Soortadres.Display)})" : DutchFormat.Address(a));
        return DutchFormat.JoinOrNull("; ", lines.Concat(abroad));
    }

    private static string Person(IReadOnlyList<string> voornamen, string? voorletters, string? voorvoegsel, string achternaam, IReadOnlyList<Communicatie> contact) =>
        DutchFormat.Join(", ", DutchFormat.OfficialName(voornamen, voorletters, voorvoegsel, achternaam),
            DutchFormat.JoinOrNull("; ", contact.Select(DutchFormat.Communication)));
}
