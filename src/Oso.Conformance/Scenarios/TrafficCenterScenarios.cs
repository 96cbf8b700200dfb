using Oso.Dossier.Identifiers;
using Oso.Protocol;
using Oso.Protocol.Contract;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Soap;
using static Oso.Protocol.Results.ResultaatCode;

namespace Oso.Conformance.Scenarios;

/// <summary>
/// The Traffic Center from the outside: the kit is a doel system (its own doel aanleverpunt, <c>--doel</c>) that asks
/// the test school 00YY, and — when it also runs a bron aanleverpunt (<c>--bron</c>) — the bron that checks sessions.
/// </summary>
internal sealed class TrafficCenterScenarios(KitContext k)
{
    private const string Leerling = "999991000";
    private const string AndereLeerling = "999991073";

    private RouteringsKenmerk Doel => KitContext.Rk(k.Opties.DoelAanleverpunt, "--doel RK");

    public IEnumerable<Scenario> Alle()
    {
        yield return S("overzicht.testschool", "overzichtAanleverpunt noemt het aanleverpunt van testschool 00YY met een https-URL", Par.Overzicht, async () =>
        {
            var testschool = await k.TestschoolAsync();
            return $"{testschool.RouteringsKenmerk} op {testschool.Url}";
        });
        yield return S("overzicht.filter", "overzichtAanleverpunt met een onbekend BRIN geeft een lege lijst", Par.Overzicht, async () =>
        {
            var lijst = await k.OverzichtAsync(Brin.Parse("00ZZ"));
            Verwacht.Dat(lijst.Count == 0, $"Verwacht: geen aanleverpunten voor 00ZZ. Gekregen: {lijst.Count}.");
            return "lege lijst";
        });
        yield return S("overdracht.toegekend", "overdracht bij de testschool geeft een sessie met de aanleverpunten van de bron", Par.Overdracht, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            Verwacht.Dat(s.Aanleverpunten.Count > 0 && s.Aanleverpunten.All(a => a.RouteringsKenmerk.Brin == KitContext.Testschool),
                "Verwacht: de aanleverpunten van 00YY in het antwoord.");
            return $"sessie {s.Id}, {s.Aanleverpunten.Count} aanleverpunt(en)";
        });
        yield return S("overdracht.herhaald", "Hetzelfde overdrachtverzoek nog eens (een doel die na een crash herhaalt) geeft dezelfde open sessie; een andere zoeksleutel of een herhaling na de afmelding een nieuwe", Par.Overdracht, async () =>
        {
            var geheim = ZoeksleutelGeheim.Nieuw();
            var verzoek = k.Overdracht(KitContext.Testschool, null, Doel, Pgn.Parse(Leerling), geheim);
            var een = Verwacht.Bericht<OverdrachtResponse.Toegekend>(await k.V.SendAsync(k.Tc, verzoek, k.Ct));
            var twee = Verwacht.Bericht<OverdrachtResponse.Toegekend>(await k.V.SendAsync(k.Tc, verzoek, k.Ct));
            Verwacht.Dat(een.SessieId == twee.SessieId, "Verwacht: dezelfde sessie (de eerste zou anders open blijven tot ze verloopt).");
            var ander = Verwacht.Bericht<OverdrachtResponse.Toegekend>(await k.V.SendAsync(k.Tc, k.Overdracht(KitContext.Testschool, null, Doel, Pgn.Parse(Leerling), ZoeksleutelGeheim.Nieuw()), k.Ct));
            Verwacht.Dat(ander.SessieId != een.SessieId, "Verwacht: een andere zoeksleutel geeft een eigen sessie.");
            var sessie = new Sessie(een.SessieId, KitContext.Testschool, Doel.Brin, Doel, een.Aanleverpunten, Pgn.Parse(Leerling), geheim, Overdrachtsoort.Overstapdossier);
            Verwacht.Resultaat(await k.AfmeldenAsync(sessie, een.Aanleverpunten[0].RouteringsKenmerk, LeerlingOnbekend), AfmeldingOntvangen);
            var drie = Verwacht.Bericht<OverdrachtResponse.Toegekend>(await k.V.SendAsync(k.Tc, verzoek, k.Ct));
            Verwacht.Dat(drie.SessieId != een.SessieId, "Verwacht: na de afmelding een nieuwe sessie.");
            return "dezelfde sessie bij herhaling, een nieuwe na de afmelding";
        });
        yield return S("document.testschool", "documentRequest aan de testschool levert het dossier (de testschool controleert de sessie bij het TC)", Par.Document, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            var ap = s.Aanleverpunten[0];
            var a = await k.V.SendAsync(ap.Url, KitContext.Document(s, ap.RouteringsKenmerk), k.Ct);
            using var geleverd = Verwacht.Bericht<DocumentResponse.Geleverd>(a);
            Verwacht.Dat(geleverd.Dossier.RootName is "dossier" or "dossiers", "Verwacht: een dossier in de namespace van de gegevensset.");
            return $"dossier van {geleverd.Dossier.Length} bytes";
        });
        yield return S("afmelding.ontvangen", "afmelding met het beste resultaat wordt bevestigd met AfmeldingOntvangen", Par.Afmelding, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            return Verwacht.Resultaat(await k.AfmeldenAsync(s, s.Aanleverpunten[0].RouteringsKenmerk, LeerlinginfoNietBeschikbaar), AfmeldingOntvangen);
        });
        yield return S("afmelding.herhaald", "Een tweede afmelding van dezelfde sessie geeft SessieReedsAfgemeld; de eerste blijft staan", Par.Resultaten, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            var rk = s.Aanleverpunten[0].RouteringsKenmerk;
            Verwacht.Resultaat(await k.AfmeldenAsync(s, rk, LeerlingOnbekend), AfmeldingOntvangen);
            return Verwacht.Resultaat(await k.AfmeldenAsync(s, rk, LeerlingOnbekend), SessieReedsAfgemeld);
        });
        yield return S("afmelding.onbekende-sessie", "afmelding van een sessie die niet bestaat geeft SessieAfwijkend", Par.Resultaten, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            return Verwacht.Resultaat(await k.AfmeldenAsync(s, s.Aanleverpunten[0].RouteringsKenmerk, OverdrachtGeslaagd, SessieId.New()), SessieAfwijkend);
        });
        yield return S("afmelding.bevestiging", "Een ontvangstbevestiging als uitkomst in de afmelding is een ongeldig bericht (SOAP-fout)", Par.Fouten, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            var xml = KitContext.Envelope($"<o:afmeldingRequest>{KitContext.RouteringXml(s.Aanleverpunten[0].RouteringsKenmerk.Value, Doel.Value)}"
                + $"<o:sessieId>{s.Id}</o:sessieId><o:resultaat>AfmeldingOntvangen</o:resultaat></o:afmeldingRequest>");
            return Verwacht.Fout(await k.V.PostAsync(k.Tc, xml, k.Ct), SoapFaultCode.Client, SoapFoutcodes.OngeldigeWaarde);
        });
        yield return S("sessiecontrole.na-afmelding", "Na de afmelding geeft een documentRequest (sessiecontrole bij de testschool) SessieReedsAfgemeld", Par.Sessiecontrole, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            var ap = s.Aanleverpunten[0];
            Verwacht.Resultaat(await k.AfmeldenAsync(s, ap.RouteringsKenmerk, OverdrachtGeslaagd), AfmeldingOntvangen);
            return Verwacht.Resultaat(await k.V.SendAsync(ap.Url, KitContext.Document(s, ap.RouteringsKenmerk), k.Ct), SessieReedsAfgemeld);
        });
        yield return S("sessiecontrole.verkeerde-sleutel", "Een andere sleutel k (dus een andere zoeksleutel) dan in de sessie geeft SessieAfwijkend", Par.Zoeksleutel, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            var ap = s.Aanleverpunten[0];
            return Verwacht.Resultaat(await k.V.SendAsync(ap.Url, KitContext.Document(s, ap.RouteringsKenmerk, geheim: ZoeksleutelGeheim.Nieuw()), k.Ct), SessieAfwijkend);
        });
        yield return S("sessiecontrole.andere-leerling", "Een sessie voor de ene leerling gebruiken voor een andere geeft SessieAfwijkend", Par.Zoeksleutel, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            var ap = s.Aanleverpunten[0];
            return Verwacht.Resultaat(await k.V.SendAsync(ap.Url, KitContext.Document(s, ap.RouteringsKenmerk, pgn: Pgn.Parse(AndereLeerling)), k.Ct), SessieAfwijkend);
        });
        yield return S("sessiecontrole.onbekende-sessie", "Een documentRequest met een sessie die niet bestaat geeft SessieAfwijkend", Par.Sessiecontrole, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            var ap = s.Aanleverpunten[0];
            return Verwacht.Resultaat(await k.V.SendAsync(ap.Url, KitContext.Document(s, ap.RouteringsKenmerk, sessie: SessieId.New()), k.Ct), SessieAfwijkend);
        });
        yield return S("sessiecontrole.ander-doel-aanleverpunt", "Een ander doel-aanleverpunt dan in de sessie geeft OnbekendAanleverpunt", Par.Sessiecontrole, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            var ap = s.Aanleverpunten[0];
            return Verwacht.Resultaat(await k.V.SendAsync(ap.Url, KitContext.Document(s, ap.RouteringsKenmerk, doelRk: KitContext.Onbekend(Doel.Brin)), k.Ct), OnbekendAanleverpunt);
        });
        yield return S("overdracht.onbekende-bron", "overdracht bij een BRIN dat het TC niet kent geeft VerstrekkerNietBekend", Par.Resultaten, async () =>
            Verwacht.Resultaat(await k.V.SendAsync(k.Tc, k.Overdracht(Brin.Parse("00ZZ"), null, Doel, Pgn.Parse(Leerling), ZoeksleutelGeheim.Nieuw()), k.Ct), VerstrekkerNietBekend));
        yield return S("overdracht.onbekend-aanleverpunt", "overdracht vanaf een doel-aanleverpunt dat niet geregistreerd is geeft OnbekendAanleverpunt", Par.Resultaten, async () =>
            Verwacht.Resultaat(await k.V.SendAsync(k.Tc, k.Overdracht(KitContext.Testschool, null, KitContext.Onbekend(Doel.Brin), Pgn.Parse(Leerling), ZoeksleutelGeheim.Nieuw()), k.Ct), OnbekendAanleverpunt));
        yield return S("overdracht.binnenbrin-andere-brin", "overdrachtbinnenbrin tussen twee verschillende BRIN's geeft GeenRelatieMetDoel", Par.Resultaten, async () =>
            Verwacht.Resultaat(await k.V.SendAsync(k.Tc, k.Overdracht(KitContext.Testschool, null, Doel, Pgn.Parse(Leerling), ZoeksleutelGeheim.Nieuw(), Overdrachtsoort.OverdrachtBinnenBrin), k.Ct), GeenRelatieMetDoel));
        yield return S("overdracht.swv-met-zoeksleutel", "swv-dossier met een zoeksleutel (in plaats van een koppelsleutel) geeft OngeldigVerzoek", Par.Overdracht, async () =>
            Verwacht.Resultaat(await k.V.SendAsync(k.Tc, k.Overdracht(KitContext.Testschool, null, Doel, Pgn.Parse(Leerling), ZoeksleutelGeheim.Nieuw(), Overdrachtsoort.SwvDossier), k.Ct), OngeldigVerzoek));
        yield return S("overdracht.brin-past-niet", "Een doel-aanleverpunt dat niet bij het doel-BRIN hoort geeft OngeldigVerzoek", Par.Overdracht, async () =>
            Verwacht.Resultaat(await k.V.SendAsync(k.Tc, k.Overdracht(KitContext.Testschool, null, Doel, Pgn.Parse(Leerling), ZoeksleutelGeheim.Nieuw(), doelBrin: Brin.Parse("00ZZ")), k.Ct), OngeldigVerzoek));
        yield return S("autorisatie.ander-doel-systeem", "overdracht vanaf het aanleverpunt van een ander systeem (de testschool) wordt geweigerd", Par.Autorisatie, async () =>
        {
            var testschool = await k.TestschoolAsync();
            return Verwacht.Geweigerd(await k.V.SendAsync(k.Tc, k.Overdracht(KitContext.Testschool, null, testschool.RouteringsKenmerk, Pgn.Parse(Leerling), ZoeksleutelGeheim.Nieuw()), k.Ct));
        });
        yield return S("autorisatie.sessiecontrole-ander-systeem", "sessiecontrole namens het aanleverpunt van een ander systeem wordt geweigerd (HTTP 403)", Par.Autorisatie, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            var a = await k.V.SendAsync(k.Tc, new SessiecontroleRequest(KitContext.Routering(s, s.Aanleverpunten[0].RouteringsKenmerk),
                new SessieSleutel.Zoek(Zoeksleutel.Bereken(s.Pgn, s.Geheim)), s.Soort, s.Id), k.Ct);
            Verwacht.Dat(a.Status == 403, $"Verwacht: HTTP 403 (het bron-aanleverpunt is niet van dit systeem). Gekregen: {a}.");
            return Verwacht.Fout(a, SoapFaultCode.Client);
        });
        yield return S("autorisatie.notificatie-ander-systeem", "meldenNotificatie namens het aanleverpunt van een ander systeem wordt geweigerd (HTTP 403)", Par.Autorisatie, async () =>
        {
            var s = await k.SessieAsync(KitContext.Testschool, null, Doel, Leerling);
            var a = await k.V.SendAsync(k.Tc, new MeldenNotificatieRequest(KitContext.Routering(s, s.Aanleverpunten[0].RouteringsKenmerk), new OverstapAanvraag(s.Id, k.Nu)), k.Ct);
            Verwacht.Dat(a.Status == 403, $"Verwacht: HTTP 403. Gekregen: {a}.");
            return Verwacht.Fout(a, SoapFaultCode.Client);
        });

        foreach (var s in MetEigenBron()) yield return s;
        yield return Optioneel("overdracht.niet-gekwalificeerd", "overdracht voor een school die niet gekwalificeerd is geeft NietGekwalificeerd", Par.Resultaten,
            k.Opties.OngekwalificeerdAanleverpunt, "--ongekwalificeerd RK", async rk => Verwacht.Resultaat(
                await k.V.SendAsync(k.Tc, k.Overdracht(Doel.Brin, null, rk, Pgn.Parse(Leerling), ZoeksleutelGeheim.Nieuw()), k.Ct), NietGekwalificeerd));
        yield return Optioneel("overdracht.geen-mandaat", "overdracht voor een school waarvan het bestuur het systeem geen mandaat gaf geeft GeenMandaat", Par.Resultaten,
            k.Opties.ZonderMandaatAanleverpunt, "--zonder-mandaat RK", async rk => Verwacht.Resultaat(
                await k.V.SendAsync(k.Tc, k.Overdracht(Doel.Brin, null, rk, Pgn.Parse(Leerling), ZoeksleutelGeheim.Nieuw()), k.Ct), GeenMandaat));

        foreach (var s in BerichtScenarios.Voor("tc", k, OsoDienst.TrafficCenter)) yield return s;
    }

    /// <summary>With a bron aanleverpunt of its own, the kit checks sessions and announces notificaties itself.</summary>
    private IEnumerable<Scenario> MetEigenBron()
    {
        RouteringsKenmerk Bron() => KitContext.Rk(k.Opties.BronAanleverpunt ?? throw new NietUitvoerbaar("Geef een bron-aanleverpunt van het kit-systeem op (--bron RK)."), "--bron RK");
        async Task<(Sessie S, RouteringsKenmerk Bron)> SessieBijEigenBron()
        {
            var bron = Bron();
            return (await k.SessieAsync(bron.Brin, bron, Doel, Leerling), bron);
        }
        SessiecontroleRequest Controle(Sessie s, RouteringsKenmerk bron, RouteringsKenmerk? doel = null, ZoeksleutelGeheim? geheim = null) =>
            new(KitContext.Routering(s, bron, doel), new SessieSleutel.Zoek(Zoeksleutel.Bereken(s.Pgn, geheim ?? s.Geheim)), s.Soort, s.Id);
        bool verplicht = k.Opties.BronAanleverpunt is not null;

        yield return S("sessiecontrole.geldig", "sessiecontrole door de bron met de juiste zoeksleutel geeft de sector van de doelschool", Par.Sessiecontrole, async () =>
        {
            var (s, bron) = await SessieBijEigenBron();
            var geldig = Verwacht.Bericht<SessiecontroleResponse.Geldig>(await k.V.SendAsync(k.Tc, Controle(s, bron), k.Ct));
            return $"sector {geldig.Sector}";
        }, verplicht);
        yield return S("sessiecontrole.herhaald", "Dezelfde sessiecontrole twee keer geeft twee keer hetzelfde antwoord", Par.Sessiecontrole, async () =>
        {
            var (s, bron) = await SessieBijEigenBron();
            var een = Verwacht.Bericht<SessiecontroleResponse.Geldig>(await k.V.SendAsync(k.Tc, Controle(s, bron), k.Ct));
            var twee = Verwacht.Bericht<SessiecontroleResponse.Geldig>(await k.V.SendAsync(k.Tc, Controle(s, bron), k.Ct));
            Verwacht.Dat(een.Sector == twee.Sector, "Verwacht: dezelfde sector.");
            return $"twee keer sector {een.Sector}";
        }, verplicht);
        yield return S("sessiecontrole.andere-zoeksleutel", "sessiecontrole met een andere zoeksleutel geeft SessieAfwijkend", Par.Zoeksleutel, async () =>
        {
            var (s, bron) = await SessieBijEigenBron();
            return Verwacht.Resultaat(await k.V.SendAsync(k.Tc, Controle(s, bron, geheim: ZoeksleutelGeheim.Nieuw()), k.Ct), SessieAfwijkend);
        }, verplicht);
        yield return S("sessiecontrole.afwijkend-doel", "sessiecontrole met een ander doel-aanleverpunt geeft OnbekendAanleverpunt", Par.Sessiecontrole, async () =>
        {
            var (s, bron) = await SessieBijEigenBron();
            return Verwacht.Resultaat(await k.V.SendAsync(k.Tc, Controle(s, bron, KitContext.Onbekend(Doel.Brin)), k.Ct), OnbekendAanleverpunt);
        }, verplicht);
        yield return S("notificatie.ov", "meldenNotificatie (OV) van de bron na een opvraging geeft de URL van het doel-aanleverpunt", Par.MeldenNotificatie, async () =>
        {
            var (s, bron) = await SessieBijEigenBron();
            Verwacht.Resultaat(await k.AfmeldenAsync(s, bron, LeerlinginfoNietBeschikbaar), AfmeldingOntvangen);
            var toegekend = Verwacht.Bericht<MeldenNotificatieResponse.Toegekend>(await k.V.SendAsync(k.Tc,
                new MeldenNotificatieRequest(KitContext.Routering(s, bron), new OverstapAanvraag(s.Id, k.Nu)), k.Ct));
            var doelen = await k.OverzichtAsync(Doel.Brin);
            Verwacht.Dat(doelen.Any(d => d.Url == toegekend.Url), $"Verwacht: de URL van {Doel}. Gekregen: {toegekend.Url}.");
            return $"URL {toegekend.Url}";
        }, verplicht);
        yield return S("notificatie.onbekende-sessie", "meldenNotificatie voor een sessie die niet bestaat wordt geweigerd", Par.MeldenNotificatie, async () =>
        {
            var (s, bron) = await SessieBijEigenBron();
            return Verwacht.Geweigerd(await k.V.SendAsync(k.Tc, new MeldenNotificatieRequest(KitContext.Routering(s, bron), new OverstapAanvraag(SessieId.New(), k.Nu)), k.Ct));
        }, verplicht);
    }

    private static Scenario S(string id, string titel, string paragraaf, Func<Task<string>> run, bool verplicht = true) =>
        new("tc." + id, titel, paragraaf, verplicht, _ => run());

    private static Scenario Optioneel(string id, string titel, string paragraaf, string? rk, string optie, Func<RouteringsKenmerk, Task<string>> run) =>
        new("tc." + id, titel, paragraaf, rk is not null, _ => rk is null
            ? throw new NietUitvoerbaar($"Niet opgegeven ({optie}).")
            : run(KitContext.Rk(rk, optie)));
}
