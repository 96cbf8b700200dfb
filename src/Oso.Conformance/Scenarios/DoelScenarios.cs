using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Oso.Protocol.Contract;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using static Oso.Protocol.Results.ResultaatCode;

namespace Oso.Conformance.Scenarios;

/// <summary>
/// A doel system from the outside. Its counterpart is the test school 00YY: the kit makes the doel request the test
/// pupils (<see cref="IDoelAansturing"/>: its LAS, a command, or a person) and reads, with the doel's own certificate,
/// the Traffic Center's trace of each session (<c>/api/leverancier/sessies</c>) — overdracht, the test school's
/// sessiecontrole (which only holds with a correct zoeksleutel), delivery and afmelding. The doel's aanleverpunt (the
/// target) is tested directly for what it must refuse.
/// </summary>
internal sealed class DoelScenarios(KitContext k)
{
    private static readonly DateTimeOffset NaVrijgave = new(2026, 3, 21, 0, 0, 0, TimeSpan.FromHours(1));
    private readonly ConcurrentDictionary<string, Lazy<Task<Trace>>> _aanvragen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, bool> _gezien = new();
    private RouteringsKenmerk? _doel;

    private sealed record Stap(string Stap_, string? Resultaat, bool Geslaagd);

    private sealed record Trace(Guid Id, string Status, string? Resultaat, string DoelRouteringsKenmerk, IReadOnlyList<Stap> Stappen)
    {
        public override string ToString() => $"sessie {Id}: {Status}{(Resultaat is null ? "" : ", " + Resultaat)}; stappen {string.Join(", ", Stappen.Select(s => s.Stap_ + (s.Resultaat is null ? "" : "=" + s.Resultaat)))}";
    }

    private async Task<RouteringsKenmerk> DoelAsync() => _doel ??= await k.RkVanAsync(k.Opties.Target, k.Opties.DoelAanleverpunt, "--doel RK");

    public IEnumerable<Scenario> Alle()
    {
        yield return S("aanvraag.sessie", "De doel vraagt bij de testschool een sessie aan vanaf het eigen aanleverpunt", Par.Overdracht, async () =>
        {
            var t = await AanvraagAsync("999991000", null, "testleerling povo-akkoord (wordt geleverd)");
            var doel = await DoelAsync();
            Verwacht.Dat(t.Status != "Geweigerd", $"Het Traffic Center weigerde de sessie: {t}.");
            Verwacht.Dat(t.DoelRouteringsKenmerk == doel.Value, $"Verwacht: het doel-aanleverpunt {doel}. Gekregen: {t.DoelRouteringsKenmerk}.");
            return t.ToString();
        });
        yield return S("aanvraag.zoeksleutel", "De zoeksleutel klopt: de sessiecontrole van de testschool slaagt (HMAC-SHA256 van het PGN met k)", Par.Zoeksleutel, async () =>
        {
            var t = await AanvraagAsync("999991000", null, "testleerling povo-akkoord (wordt geleverd)");
            Verwacht.Dat(t.Stappen.Any(s => s.Stap_ == "sessiecontrole" && s.Geslaagd), $"Geen geslaagde sessiecontrole in de trace: {t}.");
            return "sessiecontrole geslaagd";
        });
        yield return S("aanvraag.geleverd", "De testschool levert het dossier en de doel meldt af met OverdrachtGeslaagd", Par.Afmelding, async () =>
        {
            var t = await AanvraagAsync("999991000", null, "testleerling povo-akkoord (wordt geleverd)");
            Verwacht.Dat(t.Stappen.Any(s => s.Stap_ == "testschool" && s.Resultaat == nameof(OverdrachtGeslaagd)), $"De testschool leverde niet: {t}.");
            Verwacht.Dat(t.Resultaat == nameof(OverdrachtGeslaagd), $"Verwacht: afgemeld met OverdrachtGeslaagd. Gekregen: {t}.");
            return t.ToString();
        });
        yield return S("aanvraag.eenmaal-afgemeld", "De doel meldt elke sessie precies één keer af, na het laatste documentverzoek", Par.Afmelding, async () =>
        {
            var t = await AanvraagAsync("999991000", null, "testleerling povo-akkoord (wordt geleverd)");
            var afmeldingen = t.Stappen.Select((s, i) => (s, i)).Where(x => x.s.Stap_ == "afmelding").ToList();
            Verwacht.Dat(afmeldingen.Count == 1 && afmeldingen[0].s.Geslaagd, $"Verwacht: één geslaagde afmelding. Gekregen: {t}.");
            Verwacht.Dat(t.Stappen.Skip(afmeldingen[0].i + 1).All(s => s.Stap_ is "kwalificatie"), $"Na de afmelding kwam er nog verkeer: {t}.");
            return t.ToString();
        });
        yield return Resultaat("niet-beschikbaar", "999991565", null, "testleerling niet-vrijgegeven", LeerlinginfoNietBeschikbaar);
        yield return Resultaat("niet-opvraagbaar", "999991632", null, "testleerling geen-inzage", LeerlinginfoNietOpvraagbaar);
        yield return Resultaat("onbekend", "999991772", null, "testleerling onbekend", LeerlingOnbekend);
        yield return Resultaat("geen-relatie", "999991358", null, "testleerling binnen-brin (een dossier voor een andere vestiging)", GeenRelatieMetDoel);
        yield return Resultaat("niet-gewijzigd", "999991000", NaVrijgave, "testleerling povo-akkoord, alleen als gewijzigd sinds 21 maart 2026", LeerlinginfoNietGewijzigd);

        yield return S("notificatie.onbekende-sessie", "Een notificatie voor een sessie die de doel niet kent wordt geweigerd en verandert niets", Par.Notificatie, async () =>
        {
            var doel = await DoelAsync();
            var testschool = await k.TestschoolAsync();
            return Verwacht.Geweigerd(await k.V.SendAsync(k.Opties.Target, new NotificatieRequest.Overstap(
                new Routering(KitContext.Testschool, testschool.RouteringsKenmerk, doel.Brin, doel), new OverstapAanvraag(SessieId.New(), k.Nu)), k.Ct));
        });
        yield return S("notificatie.ander-aanleverpunt", "Een notificatie die een ander doel-aanleverpunt noemt dan het aangeroepene wordt geweigerd", Par.Autorisatie, async () =>
        {
            var doel = await DoelAsync();
            var testschool = await k.TestschoolAsync();
            return Verwacht.Geweigerd(await k.V.SendAsync(k.Opties.Target, new NotificatieRequest.Overstap(
                new Routering(KitContext.Testschool, testschool.RouteringsKenmerk, doel.Brin, KitContext.Onbekend(doel.Brin)), new OverstapAanvraag(SessieId.New(), k.Nu)), k.Ct));
        });

        foreach (var s in BerichtScenarios.Voor("doel", k, OsoDienst.Aanleverpunt)) yield return s;
    }

    private Scenario Resultaat(string id, string pgn, DateTimeOffset? sinds, string omschrijving, Protocol.Results.ResultaatCode code) =>
        S("resultaat." + id, $"De doel vraagt {omschrijving} op en meldt af met {code}", Par.Resultaten, async () =>
        {
            var t = await AanvraagAsync(pgn, sinds, omschrijving);
            Verwacht.Dat(t.Resultaat == code.ToString(), $"Verwacht: afgemeld met {code}. Gekregen: {t}.");
            return t.ToString();
        });

    /// <summary>Has the doel request a test pupil once (shared by the scenarios that read the same run) and returns the session's trace.</summary>
    private Task<Trace> AanvraagAsync(string pgn, DateTimeOffset? sinds, string omschrijving) =>
        _aanvragen.GetOrAdd($"{pgn}|{sinds:O}", _ => new Lazy<Task<Trace>>(() => VolgAsync(new DoelAanvraag(pgn, KitContext.Testschool.Value, sinds, omschrijving)))).Value;

    private async Task<Trace> VolgAsync(DoelAanvraag aanvraag)
    {
        var aansturing = k.Opties.Aansturing ?? throw new NietUitvoerbaar("Geen aansturing van de doel opgegeven (--aanvraag-opdracht, of interactief).");
        var register = k.Opties.Register ?? throw new NietUitvoerbaar("Geef het register op (--register URL van de Central-portal) om de traces te lezen.");
        var vanaf = k.Nu.AddSeconds(-5);
        await aansturing.VraagAanAsync(aanvraag, k.Ct);
        var tot = k.Nu + k.Opties.Wacht;
        while (true)
        {
            foreach (var sessie in await SessiesAsync(register))
            {
                if (sessie.GetProperty("bronBrin").GetString() != KitContext.Testschool.Value) continue;
                if (sessie.GetProperty("aangemaaktOp").GetDateTimeOffset() < vanaf) continue;
                var status = sessie.GetProperty("status").GetString();
                var id = sessie.GetProperty("id").GetGuid();
                if (status == "Open" || _gezien.ContainsKey(id)) continue;
                _gezien[id] = true;
                return await TraceAsync(register, id);
            }
            if (k.Nu > tot) throw new Afwijking($"Binnen {k.Opties.Wacht.TotalSeconds:0} s kwam er geen afgeronde sessie met de testschool voor {aanvraag.Omschrijving}.");
            await Task.Delay(TimeSpan.FromMilliseconds(300), k.Opties.Tijd, k.Ct);
        }
    }

    private async Task<IReadOnlyList<JsonElement>> SessiesAsync(Uri register)
    {
        using var response = await k.V.Http.GetAsync(new Uri(register, "/api/leverancier/sessies?max=50"), k.Ct);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new NietUitvoerbaar($"Het register gaf de sessies van dit systeem niet (HTTP {(int)response.StatusCode}); draait de kit met het certificaat van de doel?");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(k.Ct));
        return json.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private async Task<Trace> TraceAsync(Uri register, Guid id)
    {
        using var response = await k.V.Http.GetAsync(new Uri(register, $"/api/leverancier/sessies/{id}"), k.Ct);
        if (response.StatusCode != HttpStatusCode.OK) throw new NietUitvoerbaar($"Het register gaf de trace van sessie {id} niet (HTTP {(int)response.StatusCode}).");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(k.Ct));
        var sessie = json.RootElement.GetProperty("sessie");
        var stappen = json.RootElement.GetProperty("stappen").EnumerateArray()
            .Select(s => new Stap(s.GetProperty("stap").GetString() ?? "", s.TryGetProperty("resultaat", out var r) ? r.GetString() : null, s.GetProperty("geslaagd").GetBoolean()))
            .ToList();
        return new Trace(id, sessie.GetProperty("status").GetString() ?? "", sessie.TryGetProperty("resultaat", out var res) ? res.GetString() : null,
            sessie.GetProperty("doelRouteringsKenmerk").GetString() ?? "", stappen);
    }

    private static Scenario S(string id, string titel, string paragraaf, Func<Task<string>> run) => new("doel." + id, titel, paragraaf, true, _ => run());
}
