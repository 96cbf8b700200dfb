using System.Globalization;
using System.Text;
using Oso.Dossier.Identifiers;

namespace Oso.School.Portal.Doel;

/// <summary>One pupil of a list to register.</summary>
/// <param name="Regel">The line in the list (1-based).</param>
/// <param name="Pgn">BSN or onderwijsnummer.</param>
/// <param name="Geboortedatum">Birth date.</param>
/// <param name="Naam">Name (optional).</param>
/// <param name="BronBrin">The previous school.</param>
public sealed record AanmeldRij(int Regel, string Pgn, DateOnly Geboortedatum, string? Naam, string BronBrin);

/// <summary>
/// A list of pupils to register, pasted or uploaded as CSV: one pupil per line — BSN or onderwijsnummer; birth date;
/// name (may be empty); BRIN of the previous school — separated by semicolons, commas or tabs (as a spreadsheet copies
/// them), with or without a header line. Every line is checked, and every error is reported with its line and column;
/// a list with any error registers nobody.
/// </summary>
public static class AanmeldLijst
{
    /// <summary>The most pupils in one list.</summary>
    public const int MaxRows = 500;

    /// <summary>The largest list (characters).</summary>
    public const int MaxLength = 200_000;

    private static readonly string[] Columns = ["BSN of onderwijsnummer", "geboortedatum", "naam", "BRIN vorige school"];

    /// <summary>The rows, or the errors (each "Regel n, kolom …: …"). Both lists are never filled at once.</summary>
    public static (IReadOnlyList<AanmeldRij> Rows, IReadOnlyList<string> Errors) Parse(string? text, DateOnly today)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return ([], ["De lijst is leeg: plak de regels of kies een CSV-bestand."]);
        if (text.Length > MaxLength) return ([], [$"De lijst is te lang (hoogstens {MaxLength / 1000}.000 tekens, zo'n {MaxRows} leerlingen)."]);
        if (text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'))) return ([], ["Dit is geen tekst- of CSV-bestand (er staan onleesbare tekens in)."]);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var separator = Separator(lines.FirstOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? "");
        var rows = new List<AanmeldRij>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var cells = Split(line, separator);
            if (rows.Count == 0 && errors.Count == 0 && IsHeader(cells)) continue;
            if (cells.Count < 4 || cells.Count > 4 && cells.Skip(4).Any(c => c.Length > 0))
            {
                errors.Add($"Regel {number}: verwacht 4 kolommen ({string.Join("; ", Columns)}), gevonden {cells.Count}.");
                continue;
            }
            var before = errors.Count;
            var pgnText = cells[0].Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
            if (pgnText.Length == 0) errors.Add($"Regel {number}, kolom 1 ({Columns[0]}): leeg.");
            else if (!Pgn.TryParse(pgnText, out _)) errors.Add($"Regel {number}, kolom 1 ({Columns[0]}): geen geldig BSN of onderwijsnummer (het voldoet niet aan de elfproef).");
            else if (seen.TryGetValue(pgnText, out var earlier)) errors.Add($"Regel {number}, kolom 1 ({Columns[0]}): hetzelfde nummer als regel {earlier}.");
            var dateOk = TryDate(cells[1], out var born);
            if (!dateOk) errors.Add($"Regel {number}, kolom 2 ({Columns[1]}): ‘{Shorten(cells[1])}’ is geen datum (schrijf bijvoorbeeld 14-03-2014).");
            else if (born > today) errors.Add($"Regel {number}, kolom 2 ({Columns[1]}): de datum ligt in de toekomst.");
            if (cells[2].Length > 200) errors.Add($"Regel {number}, kolom 3 ({Columns[2]}): te lang (hoogstens 200 tekens).");
            var brin = cells[3].Trim().ToUpperInvariant();
            if (!Brin.TryParse(brin, out _)) errors.Add($"Regel {number}, kolom 4 ({Columns[3]}): ‘{Shorten(cells[3])}’ is geen BRIN-nummer (twee cijfers en twee hoofdletters, bijvoorbeeld 91PO).");
            if (errors.Count > before) continue;
            seen[pgnText] = number;
            rows.Add(new AanmeldRij(number, pgnText, born, cells[2].Length == 0 ? null : cells[2], brin));
            if (rows.Count > MaxRows) return ([], [$"De lijst heeft meer dan {MaxRows} leerlingen: splits hem."]);
        }
        if (errors.Count > 0) return ([], errors);
        return rows.Count == 0 ? ([], ["De lijst bevat geen leerlingen (alleen een kopregel of lege regels)."]) : (rows, []);
    }

    /// <summary>An uploaded file as text: UTF-8 (with or without BOM), else Windows-1252 as older spreadsheets save it; null when it is no text.</summary>
    public static string? Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            // Latin-1 for the letters Dutch names use (Windows-1252 is not in the runtime without a provider)
            return bytes.Contains((byte)0) ? null : Encoding.Latin1.GetString(bytes);
        }
    }

    private static char Separator(string first) => first.Contains('\t', StringComparison.Ordinal) ? '\t' : first.Contains(';', StringComparison.Ordinal) ? ';' : ',';

    private static bool IsHeader(IReadOnlyList<string> cells) => cells.Count > 0 && cells[0].Any(char.IsLetter) && !Pgn.TryParse(cells[0], out _);

    /// <summary>Splits a line on the separator, honouring double quotes ("Jansen, Piet").</summary>
    private static List<string> Split(string line, char separator)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"' && cell.ToString().Trim().Length == 0) { cell.Clear(); quoted = true; }
            else if (c == separator) { cells.Add(cell.ToString().Trim()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString().Trim());
        return cells;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), ["d-M-yyyy", "d/M/yyyy", "d.M.yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Shorten(string text) => text.Length > 30 ? text[..30] + "…" : text;
}
