using System.Collections.Frozen;
using System.Xml;

namespace Oso.Dossier.Xml;

/// <summary>
/// A name table whose schema names are shared and immutable (built once per schema, safe across threads), with a
/// small per-reader table for any other name a document brings. Seeding a fresh <see cref="NameTable"/> for every
/// document would cost as much as a tenth of reading a dossier; this costs nothing per document.
/// </summary>
internal sealed class SchemaNameTable : XmlNameTable
{
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _known;
    private readonly FrozenDictionary<string, string> _knownByString;
    private NameTable? _others;

    public SchemaNameTable(FrozenDictionary<string, string> known)
    {
        _knownByString = known;
        _known = known.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static FrozenDictionary<string, string> Freeze(IEnumerable<string> names) =>
        names.Distinct(StringComparer.Ordinal).ToFrozenDictionary(n => n, n => n, StringComparer.Ordinal);

    public override string Add(char[] array, int offset, int length)
    {
        if (length == 0) return string.Empty;
        if (_known.TryGetValue(array.AsSpan(offset, length), out var name)) return name;
        return (_others ??= new NameTable()).Add(array, offset, length);
    }

    public override string Add(string array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length == 0) return string.Empty;
        if (_knownByString.TryGetValue(array, out var name)) return name;
        return (_others ??= new NameTable()).Add(array);
    }

    public override string? Get(char[] array, int offset, int length)
    {
        if (length == 0) return string.Empty;
        if (_known.TryGetValue(array.AsSpan(offset, length), out var name)) return name;
        return _others?.Get(array, offset, length);
    }

    public override string? Get(string array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length == 0) return string.Empty;
        if (_knownByString.TryGetValue(array, out var name)) return name;
        return _others?.Get(array);
    }
}
