namespace Oso.Dossier.Model;

/// <summary>A document of the gegevensset: a <see cref="Dossier"/>, a <see cref="Dossiers"/> collection or a <see cref="Terugkoppeling"/>.</summary>
#pragma warning disable CA1040 // a marker for the three root records, used in pattern matching
public interface IOsoDocument;
#pragma warning restore CA1040

/// <summary>A value with a description attribute (<c>&lt;land omschrijving="Nederland"&gt;6030&lt;/land&gt;</c>).</summary>
public sealed record WaardeMetOmschrijving
{
    /// <summary>The element's text (a code or name).</summary>
    public required string Waarde { get; init; }

    /// <summary>The <c>omschrijving</c> attribute.</summary>
    public string? Omschrijving { get; init; }
}

internal static class ModelEquality
{
    public static bool Lists<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.Count != b.Count) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Count; i++)
            if (!comparer.Equals(a[i], b[i])) return false;
        return true;
    }
}
