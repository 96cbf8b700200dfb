using System.Diagnostics.CodeAnalysis;

namespace Oso.Protocol.Identifiers;

/// <summary>The id of a Traffic Center session: a GUID, written in lower case as in the public samples.</summary>
public readonly record struct SessieId
{
    internal const string Verwachting = "een sessie-id (GUID, bijvoorbeeld 9cebd89c-8953-416b-a2cb-ecee939f1775)";

    private SessieId(Guid value) => Value = value;

    /// <summary>The GUID.</summary>
    public Guid Value { get; }

    /// <summary>A new random session id (version 4: unguessable, so a session id alone reveals nothing).</summary>
    public static SessieId New() => new(Guid.NewGuid());

    /// <summary>Wraps an existing GUID (for example one read from storage).</summary>
    public static SessieId From(Guid value) => new(value);

    /// <summary>Parses a session id; throws <see cref="FormatException"/> when <paramref name="s"/> is not one.</summary>
    public static SessieId Parse(string s) =>
        TryParse(s, out var id) ? id : throw new FormatException($"'{s}' is geen sessie-id.");

    /// <summary>Parses a session id (GUID in the 8-4-4-4-12 form, any case) without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out SessieId result)
    {
        result = default;
        if (!Guid.TryParseExact(s, "D", out var g)) return false;
        result = new SessieId(g);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Value.ToString("D");
}
