using System.Text.Json;
using System.Text.Json.Serialization;

namespace Oso.Dossier.Codes;

/// <summary>One value of a code list, with its Dutch label where the standard makes it public.</summary>
/// <param name="Code">The code as it appears in a dossier.</param>
/// <param name="Label">The Dutch meaning, or null when it is not public.</param>
public sealed record CodeValue(string Code, string? Label);

/// <summary>An OSO code list: its number in the "OSO codelijsten", its name and its values.</summary>
public sealed class CodeListDefinition
{
    private readonly Dictionary<string, CodeValue> _values;

    /// <summary>Defines a code list.</summary>
    /// <param name="number">The list's number in "OSO codelijsten".</param>
    /// <param name="name">The Dutch name.</param>
    /// <param name="values">The values, in the standard's order.</param>
    /// <param name="codeIsName">True when a code is itself a name people read (an abbreviation of a score scale, an
    /// ICD-10 code): without a label the code shows as it is instead of "code X (betekenis niet openbaar)".</param>
    public CodeListDefinition(int number, string name, IEnumerable<CodeValue> values, bool codeIsName = false)
    {
        Number = number;
        Name = name;
        CodeIsName = codeIsName;
        Values = values.ToArray();
        _values = Values.ToDictionary(v => v.Code, StringComparer.Ordinal);
    }

    /// <summary>The code list's number (e.g. 14 for Geslacht).</summary>
    public int Number { get; }

    /// <summary>The Dutch name.</summary>
    public string Name { get; }

    /// <summary>The allowed values, in the standard's order.</summary>
    public IReadOnlyList<CodeValue> Values { get; }

    /// <summary>True when the code is on the list (exact, case-sensitive, as the official XSLT compares).</summary>
    public bool Contains(string? code) => code is not null && _values.ContainsKey(code);

    /// <summary>True when a code is itself a readable name (see the constructor).</summary>
    public bool CodeIsName { get; }

    /// <summary>The label of a code, or null.</summary>
    public string? Label(string? code) => code is not null && _values.TryGetValue(code, out var v) ? v.Label : null;

    /// <summary>
    /// The code in words for people: its label; else, for a list of readable abbreviations, the code itself; else
    /// "code 42 (betekenis niet openbaar)" for a code on the list whose meaning is not public, or "code 99 (staat niet in
    /// codelijst 2)" for a code that is not on the list. Never a bare number.
    /// </summary>
    public string Describe(string? code)
    {
        if (string.IsNullOrEmpty(code)) return "";
        if (Label(code) is { } label) return label;
        if (!Contains(code)) return $"code {code} (staat niet in codelijst {Number})";
        return CodeIsName ? code : $"code {code} (betekenis niet openbaar)";
    }
}

/// <summary>A code list marker: a type naming one <see cref="CodeListDefinition"/>.</summary>
public interface ICodeList
{
    /// <summary>The list.</summary>
    static abstract CodeListDefinition Definition { get; }
}

/// <summary>
/// A value of code list <typeparamref name="TList"/>. The code is kept exactly as it appears in the dossier
/// (a value that is not on the list can be read, shown and reported; the validator judges it).
/// </summary>
/// <typeparam name="TList">The code list.</typeparam>
[JsonConverter(typeof(CodeJsonConverterFactory))]
public readonly record struct Code<TList>(string Value) where TList : ICodeList
{
    /// <summary>The Dutch label, or null when it is not public or the code is not on the list.</summary>
    public string? Label => TList.Definition.Label(Value);

    /// <summary>True when the code is on the list.</summary>
    public bool IsKnown => TList.Definition.Contains(Value);

    /// <summary>The code in words: the label, else a description that says the meaning is not public (see <see cref="CodeListDefinition.Describe"/>).</summary>
    public string Display => TList.Definition.Describe(Value);

    /// <summary>Creates a code from its value.</summary>
#pragma warning disable CA1000, CA2225 // the conversion is the natural way to write a code in a builder
    public static implicit operator Code<TList>(string value) => new(value);
#pragma warning restore CA1000, CA2225

    /// <inheritdoc />
    public override string ToString() => Value ?? "";
}

/// <summary>Serialises <see cref="Code{TList}"/> as a plain JSON string.</summary>
public sealed class CodeJsonConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Code<>);

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(CodeJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class CodeJsonConverter<TList> : JsonConverter<Code<TList>> where TList : ICodeList
    {
        public override Code<TList> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(Model.ModelJson.XmlText(reader.GetString() ?? throw new JsonException("Een code mag niet null zijn.")));

        public override void Write(Utf8JsonWriter writer, Code<TList> value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
