using Oso.Protocol.Identifiers;
using Oso.Protocol.Results;
using Oso.Dossier.Identifiers;

namespace Oso.Protocol.Messages;

/// <summary>doel → TC: ask a session to fetch one dossier from the bron school.</summary>
/// <param name="BronBrin">The school that has the dossier.</param>
/// <param name="BronRouteringsKenmerk">Optional: ask only this aanleverpunt of the bron school.</param>
/// <param name="DoelBrin">The requesting school.</param>
/// <param name="DoelRouteringsKenmerk">The requesting school's aanleverpunt.</param>
/// <param name="Sleutel">Zoeksleutel (overstap) or koppelsleutel (SWV): exactly one, by construction.</param>
/// <param name="Overdrachtsoort">The kind of transfer.</param>
public sealed record OverdrachtRequest(
    Brin BronBrin,
    RouteringsKenmerk? BronRouteringsKenmerk,
    Brin DoelBrin,
    RouteringsKenmerk DoelRouteringsKenmerk,
    SessieSleutel Sleutel,
    Overdrachtsoort Overdrachtsoort) : OsoRequest<OverdrachtResponse>
{
    /// <inheritdoc/>
    public override OsoOperation Operation => OsoOperation.Overdracht;
}

/// <summary>TC → doel: a session with the bron's active aanleverpunten, or a refusal.</summary>
public abstract record OverdrachtResponse : OsoResponse
{
    private OverdrachtResponse()
    {
    }

    /// <inheritdoc/>
    public sealed override OsoOperation Operation => OsoOperation.Overdracht;

    /// <summary>The session is granted.</summary>
    /// <param name="SessieId">The new session.</param>
    /// <param name="Aanleverpunten">The bron school's active aanleverpunten to ask, in order.</param>
    public sealed record Toegekend(SessieId SessieId, IReadOnlyList<Aanleverpunt> Aanleverpunten) : OverdrachtResponse
    {
        /// <summary>Value equality, including the list's items.</summary>
        public bool Equals(Toegekend? other) =>
            other is not null && SessieId == other.SessieId && Aanleverpunten.SequenceEqual(other.Aanleverpunten);

        /// <inheritdoc/>
        public override int GetHashCode() => HashCode.Combine(SessieId, Aanleverpunten.Count);
    }

    /// <summary>No session: the reason.</summary>
    /// <param name="Resultaat">Why (a refusal code).</param>
    public sealed record Geweigerd(ResultaatCode Resultaat) : OverdrachtResponse
    {
        /// <summary>The reason (must be a refusal code).</summary>
        public ResultaatCode Resultaat { get; } = Weigering.Check(Resultaat);
    }
}

internal static class Weigering
{
    public static ResultaatCode Check(ResultaatCode code) => code.Info().IsWeigering
        ? code
        : throw new ArgumentException($"{code} is geen weigering.", nameof(code));
}
