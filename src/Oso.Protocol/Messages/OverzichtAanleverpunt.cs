using Oso.Protocol.Identifiers;
using Oso.Dossier.Identifiers;

namespace Oso.Protocol.Messages;

/// <summary>any → TC: list the active aanleverpunten, optionally filtered (public sample). No session needed.</summary>
/// <param name="Brin">Only this school's aanleverpunten.</param>
/// <param name="Doel">Only aanleverpunten for this purpose.</param>
/// <param name="RouteringsKenmerk">Only this aanleverpunt.</param>
public sealed record OverzichtAanleverpuntRequest(Brin? Brin, Uitwisseldoel? Doel, RouteringsKenmerk? RouteringsKenmerk)
    : OsoRequest<OverzichtAanleverpuntResponse>
{
    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.OverzichtAanleverpunt;
}

/// <summary>TC → caller: the matching active aanleverpunten (possibly none).</summary>
/// <param name="Aanleverpunten">The aanleverpunten.</param>
public sealed record OverzichtAanleverpuntResponse(IReadOnlyList<Aanleverpunt> Aanleverpunten) : OsoResponse
{
    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.OverzichtAanleverpunt;

    /// <summary>Value equality, including the list's items.</summary>
    public bool Equals(OverzichtAanleverpuntResponse? other) =>
        other is not null && Aanleverpunten.SequenceEqual(other.Aanleverpunten);

    /// <inheritdoc/>
    public override int GetHashCode() => Aanleverpunten.Count;
}
