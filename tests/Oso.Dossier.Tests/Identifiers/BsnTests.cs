using Oso.Dossier.Identifiers;

namespace Oso.Dossier.Tests.Identifiers;

public sealed class BsnTests
{
    [Theory]
    [InlineData("123456782")]
    [InlineData("111222333")]
    [InlineData("999999990")]
    [InlineData("012345672")] // a BSN may start with 0 (an eight-digit number written with a leading zero)
    public void Parse_valid_bsn_keeps_the_nine_digits(string text)
    {
        var bsn = Bsn.Parse(text);

        Assert.Equal(text, bsn.Value);
        Assert.Equal(text, bsn.ToString());
        Assert.True(Bsn.TryParse(text, out var parsed));
        Assert.Equal(bsn, parsed);
        Assert.True(Bsn.IsValid(text));
    }

    [Theory]
    [InlineData("123456789")] // weighted sum 147: 11-proef fails
    [InlineData("123456783")]
    [InlineData("111222334")]
    [InlineData("000000000")] // passes the sum, but is no number
    [InlineData("12345678")] // eight digits
    [InlineData("1234567820")] // ten digits
    [InlineData("12345678a")]
    [InlineData("1234-5678")]
    [InlineData("12345678.")]
    [InlineData("-12345678")]
    [InlineData("١٢٣٤٥٦٧٨٢")] // Arabic-Indic digits are digits, but not the ones a BSN is written in
    [InlineData("１２３４５６７８２")] // full-width digits
    [InlineData(" 123456782")]
    [InlineData("123456782 ")]
    [InlineData("123456782\n")]
    [InlineData("123 456 782")]
    [InlineData("         ")]
    [InlineData("")]
    public void TryParse_invalid_text_fails(string text)
    {
        Assert.False(Bsn.TryParse(text, out var bsn));
        Assert.Equal(default, bsn);
        Assert.False(Bsn.IsValid(text));
    }

    // regression: the weighted sum 0 was refused as such, which refused these numbers that pass the 11-proef too
    [Theory]
    [InlineData("100000009")] // 9·1 − 9 = 0
    [InlineData("010000008")] // 8·1 − 8 = 0
    [InlineData("000000012")] // 2·1 − 2 = 0
    [InlineData("000100006")] // 6·1 − 6 = 0
    public void A_weighted_sum_of_zero_passes_the_11_proef(string text)
    {
        Assert.True(ElevenTest.TryWeightedSum(text, out var sum));
        Assert.Equal(0, sum % 11);
        Assert.True(Bsn.TryParse(text, out var bsn));
        Assert.Equal(text, bsn.Value);
        Assert.True(Pgn.TryParse(text, out var pgn));
        Assert.Equal(PgnKind.Bsn, pgn.Kind);
    }

    [Fact]
    public void TryParse_null_fails()
    {
        Assert.False(Bsn.TryParse(null, out var bsn));
        Assert.Equal(default, bsn);
        Assert.False(Bsn.IsValid(null));
    }

    [Theory]
    [InlineData("123456789")]
    [InlineData("12345")]
    [InlineData("")]
    public void Parse_invalid_text_throws_a_dutch_message_without_the_number(string text)
    {
        var error = Assert.Throws<FormatException>(() => Bsn.Parse(text));

        Assert.Equal("Geen geldig BSN (negen cijfers die aan de 11-proef voldoen).", error.Message);
    }

    [Fact]
    public void Parse_null_throws_a_format_exception()
    {
        var error = Assert.Throws<FormatException>(() => Bsn.Parse(null!));

        Assert.StartsWith("Geen geldig BSN", error.Message, StringComparison.Ordinal);
    }

    // Built the other way round from the implementation: for any eight digits exactly one ninth digit completes
    // a BSN — the weighted sum of the eight modulo 11 — or none when that is 10.
    [Fact]
    public void Every_eight_digit_prefix_has_at_most_one_check_digit_and_it_is_the_weighted_sum_mod_11()
    {
        var random = new Random(20190101);
        // random prefixes, and every prefix with one digit 1 (weighted sums 2 to 9, whose check digit makes the sum 0)
        var prefixes = Enumerable.Range(0, 5_000).Select(_ => string.Concat(Enumerable.Range(0, 8).Select(_ => (char)('0' + random.Next(10)))))
            .Concat(Enumerable.Range(0, 8).Select(i => new string('0', i) + "1" + new string('0', 7 - i)))
            .Append("00000000");
        foreach (var prefix in prefixes)
        {
            var check = Enumerable.Range(0, 8).Sum(i => (9 - i) * (prefix[i] - '0')) % 11;
            var valid = Enumerable.Range(0, 10).Where(d => Bsn.IsValid(prefix + d)).ToArray();
            if (prefix == "00000000") Assert.Empty(valid);
            else if (check == 10) Assert.Empty(valid);
            else Assert.Equal([check], valid);
        }
    }

    [Fact]
    public void Equal_numbers_are_equal_values()
    {
        var a = Bsn.Parse("123456782");
        var b = Bsn.Parse(new string("123456782".ToCharArray()));

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Bsn.Parse("111222333"));
        Assert.Single(new HashSet<Bsn> { a, b });
    }

    [Fact]
    public void The_default_value_is_empty()
    {
        Assert.Null(default(Bsn).Value);
        Assert.Equal("", default(Bsn).ToString());
    }
}
