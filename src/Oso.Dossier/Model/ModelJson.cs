using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Oso.Dossier.Schema;

namespace Oso.Dossier.Model;

/// <summary>
/// JSON for the model as another system sends it (the LAS API's dossier as JSON): web naming, null only where the model
/// allows it (<see cref="JsonSerializerOptions.RespectNullableAnnotations"/>; a missing required member is refused as
/// well, and so is a null entry in a list, which that option does not cover), and only text that XML can carry (<see cref="XmlValues.IndexOfInvalidCharacter"/>). What does not fit is a
/// <see cref="JsonException"/> with the path of the value, never a model the writer cannot write.
/// </summary>
public static class ModelJson
{
    /// <summary>The options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { RespectNullableAnnotations = true };
        options.Converters.Add(new XmlTextConverter());
        options.Converters.Add(new NoNullEntriesConverterFactory());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The text, or a <see cref="JsonException"/> when it holds a character XML cannot carry.</summary>
    internal static string XmlText(string text)
    {
        var at = XmlValues.IndexOfInvalidCharacter(text);
        return at < 0 ? text : throw new JsonException(string.Create(CultureInfo.InvariantCulture,
            $"De tekst bevat een teken dat niet in een dossier kan staan (U+{(int)text[at]:X4} op positie {at + 1})."));
    }

    private sealed class XmlTextConverter : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => XmlText(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>A list of the model (<see cref="IReadOnlyList{T}"/> of a reference type) with a null entry is refused: the model has none.</summary>
    private sealed class NoNullEntriesConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
            && !typeToConvert.GetGenericArguments()[0].IsValueType;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(NoNullEntriesConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
    }

    private sealed class NoNullEntriesConverter<T> : JsonConverter<IReadOnlyList<T>>
        where T : class
    {
        public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var list = JsonSerializer.Deserialize<List<T>>(ref reader, options);
            if (list is null) return null; // RespectNullableAnnotations refuses a null list where the model has none
            var at = list.IndexOf(null!);
            return at < 0 ? list : throw new JsonException(string.Create(CultureInfo.InvariantCulture,
                $"De lijst bevat een lege waarde (null) op plaats {at + 1}; een lijst in het dossier heeft geen lege waarden."));
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize<IEnumerable<T>>(writer, value, options);
    }
}
