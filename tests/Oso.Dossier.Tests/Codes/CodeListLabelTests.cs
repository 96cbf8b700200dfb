using System.Reflection;
using Oso.Dossier.Codes;
using Oso.Dossier.Model;
using Oso.Testing;

namespace Oso.Dossier.Tests.Codes;

public sealed class CodeListLabelTests
{
    public static TheoryData<string> Lists() => [.. Definitions().Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Lists))]
    public void Every_code_shows_in_words_never_as_a_bare_number(string list)
    {
        var definition = Definitions().Single(d => d.Name == list);

        foreach (var value in definition.Values)
        {
            var shown = definition.Describe(value.Code);
            Assert.False(string.IsNullOrWhiteSpace(shown));
            if (value.Label is not null) Assert.Equal(value.Label, shown);
            else if (!definition.CodeIsName) Assert.Equal($"code {value.Code} (betekenis niet openbaar)", shown);
            Assert.False(shown.All(char.IsAsciiDigit), $"{list}: '{value.Code}' shows as a bare number");
        }
        Assert.Equal($"code zz (staat niet in codelijst {definition.Number})", definition.Describe("zz"));
    }

    [Fact]
    public void Geslacht_follows_the_standard_one_is_vrouw_two_is_man()
    {
        // the schema's documentation says so, and the official examples agree: the boy Daan and his father are 2, his mother 1
        var dossier = DossierReader.Read(StandardFiles.Example("OV_POVO_full")).Dossier!;
        var leerling = dossier.Huidigeschool.Leerling;

        Assert.Equal("Man", leerling.Geslacht?.Display);
        Assert.Equal(["Man", "Vrouw"], leerling.Verzorger.Take(2).Select(v => v.Geslacht?.Display));
        Assert.Equal("Vader", leerling.Verzorger[0].Relatietotkind?.Display);
    }

    [Theory]
    [InlineData("0013", "IEP Eindtoets")]
    [InlineData("0014", "code 0014 (betekenis niet openbaar)")]
    public void Eindtoets_codes_are_named_where_the_schema_names_them(string code, string expected) =>
        Assert.Equal(expected, new Code<EindtoetsSoort>(code).Display);

    private static IEnumerable<CodeListDefinition> Definitions() =>
        typeof(ICodeList).Assembly.GetTypes().Where(t => t.IsClass && typeof(ICodeList).IsAssignableFrom(t))
            .Select(t => (CodeListDefinition)t.GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!);
}
