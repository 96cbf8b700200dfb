using System.Globalization;
using System.Security.Cryptography;
using Oso.Hosting.Certificates;
using Oso.School;
using Oso.School.Audit;
using Oso.School.Protocol;
using Oso.School.Tenancy;

namespace Oso.Cli.School;

/// <summary>
/// What <c>oso school audit verify</c> needs to check the anchors: the node's trust anchors (to check Central's
/// signature) and, with <c>--central</c>, a mutual-TLS connection as the node's system to fetch them.
/// </summary>
internal sealed class AnchorCheck : IDisposable
{
    private readonly HostTls? _tls;
    private readonly NodeConnections? _connections;

    private AnchorCheck(HostTls? tls, NodeConnections? connections, AnchorVerification? verification, string? note)
    {
        _tls = tls;
        _connections = connections;
        Verification = verification;
        Note = note;
    }

    /// <summary>Null when the anchors cannot be checked (see <see cref="Note"/>).</summary>
    public AnchorVerification? Verification { get; }

    /// <summary>Why the anchors were not (all) checked.</summary>
    public string? Note { get; }

    public static AnchorCheck Open(SchoolOptions options, bool central)
    {
        HostTls tls;
        try
        {
            tls = SchoolNode.CreateTls(options, options.DataDirectory, TimeProvider.System);
        }
        catch (Exception e) when (e is InvalidOperationException or CryptographicException or IOException)
        {
            return new AnchorCheck(null, null, null, "Verankering niet gecontroleerd: de vertrouwde basiscertificaten van de node zijn niet te laden (" + e.Message + ").");
        }
        var validator = tls.Validator(TimeProvider.System);
        if (!central) return new AnchorCheck(tls, null, new AnchorVerification(validator, options.Retention.Audit), null);
        NodeConnections connections;
        try
        {
            connections = new NodeConnections(options, tls, TimeProvider.System);
        }
        catch (Exception e) when (e is InvalidOperationException or CryptographicException or IOException)
        {
            tls.Dispose();
            throw new InvalidOperationException("--central kan Central niet bereiken: " + e.Message, e);
        }
        return new AnchorCheck(tls, connections, new AnchorVerification(validator, options.Retention.Audit,
            (brin, ct) => AuditAnchoring.FetchAsync(options, connections, brin, ct)), null);
    }

    public static string Describe(AnchorStatus a)
    {
        var extra = (a.Pending > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {a.Pending} controlepunt(en) wachten op Central") : "")
            + (a.Refused > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {a.Refused} door Central geweigerd") : "");
        if (!a.Holds)
            return "VERANKERING KLOPT NIET: " + a.Problem + " De keten is herschreven of een bevestiging is vervalst. Bewaar de database zoals hij is en meld dit als beveiligingsincident." + extra;
        if (a.Anchored == 0) return "nog niet verankerd bij Central" + extra + ".";
        return string.Create(CultureInfo.InvariantCulture,
            $"verankering klopt: {a.Anchored} bevestiging(en) van Central, laatste tot regel {a.LastSequence:N0} op {a.LastAnchoredAt:yyyy-MM-dd HH:mm}Z") + extra + ".";
    }

    public void Dispose()
    {
        _connections?.Dispose();
        _tls?.Dispose();
    }
}
