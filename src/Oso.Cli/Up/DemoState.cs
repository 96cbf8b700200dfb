using System.Text.Json;

namespace Oso.Cli.Up;

/// <summary>A demo school: what <c>oso up</c> set up for it and what <c>oso demo</c> needs to act as its LAS.</summary>
/// <param name="Brin">BRIN.</param>
/// <param name="Naam">Name.</param>
/// <param name="Sector">PO or VO.</param>
/// <param name="RouteringsKenmerk">Its aanleverpunt.</param>
/// <param name="LasClientId">The demo LAS installation.</param>
/// <param name="LasSleutel">Its API key (development only: kept in the data directory so the demo can act as the LAS).</param>
public sealed record DemoSchool(string Brin, string Naam, string Sector, string RouteringsKenmerk, Guid LasClientId, string LasSleutel);

/// <summary>A demo login for the portals.</summary>
/// <param name="Rol">What the account is for.</param>
/// <param name="Email">Login.</param>
/// <param name="Wachtwoord">Password (development only).</param>
/// <param name="Waar">Which portal.</param>
public sealed record DemoLogin(string Rol, string Email, string Wachtwoord, string Waar);

/// <summary>What <c>oso up</c> created on its first run (kept as <c>demo.json</c>, owner-only, in the data directory).</summary>
/// <param name="Po">The primary school.</param>
/// <param name="Vo">The secondary school.</param>
/// <param name="SysteemId">The node's supplier system.</param>
/// <param name="Logins">Demo logins.</param>
public sealed record DemoState(DemoSchool Po, DemoSchool Vo, string SysteemId, IReadOnlyList<DemoLogin> Logins)
{
    /// <summary>The samenwerkingsverband (an SWV tenant on the node, the primary school a member); null in data made before it existed.</summary>
    public DemoSchool? Swv { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The file in a data directory.</summary>
    public static string PathIn(string dataDirectory) => System.IO.Path.Combine(dataDirectory, "demo.json");

    /// <summary>Loads the state, or null when <c>oso up</c> has not run in this directory.</summary>
    public static DemoState? Load(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        return File.Exists(path) ? JsonSerializer.Deserialize<DemoState>(File.ReadAllText(path), Json) : null;
    }

    /// <summary>Saves the state (owner-only).</summary>
    public void Save(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(new FileStream(path, options));
        writer.Write(JsonSerializer.Serialize(this, Json));
    }
}
