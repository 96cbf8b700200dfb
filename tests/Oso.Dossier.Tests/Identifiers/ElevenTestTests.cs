using Oso.Dossier.Identifiers;

namespace Oso.Dossier.Tests.Identifiers;

public sealed class ElevenTestTests
{
    [Theory]
    [InlineData("123456782", 154)] // 9·1 + 8·2 + 7·3 + 6·4 + 5·5 + 4·6 + 3·7 + 2·8 − 2
    [InlineData("100000004", 5)]
    [InlineData("000000000", 0)]
    [InlineData("000000009", -9)]
    [InlineData("999999990", 396)]
    public void TryWeightedSum_weighs_the_digits_9_to_2_and_the_last_minus_1(string digits, int expected)
    {
        Assert.True(ElevenTest.TryWeightedSum(digits, out var sum));
        Assert.Equal(expected, sum);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678")]
    [InlineData("1234567890")]
    [InlineData("12345678a")]
    [InlineData("1234 5678")]
    [InlineData("١٢٣٤٥٦٧٨٢")]
    public void TryWeightedSum_refuses_anything_but_nine_ascii_digits(string text) =>
        Assert.False(ElevenTest.TryWeightedSum(text, out _));
}
