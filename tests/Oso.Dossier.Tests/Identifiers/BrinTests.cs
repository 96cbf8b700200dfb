using Oso.Dossier.Identifiers;

namespace Oso.Dossier.Tests.Identifiers;

public sealed class BrinTests
{
    [Theory]
    [InlineData("00YY")]
    [InlineData("91PO")]
    [InlineData("92VO")]
    [InlineData("12AB")]
    [InlineData("99ZZ")]
    public void Parse_valid_brin_round_trips(string text)
    {
        var brin = Brin.Parse(text);

        Assert.Equal(text, brin.Value);
        Assert.Equal(text, brin.ToString());
        Assert.True(Brin.TryParse(text, out var parsed));
        Assert.Equal(brin, parsed);
        Assert.True(Brin.IsBrin(text));
    }

    [Theory]
    [InlineData("00yy")] // lower case
    [InlineData("00Yy")]
    [InlineData("0YYY")]
    [InlineData("000Y")]
    [InlineData("YY00")]
    [InlineData("00Y")] // too short
    [InlineData("00YY0")] // too long
    [InlineData("00YYY")]
    [InlineData("00ÄÖ")] // capitals, but not ASCII ones
    [InlineData("٠٠YY")] // digits, but not ASCII ones
    [InlineData("００YY")]
    [InlineData(" 00YY")]
    [InlineData("00YY ")]
    [InlineData("00 YY")]
    [InlineData("    ")]
    [InlineData("")]
    public void TryParse_invalid_text_fails(string text)
    {
        Assert.False(Brin.TryParse(text, out var brin));
        Assert.Equal(default, brin);
        Assert.False(Brin.IsBrin(text));
    }

    [Fact]
    public void TryParse_null_fails() => Assert.False(Brin.TryParse(null, out _));

    [Fact]
    public void Parse_invalid_text_throws_a_dutch_message_naming_the_value()
    {
        var error = Assert.Throws<FormatException>(() => Brin.Parse("00yy"));

        Assert.Equal("'00yy' is geen BRIN-code (twee cijfers en twee hoofdletters, bijvoorbeeld 00YY).", error.Message);
    }

    [Fact]
    public void Parse_null_throws_a_format_exception() =>
        Assert.Equal("'' is geen BRIN-code (twee cijfers en twee hoofdletters, bijvoorbeeld 00YY).",
            Assert.Throws<FormatException>(() => Brin.Parse(null!)).Message);

    [Fact]
    public void Brins_order_ordinally()
    {
        Brin a = Brin.Parse("00YY"), b = Brin.Parse("12AB"), c = Brin.Parse("12AC");

        Assert.Equal([a, b, c], new[] { c, a, b }.Order());
        Assert.True(a < b && b < c && c > a && a <= Brin.Parse("00YY") && c >= b);
        Assert.False(a > b || b >= c);
        Assert.Equal(0, b.CompareTo(Brin.Parse("12AB")));
        Assert.True(default(Brin).CompareTo(a) < 0); // an empty value sorts first, without throwing
    }

    [Fact]
    public void Equal_codes_are_equal_values()
    {
        Assert.Equal(Brin.Parse("00YY"), Brin.Parse("00YY"));
        Assert.True(Brin.Parse("00YY") == Brin.Parse("00YY"));
        Assert.NotEqual(Brin.Parse("00YY"), Brin.Parse("00YZ"));
        Assert.Single(new HashSet<Brin> { Brin.Parse("00YY"), Brin.Parse("00YY") });
        Assert.Equal("", default(Brin).ToString());
    }

    [Fact]
    public void The_expectation_is_dutch() =>
        Assert.Equal("een BRIN-nummer (twee cijfers en twee hoofdletters, bijvoorbeeld 00YY)", Brin.Expectation);
}
