using System.Globalization;
using System.Text;

namespace Oso.EndToEnd.Tests.Security.Matrix;

/// <summary>The matrix as people read it: one line per endpoint with what each identity got, and the totals.</summary>
public static class MatrixReport
{
    public static string Render(IReadOnlyList<CellResult> results, TimeSpan duration)
    {
        var tried = results.Count;
        var allowed = results.Count(r => r.Cell.Expect is Expect.Allowed);
        var refused = tried - allowed;
        var refusedOk = results.Count(r => r.Cell.Expect is Expect.Refused && r.AsExpected);
        var failed = results.Where(r => !r.AsExpected).ToList();
        var endpoints = results.Select(r => r.Cell.Route).Distinct().Count();
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Autorisatiematrix");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"{endpoints} endpoints, {results.Select(r => r.Cell.Endpoint).Distinct().Count()} rijen, {tried} cellen: {allowed} toegestaan, {refused} verboden, "
            + $"waarvan {refusedOk} geweigerd zoals verwacht ({(refused == 0 ? 100 : 100.0 * refusedOk / refused):0.#} %); {failed.Count} afwijkend. Duur {duration.TotalSeconds:0.0} s.");
        sb.AppendLine();
        sb.AppendLine("Verboden cellen: precies deze weigering, niets gewijzigd in de databases (behalve audit en trace), niets onthuld (geen naam, PGN, sleutel of token in het antwoord).");
        sb.AppendLine();
        sb.AppendLine("| Endpoint | Toegestaan | Geweigerd (identiteit: antwoord) |");
        sb.AppendLine("|---|---|---|");
        foreach (var row in results.OrderBy(r => r.Cell.Endpoint, StringComparer.Ordinal).GroupBy(r => r.Cell.Endpoint))
        {
            var ok = string.Join(", ", row.Where(r => r.Cell.Expect is Expect.Allowed).Select(r => Mark(r, r.Cell.Identity)));
            var no = string.Join("; ", row.Where(r => r.Cell.Expect is Expect.Refused)
                .GroupBy(r => r.Observed.ToString()).Select(g => $"{string.Join(", ", g.Select(r => Mark(r, r.Cell.Identity)))}: {g.Key}"));
            sb.AppendLine(CultureInfo.InvariantCulture, $"| `{row.Key}` | {ok} | {no} |");
        }
        if (failed.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Afwijkend");
            foreach (var f in failed)
                sb.AppendLine(CultureInfo.InvariantCulture, $"- `{f.Cell.Endpoint}` × {f.Cell.Identity}: verwacht {f.Cell.Expect}, kreeg {f.Observed}{(f.Problem is null ? "" : " — " + f.Problem)}");
        }
        return sb.ToString();
    }

    private static string Mark(CellResult r, string identity) => r.AsExpected ? identity : $"**{identity} (!)**";
}
