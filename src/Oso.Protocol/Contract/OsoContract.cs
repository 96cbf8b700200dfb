using System.Xml;
using System.Xml.Linq;
using Oso.Protocol.Messages;

namespace Oso.Protocol.Contract;

/// <summary>The two kinds of OSO SOAP endpoint, each with its own WSDL.</summary>
public enum OsoDienst
{
    /// <summary>The Traffic Center: overdracht, sessiecontrole, afmelding, meldenNotificatie, meldenTerugkoppeling, overzichtAanleverpunt.</summary>
    TrafficCenter,

    /// <summary>A school's aanleverpunt: document, notificatie, terugkoppeling.</summary>
    Aanleverpunt,
}

/// <summary>
/// The machine-readable contract of the exchange: a WSDL 1.1 per kind of endpoint and the XSD of every message and of
/// the fault detail, kept in <c>src/Oso.Protocol/Contract</c> and embedded in this assembly. Served at <c>?wsdl</c>
/// (with the endpoint's own address filled in) and <c>?xsd=NAME</c>.
/// </summary>
public static class OsoContract
{
    /// <summary>The file name of the message schema.</summary>
    public const string XsdName = "oso-overstapservice.xsd";

    private const string Wsdl11 = "http://schemas.xmlsoap.org/wsdl/";
    private const string WsdlSoap11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    private const string XmlSchema = "http://www.w3.org/2001/XMLSchema";

    /// <summary>The schemas a WSDL refers to (one today).</summary>
    public static IReadOnlyList<string> XsdNames { get; } = [XsdName];

    /// <summary>The WSDL's file name for <paramref name="dienst"/>.</summary>
    public static string WsdlName(OsoDienst dienst) => dienst == OsoDienst.TrafficCenter ? "oso-trafficcenter.wsdl" : "oso-aanleverpunt.wsdl";

    /// <summary>Which kind of endpoint serves <paramref name="operation"/>.</summary>
    public static OsoDienst DienstVan(OsoOperation operation) => operation switch
    {
        OsoOperation.Document or OsoOperation.Notificatie or OsoOperation.Terugkoppeling => OsoDienst.Aanleverpunt,
        _ => OsoDienst.TrafficCenter,
    };

    /// <summary>The contract file as kept in the repository (a WSDL or an XSD), or null when there is none by that name.</summary>
    public static byte[]? File(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var stream = typeof(OsoContract).Assembly.GetManifestResourceStream("Oso.Protocol.Contract." + name);
        if (stream is null || !(name.EndsWith(".wsdl", StringComparison.Ordinal) || name.EndsWith(".xsd", StringComparison.Ordinal))) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// The WSDL of <paramref name="dienst"/> for the endpoint at <paramref name="endpoint"/>: <c>soap:address</c> is the
    /// endpoint, and each schema import points at <c>endpoint?xsd=NAME</c>.
    /// </summary>
    public static byte[] Wsdl(OsoDienst dienst, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri) throw new ArgumentException("Het adres van het eindpunt is absoluut.", nameof(endpoint));
        var address = endpoint.GetLeftPart(UriPartial.Path);
        var document = Load(WsdlName(dienst));
        foreach (var location in document.Descendants(XName.Get("address", WsdlSoap11)))
            location.SetAttributeValue("location", address);
        foreach (var import in document.Descendants(XName.Get("import", XmlSchema)))
            import.SetAttributeValue("schemaLocation", $"{address}?xsd={import.Attribute("schemaLocation")?.Value}");
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = false }))
            document.Save(writer);
        return output.ToArray();
    }

    /// <summary>The operation names in the WSDL of <paramref name="dienst"/> (its portType), in order.</summary>
    public static IReadOnlyList<string> Operations(OsoDienst dienst) =>
        Load(WsdlName(dienst)).Root!.Elements(XName.Get("portType", Wsdl11))
            .SelectMany(p => p.Elements(XName.Get("operation", Wsdl11)))
            .Select(o => (string)o.Attribute("name")!).ToArray();

    private static XDocument Load(string name)
    {
        var bytes = File(name) ?? throw new InvalidOperationException($"Het contractbestand {name} ontbreekt in de assembly.");
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
    }
}
