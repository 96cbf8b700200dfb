using Oso.Protocol.Identifiers;
using Oso.Dossier.Identifiers;

namespace Oso.Protocol.Messages;

/// <summary>The kind of transfer (codelijst 29 of the gegevensset).</summary>
public enum Overdrachtsoort
{
    /// <summary><c>overstapdossier</c>: to another school.</summary>
    Overstapdossier,

    /// <summary><c>overdrachtbinnenbrin</c>: between branches of one BRIN.</summary>
    OverdrachtBinnenBrin,

    /// <summary><c>swv-dossier</c>: to or from a samenwerkingsverband.</summary>
    SwvDossier,
}

/// <summary>The purpose of a notificatie or aanleverpunt: <c>OV</c> (overstap) or <c>SWV</c> (samenwerkingsverband).</summary>
public enum Uitwisseldoel
{
    /// <summary><c>OV</c>.</summary>
    Ov,

    /// <summary><c>SWV</c>.</summary>
    Swv,
}

/// <summary>The four routing fields most messages start with, in this order on the wire.</summary>
/// <param name="BronBrin">The sending school.</param>
/// <param name="BronRouteringsKenmerk">The sending school's aanleverpunt.</param>
/// <param name="DoelBrin">The requesting (receiving) school.</param>
/// <param name="DoelRouteringsKenmerk">The requesting school's aanleverpunt.</param>
public sealed record Routering(
    Brin BronBrin, RouteringsKenmerk BronRouteringsKenmerk, Brin DoelBrin, RouteringsKenmerk DoelRouteringsKenmerk);

/// <summary>
/// An active aanleverpunt: its routeringskenmerk, the https URL of its SOAP endpoint and, in an
/// overzichtAanleverpuntResponse, the system that manages it (RECONSTRUCTION: a node receiving a notificatie checks the
/// sender against it).
/// </summary>
public sealed record Aanleverpunt
{
    /// <summary>Creates an aanleverpunt; the URL must be an absolute https URL.</summary>
    public Aanleverpunt(RouteringsKenmerk routeringsKenmerk, Uri url, SysteemId? systeem = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsHttpsUrl(url)) throw new ArgumentException("Een aanleverpunt heeft een absolute https-URL.", nameof(url));
        if (systeem is { Value.Length: 0 }) throw new ArgumentException("Een leeg systeem-id.", nameof(systeem));
        RouteringsKenmerk = routeringsKenmerk;
        Url = url;
        Systeem = systeem;
    }

    /// <summary>The routeringskenmerk.</summary>
    public RouteringsKenmerk RouteringsKenmerk { get; }

    /// <summary>The endpoint URL.</summary>
    public Uri Url { get; }

    /// <summary>The system that manages the aanleverpunt, when the answer names it.</summary>
    public SysteemId? Systeem { get; }

    internal static bool IsHttpsUrl(Uri url) => url.IsAbsoluteUri && url.Scheme == Uri.UriSchemeHttps;
}

/// <summary>The request context the doel's documentRequest had, which the bron repeats in its notificatie (OV).</summary>
/// <param name="SessieId">The session of the original documentRequest.</param>
/// <param name="Aanvraagdatum">When the doel asked.</param>
public sealed record OverstapAanvraag(SessieId SessieId, DateTimeOffset Aanvraagdatum);

/// <summary>Which dossier a session is about, as the Traffic Center sees it: exactly one of zoeksleutel or koppelsleutel.</summary>
public abstract record SessieSleutel
{
    private SessieSleutel()
    {
    }

    /// <summary>The zoeksleutel variant (overstap).</summary>
    public sealed record Zoek(Zoeksleutel Zoeksleutel) : SessieSleutel;

    /// <summary>The koppelsleutel variant (SWV).</summary>
    public sealed record Koppel(Koppelsleutel Koppelsleutel) : SessieSleutel;
}

/// <summary>Which dossier a documentRequest asks for, as the bron sees it: the PGN with the key k, or a koppelsleutel.</summary>
public abstract record DocumentSleutel
{
    private DocumentSleutel()
    {
    }

    /// <summary>The session key this stands for: the bron sends it in its sessiecontrole.</summary>
    public abstract SessieSleutel NaarSessieSleutel();

    /// <summary>The PGN and the zoeksleutel key k (overstap); the PGN never goes to the Traffic Center.</summary>
    public sealed record Leerling(Pgn Pgn, ZoeksleutelGeheim Geheim) : DocumentSleutel
    {
        /// <inheritdoc/>
        public override SessieSleutel NaarSessieSleutel() => new SessieSleutel.Zoek(Zoeksleutel.Bereken(Pgn, Geheim));
    }

    /// <summary>The koppelsleutel (SWV).</summary>
    public sealed record Koppel(Koppelsleutel Koppelsleutel) : DocumentSleutel
    {
        /// <inheritdoc/>
        public override SessieSleutel NaarSessieSleutel() => new SessieSleutel.Koppel(Koppelsleutel);
    }
}

/// <summary>The wire names of <see cref="Overdrachtsoort"/> (codelijst 29).</summary>
public static class OverdrachtsoortNames
{
    /// <summary><c>overstapdossier</c>, <c>overdrachtbinnenbrin</c> or <c>swv-dossier</c>.</summary>
    public static string WireName(this Overdrachtsoort value) => Soap.WireValues.Overdrachtsoort(value);

    /// <summary>Parses a wire name.</summary>
    public static bool TryParse(string? name, out Overdrachtsoort value)
    {
        value = default;
        return name is not null && Soap.WireValues.TryOverdrachtsoort(name, out value);
    }
}
