using Microsoft.EntityFrameworkCore;
using Oso.School.Storage;

namespace Oso.School.Portal;

/// <summary>Actors as staff read them: "Medewerker:id" becomes the colleague's name, "Las:id" the LAS installation's name.</summary>
internal static class ActorNames
{
    public static async Task<Dictionary<string, string>> DescribeAsync(SchoolDbContext db, IEnumerable<string?> actors, CancellationToken cancellationToken)
    {
        var distinct = actors.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var userIds = distinct.Where(a => a.StartsWith("Medewerker:", StringComparison.Ordinal)).Select(a => a["Medewerker:".Length..]).ToList();
        var lasIds = distinct.Where(a => a.StartsWith("Las:", StringComparison.Ordinal))
            .Select(a => Guid.TryParse(a["Las:".Length..], out var g) ? g : Guid.Empty).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Naam, cancellationToken).ConfigureAwait(false);
        var las = await db.LasClients.AsNoTracking().Where(c => lasIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Naam, cancellationToken).ConfigureAwait(false);
        return distinct.ToDictionary(a => a, a => Describe(a, users, las), StringComparer.Ordinal);
    }

    private static string Describe(string actor, Dictionary<string, string> users, Dictionary<Guid, string> las)
    {
        var (kind, id) = actor.IndexOf(':', StringComparison.Ordinal) is var i and > 0 ? (actor[..i], actor[(i + 1)..]) : (actor, "");
        return kind switch
        {
            "Medewerker" => users.TryGetValue(id, out var naam) ? naam : "een medewerker",
            "Las" => Guid.TryParse(id, out var g) && las.TryGetValue(g, out var l) ? "het LAS (" + l + ")" : "het LAS",
            "Ouder" => "de ouders (persoonlijke link)",
            "Systeem" => "systeem " + id,
            _ => "de node",
        };
    }
}
