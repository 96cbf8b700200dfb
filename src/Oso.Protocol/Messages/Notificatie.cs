using Oso.Protocol.Identifiers;
using Oso.Protocol.Results;

namespace Oso.Protocol.Messages;

/// <summary>
/// bron → TC: announce a notificatie. With <see cref="Overstap"/> (doel <c>OV</c>): a newer dossier for an earlier
/// documentRequest; without (doel <c>SWV</c>): the bron wants to send to an SWV and receives a koppelsleutel.
/// Follows the public sample for OV.
/// </summary>
/// <param name="Routering">Bron and doel school and aanleverpunt.</param>
/// <param name="Overstap">The original request's session and date (OV); null for SWV.</param>
public sealed record MeldenNotificatieRequest(Routering Routering, OverstapAanvraag? Overstap)
    : OsoRequest<MeldenNotificatieResponse>
{
    /// <summary>OV when <see cref="Overstap"/> is given, else SWV.</summary>
    public Uitwisseldoel Doel => Overstap is null ? Uitwisseldoel.Swv : Uitwisseldoel.Ov;

    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.MeldenNotificatie;
}

/// <summary>TC → bron: where to send the notificatie (and, for SWV, the koppelsleutel), or why not.</summary>
public abstract record MeldenNotificatieResponse : OsoResponse
{
    private MeldenNotificatieResponse()
    {
    }

    /// <inheritdoc/>
    public sealed override OsoOperation Operation => OsoOperation.MeldenNotificatie;

    /// <summary>Go ahead.</summary>
    /// <param name="Url">The doel aanleverpunt's URL.</param>
    /// <param name="Koppelsleutel">The new koppelsleutel (SWV only).</param>
    public sealed record Toegekend(Uri Url, Koppelsleutel? Koppelsleutel) : MeldenNotificatieResponse
    {
        /// <summary>The doel aanleverpunt's URL (absolute https).</summary>
        public Uri Url { get; } = Aanleverpunt.IsHttpsUrl(Url)
            ? Url
            : throw new ArgumentException("De URL moet een absolute https-URL zijn.", nameof(Url));
    }

    /// <summary>Refused.</summary>
    /// <param name="Resultaat">Why.</param>
    public sealed record Geweigerd(ResultaatCode Resultaat) : MeldenNotificatieResponse
    {
        /// <summary>Why (a refusal code).</summary>
        public ResultaatCode Resultaat { get; } = Weigering.Check(Resultaat);
    }
}

/// <summary>bron → doel: the notificatie. OV carries session and aanvraagdatum; SWV the koppelsleutel (public sample).</summary>
public abstract record NotificatieRequest : OsoRequest<NotificatieResponse>
{
    private NotificatieRequest(Routering routering) => Routering = routering;

    /// <summary>Bron and doel school and aanleverpunt.</summary>
    public Routering Routering { get; }

    /// <summary>OV or SWV.</summary>
    public abstract Uitwisseldoel Doel { get; }

    /// <inheritdoc/>
    public sealed override OsoOperation Operation => OsoOperation.Notificatie;

    /// <summary>OV: a newer dossier is ready for the doel's earlier request.</summary>
    public sealed record Overstap(Routering Routering, OverstapAanvraag Aanvraag) : NotificatieRequest(Routering)
    {
        /// <inheritdoc/>
        public override Uitwisseldoel Doel => Uitwisseldoel.Ov;
    }

    /// <summary>SWV: a dossier is ready under this koppelsleutel.</summary>
    public sealed record Swv(Routering Routering, Koppelsleutel Koppelsleutel) : NotificatieRequest(Routering)
    {
        /// <inheritdoc/>
        public override Uitwisseldoel Doel => Uitwisseldoel.Swv;
    }
}

/// <summary>doel → bron: <see cref="ResultaatCode.NotificatieOntvangen"/> or why not (public sample, OSO'18).</summary>
/// <param name="Resultaat">The acknowledgement or the refusal.</param>
public sealed record NotificatieResponse(ResultaatCode Resultaat) : OsoResponse
{
    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.Notificatie;
}
