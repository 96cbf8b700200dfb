namespace Oso.EndToEnd.Tests.Security.Matrix;

/// <summary>What an endpoint answered one identity: an HTTP status (with the redirect target or problem/fault/result code), or no connection at all.</summary>
/// <param name="Tls">The TLS handshake was refused (no HTTP answer).</param>
/// <param name="Status">HTTP status (0 without an answer).</param>
/// <param name="Location">Where a redirect points.</param>
/// <param name="Code">The problem type's last part, the SOAP fault code or the resultaat code.</param>
/// <param name="Body">The body as text (for the disclosure check).</param>
public sealed record Observed(bool Tls, int Status, string? Location, string? Code, string Body)
{
    public static Observed TlsRefused { get; } = new(true, 0, null, null, "");

    public override string ToString() => Tls ? "TLS geweigerd"
        : Location is not null ? $"{Status} → {Location.Split('?')[0]}"
        : Code is not null ? $"{Status} {Code}"
        : Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What a cell expects: allowed (authorization passed), or one exact refusal.</summary>
public abstract record Expect
{
    private Expect()
    {
    }

    public abstract bool Matches(Observed observed);

    /// <summary>Got past authorization: no 401/403, no redirect to a sign-in or refusal page, no TLS refusal, no 5xx, and for protocol calls no refusal code.</summary>
    public sealed record Allowed : Expect
    {
        public override bool Matches(Observed observed) =>
            !observed.Tls && observed.Status is not (401 or 403) and < 500
            && !(observed.Location is { } l && (l.StartsWith("/inloggen", StringComparison.Ordinal) || l.StartsWith("/geen-toegang", StringComparison.Ordinal)
                || l.StartsWith("/tweestaps", StringComparison.Ordinal) || l.StartsWith("/fout/", StringComparison.Ordinal) || l == "/ouders"))
            && observed.Code is not ("SysteemNietBevoegd" or "TC.NietGeautoriseerd");

        public override string ToString() => "toegestaan";
    }

    /// <summary>Refused exactly so: <paramref name="Text"/> is the refusal as the matrix shows it.</summary>
    public sealed record Refused(string Text, Func<Observed, bool> Check) : Expect
    {
        public override bool Matches(Observed observed) => Check(observed);

        public override string ToString() => Text;
    }

    public static Expect Ok { get; } = new Allowed();

    public static Expect Tls { get; } = new Refused("TLS geweigerd", o => o.Tls);

    public static Expect Status(int status, string? code = null) =>
        new Refused(code is null ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{status} {code}", o => !o.Tls && o.Status == status && (code is null || o.Code == code));

    public static Expect Redirect(string target) =>
        new Refused($"302 → {target}", o => !o.Tls && o.Status == 302 && o.Location is { } l && (l == target || l.StartsWith(target + "?", StringComparison.Ordinal)));

    /// <summary>A protocol answer (HTTP 200) with this resultaat code.</summary>
    public static Expect Resultaat(string code) => new Refused("200 " + code, o => !o.Tls && o.Status == 200 && o.Code == code);

    /// <summary>A repeated message: acknowledged with this code, and nothing changes (the fingerprint is checked as for a refusal).</summary>
    public static Expect Ignored(string code) => new Refused($"200 {code}, niets gewijzigd", o => !o.Tls && o.Status == 200 && o.Code == code);
}

/// <summary>One cell of the matrix: an endpoint, an identity, what must happen, and how to send the request.</summary>
/// <param name="Endpoint">The row: host, method and route (SOAP: and operation).</param>
/// <param name="Route">The route pattern as the running app lists it (for the coverage check).</param>
/// <param name="Identity">The column.</param>
/// <param name="Expect">The expected answer.</param>
/// <param name="Send">Sends the request.</param>
/// <param name="Late">Runs after the clock has moved past the sessions' and links' expiry.</param>
public sealed record Cell(string Endpoint, string Route, string Identity, Expect Expect, Func<CancellationToken, Task<Observed>> Send, bool Writes, bool Late = false)
{
    /// <summary>Secrets this identity may see in this answer (its own child's name on the parents' page).</summary>
    public IReadOnlyList<string> MayShow { get; init; } = [];
}

/// <summary>The result of running one cell.</summary>
public sealed record CellResult(Cell Cell, Observed Observed, bool AsExpected, string? Problem);
