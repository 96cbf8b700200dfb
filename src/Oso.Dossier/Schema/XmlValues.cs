using System.Globalization;

namespace Oso.Dossier.Schema;

/// <summary>Lexical parsing of the XML Schema built-in types, exactly as the schema defines them.</summary>
public static class XmlValues
{
    /// <summary>
    /// The index of the first character XML 1.0 cannot carry — a control character other than tab, line feed and carriage
    /// return, U+FFFE, U+FFFF, or half of a surrogate pair — or -1 when there is none. Such text cannot be written into a
    /// dossier: check text from outside (JSON, a form) before it reaches <see cref="DossierWriter"/>.
    /// </summary>
    public static int IndexOfInvalidCharacter(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (System.Xml.XmlConvert.IsXmlChar(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /// <summary>Applies whiteSpace=collapse (trims XML whitespace; inner runs become one space).</summary>
    public static string Collapse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || (!IsXmlWhite(value[0]) && !IsXmlWhite(value[^1]) && !ContainsWhite(value))) return value;
        var parts = value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', parts);
    }

    private static bool ContainsWhite(string value)
    {
        foreach (var c in value)
            if (IsXmlWhite(c)) return true;
        return false;
    }

    /// <summary>XML whitespace: space, tab, carriage return, line feed.</summary>
    public static bool IsXmlWhite(char c) => c is ' ' or '\t' or '\r' or '\n';

    /// <summary>True when the text is empty or XML whitespace only.</summary>
    public static bool IsWhitespace(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
            if (!IsXmlWhite(c)) return false;
        return true;
    }

    /// <summary>xs:boolean: true, false, 1, 0 (after collapsing whitespace).</summary>
    public static bool TryParseBoolean(string collapsed, out bool value)
    {
        switch (collapsed)
        {
            case "true": case "1": value = true; return true;
            case "false": case "0": value = false; return true;
            default: value = false; return false;
        }
    }

    /// <summary>
    /// xs:date: <c>yyyy-mm-dd</c> with an optional zone (<c>Z</c> or <c>±hh:mm</c>, which the model drops). Years
    /// 0001–9999, as <see cref="DateOnly"/> holds them.
    /// </summary>
    public static bool TryParseDate(string collapsed, out DateOnly date)
    {
        date = default;
        var s = collapsed.AsSpan();
        if (s.Length < 10 || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)) return false;
        var zone = s[10..];
        if (zone.Length > 0 && !IsZone(zone)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool IsZone(ReadOnlySpan<char> zone)
    {
        if (zone is "Z") return true;
        if (zone.Length != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return false;
        if (!Digits(zone.Slice(1, 2), out var h) || !Digits(zone.Slice(4, 2), out var m)) return false;
        return m <= 59 && (h < 14 || (h == 14 && m == 0));
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>xs:integer's lexical space: an optional sign and one or more digits.</summary>
    public static bool IsInteger(string collapsed)
    {
        ArgumentNullException.ThrowIfNull(collapsed);
        var i = collapsed.Length > 0 && (collapsed[0] == '+' || collapsed[0] == '-') ? 1 : 0;
        if (i == collapsed.Length) return false;
        for (; i < collapsed.Length; i++)
            if (collapsed[i] is < '0' or > '9') return false;
        return true;
    }

    /// <summary>xs:decimal's lexical space: an optional sign, digits with an optional fraction (<c>1</c>, <c>1.</c>, <c>.5</c>, <c>-1.50</c>).</summary>
    public static bool IsDecimal(string collapsed)
    {
        ArgumentNullException.ThrowIfNull(collapsed);
        var i = collapsed.Length > 0 && (collapsed[0] == '+' || collapsed[0] == '-') ? 1 : 0;
        var digits = 0;
        var dot = false;
        for (; i < collapsed.Length; i++)
        {
            var c = collapsed[i];
            if (c == '.' && !dot) dot = true;
            else if (c is >= '0' and <= '9') digits++;
            else return false;
        }
        return digits > 0;
    }

    /// <summary>
    /// The most digits of an xs:decimal or xs:integer the official validator takes: xmllint (libxml2) keeps 24, counted
    /// after leading zeros and with every fraction digit. XML Schema 1.0 lets a processor set such a limit (at least 18).
    /// </summary>
    public const int MaxDigits = 24;

    /// <summary>
    /// True when a lexically valid xs:decimal or xs:integer has at most <see cref="MaxDigits"/> digits after leading zeros
    /// (<c>-000123.4500</c> has 7), as libxml2 reads them: it also refuses a point after the 24th digit (<c>1…4.</c>).
    /// </summary>
    public static bool FitsDigitLimit(string collapsed)
    {
        ArgumentNullException.ThrowIfNull(collapsed);
        var i = collapsed.Length > 0 && (collapsed[0] == '+' || collapsed[0] == '-') ? 1 : 0;
        while (i < collapsed.Length && collapsed[i] == '0') i++;
        var digits = 0;
        for (; i < collapsed.Length; i++)
        {
            if (collapsed[i] != '.') digits++;
            else if (digits == MaxDigits) return false;
            if (digits > MaxDigits) return false;
        }
        return true;
    }

    /// <summary>Parses an xs:integer or xs:int value into a long (null when it does not fit).</summary>
    public static long? ParseInteger(string value) =>
        long.TryParse(Collapse(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Parses an xs:decimal value (null when it does not fit a <see cref="decimal"/>).</summary>
    public static decimal? ParseDecimal(string value) =>
        decimal.TryParse(Collapse(value), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The canonical lexical form of a date.</summary>
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The canonical lexical form of a boolean.</summary>
    public static string Format(bool value) => value ? "true" : "false";

    /// <summary>The canonical lexical form of an integer.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The lexical form of a decimal (its scale kept: 1.20 stays 1.20).</summary>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
