using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Protocol.Soap;

namespace Oso.Conformance;

/// <summary>A scenario found the target not doing what docs/protocol.md says (Dutch text: what was expected, what came).</summary>
internal sealed class Afwijking(string tekst) : Exception(tekst);

/// <summary>A scenario cannot run: what it needs was not given, or a step it builds on failed.</summary>
internal sealed class NietUitvoerbaar(string tekst) : Exception(tekst);

/// <summary>The checks scenarios make on an <see cref="Antwoord"/>; each throws <see cref="Afwijking"/> with what was seen.</summary>
internal static class Verwacht
{
    /// <summary>A normal answer (HTTP 200) of type <typeparamref name="T"/>.</summary>
    public static T Bericht<T>(Antwoord a)
        where T : OsoResponse =>
        a is { Status: 200, Bericht: T t } ? t : throw new Afwijking($"Verwacht: HTTP 200 met {typeof(T).Name}. Gekregen: {a}.");

    /// <summary>A normal answer carrying exactly <paramref name="code"/>.</summary>
    public static string Resultaat(Antwoord a, params ResultaatCode[] codes)
    {
        var wat = string.Join(" of ", codes);
        if (a is not { Status: 200, Bericht: { } m } || ResultaatVan(m) is not { } r)
            throw new Afwijking($"Verwacht: HTTP 200 met resultaat {wat}. Gekregen: {a}.");
        return codes.Contains(r) ? $"resultaat {r}" : throw new Afwijking($"Verwacht: resultaat {wat}. Gekregen: {r}.");
    }

    /// <summary>A SOAP fault (HTTP 500, or 4xx) with the given SOAP faultcode and, when the detail carries our code, one of <paramref name="foutcodes"/>.</summary>
    public static string Fout(Antwoord a, SoapFaultCode code, params string[] foutcodes)
    {
        if (a.Fout is not { } f || a.Status is < 400 or > 599)
            throw new Afwijking($"Verwacht: een SOAP-fout {code}{(foutcodes.Length > 0 ? " (" + string.Join(" of ", foutcodes) + ")" : "")} met HTTP 500. Gekregen: {a}.");
        if (f.Code != code) throw new Afwijking($"Verwacht: faultcode {code}. Gekregen: {f.Code} ({f.Foutcode}).");
        if (foutcodes.Length > 0 && f.Foutcode != SoapFoutcodes.Onbekend && !foutcodes.Contains(f.Foutcode))
            throw new Afwijking($"Verwacht: foutcode {string.Join(" of ", foutcodes)} in het detail. Gekregen: {f.Foutcode}.");
        return $"HTTP {a.Status}, SOAP-fout {f.Code} {f.Foutcode}";
    }

    /// <summary>Refused at the authorization level: HTTP 403 (with a fault), or any refusal code — never a success.</summary>
    public static string Geweigerd(Antwoord a)
    {
        if (a.Status == 403) return $"HTTP 403{(a.Fout is { } f ? " met " + f.Foutcode : "")}";
        if (a is { Status: 200, Bericht: { } m } && ResultaatVan(m) is { } r && r.Info().IsWeigering) return $"geweigerd met {r}";
        if (a.Verbindingsfout is not null) return a.Verbindingsfout;
        throw new Afwijking($"Verwacht: geweigerd (HTTP 403 of een weigering). Gekregen: {a}.");
    }

    /// <summary>Refused at the TLS level (or with 401/403 before any processing).</summary>
    public static string TlsGeweigerd(Antwoord a) =>
        a.Verbindingsfout is { } v ? v
        : a.Status is 401 or 403 or 495 or 496 ? $"HTTP {a.Status}"
        : throw new Afwijking($"Verwacht: de verbinding geweigerd (TLS). Gekregen: {a}.");

    /// <summary>A condition; otherwise an <see cref="Afwijking"/> with <paramref name="tekst"/>.</summary>
    public static void Dat(bool voorwaarde, string tekst)
    {
        if (!voorwaarde) throw new Afwijking(tekst);
    }

    /// <summary>The resultaat a response carries, if any.</summary>
    public static ResultaatCode? ResultaatVan(OsoMessage m) => m switch
    {
        OverdrachtResponse.Geweigerd r => r.Resultaat,
        DocumentResponse.NietGeleverd r => r.Resultaat,
        DocumentResponse.Geleverd => ResultaatCode.OverdrachtGeslaagd,
        SessiecontroleResponse.Ongeldig r => r.Resultaat,
        AfmeldingResponse r => r.Resultaat,
        MeldenNotificatieResponse.Geweigerd r => r.Resultaat,
        NotificatieResponse r => r.Resultaat,
        MeldenTerugkoppelingResponse.Geweigerd r => r.Resultaat,
        TerugkoppelingResponse r => r.Resultaat,
        _ => null,
    };
}
