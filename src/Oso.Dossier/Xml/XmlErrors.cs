using System.Xml;

namespace Oso.Dossier.Xml;

/// <summary>The kinds of XML parse failure, each with a stable meaning.</summary>
public enum XmlErrorKind
{
    /// <summary>A DTD (and with it entities, XXE, billion laughs) is refused.</summary>
    DtdProhibited,
    /// <summary>The document exceeds the size limit.</summary>
    TooLarge,
    /// <summary>No element at all.</summary>
    Empty,
    /// <summary>The input ends in the middle.</summary>
    Truncated,
    /// <summary>Bytes that do not fit the encoding, or characters XML does not allow.</summary>
    Encoding,
    /// <summary>A namespace prefix without declaration.</summary>
    UndeclaredPrefix,
    /// <summary>Start and end tags do not match.</summary>
    MismatchedTag,
    /// <summary>More than one document element, or text outside it.</summary>
    OutsideRoot,
    /// <summary>Any other well-formedness error.</summary>
    NotWellFormed,
}

/// <summary>
/// Turns the parser's (English) exceptions into stable kinds and Dutch text. The parser's own message is never passed
/// on: it can quote bits of the input, and the input may hold a PGN.
/// </summary>
public static class XmlErrors
{
    /// <summary>The kind of a parse failure.</summary>
    public static XmlErrorKind Classify(XmlException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var m = exception.Message;
        if (m.Contains("DTD", StringComparison.Ordinal)) return XmlErrorKind.DtdProhibited;
        if (m.Contains("MaxCharactersInDocument", StringComparison.Ordinal) || m.Contains("MaxCharactersFromEntities", StringComparison.Ordinal)) return XmlErrorKind.TooLarge;
        if (m.Contains("Root element is missing", StringComparison.Ordinal)) return XmlErrorKind.Empty;
        if (m.Contains("Unexpected end of file", StringComparison.Ordinal)) return XmlErrorKind.Truncated;
        // "'\u0001', hexadecimal value 0x01, is an invalid character." is about the bytes; "'<', hexadecimal value 0x3C, is an
        // invalid attribute character" or "Name cannot begin with the '1' character, hexadecimal value 0x31" is about the markup
        if (m.Contains("encoding", StringComparison.OrdinalIgnoreCase) || m.Contains("is an invalid character", StringComparison.OrdinalIgnoreCase)
            || m.Contains("surrogate", StringComparison.OrdinalIgnoreCase)) return XmlErrorKind.Encoding;
        if (m.Contains("undeclared prefix", StringComparison.Ordinal)) return XmlErrorKind.UndeclaredPrefix;
        if (m.Contains("does not match the end tag", StringComparison.Ordinal)) return XmlErrorKind.MismatchedTag;
        if (m.Contains("multiple root elements", StringComparison.Ordinal) || m.Contains("Data at the root level", StringComparison.Ordinal))
            return XmlErrorKind.OutsideRoot;
        return XmlErrorKind.NotWellFormed;
    }

    /// <summary>
    /// True when the parser failed on malformed input with an exception other than <see cref="XmlException"/>: .NET's
    /// <see cref="XmlReader"/> throws an <see cref="ArgumentOutOfRangeException"/> from inside its own code for a bad byte
    /// within the XML declaration's <c>version="…"</c> (found by fuzzing). Such input is refused like any encoding error
    /// (<see cref="XmlErrorKind.Encoding"/>); the same exception from anywhere else is still a bug.
    /// </summary>
    public static bool IsParserFailure(Exception exception) =>
        exception is ArgumentOutOfRangeException && exception.StackTrace?.Contains("System.Xml.XmlTextReaderImpl.", StringComparison.Ordinal) == true;

    /// <summary>The stable code of a kind, e.g. <c>XML.DtdVerboden</c>.</summary>
    public static string Code(XmlErrorKind kind) => kind switch
    {
        XmlErrorKind.DtdProhibited => "XML.DtdVerboden",
        XmlErrorKind.TooLarge => "XML.DocumentTeGroot",
        XmlErrorKind.Empty => "XML.Leeg",
        XmlErrorKind.Truncated => "XML.Afgebroken",
        XmlErrorKind.Encoding => "XML.Codering",
        _ => "XML.NietWelgevormd",
    };

    /// <summary>A Dutch explanation; <paramref name="noun"/> names the input ("document", "bericht").</summary>
    public static string Describe(XmlErrorKind kind, string noun = "document") => kind switch
    {
        XmlErrorKind.DtdProhibited => $"Het {noun} bevat een DTD (<!DOCTYPE ...>). Dat is niet toegestaan: DTD's en entiteiten worden nooit verwerkt.",
        XmlErrorKind.TooLarge => $"Het {noun} is groter dan toegestaan en wordt niet verder gelezen.",
        XmlErrorKind.Empty => $"Het {noun} bevat geen XML-element (het is leeg of bevat alleen commentaar).",
        XmlErrorKind.Truncated => $"Het {noun} houdt onverwacht op (afgebroken of onvolledig).",
        XmlErrorKind.Encoding => $"Het {noun} bevat tekens die niet kloppen met de codering of die XML niet toestaat (bijvoorbeeld ongeldige UTF-8).",
        XmlErrorKind.UndeclaredPrefix => $"Het {noun} gebruikt een namespace-voorvoegsel dat niet is gedeclareerd.",
        XmlErrorKind.MismatchedTag => $"Een begin- en eindtag van het {noun} horen niet bij elkaar.",
        XmlErrorKind.OutsideRoot => $"Het {noun} heeft meer dan één hoofdelement, of tekst buiten het hoofdelement.",
        _ => $"Het {noun} is geen welgevormde XML.",
    };
}
