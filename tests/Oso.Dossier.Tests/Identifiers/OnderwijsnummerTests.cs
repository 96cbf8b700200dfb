using Oso.Dossier.Identifiers;

namespace Oso.Dossier.Tests.Identifiers;

public sealed class OnderwijsnummerTests
{
    [Theory]
    [InlineData("100000004")] // weighted sum 5
    [InlineData("101222331")] // weighted sum 60 = 5 × 11 + 5
    [InlineData("102914170")]
    [InlineData("104391504")]
    public void Parse_valid_onderwijsnummer_keeps_the_nine_digits(string text)
    {
        var number = Onderwijsnummer.Parse(text);

        Assert.Equal(text, number.Value);
        Assert.Equal(text, number.ToString());
        Assert.True(Onderwijsnummer.TryParse(text, out var parsed));
        Assert.Equal(number, parsed);
        Assert.True(Onderwijsnummer.IsValid(text));
    }

    [Theory]
    [InlineData("100000005")] // weighted sum 4
    [InlineData("111222338")] // weighted sum 61: rest 6
    [InlineData("123456782")] // a BSN (rest 0) is no onderwijsnummer
    [InlineData("200000002")] // rest 5, but does not start with 1
    [InlineData("000000005")] // a negative weighted sum (−5): not rest 5
    [InlineData("10000000")]
    [InlineData("1000000040")]
    [InlineData("10000000a")]
    [InlineData("１００００００００４")]
    [InlineData(" 100000004")]
    [InlineData("100000004 ")]
    [InlineData("100 000 004")]
    [InlineData("         ")]
    [InlineData("")]
    public void TryParse_invalid_text_fails(string text)
    {
        Assert.False(Onderwijsnummer.TryParse(text, out var number));
        Assert.Equal(default, number);
        Assert.False(Onderwijsnummer.IsValid(text));
    }

    [Fact]
    public void TryParse_null_fails()
    {
        Assert.False(Onderwijsnummer.TryParse(null, out _));
        Assert.False(Onderwijsnummer.IsValid(null));
    }

    [Theory]
    [InlineData("100000005")]
    [InlineData("")]
    public void Parse_invalid_text_throws_a_dutch_message_without_the_number(string text)
    {
        var error = Assert.Throws<FormatException>(() => Onderwijsnummer.Parse(text));

        Assert.Equal("Geen geldig onderwijsnummer (negen cijfers, begint met 1, controlegetal 5).", error.Message);
    }

    [Fact]
    public void Parse_null_throws_a_format_exception() =>
        Assert.Throws<FormatException>(() => Onderwijsnummer.Parse(null!));

    // for any eight digits starting with 1, exactly one ninth digit d gives rest 5: (sum of the eight − d) mod 11 = 5
    [Fact]
    public void Every_prefix_starting_with_1_has_at_most_one_check_digit()
    {
        var random = new Random(20190102);
        for (var n = 0; n < 5_000; n++)
        {
            var prefix = "1" + string.Concat(Enumerable.Range(0, 7).Select(_ => (char)('0' + random.Next(10))));
            var sum = Enumerable.Range(0, 8).Sum(i => (9 - i) * (prefix[i] - '0'));
            var check = ((sum - 5) % 11 + 11) % 11;
            var valid = Enumerable.Range(0, 10).Where(d => Onderwijsnummer.IsValid(prefix + d)).ToArray();
            if (check == 10) Assert.Empty(valid);
            else Assert.Equal([check], valid);
        }
    }

    [Fact]
    public void Equal_numbers_are_equal_values()
    {
        Assert.Equal(Onderwijsnummer.Parse("100000004"), Onderwijsnummer.Parse("100000004"));
        Assert.NotEqual(Onderwijsnummer.Parse("100000004"), Onderwijsnummer.Parse("101222331"));
        Assert.Equal("", default(Onderwijsnummer).ToString());
    }
}
