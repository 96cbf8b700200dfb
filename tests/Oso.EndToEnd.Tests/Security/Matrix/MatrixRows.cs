namespace Oso.EndToEnd.Tests.Security.Matrix;

/// <summary>Who an endpoint is for.</summary>
public enum Policy
{
    /// <summary>Anyone, without signing in (public information, assets, sign-in pages).</summary>
    Public,

    /// <summary>Any signed-in account, also before two-step verification is on.</summary>
    SignedIn,

    /// <summary>Central's operators.</summary>
    Beheerder,

    /// <summary>A school's Mijn OSO account (its own BRIN only).</summary>
    School,

    /// <summary>A school board (its own schools only).</summary>
    Bestuur,

    /// <summary>A supplier (its own system only): an account, or the system's certificate on the management API.</summary>
    Leverancier,
}

/// <summary>
/// The rows of the matrix: every endpoint of both hosts with the identities that apply to it and what each must get.
/// The expectations are written here, by hand, from docs/security.md — never read from the code under test.
/// </summary>
public sealed partial class MatrixRows(Parties p)
{
    private readonly List<Cell> _cells = [];

    /// <summary>The certificate identities every listener refuses at the handshake.</summary>
    private static readonly string[] TlsIdentities = ["zelfondertekend", "andere CA", "ingetrokken", "verlopen", "geen systeem-id"];

    public IReadOnlyList<Cell> Build()
    {
        CentralApi();
        CentralPages();
        LasApi();
        SchoolPages();
        ParentPages();
        Protocol();
        Operations();
        return _cells;
    }

    private static string Key(string host, string method, string route) => $"{host} {method} {route}";

    private void Add(string endpoint, string route, string identity, Expect expect, Func<CancellationToken, Task<Observed>> send, bool writes, bool late = false,
        IReadOnlyList<string>? mayShow = null) =>
        _cells.Add(new Cell(endpoint, route, identity, expect, send, writes, late) { MayShow = mayShow ?? [] });

    /// <summary>The five refused certificates against one HTTP endpoint (the portal listeners accept no certificate, or a valid one).</summary>
    private void AddTls(string endpoint, string route, HttpMethod method, Uri url, Func<HttpContent?> body)
    {
        foreach (var name in TlsIdentities)
            Add(endpoint, route, name, Expect.Tls, ct => p.Tls[name].SendAsync(method, url, body(), ct), writes: false);
    }

    private static bool IsWrite(HttpMethod method) => method != HttpMethod.Get;
}
