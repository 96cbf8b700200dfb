using Oso.Protocol.Identifiers;
using Oso.Protocol.Results;

namespace Oso.Protocol.Messages;

/// <summary>bron → TC: check a received documentRequest against its session, before anything else (public sample).</summary>
/// <param name="Routering">Bron and doel school and aanleverpunt, as in the documentRequest.</param>
/// <param name="Sleutel">The zoeksleutel the bron recomputed from PGN and k, or the koppelsleutel.</param>
/// <param name="Overdrachtsoort">The kind of transfer.</param>
/// <param name="SessieId">The session id from the documentRequest.</param>
public sealed record SessiecontroleRequest(
    Routering Routering,
    SessieSleutel Sleutel,
    Overdrachtsoort Overdrachtsoort,
    SessieId SessieId) : OsoRequest<SessiecontroleResponse>
{
    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.Sessiecontrole;
}

/// <summary>TC → bron: the doel school's sector, or why the session does not hold.</summary>
public abstract record SessiecontroleResponse : OsoResponse
{
    private SessiecontroleResponse()
    {
    }

    /// <inheritdoc/>
    public sealed override OsoOperation Operation => OsoOperation.Sessiecontrole;

    /// <summary>The session holds.</summary>
    /// <param name="Sector">The doel school's sector (e.g. <c>PO</c>, <c>VO</c>); 1–32 letters, digits or '-'.</param>
    public sealed record Geldig(string Sector) : SessiecontroleResponse
    {
        /// <summary>The doel school's sector.</summary>
        public string Sector { get; } = IsSector(Sector)
            ? Sector
            : throw new ArgumentException("Een sector is 1 tot 32 letters, cijfers of '-'.", nameof(Sector));

        internal static bool IsSector(string? s) =>
            s is { Length: > 0 and <= 32 } && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
    }

    /// <summary>The session does not hold.</summary>
    /// <param name="Resultaat">Why (e.g. SessieAfwijkend).</param>
    public sealed record Ongeldig(ResultaatCode Resultaat) : SessiecontroleResponse
    {
        /// <summary>Why (a refusal code).</summary>
        public ResultaatCode Resultaat { get; } = Weigering.Check(Resultaat);
    }
}
