namespace Oso.Dossier.Rules.Xpath;

/// <summary>XPath 2.0 string semantics the official rules rely on.</summary>
internal static class XsText
{
    /// <summary>Trims XML whitespace (space, tab, CR, LF) as a cast from untyped text does; nothing else counts as whitespace.</summary>
    public static string TrimXmlWhitespace(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsXmlWhitespace(s[start])) start++;
        while (end > start && IsXmlWhitespace(s[end - 1])) end--;
        return start == 0 && end == s.Length ? s : s[start..end];
    }

    public static bool IsXmlWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    /// <summary>Casts text to xs:boolean: <c>true</c>, <c>false</c>, <c>1</c> or <c>0</c> after trimming; false on FORG0001.</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        switch (TrimXmlWhitespace(text))
        {
            case "true" or "1":
                value = true;
                return true;
            case "false" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary><c>string-length()</c>: counts Unicode code points, so a surrogate pair counts once.</summary>
    public static int CodepointLength(string s)
    {
        var n = s.Length;
        for (var i = 0; i + 1 < s.Length; i++)
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]))
            {
                n--;
                i++;
            }
        return n;
    }

    /// <summary>Shortens a value for quoting in a message.</summary>
    public static string Quote(string value)
    {
        if (value.Length <= 60) return value;
        // never between the two halves of a character outside the BMP: a lone surrogate cannot be written as XML or UTF-8
        var cut = char.IsHighSurrogate(value[56]) ? 56 : 57;
        return string.Concat(value.AsSpan(0, cut), "...");
    }
}
