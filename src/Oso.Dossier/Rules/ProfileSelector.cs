using System.Text;
using Oso.Dossier.Xml;

namespace Oso.Dossier.Rules;

/// <summary>
/// Chooses the stylesheet the way the official tool's <c>profile()</c> does: it decodes the first MiB of
/// the file as UTF-8 and searches <c>&lt;(?:\w+:)?overdrachtsoort&gt;\s*([^&lt;\s]+)</c>; PaO when the first match's
/// token is <c>swv-dossier</c>, OV otherwise (also when nothing matches).
/// </summary>
internal static class ProfileSelector
{
    private const string Tag = "overdrachtsoort>";
    private const int Window = 1 << 20;

    /// <summary>Exact, on the document's bytes.</summary>
    public static RuleProfile FromBytes(ReadOnlySpan<byte> document)
    {
        var text = Encoding.UTF8.GetString(document[..Math.Min(document.Length, Window)]);
        for (var at = text.IndexOf(Tag, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Tag, at + 1, StringComparison.Ordinal))
        {
            if (!IsTagStart(text, at)) continue;
            var i = at + Tag.Length;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            var start = i;
            while (i < text.Length && text[i] != '<' && !char.IsWhiteSpace(text[i])) i++;
            if (i == start) continue;
            return text.AsSpan(start, i - start).SequenceEqual("swv-dossier") ? RuleProfile.PaO : RuleProfile.OV;
        }
        return RuleProfile.OV;
    }

    // "<" directly before the name, or "<" + word characters + ":" (a prefix)
    private static bool IsTagStart(string text, int at)
    {
        if (at == 0) return false;
        if (text[at - 1] == '<') return true;
        if (text[at - 1] != ':') return false;
        var i = at - 2;
        while (i >= 0 && IsWordChar(text[i])) i--;
        return i < at - 2 && i >= 0 && text[i] == '<';
    }

    // Python's \w: letters, every kind of number, and the underscore
    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || c == '_'
        || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LetterNumber or System.Globalization.UnicodeCategory.OtherNumber;

    /// <summary>
    /// On the tree: the first <c>overdrachtsoort</c> element in document order (any namespace, no attributes)
    /// whose first text starts, after whitespace, with a token. Equal to <see cref="FromBytes"/> unless the
    /// document hides the value behind a comment, CDATA or character reference, or writes the element with a
    /// namespace declaration or spaces in its tag — which the tool's text search sees differently.
    /// </summary>
    public static RuleProfile FromTree(XmlElementNode root)
    {
        var stack = new Stack<XmlElementNode>();
        stack.Push(root);
        while (stack.TryPop(out var e))
        {
            if (e.LocalName == "overdrachtsoort" && e.Attributes.Count == 0 && e.TextNodes is [var first, ..])
            {
                var token = first.AsSpan().TrimStart();
                var end = token.IndexOfAny(" \t\r\n<");
                if (end != 0 && !token.IsEmpty)
                    return (end < 0 ? token : token[..end]).SequenceEqual("swv-dossier") ? RuleProfile.PaO : RuleProfile.OV;
            }
            for (var i = e.Elements.Count - 1; i >= 0; i--) stack.Push(e.Elements[i]);
        }
        return RuleProfile.OV;
    }
}
