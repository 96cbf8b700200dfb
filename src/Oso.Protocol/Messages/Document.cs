using Oso.Protocol.Identifiers;
using Oso.Protocol.Results;

namespace Oso.Protocol.Messages;

/// <summary>doel → bron aanleverpunt: ask the dossier.</summary>
/// <param name="Routering">Bron and doel school and aanleverpunt.</param>
/// <param name="SessieId">The session the Traffic Center granted.</param>
/// <param name="Overdrachtsoort">The kind of transfer.</param>
/// <param name="Sleutel">PGN with key k (overstap) or koppelsleutel (SWV).</param>
/// <param name="Aanvraagdatum">Optional: deliver only when the dossier changed after this moment.</param>
public sealed record DocumentRequest(
    Routering Routering,
    SessieId SessieId,
    Overdrachtsoort Overdrachtsoort,
    DocumentSleutel Sleutel,
    DateTimeOffset? Aanvraagdatum) : OsoRequest<DocumentResponse>
{
    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.Document;
}

/// <summary>bron → doel: the dossier, or why not.</summary>
public abstract record DocumentResponse : OsoResponse
{
    private DocumentResponse()
    {
    }

    /// <inheritdoc/>
    public sealed override OsoOperation Operation => OsoOperation.Document;

    /// <summary>The dossier (a <c>dossier</c> or <c>dossiers</c> element), not interpreted here.</summary>
    /// <param name="Dossier">The dossier XML.</param>
    /// <param name="Handtekening">
    /// The bron's signature over the exact dossier bytes (<c>dossierHandtekening</c>, RECONSTRUCTION, docs/protocol.md §4a);
    /// null from a bron that does not sign.
    /// </param>
    /// <remarks>
    /// A received large dossier is spooled to an encrypted temporary file (<see cref="GegevenssetXml.Spooled"/>, ADR 0014):
    /// whoever receives this answer owns it and disposes it when done, on every path (stored, refused, cancelled, failed).
    /// </remarks>
    public sealed record Geleverd(GegevenssetXml Dossier, Proofs.Handtekening? Handtekening = null) : DocumentResponse, IDisposable
    {
        /// <summary>Disposes the dossier (closes its spool file, if it has one).</summary>
        public void Dispose() => Dossier.Dispose();

        /// <summary>The dossier XML (root <c>dossier</c> or <c>dossiers</c>).</summary>
        public GegevenssetXml Dossier { get; } = Dossier?.RootName is "dossier" or "dossiers"
            ? Dossier
            : throw new ArgumentException("Een documentResponse bevat een dossier- of dossiers-element.", nameof(Dossier));
    }

    /// <summary>No dossier: the reason (including <see cref="ResultaatCode.LeerlinginfoNietGewijzigd"/>).</summary>
    /// <param name="Resultaat">Why.</param>
    public sealed record NietGeleverd(ResultaatCode Resultaat) : DocumentResponse
    {
        /// <summary>Why (a refusal code).</summary>
        public ResultaatCode Resultaat { get; } = Weigering.Check(Resultaat);
    }
}
