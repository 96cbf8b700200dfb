using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Oso.Dossier.Schema;

namespace Oso.Dossier.Model;

/// <summary>
/// JSON for the model as another system sends it (the LAS API's dossier as JSON): web naming, null only where the model
/// allows it (<see cref="JsonSerializerOptions.RespectNullableAnnotations"/>; a missing required member is refused as
/// well), and only text that XML can carry (<see cref="XmlValues.IndexOfInvalidCharacter"/>). What does not fit is a
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
}
