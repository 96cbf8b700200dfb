using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Oso.School.Protocol;
using Oso.School.Storage;

namespace Oso.School.Register;

/// <summary>
/// The qualified schools of Central's public list (<c>/api/scholen/gekwalificeerd</c>), kept in the node's database:
/// fetched at start and every six hours, so staff find a previous school by name and place — and the list still works
/// while Central cannot be reached (the last copy stays until a fetch succeeds).
/// </summary>
public sealed class RegisterCache(SchoolStore store, SchoolOptions options, NodeConnections connections, TimeProvider time, ILogger<RegisterCache> logger)
    : BackgroundService
{
    /// <summary>One school as Central's list gives it.</summary>
    public sealed record GekwalificeerdeSchool(string Brin, string Naam, string Sector, string? Plaats, string? Gemeente, string? Provincie);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>How often the list is fetched.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromHours(6);

    /// <summary>Fetches the list and replaces the stored copy; false (the copy stays) when Central could not be read or sent nonsense.</summary>
    public async Task<bool> RefreshAsync(HttpClient http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (options.RegisterListUrl is null) return false;
        List<GekwalificeerdeSchool>? list;
        try
        {
            list = await http.GetFromJsonAsync<List<GekwalificeerdeSchool>>(options.RegisterListUrl, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Lijst van gekwalificeerde scholen niet opgehaald ({Error}); de vorige blijft gelden.", ex.GetType().Name);
            return false;
        }
        var valid = (list ?? []).Where(s => s is not null && Oso.Dossier.Identifiers.Brin.TryParse(s.Brin, out _) && !string.IsNullOrWhiteSpace(s.Naam))
            .DistinctBy(s => s.Brin).ToList();
        if (list is null || (valid.Count == 0 && list.Count > 0))
        {
            logger.LogWarning("De lijst van gekwalificeerde scholen van Central is onbruikbaar; de vorige blijft gelden.");
            return false;
        }
        var now = time.GetUtcNow();
        await store.WriteAsync(async db =>
        {
            var stored = await db.RegisterSchools.ToDictionaryAsync(s => s.Brin, cancellationToken).ConfigureAwait(false);
            foreach (var s in valid)
            {
                if (!stored.Remove(s.Brin, out var row))
                {
                    row = new RegisterSchool { Brin = s.Brin, Naam = "", Sector = "" };
                    db.RegisterSchools.Add(row);
                }
                (row.Naam, row.Sector, row.Plaats, row.Gemeente, row.Provincie, row.RefreshedAt) =
                    (Cut(s.Naam, 200)!, Cut(s.Sector, 10) ?? "", Cut(s.Plaats, 100), Cut(s.Gemeente, 100), Cut(s.Provincie, 100), now);
            }
            db.RegisterSchools.RemoveRange(stored.Values); // no longer qualified
        }, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Schools whose name, place, municipality or BRIN contain every word of <paramref name="query"/> (ignoring case and
    /// accents), best first: the list's schools, and the schools on this node when the list has not been fetched yet.
    /// </summary>
    public async Task<IReadOnlyList<RegisterSchool>> SearchAsync(string? query, int max = 20, CancellationToken cancellationToken = default)
    {
        var words = Fold(query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return [];
        await using var db = store.Read();
        var all = await db.RegisterSchools.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var known = all.Select(s => s.Brin).ToHashSet(StringComparer.Ordinal);
        all.AddRange((await db.Tenants.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false)).Where(t => !known.Contains(t.Brin))
            .Select(t => new RegisterSchool { Brin = t.Brin, Naam = t.Naam, Sector = t.Sector, Plaats = t.Plaats }));
        return all
            .Select(s => (School: s, Text: Fold($"{s.Naam} {s.Plaats} {s.Gemeente} {s.Brin}")))
            .Where(x => words.All(w => x.Text.Contains(w, StringComparison.Ordinal)))
            .OrderByDescending(x => string.Equals(x.School.Brin, query?.Trim(), StringComparison.OrdinalIgnoreCase))
            .ThenByDescending(x => Fold(x.School.Naam).StartsWith(words[0], StringComparison.Ordinal))
            .ThenBy(x => x.School.Naam, StringComparer.OrdinalIgnoreCase)
            .Take(max).Select(x => x.School).ToList();
    }

    /// <summary>Whether the node holds a list from Central at all (before the first fetch it has none).</summary>
    public async Task<bool> HasListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        return await db.RegisterSchools.AnyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A school by BRIN from the list (or this node), or null.</summary>
    public async Task<RegisterSchool?> FindAsync(string brin, CancellationToken cancellationToken = default)
    {
        await using var db = store.Read();
        return await db.RegisterSchools.AsNoTracking().FirstOrDefaultAsync(s => s.Brin == brin, cancellationToken).ConfigureAwait(false)
            ?? await db.Tenants.AsNoTracking().Where(t => t.Brin == brin)
                .Select(t => new RegisterSchool { Brin = t.Brin, Naam = t.Naam, Sector = t.Sector, Plaats = t.Plaats }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RegisterListUrl is null) return;
        using var http = connections.CreateCentralClient();
        while (!stoppingToken.IsCancellationRequested)
        {
            // the first fetch may find Central still starting: try again soon until one succeeds
            var delay = await RefreshAsync(http, stoppingToken).ConfigureAwait(false) ? Interval : TimeSpan.FromMinutes(1);
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static string? Cut(string? text, int max) => text is null ? null : text.Trim() is var t && t.Length > max ? t[..max] : text.Trim();

    /// <summary>
    /// Lower case without accents, other characters as spaces (the node runs with invariant globalization, which has no
    /// Unicode normalization: the accented letters Dutch names use are mapped here).
    /// </summary>
    internal static string Fold(string text)
    {
        const string accented = "àáâãäåèéêëìíîïòóôõöùúûüýÿçñ";
        const string plain = "aaaaaaeeeeiiiiooooouuuuyycn";
        return new string(text.Select(c =>
        {
            var lower = char.ToLowerInvariant(c);
            var i = accented.IndexOf(lower, StringComparison.Ordinal);
            return i >= 0 ? plain[i] : char.IsLetterOrDigit(lower) ? lower : ' ';
        }).ToArray());
    }
}
