using System.Globalization;
using System.Xml;

namespace Oso.Protocol.Soap;

/// <summary>Reads a received <c>Fault</c> element (SOAP 1.1), including our detail when present.</summary>
internal static class FaultReader
{
    /// <summary>Positioned on the Fault start; afterwards past its end.</summary>
    public static async Task<SoapFault> ReadAsync(ReadContext ctx)
    {
        var xml = ctx.Xml;
        string? faultcode = null, faultstring = null, foutcode = null;
        int? regel = null, kolom = null;
        var codeNamespace = "";
        ctx.OnElement();
        if (!xml.IsEmptyElement)
        {
            await xml.ReadAsync();
            while (true)
            {
                await ctx.SkipInsignificantAsync();
                if (xml.NodeType == XmlNodeType.EndElement) break;
                switch (xml.LocalName)
                {
                    case "faultcode":
                        faultcode = await ctx.ReadFieldTextAsync();
                        var colon = faultcode.IndexOf(':', StringComparison.Ordinal);
                        codeNamespace = colon > 0 ? xml.LookupNamespace(faultcode[..colon]) ?? "" : "";
                        break;
                    case "faultstring":
                        faultstring = await ctx.ReadFieldTextAsync();
                        break;
                    case "detail" when !xml.IsEmptyElement:
                        (foutcode, regel, kolom) = await ReadDetailAsync(ctx);
                        break;
                    default:
                        await ctx.SkipElementAsync();
                        break;
                }
            }
        }
        await xml.ReadAsync();
        var code = Code(faultcode, codeNamespace);
        // a location is a line with a column (0 when unknown), as SoapFault holds and SoapWriter writes it; a column alone is none
        kolom = regel is null ? null : kolom ?? 0;
        var tekst = faultstring ?? "";
        var suffix = $" (regel {regel}, positie {kolom})";
        if (regel is not null && tekst.EndsWith(suffix, StringComparison.Ordinal)) tekst = tekst[..^suffix.Length];
        return new SoapFault(code, foutcode ?? SoapFoutcodes.Onbekend, tekst) { Regel = regel, Kolom = kolom };
    }

    private static SoapFaultCode Code(string? faultcode, string ns)
    {
        if (faultcode is null || (ns.Length > 0 && ns != OsoNamespaces.SoapEnvelope)) return SoapFaultCode.Server;
        var local = faultcode[(faultcode.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var head = local.Split('.')[0];
        return head switch
        {
            "Client" => SoapFaultCode.Client,
            "VersionMismatch" => SoapFaultCode.VersionMismatch,
            "MustUnderstand" => SoapFaultCode.MustUnderstand,
            _ => SoapFaultCode.Server,
        };
    }

    private static async Task<(string? Code, int? Regel, int? Kolom)> ReadDetailAsync(ReadContext ctx)
    {
        var xml = ctx.Xml;
        string? code = null;
        int? regel = null, kolom = null;
        ctx.OnElement();
        await xml.ReadAsync();
        while (true)
        {
            await ctx.SkipInsignificantAsync();
            if (xml.NodeType == XmlNodeType.EndElement) break;
            if (xml.LocalName == "fout" && xml.NamespaceURI == OsoNamespaces.Overstapservice && !xml.IsEmptyElement)
            {
                ctx.OnElement();
                await xml.ReadAsync();
                while (true)
                {
                    await ctx.SkipInsignificantAsync();
                    if (xml.NodeType == XmlNodeType.EndElement) break;
                    var name = xml.LocalName;
                    var value = await ctx.ReadFieldTextAsync();
                    _ = name switch
                    {
                        "code" => code = value,
                        "regel" => (regel = Int(value)).ToString(),
                        "kolom" => (kolom = Int(value)).ToString(),
                        _ => null,
                    };
                }
                await xml.ReadAsync();
            }
            else
            {
                await ctx.SkipElementAsync();
            }
        }
        await xml.ReadAsync();
        return (code, regel, kolom);
    }

    private static int? Int(string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
}
