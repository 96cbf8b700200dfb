using Oso.Dossier.Identifiers;

namespace Oso.Dossier.Tests.Identifiers;

public sealed class VestigingTests
{
    [Theory]
    [InlineData("00")]
    [InlineData("01")]
    [InlineData("99")]
    public void Parse_valid_code_round_trips(string text)
    {
        var vestiging = Vestiging.Parse(text);

        Assert.Equal(text, vestiging.Value);
        Assert.Equal(text, vestiging.ToString());
        Assert.True(Vestiging.TryParse(text, out var parsed));
        Assert.Equal(vestiging, parsed);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("001")]
    [InlineData("0A")]
    [InlineData("A0")]
    [InlineData("-1")]
    [InlineData("٠١")]
    [InlineData("０１")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("  ")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_invalid_text_fails(string? text)
    {
        Assert.False(Vestiging.TryParse(text, out var vestiging));
        Assert.Equal(default, vestiging);
    }

    [Fact]
    public void Parse_invalid_text_throws_a_dutch_message_naming_the_value() =>
        Assert.Equal("'1' is geen vestigingscode (twee cijfers).", Assert.Throws<FormatException>(() => Vestiging.Parse("1")).Message);

    [Fact]
    public void Equal_codes_are_equal_values()
    {
        Assert.Equal(Vestiging.Parse("01"), Vestiging.Parse("01"));
        Assert.NotEqual(Vestiging.Parse("01"), Vestiging.Parse("10"));
        Assert.Equal("", default(Vestiging).ToString());
    }
}
