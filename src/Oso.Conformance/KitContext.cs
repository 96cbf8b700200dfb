using Oso.Dossier.Identifiers;
using Oso.Protocol;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.Conformance;

/// <summary>A session the kit opened, with what it needs to ask for the dossier and to close it.</summary>
internal sealed record Sessie(SessieId Id, Brin BronBrin, Brin DoelBrin, RouteringsKenmerk DoelRk, IReadOnlyList<Aanleverpunt> Aanleverpunten,
    Pgn Pgn, ZoeksleutelGeheim Geheim, Overdrachtsoort Soort);

/// <summary>What every role's scenarios share: the options, the connection, the Traffic Center and the steps of a transfer.</summary>
internal sealed class KitContext(KitOpties opties, KitVerbinding verbinding)
{
    /// <summary>The test school's BRIN (docs/central.md §4).</summary>
    public static readonly Brin Testschool = Brin.Parse("00YY");

    public KitOpties Opties { get; } = opties;

    public KitVerbinding V { get; } = verbinding;

    public CancellationToken Ct { get; set; }

    public Uri Tc => Opties.Rol == ConformanceRol.Tc ? Opties.Target
        : Opties.TrafficCenter ?? throw new NietUitvoerbaar("Geef het Traffic Center op (--traffic-center URL).");

    public DateTimeOffset Nu => Opties.Tijd.GetUtcNow();

    public static RouteringsKenmerk Rk(string? waarde, string optie) =>
        RouteringsKenmerk.TryParse(waarde, out var rk) ? rk : throw new NietUitvoerbaar($"Geef een geldig routeringskenmerk op ({optie}).");

    /// <summary>A routeringskenmerk of <paramref name="brin"/> that no one registers (suffix ZZZZZ).</summary>
    public static RouteringsKenmerk Onbekend(Brin brin) => RouteringsKenmerk.Parse($"00000007000{brin.Value}ZZZZZ");

    public async Task<IReadOnlyList<Aanleverpunt>> OverzichtAsync(Brin? brin)
    {
        var a = await V.SendAsync(Tc, new OverzichtAanleverpuntRequest(brin, null, null), Ct);
        return a is { Status: 200, Bericht: OverzichtAanleverpuntResponse r } ? r.Aanleverpunten
            : throw new NietUitvoerbaar($"Het Traffic Center gaf geen overzicht van aanleverpunten: {a}.");
    }

    /// <summary>The routeringskenmerk registered for <paramref name="url"/> (the target), from the Traffic Center's overview.</summary>
    public async Task<RouteringsKenmerk> RkVanAsync(Uri url, string? gegeven, string optie)
    {
        if (gegeven is not null) return Rk(gegeven, optie);
        var gevonden = (await OverzichtAsync(null)).Where(a => Uri.Compare(a.Url, url, UriComponents.HttpRequestUrl, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0).ToList();
        return gevonden.Count == 1 ? gevonden[0].RouteringsKenmerk
            : throw new NietUitvoerbaar($"Het Traffic Center kent {(gevonden.Count == 0 ? "geen" : "meer dan één")} actief aanleverpunt met de URL {url}; geef het routeringskenmerk op ({optie}).");
    }

    /// <summary>The test school's aanleverpunt, from the Traffic Center's overview.</summary>
    public async Task<Aanleverpunt> TestschoolAsync() =>
        (await OverzichtAsync(Testschool)) is { Count: > 0 } lijst ? lijst[0] : throw new NietUitvoerbaar("Het Traffic Center kent geen aanleverpunt van testschool 00YY.");

    public OverdrachtRequest Overdracht(Brin bron, RouteringsKenmerk? bronRk, RouteringsKenmerk doelRk, Pgn pgn, ZoeksleutelGeheim geheim,
        Overdrachtsoort soort = Overdrachtsoort.Overstapdossier, Brin? doelBrin = null) =>
        new(bron, bronRk, doelBrin ?? doelRk.Brin, doelRk, new SessieSleutel.Zoek(Zoeksleutel.Bereken(pgn, geheim)), soort);

    /// <summary>Opens a session (a step other scenarios build on: a refusal makes them not runnable).</summary>
    public async Task<Sessie> SessieAsync(Brin bron, RouteringsKenmerk? bronRk, RouteringsKenmerk doelRk, string pgn,
        Overdrachtsoort soort = Overdrachtsoort.Overstapdossier)
    {
        var leerling = Pgn.Parse(pgn);
        var geheim = ZoeksleutelGeheim.Nieuw();
        var a = await V.SendAsync(Tc, Overdracht(bron, bronRk, doelRk, leerling, geheim, soort), Ct);
        return a is { Status: 200, Bericht: OverdrachtResponse.Toegekend t }
            ? new Sessie(t.SessieId, bron, doelRk.Brin, doelRk, t.Aanleverpunten, leerling, geheim, soort)
            : throw new NietUitvoerbaar($"Het Traffic Center gaf geen sessie ({a}); controleer dat het systeem van de kit geregistreerd, gekwalificeerd en gemandateerd is.");
    }

    public static Routering Routering(Sessie s, RouteringsKenmerk bronRk, RouteringsKenmerk? doelRk = null) =>
        new(s.BronBrin, bronRk, s.DoelBrin, doelRk ?? s.DoelRk);

    public static DocumentRequest Document(Sessie s, RouteringsKenmerk bronRk, Pgn? pgn = null, ZoeksleutelGeheim? geheim = null,
        DateTimeOffset? sinds = null, RouteringsKenmerk? doelRk = null, Overdrachtsoort? soort = null, SessieId? sessie = null) =>
        new(Routering(s, bronRk, doelRk), sessie ?? s.Id, soort ?? s.Soort, new DocumentSleutel.Leerling(pgn ?? s.Pgn, geheim ?? s.Geheim), sinds);

    public Task<Antwoord> AfmeldenAsync(Sessie s, RouteringsKenmerk bronRk, ResultaatCode resultaat, SessieId? sessie = null) =>
        V.SendAsync(Tc, new AfmeldingRequest(Routering(s, bronRk), sessie ?? s.Id, resultaat), Ct);

    public static string Envelope(string body, string soapNamespace = OsoNamespaces.SoapEnvelope, string header = "") =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"{soapNamespace}\" xmlns:o=\"{OsoNamespaces.Overstapservice}\">{header}<s:Body>{body}</s:Body></s:Envelope>";

    public static string RouteringXml(string bronRk, string doelRk) =>
        $"<o:bronBrin>{bronRk.Substring(11, 4)}</o:bronBrin><o:bronRouteringsKenmerk>{bronRk}</o:bronRouteringsKenmerk>"
        + $"<o:doelBrin>{doelRk.Substring(11, 4)}</o:doelBrin><o:doelRouteringsKenmerk>{doelRk}</o:doelRouteringsKenmerk>";
}
