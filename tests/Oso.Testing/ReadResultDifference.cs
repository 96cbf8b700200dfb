using System.Globalization;
using System.Text;
using Oso.Dossier.Validation;
using Oso.Dossier.Xml;

namespace Oso.Testing;

/// <summary>
/// Compares two <see cref="XmlReadResult"/>s in every detail: the meldingen in order (type, code, XPath, line, column,
/// text) and the tree (names, namespaces, positions, attributes in order, text and text nodes, attachments' base64 and
/// facts). Used where the fast reader is held to the XmlReader path (ADR 0008): the differential tests and the fuzzer.
/// </summary>
public static class ReadResultDifference
{
    /// <summary>The first melding and the first node that differ (null when the results are the same).</summary>
    public static string? First(XmlReadResult expected, XmlReadResult actual)
    {
        var problems = new List<string>();
        var e = expected.Meldingen;
        var a = actual.Meldingen;
        for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
        {
            var x = i < e.Count ? e[i] : null;
            var y = i < a.Count ? a[i] : null;
            if (x is not null && y is not null && MeldingDifference(x, y) is null) continue;
            var fields = x is not null && y is not null ? " in " + MeldingDifference(x, y) : "";
            problems.Add($"Meldingen[{i}] differ{fields} ({e.Count} expected, {a.Count} actual):\n  expected: {Show(x)}\n  actual:   {Show(y)}");
            break;
        }
        if ((expected.Root is null) != (actual.Root is null))
            problems.Add($"Root: expected {(expected.Root is null ? "null" : "a tree")}, actual {(actual.Root is null ? "null" : "a tree")}");
        else if (expected.Root is not null && NodeDifference(expected.Root, actual.Root!, null) is { } node)
            problems.Add(node);
        return problems.Count == 0 ? null : string.Join("\n", problems);
    }

    private static string? MeldingDifference(Melding x, Melding y)
    {
        var fields = new List<string>();
        if (x.Type != y.Type) fields.Add(nameof(Melding.Type));
        if (x.Code != y.Code) fields.Add(nameof(Melding.Code));
        if (x.Locatie != y.Locatie) fields.Add(nameof(Melding.Locatie));
        if (x.Regel != y.Regel) fields.Add(nameof(Melding.Regel));
        if (x.Kolom != y.Kolom) fields.Add(nameof(Melding.Kolom));
        if (x.Tekst != y.Tekst) fields.Add(nameof(Melding.Tekst));
        return fields.Count == 0 ? null : string.Join(", ", fields);
    }

    private static string Show(Melding? m) =>
        m is null ? "(none)" : $"{m.Type} {m.Code} '{m.Locatie}' ({m.Regel}:{m.Kolom}) {Quote(m.Tekst)}";

    private static string? NodeDifference(XmlElementNode e, XmlElementNode a, XmlElementNode? actualParent)
    {
        if (!ReferenceEquals(a.Parent, actualParent))
            return $"at {e.XPath}: Parent is not the node it is a child of (actual parent: {a.Parent?.XPath ?? "null"})";
        if (e.LocalName != a.LocalName) return Differs(e, "LocalName", e.LocalName, a.LocalName);
        if (e.NamespaceUri != a.NamespaceUri) return Differs(e, "NamespaceUri", e.NamespaceUri, a.NamespaceUri);
        if (e.Line != a.Line || e.Column != a.Column) return Differs(e, "Line:Column", $"{e.Line}:{e.Column}", $"{a.Line}:{a.Column}");

        if (e.Attributes.Count != a.Attributes.Count)
            return Differs(e, "Attributes.Count", Attributes(e), Attributes(a));
        for (var i = 0; i < e.Attributes.Count; i++)
        {
            var (x, y) = (e.Attributes[i], a.Attributes[i]);
            if (x.LocalName != y.LocalName) return Differs(e, $"Attributes[{i}].LocalName", x.LocalName, y.LocalName);
            if (x.NamespaceUri != y.NamespaceUri) return Differs(e, $"Attributes[{i}].NamespaceUri ({x.LocalName})", x.NamespaceUri, y.NamespaceUri);
            if (x.Value != y.Value) return Differs(e, $"Attributes[{i}].Value ({x.LocalName})", x.Value, y.Value);
        }

        if (e.Text != a.Text) return Differs(e, "Text", e.Text, a.Text);
        if (e.TextNodes.Count != a.TextNodes.Count)
            return Differs(e, "TextNodes.Count", $"{e.TextNodes.Count}: {string.Join(" | ", e.TextNodes.Select(Quote))}", $"{a.TextNodes.Count}: {string.Join(" | ", a.TextNodes.Select(Quote))}");
        for (var i = 0; i < e.TextNodes.Count; i++)
            if (e.TextNodes[i] != a.TextNodes[i]) return Differs(e, $"TextNodes[{i}]", e.TextNodes[i], a.TextNodes[i]);

        if ((e.Base64 is null) != (a.Base64 is null))
            return Differs(e, "Base64", e.Base64 is null ? "null" : $"{e.Base64.Length} characters", a.Base64 is null ? "null" : $"{a.Base64.Length} characters");
        if (e.Base64 is not null && (!e.Base64.Equals(a.Base64) || e.Base64.IsAscii != a.Base64!.IsAscii))
            return Differs(e, "Base64", $"{e.Base64.Length} characters, ASCII {e.Base64.IsAscii}", $"{a.Base64!.Length} characters, ASCII {a.Base64.IsAscii}");
        if (!Equals(e.Attachment, a.Attachment))
            return Differs(e, "Attachment", e.Attachment?.ToString() ?? "null", a.Attachment?.ToString() ?? "null");

        if (e.Elements.Count != a.Elements.Count)
            return Differs(e, "Elements.Count", Children(e), Children(a));
        for (var i = 0; i < e.Elements.Count; i++)
            if (NodeDifference(e.Elements[i], a.Elements[i], a) is { } difference) return difference;
        return null;
    }

    private static string Attributes(XmlElementNode n) =>
        $"{n.Attributes.Count}: {string.Join(" ", n.Attributes.Select(x => $"{{{x.NamespaceUri}}}{x.LocalName}={Quote(x.Value)}"))}";

    private static string Children(XmlElementNode n) =>
        $"{n.Elements.Count}: {string.Join(" ", n.Elements.Take(20).Select(x => x.LocalName))}";

    private static string Differs(XmlElementNode at, string field, string expected, string actual)
    {
        if (expected.Length > 200 || actual.Length > 200)
        {
            // long texts: the part around the first difference
            var from = Math.Max(0, expected.AsSpan().CommonPrefixLength(actual) - 40);
            (expected, actual) = (Window(expected, from), Window(actual, from));
        }
        return $"at {at.XPath} ({at.Line}:{at.Column}): {field} differs\n  expected: {Quote(expected)}\n  actual:   {Quote(actual)}";
    }

    private static string Window(string s, int from)
    {
        var start = Math.Min(from, s.Length);
        return $"[from {start}] {s.Substring(start, Math.Min(120, s.Length - start))} [length {s.Length}]";
    }

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            if (c < ' ' || c is '\u0085' or '\u2028' or '\uFEFF' or '\u00A0' or '\u200B') sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
