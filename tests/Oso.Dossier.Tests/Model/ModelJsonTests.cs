using System.Text.Json;
using System.Text.Json.Nodes;
using Oso.Dossier.Building;
using Oso.Dossier.Model;
using Oso.Dossier.Schema;

namespace Oso.Dossier.Tests.Model;

/// <summary>
/// The model as JSON from another system (the LAS API): whatever the JSON holds, the result is a model the writer can
/// write, or a <see cref="JsonException"/> with the path of the value. Regressions found with the fuzz harness (fuzz/replay.sh las-json, hand-made inputs):
/// before <see cref="ModelJson"/>, a null where the model has none and a control character in a text ended in a
/// NullReferenceException or an ArgumentException from the XML writer (HTTP 500).
/// </summary>
public sealed class ModelJsonTests
{
    private static readonly Dossier.Model.Dossier Valid = new DossierBuilder().Datum(new DateOnly(2026, 3, 20)).Build();

    private static JsonObject ValidJson() => JsonNode.Parse(JsonSerializer.Serialize(Valid, ModelJson.Options))!.AsObject();

    [Fact]
    public void A_valid_dossier_reads_back_equal_and_writes_the_same_XML()
    {
        var read = JsonSerializer.Deserialize<Dossier.Model.Dossier>(ValidJson().ToJsonString(), ModelJson.Options)!;

        Assert.Equal(DossierWriter.ToXml(Valid), DossierWriter.ToXml(read));
    }

    [Theory]
    [InlineData("huidigeschool", "$.huidigeschool")]
    [InlineData("metadata", "$.metadata")]
    [InlineData("huidigeschool.leerling.voornaam", "$.huidigeschool.leerling.voornaam")]
    public void A_null_where_the_model_has_none_is_refused_with_its_path(string member, string path)
    {
        var json = ValidJson();
        var names = member.Split('.');
        var parent = names[..^1].Aggregate((JsonNode)json, (node, name) => node[name]!).AsObject();
        parent[names[^1]] = null;

        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dossier.Model.Dossier>(json.ToJsonString(), ModelJson.Options));

        Assert.Equal(path, refused.Path);
    }

    // found by fuzzing (fuzz/run.sh las-json): a null entry in a list passed RespectNullableAnnotations and ended in a
    // NullReferenceException in ModelWriter.WriteCijferlijst (HTTP 500)
    [Fact]
    public void A_null_entry_in_a_list_is_refused_with_its_path()
    {
        var json = ValidJson();
        json["huidigeschool"]!["leerling"]!["cijferlijstlijst"] = new JsonArray((JsonNode?)null);

        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dossier.Model.Dossier>(json.ToJsonString(), ModelJson.Options));

        Assert.StartsWith("$.huidigeschool.leerling.cijferlijstlijst", refused.Path, StringComparison.Ordinal);
        Assert.Contains("lege waarde (null) op plaats 1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_entry_in_a_list_of_texts_is_refused()
    {
        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<IReadOnlyList<string>>("[\"a\",null]", ModelJson.Options));

        Assert.Contains("lege waarde (null) op plaats 2", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("achternaam", "Jansen\u0001")]
    [InlineData("achternaam", "Jansen\uFFFE")]
    [InlineData("geslacht", "\u0008")]
    public void Text_XML_cannot_carry_is_refused_with_its_path(string member, string value)
    {
        var json = ValidJson();
        json["huidigeschool"]!["leerling"]![member] = value;

        var refused = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dossier.Model.Dossier>(json.ToJsonString(), ModelJson.Options));

        Assert.Equal($"$.huidigeschool.leerling.{member}", refused.Path);
        Assert.Contains("teken dat niet in een dossier kan staan", refused.Message);
    }

    [Fact]
    public void An_attachment_with_a_control_character_is_refused()
    {
        var refused = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<Oso.Dossier.Xml.Base64Text>("\"UEsD\\u0001BA==\"", ModelJson.Options));

        Assert.Contains("teken dat niet in een dossier kan staan", refused.Message);
    }

    [Theory]
    [InlineData("gewone tekst, é en \U0001F600", -1)]
    [InlineData("tab\tregel\r\neinde", -1)]
    [InlineData("a\u0001", 1)]
    [InlineData("\u000B", 0)]
    [InlineData("ab\uFFFF", 2)]
    public void IndexOfInvalidCharacter_finds_what_XML_does_not_allow(string value, int expected) =>
        Assert.Equal(expected, XmlValues.IndexOfInvalidCharacter(value));

    [Fact]
    public void IndexOfInvalidCharacter_finds_half_a_surrogate_pair()
    {
        // not as InlineData: attribute strings are stored as UTF-8, which cannot hold half a pair
        Assert.Equal(1, XmlValues.IndexOfInvalidCharacter("x\uD800"));
        Assert.Equal(0, XmlValues.IndexOfInvalidCharacter("\uDC00x"));
        Assert.Equal(2, XmlValues.IndexOfInvalidCharacter("\uD83D\uDE00\uD83D"));
    }
}
