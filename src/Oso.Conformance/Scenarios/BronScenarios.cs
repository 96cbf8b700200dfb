using Oso.Dossier.Identifiers;
using Oso.Dossier.Validation;
using Oso.Protocol;
using Oso.Protocol.Contract;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using static Oso.Protocol.Results.ResultaatCode;

namespace Oso.Conformance.Scenarios;

/// <summary>
/// A bron aanleverpunt from the outside: the kit is a doel system of its own (<c>--doel</c>, registered at the
/// Traffic Center) that asks the target for the test pupils (<see cref="TestPgns"/>) in every way the protocol allows
/// and in the ways it forbids. The bron must check every session with the Traffic Center before anything else.
/// </summary>
internal sealed class BronScenarios(KitContext k)
{
    private RouteringsKenmerk? _bron;

    private RouteringsKenmerk Doel => KitContext.Rk(k.Opties.DoelAanleverpunt, "--doel RK");

    private TestPgns Pgns => k.Opties.Pgns;

    private async Task<RouteringsKenmerk> BronAsync() => _bron ??= await k.RkVanAsync(k.Opties.Target, k.Opties.BronAanleverpunt, "--bron RK");

    private async Task<(Sessie S, RouteringsKenmerk Bron)> SessieAsync(string pgn, Overdrachtsoort soort = Overdrachtsoort.Overstapdossier)
    {
        var bron = await BronAsync();
        return (await k.SessieAsync(bron.Brin, bron, Doel, pgn, soort), bron);
    }

    private Task<Antwoord> VraagAsync(DocumentRequest verzoek) => k.V.SendAsync(k.Opties.Target, verzoek, k.Ct);

    public IEnumerable<Scenario> Alle()
    {
        yield return S("levering.geleverd", "Een vrijgegeven dossier wordt geleverd, van de gevraagde leerling", Par.Document, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            using var geleverd = Verwacht.Bericht<DocumentResponse.Geleverd>(await VraagAsync(KitContext.Document(s, bron)));
            var nummers = Nummers(geleverd.Dossier);
            Verwacht.Dat(nummers.Contains(Pgns.Geleverd), "Verwacht: het dossier van de gevraagde leerling (BSN of onderwijsnummer). Het geleverde dossier noemt dat nummer niet.");
            Verwacht.Resultaat(await k.AfmeldenAsync(s, bron, OverdrachtGeslaagd), AfmeldingOntvangen);
            return $"dossier ({geleverd.Dossier.RootName}, {geleverd.Dossier.Length} bytes) van de gevraagde leerling";
        });
        yield return S("levering.geldig", "Het geleverde dossier is geldig volgens de officiële XSD en bedrijfsregels van de gegevensset", Par.Ingebed, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            using var geleverd = Verwacht.Bericht<DocumentResponse.Geleverd>(await VraagAsync(KitContext.Document(s, bron)));
            using var stream = geleverd.Dossier.OpenRead();
            var rapport = new DossierValidator().Validate(stream, k.Ct);
            Verwacht.Dat(rapport.Valid, $"Het dossier heeft {rapport.Fouten} fout(en): " + string.Join("; ", rapport.Meldingen.Where(m => m.Type == MeldingType.Fout).Take(5).Select(m => $"{m.Code} bij {m.Locatie}")));
            return $"geldig ({rapport.Waarschuwingen} waarschuwing(en) buiten de standaard)";
        });
        yield return S("levering.herhaald", "Hetzelfde documentRequest twee keer levert twee keer hetzelfde dossier (een herhaling is veilig)", Par.Document, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            var verzoek = KitContext.Document(s, bron);
            using var een = Verwacht.Bericht<DocumentResponse.Geleverd>(await VraagAsync(verzoek));
            using var twee = Verwacht.Bericht<DocumentResponse.Geleverd>(await VraagAsync(verzoek));
            Verwacht.Dat(een.Dossier.Equals(twee.Dossier), "Verwacht: twee keer dezelfde bytes (dezelfde vrijgegeven versie).");
            return "twee keer hetzelfde dossier";
        });
        yield return S("levering.gewijzigd-sinds", "Met een aanvraagdatum van lang geleden wordt het dossier geleverd", Par.Document, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, bron, sinds: new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))), OverdrachtGeslaagd);
        });
        yield return S("resultaat.niet-gewijzigd", "Met een aanvraagdatum na de vrijgave geeft de bron LeerlinginfoNietGewijzigd", Par.Resultaten, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, bron, sinds: k.Nu)), LeerlinginfoNietGewijzigd);
        });
        yield return S("resultaat.niet-beschikbaar", "Een dossier dat niet is vrijgegeven geeft LeerlinginfoNietBeschikbaar", Par.Resultaten, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.NietBeschikbaar);
            return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, bron)), LeerlinginfoNietBeschikbaar);
        });
        yield return new("bron.resultaat.niet-opvraagbaar", "Een dossier zonder inzage of toestemming geeft LeerlinginfoNietOpvraagbaar", Par.Resultaten,
            Pgns.NietOpvraagbaar is not null, async _ =>
            {
                var pgn = Pgns.NietOpvraagbaar ?? throw new NietUitvoerbaar("Geen testleerling opgegeven (--pgn-niet-opvraagbaar).");
                var (s, bron) = await SessieAsync(pgn);
                return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, bron)), LeerlinginfoNietOpvraagbaar);
            });
        yield return S("resultaat.onbekend", "Een leerling die de bron niet kent geeft LeerlingOnbekend", Par.Resultaten, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Onbekend);
            return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, bron)), LeerlingOnbekend);
        });
        yield return S("sessie.verkeerde-sleutel", "Een andere sleutel k dan die van de sessie: de bron controleert bij het TC en weigert (SessieAfwijkend)", Par.Zoeksleutel, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, bron, geheim: ZoeksleutelGeheim.Nieuw())), SessieAfwijkend);
        });
        yield return S("sessie.andere-leerling", "De sessie van de ene leerling voor een andere: SessieAfwijkend, vóór de bron naar de leerling kijkt", Par.Sessiecontrole, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, bron, pgn: Pgn.Parse(Pgns.Onbekend))), SessieAfwijkend);
        });
        yield return S("sessie.onbekend", "Een sessie die het TC niet kent geeft SessieAfwijkend", Par.Sessiecontrole, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, bron, sessie: SessieId.New())), SessieAfwijkend);
        });
        yield return S("sessie.na-afmelding", "Na de afmelding geeft de bron SessieReedsAfgemeld", Par.Sessiecontrole, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            Verwacht.Resultaat(await k.AfmeldenAsync(s, bron, LeerlinginfoNietBeschikbaar), AfmeldingOntvangen);
            return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, bron)), SessieReedsAfgemeld);
        });
        yield return S("sessie.ander-doel-aanleverpunt", "Een ander doel-aanleverpunt dan in de sessie geeft OnbekendAanleverpunt", Par.Sessiecontrole, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, bron, doelRk: KitContext.Onbekend(Doel.Brin))), OnbekendAanleverpunt);
        });
        yield return S("sessie.andere-overdrachtsoort", "Een andere overdrachtsoort dan in de sessie wordt geweigerd", Par.Sessiecontrole, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, bron, soort: Overdrachtsoort.OverdrachtBinnenBrin)), SessieAfwijkend, GeenRelatieMetDoel);
        });
        yield return S("aanleverpunt.ander", "Een verzoek dat een ander bron-aanleverpunt noemt dan het aangeroepene geeft OnbekendAanleverpunt", Par.Autorisatie, async () =>
        {
            var (s, bron) = await SessieAsync(Pgns.Geleverd);
            return Verwacht.Resultaat(await VraagAsync(KitContext.Document(s, KitContext.Onbekend(bron.Brin))), OnbekendAanleverpunt);
        });
        yield return new("bron.autorisatie.ander-systeem", "De sessie van het ene systeem, aangeboden met het certificaat van een ander: geen dossier", Par.Autorisatie,
            k.Opties.AnderCertificaat is not null, async _ =>
            {
                var ander = k.Opties.AnderCertificaat ?? throw new NietUitvoerbaar("Geen tweede systeemcertificaat opgegeven (--ander-cert, --ander-key).");
                var (s, bron) = await SessieAsync(Pgns.Geleverd);
                using var http = k.V.Client(ander);
                using var buffer = new MemoryStream();
                await Protocol.Soap.SoapWriter.WriteAsync(buffer, KitContext.Document(s, bron), k.Ct);
                var a = await k.V.PostAsync(k.Opties.Target, buffer.ToArray(), k.Ct, http);
                Verwacht.Dat(a.Bericht is not DocumentResponse.Geleverd, "De bron leverde het dossier aan een systeem dat de sessie niet opende.");
                return Verwacht.Geweigerd(a);
            });

        foreach (var s in BerichtScenarios.Voor("bron", k, OsoDienst.Aanleverpunt)) yield return s;
    }

    /// <summary>The BSNs and onderwijsnummers in a dossier.</summary>
    private static HashSet<string> Nummers(GegevenssetXml dossier)
    {
        using var stream = dossier.OpenRead();
        var xml = KitXml.Lees(stream);
        return xml.Descendants().Where(e => e.Name.NamespaceName == OsoNamespaces.Gegevensset && e.Name.LocalName is "bsn" or "onderwijsnummer")
            .Select(e => e.Value.Trim()).ToHashSet(StringComparer.Ordinal);
    }

    private static Scenario S(string id, string titel, string paragraaf, Func<Task<string>> run) => new("bron." + id, titel, paragraaf, true, _ => run());
}
