using Oso.Protocol.Identifiers;
using Oso.Protocol.Results;

namespace Oso.Protocol.Messages;

/// <summary>
/// SWV → TC: announce a terugkoppeling to a school. Carries only routing and koppelsleutel: the Traffic Center never
/// sees the document itself.
/// </summary>
/// <param name="Routering">Bron (the SWV) and doel (the school).</param>
/// <param name="Koppelsleutel">The koppelsleutel of the SWV exchange the feedback is about.</param>
public sealed record MeldenTerugkoppelingRequest(Routering Routering, Koppelsleutel Koppelsleutel)
    : OsoRequest<MeldenTerugkoppelingResponse>
{
    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.MeldenTerugkoppeling;
}

/// <summary>TC → SWV: the school aanleverpunt's URL, or why not.</summary>
public abstract record MeldenTerugkoppelingResponse : OsoResponse
{
    private MeldenTerugkoppelingResponse()
    {
    }

    /// <inheritdoc/>
    public sealed override OsoOperation Operation => OsoOperation.MeldenTerugkoppeling;

    /// <summary>Go ahead: send the terugkoppeling to this URL (one attempt, no automatic retry).</summary>
    /// <param name="Url">The school aanleverpunt's URL.</param>
    public sealed record Toegekend(Uri Url) : MeldenTerugkoppelingResponse
    {
        /// <summary>The school aanleverpunt's URL (absolute https).</summary>
        public Uri Url { get; } = Aanleverpunt.IsHttpsUrl(Url)
            ? Url
            : throw new ArgumentException("De URL moet een absolute https-URL zijn.", nameof(Url));
    }

    /// <summary>Refused.</summary>
    /// <param name="Resultaat">Why.</param>
    public sealed record Geweigerd(ResultaatCode Resultaat) : MeldenTerugkoppelingResponse
    {
        /// <summary>Why (a refusal code).</summary>
        public ResultaatCode Resultaat { get; } = Weigering.Check(Resultaat);
    }
}

/// <summary>SWV → school: the <c>terugkoppeling</c> document.</summary>
/// <param name="Routering">Bron (the SWV) and doel (the school).</param>
/// <param name="Koppelsleutel">The koppelsleutel of the SWV exchange.</param>
/// <param name="Terugkoppeling">The terugkoppeling element, not interpreted here.</param>
public sealed record TerugkoppelingRequest(Routering Routering, Koppelsleutel Koppelsleutel, GegevenssetXml Terugkoppeling)
    : OsoRequest<TerugkoppelingResponse>
{
    /// <summary>The terugkoppeling element (root <c>terugkoppeling</c>).</summary>
    public GegevenssetXml Terugkoppeling { get; } = Terugkoppeling?.RootName == "terugkoppeling"
        ? Terugkoppeling
        : throw new ArgumentException("Een terugkoppelingRequest bevat een terugkoppeling-element.", nameof(Terugkoppeling));

    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.Terugkoppeling;
}

/// <summary>school → SWV: <see cref="ResultaatCode.TerugkoppelingOntvangen"/> or why not.</summary>
/// <param name="Resultaat">The acknowledgement or the refusal.</param>
public sealed record TerugkoppelingResponse(ResultaatCode Resultaat) : OsoResponse
{
    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.Terugkoppeling;
}
