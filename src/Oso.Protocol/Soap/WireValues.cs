using System.Globalization;
using System.Xml;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;
using Oso.Dossier.Identifiers;

namespace Oso.Protocol.Soap;

/// <summary>Text forms of the simple values on the wire, both directions.</summary>
internal static class WireValues
{
    public static string Datum(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>xs:dateTime with an explicit offset (or Z): a date without one would depend on the server's zone.</summary>
    public static bool TryDatum(string s, out DateTimeOffset value)
    {
        value = default;
        var t = s.IndexOf('T', StringComparison.Ordinal);
        if (t < 0) return false;
        var zone = s.AsSpan(t);
        var hasZone = zone.EndsWith("Z") || (zone.Length > 6 && zone[^6] is '+' or '-' && zone[^3] == ':');
        if (!hasZone) return false;
        try
        {
            value = XmlConvert.ToDateTimeOffset(s);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryUrl(string s, out Uri value)
    {
        value = null!;
        if (!Uri.TryCreate(s, UriKind.Absolute, out var uri) || !Aanleverpunt.IsHttpsUrl(uri)) return false;
        value = uri;
        return true;
    }

    public static string Overdrachtsoort(Overdrachtsoort value) => value switch
    {
        Messages.Overdrachtsoort.Overstapdossier => "overstapdossier",
        Messages.Overdrachtsoort.OverdrachtBinnenBrin => "overdrachtbinnenbrin",
        Messages.Overdrachtsoort.SwvDossier => "swv-dossier",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };

    public static bool TryOverdrachtsoort(string s, out Overdrachtsoort value)
    {
        (var ok, value) = s switch
        {
            "overstapdossier" => (true, Messages.Overdrachtsoort.Overstapdossier),
            "overdrachtbinnenbrin" => (true, Messages.Overdrachtsoort.OverdrachtBinnenBrin),
            "swv-dossier" => (true, Messages.Overdrachtsoort.SwvDossier),
            _ => (false, default),
        };
        return ok;
    }

    public static string Doel(Uitwisseldoel value) => value == Uitwisseldoel.Ov ? "OV" : "SWV";

    public static bool TryDoel(string s, out Uitwisseldoel value)
    {
        (var ok, value) = s switch
        {
            "OV" => (true, Uitwisseldoel.Ov),
            "SWV" => (true, Uitwisseldoel.Swv),
            _ => (false, default),
        };
        return ok;
    }

    public static readonly FieldKind<ResultaatCode> Resultaat = new(Resultaten.TryParse, "een resultaatcode uit de resultatentabel");
    public static readonly FieldKind<Brin> BrinVeld = new(Brin.TryParse, Brin.Expectation);
    public static readonly FieldKind<RouteringsKenmerk> Rk = new(RouteringsKenmerk.TryParse, RouteringsKenmerk.Verwachting);
    public static readonly FieldKind<SessieId> Sessie = new(SessieId.TryParse, SessieId.Verwachting);
    public static readonly FieldKind<Koppelsleutel> Koppel = new(Koppelsleutel.TryParse, Koppelsleutel.Verwachting);
    public static readonly FieldKind<Zoeksleutel> Zoek = new(Zoeksleutel.TryParse, Zoeksleutel.Verwachting);
    public static readonly FieldKind<ZoeksleutelGeheim> Geheim = new(ZoeksleutelGeheim.TryParse, ZoeksleutelGeheim.Verwachting);
    public static readonly FieldKind<Pgn> PgnVeld = new(Pgn.TryParse, Pgn.Expectation);
    public static readonly FieldKind<DateTimeOffset> DatumVeld = new(TryDatum, "een datum-tijd met tijdzone (bijvoorbeeld 2022-01-20T11:17:33+01:00)");
    public static readonly FieldKind<Uri> Url = new(TryUrl, "een absolute https-URL");
    public static readonly FieldKind<Overdrachtsoort> Soort = new(TryOverdrachtsoort, "overstapdossier, overdrachtbinnenbrin of swv-dossier");
    public static readonly FieldKind<Uitwisseldoel> DoelVeld = new(TryDoel, "OV of SWV");
    public static readonly FieldKind<SysteemId> Systeem = new(SysteemId.TryParse, "een systeem-id (1 tot 64 letters, cijfers, '.', '_' of '-')");
    public static readonly FieldKind<string> Sector = new(TrySector, "een sector (1 tot 32 letters, cijfers of '-')");

    private static bool TrySector(string s, out string value)
    {
        value = s;
        return SessiecontroleResponse.Geldig.IsSector(s);
    }
}
