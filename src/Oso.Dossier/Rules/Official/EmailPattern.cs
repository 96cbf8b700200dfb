namespace Oso.Dossier.Rules.Official;

/// <summary>
/// OG.01's <c>matches($adres, '[a-zA-Z0-9!#$%*+=?^_`{|}~.-]+@[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$')</c>
/// without a regex engine. The pattern is anchored only at the end (XPath <c>$</c>: the very end, not before a
/// final newline) and the domain part holds no <c>@</c>; so it matches exactly when the text after the LAST
/// <c>@</c> is a dot-separated list of labels that start and end with a letter or digit (hyphens inside), and
/// the character just before that <c>@</c> is one of the allowed local-part characters.
/// </summary>
internal static class EmailPattern
{
    public static bool Matches(string s)
    {
        var at = s.LastIndexOf('@');
        return at >= 1 && IsLocalChar(s[at - 1]) && IsDomain(s.AsSpan(at + 1));
    }

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%*+=?^_`{|}~.-".Contains(c, StringComparison.Ordinal);

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (domain.IsEmpty) return false;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1])) return false;
            foreach (var c in label)
                if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        }
        return true;
    }
}
