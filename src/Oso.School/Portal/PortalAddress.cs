namespace Oso.School.Portal;

/// <summary>
/// Where people reach the portal: <see cref="SchoolOptions.PublicPortalUrl"/> when configured, else the portal
/// listener's address once it is bound (links in mail to parents are built from it).
/// </summary>
public sealed class PortalAddress(SchoolOptions options)
{
    private Uri? _bound;

    /// <summary>The base URL (ending in '/'), or null before the listener is bound.</summary>
    public Uri? Current => Normalize(options.PublicPortalUrl ?? _bound);

    /// <summary>Set by the node once it listens.</summary>
    internal void Bound(Uri url) => _bound = url;

    private static Uri? Normalize(Uri? url) =>
        url is null ? null : url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
