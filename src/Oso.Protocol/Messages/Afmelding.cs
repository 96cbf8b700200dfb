using Oso.Protocol.Identifiers;
using Oso.Protocol.Results;

namespace Oso.Protocol.Messages;

/// <summary>
/// doel → TC, after the last aanleverpunt: close the session with the beste resultaat. The bron routing names the
/// aanleverpunt that gave it (see <see cref="BesteResultaat.Kies"/>).
/// </summary>
/// <param name="Routering">Bron (the aanleverpunt of the beste resultaat) and doel.</param>
/// <param name="SessieId">The session to close.</param>
/// <param name="Resultaat">The beste resultaat (an outcome, not an acknowledgement).</param>
public sealed record AfmeldingRequest(Routering Routering, SessieId SessieId, ResultaatCode Resultaat)
    : OsoRequest<AfmeldingResponse>
{
    /// <summary>The beste resultaat.</summary>
    public ResultaatCode Resultaat { get; } = Resultaat.Info().IsBevestiging
        ? throw new ArgumentException($"{Resultaat} is een bevestiging, geen uitkomst.", nameof(Resultaat))
        : Resultaat;

    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.Afmelding;
}

/// <summary>TC → doel: <see cref="ResultaatCode.AfmeldingOntvangen"/>, or why not (e.g. SessieReedsAfgemeld).</summary>
/// <param name="Resultaat">The acknowledgement or the refusal.</param>
public sealed record AfmeldingResponse(ResultaatCode Resultaat) : OsoResponse
{
    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.Afmelding;
}
