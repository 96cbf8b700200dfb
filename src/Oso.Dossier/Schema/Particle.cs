namespace Oso.Dossier.Schema;

/// <summary>A particle of a content model: an element, a sequence or a choice, with its occurrence bounds.</summary>
public abstract class Particle
{
    /// <summary>Unbounded maxOccurs.</summary>
    public const int Unbounded = int.MaxValue;

    private protected Particle(int minOccurs, int maxOccurs)
    {
        if (minOccurs < 0 || maxOccurs < 1 || minOccurs > maxOccurs || (maxOccurs > 1 && maxOccurs != Unbounded))
            throw new ArgumentOutOfRangeException(nameof(maxOccurs), "Occurrence bounds must be 0..1, 1..1, 0..unbounded or 1..unbounded.");
        MinOccurs = minOccurs;
        MaxOccurs = maxOccurs;
    }

    /// <summary>minOccurs (0 or 1).</summary>
    public int MinOccurs { get; }

    /// <summary>maxOccurs (1 or <see cref="Unbounded"/>).</summary>
    public int MaxOccurs { get; }
}

/// <summary>An element in a content model.</summary>
public sealed class ElementParticle(ElementDeclaration element, int minOccurs = 1, int maxOccurs = 1) : Particle(minOccurs, maxOccurs)
{
    /// <summary>The element.</summary>
    public ElementDeclaration Element { get; } = element;
}

/// <summary>A sequence: its items in this order.</summary>
public sealed class SequenceParticle(IReadOnlyList<Particle> items, int minOccurs = 1, int maxOccurs = 1) : Particle(minOccurs, maxOccurs)
{
    /// <summary>The items.</summary>
    public IReadOnlyList<Particle> Items { get; } = items;
}

/// <summary>A choice: exactly one of its items.</summary>
public sealed class ChoiceParticle(IReadOnlyList<Particle> items, int minOccurs = 1, int maxOccurs = 1) : Particle(minOccurs, maxOccurs)
{
    /// <summary>The alternatives.</summary>
    public IReadOnlyList<Particle> Items { get; } = items;
}
