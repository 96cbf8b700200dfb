using System.Globalization;
using System.Xml;

namespace Oso.Protocol.Soap;

/// <summary>Reads a received <c>Fault</c> element (SOAP 1.1), including our detail when present.</summary>
internal static class FaultReader
{
    /// <summary>Positioned on the Fault start; afterwards past its end.</summary>
    public static SoapFault Read(ReadContext ctx)
    {
        var xml = ctx.Xml;
        string? faultcode = null, faultstring = null, foutcode = null;
        int? regel = null, kolom = null;
        var codeNamespace = "";
        ctx.OnElement();
        if (!xml.IsEmptyElement)
        {
            xml.Read();
            while (true)
            {
                ctx.SkipInsignificant();
                if (xml.NodeType == XmlNodeType.EndElement) break;
                switch (xml.LocalName)
                {
                    case "faultcode":
                        faultcode = ctx.ReadFieldText();
                        var colon = faultcode.IndexOf(':', StringComparison.Ordinal);
                        codeNamespace = colon > 0 ? xml.LookupNamespace(faultcode[..colon]) ?? "" : "";
                        break;
                    case "faultstring":
                        faultstring = ctx.ReadFieldText();
                        break;
                    case "detail" when !xml.IsEmptyElement:
                        (foutcode, regel, kolom) = ReadDetail(ctx);
                        break;
                    default:
                        ctx.SkipElement();
                        break;
                }
            }
        }
        xml.Read();
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

    private static (string? Code, int? Regel, int? Kolom) ReadDetail(ReadContext ctx)
    {
        var xml = ctx.Xml;
        string? code = null;
        int? regel = null, kolom = null;
        ctx.OnElement();
        xml.Read();
        while (true)
        {
            ctx.SkipInsignificant();
            if (xml.NodeType == XmlNodeType.EndElement) break;
            if (xml.LocalName == "fout" && xml.NamespaceURI == OsoNamespaces.Overstapservice && !xml.IsEmptyElement)
            {
                ctx.OnElement();
                xml.Read();
                while (true)
                {
                    ctx.SkipInsignificant();
                    if (xml.NodeType == XmlNodeType.EndElement) break;
                    var name = xml.LocalName;
                    var value = ctx.ReadFieldText();
                    _ = name switch
                    {
                        "code" => code = value,
                        "regel" => (regel = Int(value)).ToString(),
                        "kolom" => (kolom = Int(value)).ToString(),
                        _ => null,
                    };
                }
                xml.Read();
            }
            else
            {
                ctx.SkipElement();
            }
        }
        xml.Read();
        return (code, regel, kolom);
    }

    private static int? Int(string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
}
