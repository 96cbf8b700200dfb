using System.Text;
using System.Xml;

namespace Oso.Protocol.Soap;

/// <summary>
/// The reader's state while one message streams in: counts elements and characters against <see cref="SoapLimits"/>
/// and turns every problem into a located <see cref="SoapReadException"/>.
/// </summary>
internal sealed class ReadContext(XmlReader xml, SoapLimits limits)
{
    private int _elements;
    private long _fieldCharacters;
    private List<IDisposable>? _captures;

    public XmlReader Xml { get; } = xml;

    public SoapLimits Limits { get; } = limits;

    public char[] Buffer { get; } = new char[8192];

    /// <summary>The bytes received when this parse started: an embedded dossier is at most that long, so its copy is sized once.</summary>
    public long Received { get; init; }

    /// <summary>Makes this parse the owner of a captured document (or its buffer) until <see cref="ReleaseCaptures"/>.</summary>
    public T Own<T>(T capture)
        where T : IDisposable
    {
        (_captures ??= []).Add(capture);
        return capture;
    }

    /// <summary>
    /// Ends the parse's ownership: every capture is disposed except the document <paramref name="kept"/> (the one the
    /// message read hands to its receiver). Called on every path out of a parse — read, refused, restarted, cancelled.
    /// </summary>
    public void ReleaseCaptures(object? kept)
    {
        if (_captures is null) return;
        foreach (var capture in _captures)
            if (!ReferenceEquals(capture, kept)) capture.Dispose();
        _captures = null;
    }

    public int Line => Xml is IXmlLineInfo i && i.HasLineInfo() ? i.LineNumber : 0;

    public int Column => Xml is IXmlLineInfo i && i.HasLineInfo() ? i.LinePosition : 0;

    public SoapReadException Fail(string foutcode, string tekst) =>
        new(SoapFault.Client(foutcode, tekst, Xml as IXmlLineInfo));

    public static SoapReadException FailAt(int line, int column, string foutcode, string tekst) =>
        new(new SoapFault(SoapFaultCode.Client, foutcode, tekst) { Regel = line > 0 ? line : null, Kolom = line > 0 ? column : null });

    /// <summary>Call on every element start: checks count, depth and attributes.</summary>
    public void OnElement()
    {
        if (++_elements > Limits.MaxElements)
            throw Fail(SoapFoutcodes.TeveelElementen, $"Het bericht bevat meer dan {Limits.MaxElements} elementen.");
        if (Xml.Depth + 1 > Limits.MaxDepth)
            throw Fail(SoapFoutcodes.TeDiep, $"Het bericht is dieper genest dan {Limits.MaxDepth} niveaus.");
        if (Xml.AttributeCount > Limits.MaxAttributes)
            throw Fail(SoapFoutcodes.TeveelAttributen, $"Een element heeft meer dan {Limits.MaxAttributes} attributen.");
    }

    /// <summary>Skips whitespace (and ignored nodes) between elements; refuses stray text.</summary>
    public void SkipInsignificant()
    {
        while (true)
        {
            switch (Xml.NodeType)
            {
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace or XmlNodeType.Comment
                    or XmlNodeType.ProcessingInstruction or XmlNodeType.XmlDeclaration:
                    if (!Xml.Read()) return;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    throw Fail(SoapFoutcodes.NietWelgevormd, "Er staat tekst op een plaats waar alleen elementen horen.");
                default:
                    return;
            }
        }
    }

    /// <summary>
    /// Reads a simple element's text (positioned on its start; afterwards after its end), trimmed, at most
    /// <see cref="SoapLimits.MaxFieldLength"/> characters. Child elements are refused.
    /// </summary>
    public string ReadFieldText()
    {
        var name = Xml.LocalName;
        OnElement();
        if (Xml.IsEmptyElement)
        {
            Xml.Read();
            return "";
        }
        var depth = Xml.Depth;
        var text = new StringBuilder();
        while (Xml.Read())
        {
            switch (Xml.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    int n;
                    while ((n = Xml.ReadValueChunk(Buffer, 0, Buffer.Length)) > 0)
                    {
                        if (text.Length + n > Limits.MaxFieldLength)
                            throw Fail(SoapFoutcodes.TekstTeLang, $"Het element '{Naam(name)}' is langer dan {Limits.MaxFieldLength} tekens.");
                        text.Append(Buffer, 0, n);
                    }
                    break;
                case XmlNodeType.Element:
                    throw Fail(SoapFoutcodes.OngeldigeWaarde, $"Het element '{Naam(name)}' mag geen onderliggende elementen bevatten.");
                case XmlNodeType.EndElement when Xml.Depth == depth:
                    Xml.Read();
                    _fieldCharacters += text.Length;
                    if (_fieldCharacters > Limits.MaxFieldsTotalLength)
                        throw Fail(SoapFoutcodes.TeGroot, $"De velden van het bericht zijn samen langer dan {Limits.MaxFieldsTotalLength} tekens.");
                    return text.ToString().Trim();
            }
        }
        throw Fail(SoapFoutcodes.Afgebroken, "Het bericht houdt onverwacht op.");
    }

    /// <summary>Skips an element and its subtree (positioned on its start; afterwards after its end), within the limits.</summary>
    public void SkipElement()
    {
        OnElement();
        if (Xml.IsEmptyElement)
        {
            Xml.Read();
            return;
        }
        var depth = Xml.Depth;
        while (Xml.Read())
        {
            switch (Xml.NodeType)
            {
                case XmlNodeType.Element:
                    OnElement();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    long length = 0;
                    int n;
                    while ((n = Xml.ReadValueChunk(Buffer, 0, Buffer.Length)) > 0)
                        if ((length += n) > Limits.MaxTextLength)
                            throw Fail(SoapFoutcodes.TekstTeLang, $"Een tekst is langer dan {Limits.MaxTextLength} tekens.");
                    break;
                case XmlNodeType.EndElement when Xml.Depth == depth:
                    Xml.Read();
                    return;
            }
        }
        throw Fail(SoapFoutcodes.Afgebroken, "Het bericht houdt onverwacht op.");
    }

    /// <summary>A received name or namespace, shortened so a hostile one cannot flood a fault or a log.</summary>
    public static string Naam(string s) => s.Length <= 80 ? s : s[..80] + "…";
}
