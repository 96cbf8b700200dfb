namespace Oso.Hosting.Portal;

/// <summary>How long a person stays signed in to a portal (the same rules on Central and on a School node).</summary>
public sealed record PortalSessionOptions
{
    /// <summary>
    /// A session ends after this long without a request (sliding: every page, form or "Ingelogd blijven" renews it).
    /// Default 20 minutes. The page warns two minutes before and offers to stay signed in.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// A session ends this long after signing in, however active the person is (a working day; default 10 hours). The
    /// page warns before; the person signs in again and continues where they were.
    /// </summary>
    public TimeSpan AbsoluteLimit { get; init; } = TimeSpan.FromHours(10);
}
