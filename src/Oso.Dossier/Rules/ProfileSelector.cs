using System.Globalization;
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
    private const int Window = 1 << 20;

    /// <summary>Exact, on the document's bytes.</summary>
    /// <remarks>
    /// Everything the pattern matches literally is ASCII, and UTF-8 keeps ASCII bytes as they are, so the
    /// search runs on the bytes; only the characters around a match are decoded, to apply Python's <c>\w</c>
    /// and <c>\s</c> to them. Invalid UTF-8 decodes to U+FFFD, as Python's "replace" does: neither a word
    /// character, whitespace nor <c>&lt;</c>.
    /// </remarks>
    public static RuleProfile FromBytes(ReadOnlySpan<byte> document)
    {
        var text = document[..Math.Min(document.Length, Window)];
        var tag = "overdrachtsoort>"u8;
        for (var from = 0; from < text.Length;)
        {
            var found = text[from..].IndexOf(tag);
            if (found < 0) break;
            var at = from + found;
            from = at + 1;
            if (!IsTagStart(text, at)) continue;
            var i = at + tag.Length;
            while (i < text.Length && IsSpace(RuneAt(text, i, out var n))) i += n;
            var start = i;
            while (i < text.Length && RuneAt(text, i, out var n) is var r && r.Value != '<' && !IsSpace(r)) i += n;
            if (i == start) continue;
            return text[start..i].SequenceEqual("swv-dossier"u8) ? RuleProfile.PaO : RuleProfile.OV;
        }
        return RuleProfile.OV;
    }

    // "<" directly before the name, or "<" + word characters + ":" (a prefix)
    private static bool IsTagStart(ReadOnlySpan<byte> text, int at)
    {
        if (at == 0) return false;
        if (text[at - 1] == '<') return true;
        if (text[at - 1] != ':') return false;
        var i = at - 1;
        var words = 0;
        while (i > 0 && Rune.DecodeLastFromUtf8(text[..i], out var r, out var n) is var status && IsWordChar(status == System.Buffers.OperationStatus.Done ? r : Rune.ReplacementChar))
        {
            i -= n;
            words++;
        }
        return words > 0 && i > 0 && text[i - 1] == '<';
    }

    private static Rune RuneAt(ReadOnlySpan<byte> text, int i, out int length) =>
        Rune.DecodeFromUtf8(text[i..], out var r, out length) == System.Buffers.OperationStatus.Done ? r : Rune.ReplacementChar;

    // Python's \s on str: Unicode whitespace, and the separators U+001C–U+001F that .NET does not count
    private static bool IsSpace(Rune r) => Rune.IsWhiteSpace(r) || r.Value is >= 0x1C and <= 0x1F;

    // Python's \w on str: letters, every kind of number, and the underscore
    private static bool IsWordChar(Rune r) =>
        Rune.IsLetterOrDigit(r) || r.Value == '_'
        || Rune.GetUnicodeCategory(r) is UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

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
