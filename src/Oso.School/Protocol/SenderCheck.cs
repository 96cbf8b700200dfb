using Oso.Dossier.Identifiers;
using Oso.Protocol.Client;
using Oso.Protocol.Identifiers;
using Oso.Protocol.Messages;
using Oso.Protocol.Results;

namespace Oso.School.Protocol;

/// <summary>
/// Whether a message that names a bron aanleverpunt comes from the system that manages it, as the Traffic Center says
/// now (overzichtAanleverpunt with that routeringskenmerk): a notificatie from a bron school, a terugkoppeling from an
/// SWV. Asked live, so a party that changed supplier in between still reaches us.
/// </summary>
public static class SenderCheck
{
    /// <summary>
    /// Null when <paramref name="caller"/> manages <paramref name="aanleverpunt"/> of <paramref name="brin"/> today;
    /// otherwise the refusal (<see cref="ResultaatCode.SysteemNietBevoegd"/>, <see cref="ResultaatCode.VerstrekkerNietBekend"/>),
    /// or <see cref="ResultaatCode.TechnischeFout"/> when the Traffic Center could not be asked (the sender retries).
    /// </summary>
    public static async Task<ResultaatCode?> CheckAsync(NodeConnections connections, Brin brin, RouteringsKenmerk aanleverpunt, SysteemId? caller,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        if (caller is null) return ResultaatCode.SysteemNietBevoegd;
        var lookup = await connections.Client.SendAsync(connections.TrafficCenter, new OverzichtAanleverpuntRequest(brin, null, aanleverpunt), cancellationToken)
            .ConfigureAwait(false);
        if (lookup is not OsoCallResult<OverzichtAanleverpuntResponse>.Success { Response: var overzicht }) return ResultaatCode.TechnischeFout;
        var punt = overzicht.Aanleverpunten.FirstOrDefault(a => a.RouteringsKenmerk == aanleverpunt);
        if (punt is null) return ResultaatCode.VerstrekkerNietBekend;
        return punt.Systeem == caller ? null : ResultaatCode.SysteemNietBevoegd;
    }
}
