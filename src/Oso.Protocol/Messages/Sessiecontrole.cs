using Oso.Dossier.Identifiers;
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

/// <summary>TC → bron: the doel school's sector and what the documentRequest must come from, or why the session does not hold.</summary>
public abstract record SessiecontroleResponse : OsoResponse
{
    private SessiecontroleResponse()
    {
    }

    /// <inheritdoc/>
    public sealed override OsoOperation Operation => OsoOperation.Sessiecontrole;

    /// <summary>
    /// The session holds. Besides the doel school's sector it names what the bron must bind the documentRequest to:
    /// the doel school and aanleverpunt of the session and the system that opened it (RECONSTRUCTION). The bron
    /// delivers only to a caller whose client certificate names <paramref name="DoelSysteem"/>.
    /// </summary>
    /// <param name="Sector">The doel school's sector (e.g. <c>PO</c>, <c>VO</c>); 1–32 letters, digits or '-'.</param>
    /// <param name="DoelBrin">The doel school of the session.</param>
    /// <param name="DoelRouteringsKenmerk">The doel aanleverpunt of the session.</param>
    /// <param name="DoelSysteem">The system that opened the session (the doel system, named in its client certificate).</param>
    public sealed record Geldig(string Sector, Brin DoelBrin, RouteringsKenmerk DoelRouteringsKenmerk, SysteemId DoelSysteem) : SessiecontroleResponse
    {
        /// <summary>The doel school's sector.</summary>
        public string Sector { get; } = IsSector(Sector)
            ? Sector
            : throw new ArgumentException("Een sector is 1 tot 32 letters, cijfers of '-'.", nameof(Sector));

        /// <summary>The system that opened the session.</summary>
        public SysteemId DoelSysteem { get; } = DoelSysteem.Value.Length > 0
            ? DoelSysteem
            : throw new ArgumentException("Het systeem van de sessie ontbreekt.", nameof(DoelSysteem));

        /// <summary>
        /// Why the bron must not answer a documentRequest with <paramref name="routing"/> from <paramref name="caller"/>
        /// (the system in its client certificate; null when it names none) in this session, or null when it may:
        /// <see cref="ResultaatCode.SysteemNietBevoegd"/> for any system but the one that opened the session;
        /// <see cref="ResultaatCode.SessieAfwijkend"/> or <see cref="ResultaatCode.OnbekendAanleverpunt"/> when the
        /// doel school or aanleverpunt differs from the session's (the Traffic Center checked them too).
        /// </summary>
        public ResultaatCode? RefusalFor(SysteemId? caller, Routering routing)
        {
            ArgumentNullException.ThrowIfNull(routing);
            if (caller is not { } c || c != DoelSysteem) return ResultaatCode.SysteemNietBevoegd;
            if (routing.DoelBrin != DoelBrin) return ResultaatCode.SessieAfwijkend;
            if (routing.DoelRouteringsKenmerk != DoelRouteringsKenmerk) return ResultaatCode.OnbekendAanleverpunt;
            return null;
        }

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
