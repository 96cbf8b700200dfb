using System.Globalization;
using Oso.Dossier.Model;

namespace Oso.Dossier.Rendering;

/// <summary>
/// Dutch notation for dates, numbers, sizes, names and addresses. Written out by hand because the project runs
/// with invariant globalization (no nl-NL culture data), and so that the output never depends on the machine.
/// </summary>
internal static class DutchFormat
{
    private static readonly string[] Months =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    /// <summary><c>17 maart 2003</c>.</summary>
    public static string Date(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    public static string? Date(DateOnly? date) => date is { } d ? Date(d) : null;

    /// <summary><c>1 augustus 2024 – 31 juli 2025</c>, <c>vanaf …</c> or <c>tot en met …</c>.</summary>
    public static string? Period(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        ({ } f, { } t) => $"{Date(f)} – {Date(t)}",
        ({ } f, null) => "vanaf " + Date(f),
        (null, { } t) => "tot en met " + Date(t),
        _ => null,
    };

    public static string YesNo(bool value) => value ? "ja" : "nee";

    public static string? YesNo(bool? value) => value is { } v ? YesNo(v) : null;

    public static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal with a decimal comma: <c>6,3</c>.</summary>
    public static string? Number(decimal? value) =>
        value?.ToString(CultureInfo.InvariantCulture).Replace('.', ',');

    /// <summary>
    /// A file size as people read it, in binary units with the Dutch decimal comma: <c>512 bytes</c>, <c>5,6 kB</c>,
    /// <c>150 kB</c>, <c>2,0 MB</c>. Null (not valid base64) gives <c>onbekende grootte</c>.
    /// </summary>
    public static string FileSize(long? bytes)
    {
        if (bytes is not { } n) return "onbekende grootte";
        if (n < 1024) return n == 1 ? "1 byte" : $"{n} bytes";
        var (value, unit) = n < 1024 * 1024 ? (n / 1024.0, "kB") : n < 1024L * 1024 * 1024 ? (n / (1024.0 * 1024), "MB") : (n / (1024.0 * 1024 * 1024), "GB");
        var text = value >= 100
            ? Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',');
        return text + " " + unit;
    }

    /// <summary>The name as used: roepnaam (else the first voornaam), voorvoegsel, achternaam.</summary>
    public static string Name(IReadOnlyList<string> voornamen, string? roepnaam, string? voorvoegsel, string achternaam) =>
        Join(" ", roepnaam ?? (voornamen.Count > 0 ? voornamen[0] : null), voorvoegsel, achternaam);

    /// <summary>All voornamen, voorvoegsel and achternaam (the official name).</summary>
    public static string OfficialName(IReadOnlyList<string> voornamen, string? voorletters, string? voorvoegsel, string achternaam) =>
        Join(" ", voornamen.Count > 0 ? string.Join(' ', voornamen) : voorletters, voorvoegsel, achternaam);

    /// <summary><c>Hoofdstraat 136a, 7311 BA Apeldoorn</c>, with the country when it is not the Netherlands.</summary>
    public static string Address(Adres adres)
    {
        var number = adres.Toevoeging is [var letter] && char.IsLetter(letter) ? adres.Nummer + letter : Join(" ", adres.Nummer, adres.Toevoeging);
        var street = Join(" ", Lower(adres.Aanduiding?.Display), adres.Straat, number);
        var land = adres.Land is { } l && l.Waarde != "6030" ? l.Omschrijving ?? l.Waarde : null;
        return Join(", ", street, adres.Locatieomschrijving, Join(" ", Postcode(adres.Postcode), adres.Plaats), land);
    }

    /// <summary>A Dutch postcode with its space (<c>7311 BA</c>); anything else as given.</summary>
    public static string Postcode(string postcode) =>
        postcode.Length == 6 && postcode[..4].All(char.IsAsciiDigit) && postcode[4..].All(char.IsAsciiLetter)
            ? postcode[..4] + " " + postcode[4..].ToUpperInvariant()
            : postcode;

    /// <summary>A label inside a sentence: the first letter lower case unless the word is an abbreviation (<c>Privé</c> → <c>privé</c>, <c>RMC</c> stays).</summary>
    public static string? Lower(string? label) =>
        label is { Length: > 0 } && char.IsUpper(label[0]) && (label.Length == 1 || !char.IsUpper(label[1]))
            ? char.ToLowerInvariant(label[0]) + label[1..]
            : label;

    /// <summary><c>Telefoon (privé): 0612345678</c>; secret numbers are not shown.</summary>
    public static string Communication(Communicatie c)
    {
        var kind = c.Aanduiding is { } a ? $"{c.Soort.Display} ({Lower(a.Display)})" : c.Soort.Display;
        var number = c.Geheim == true ? "geheim" : c.Nummer;
        return $"{kind}: {number}{(c.Noodnummer == true ? " (noodnummer)" : "")}";
    }

    /// <summary>
    /// The kind of school in words (the dossier carries the sector's abbreviation): <c>BAO</c> → basisonderwijs. An
    /// abbreviation not in the list stays as it is.
    /// </summary>
    public static string? SchoolSoort(string? soort) => soort?.Trim().ToUpperInvariant() switch
    {
        null or "" => null,
        "BAO" or "BO" => "basisonderwijs",
        "SBAO" or "SBO" => "speciaal basisonderwijs",
        "PO" => "primair onderwijs",
        "SO" => "speciaal onderwijs",
        "VSO" => "voortgezet speciaal onderwijs",
        "WEC" => "speciaal onderwijs (expertisecentrum)",
        "VO" => "voortgezet onderwijs",
        "PRO" => "praktijkonderwijs",
        "MBO" => "middelbaar beroepsonderwijs (mbo)",
        _ => soort,
    };

    /// <summary>Joins the parts that have text.</summary>
    public static string Join(string separator, params ReadOnlySpan<string?> parts)
    {
        var list = new List<string>(parts.Length);
        foreach (var p in parts)
            if (!string.IsNullOrWhiteSpace(p)) list.Add(p.Trim());
        return string.Join(separator, list);
    }

    /// <summary>Null for an empty join, to leave a fact out.</summary>
    public static string? JoinOrNull(string separator, IEnumerable<string?> parts)
    {
        var text = string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return text.Length == 0 ? null : text;
    }
}
