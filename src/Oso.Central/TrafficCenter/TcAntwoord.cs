using Oso.Protocol.Messages;

namespace Oso.Central.TrafficCenter;

/// <summary>What the Traffic Center answers a call: an OSO response, or a refusal at the authorization level.</summary>
internal abstract record TcAntwoord
{
    private TcAntwoord()
    {
    }

    /// <summary>A normal response (which may carry a refusal code).</summary>
    public sealed record Bericht(OsoResponse Response) : TcAntwoord;

    /// <summary>The caller's certificate does not entitle it to this (HTTP 403): e.g. an aanleverpunt of another system.</summary>
    public sealed record NietGeautoriseerd(string Tekst) : TcAntwoord;

    /// <summary>An operation the Traffic Center does not serve (documentRequest, notificatieRequest …).</summary>
    public sealed record NietHier(string Tekst) : TcAntwoord;
}
