using Oso.Dossier.Identifiers;

namespace Oso.Dossier.Tests.Identifiers;

public sealed class PgnTests
{
    [Theory]
    [InlineData("123456782", PgnKind.Bsn)]
    [InlineData("111222333", PgnKind.Bsn)]
    [InlineData("100000004", PgnKind.Onderwijsnummer)]
    [InlineData("101222331", PgnKind.Onderwijsnummer)]
    public void Parse_valid_number_knows_its_kind(string text, PgnKind kind)
    {
        var pgn = Pgn.Parse(text);

        Assert.Equal(text, pgn.Value);
        Assert.Equal(kind, pgn.Kind);
        Assert.True(Pgn.TryParse(text, out var parsed));
        Assert.Equal(pgn, parsed);
    }

    [Fact]
    public void A_pgn_accepts_exactly_what_a_bsn_or_an_onderwijsnummer_accepts()
    {
        var random = new Random(20190103);
        for (var n = 0; n < 20_000; n++)
        {
            var text = (n % 2 == 0 ? "1" : "") + string.Concat(Enumerable.Range(0, n % 2 == 0 ? 8 : 9).Select(_ => (char)('0' + random.Next(10))));
            var bsn = Bsn.IsValid(text);
            var onderwijsnummer = Onderwijsnummer.IsValid(text);
            Assert.False(bsn && onderwijsnummer, text + " is both"); // rest 0 and rest 5 exclude each other
            Assert.Equal(bsn || onderwijsnummer, Pgn.TryParse(text, out var pgn));
            if (bsn) Assert.Equal(PgnKind.Bsn, pgn.Kind);
            if (onderwijsnummer) Assert.Equal(PgnKind.Onderwijsnummer, pgn.Kind);
        }
    }

    [Theory]
    [InlineData("123456789")] // fails the 11-proef, rest 4
    [InlineData("200000002")] // rest 5 but does not start with 1
    [InlineData("000000000")]
    [InlineData("12345678")]
    [InlineData("12345678a")]
    [InlineData(" 123456782")]
    [InlineData("123456782\t")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_invalid_text_fails(string? text)
    {
        Assert.False(Pgn.TryParse(text, out var pgn));
        Assert.Equal(default, pgn);
    }

    [Fact]
    public void Parse_invalid_text_throws_a_dutch_message_that_does_not_echo_the_number()
    {
        var error = Assert.Throws<FormatException>(() => Pgn.Parse("123456789"));

        Assert.Equal("Geen geldig PGN (BSN of onderwijsnummer).", error.Message);
        Assert.DoesNotContain("123456789", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_never_shows_the_number()
    {
        var pgn = Pgn.Parse("123456782");

        Assert.Equal("PGN (verborgen)", pgn.ToString());
        Assert.DoesNotContain("123456782", $"{pgn}", StringComparison.Ordinal);
        Assert.DoesNotContain("6782", $"pupil {pgn} in {new { Pgn = pgn }}", StringComparison.Ordinal);
    }

    [Fact]
    public void Masked_shows_only_the_last_four_digits()
    {
        Assert.Equal("*****6782", Pgn.Parse("123456782").Masked);
        Assert.Equal("*****0004", Pgn.Parse("100000004").Masked);
        Assert.Equal("", default(Pgn).Masked);
    }

    [Fact]
    public void Equal_numbers_are_equal_values()
    {
        Assert.Equal(Pgn.Parse("123456782"), Pgn.Parse("123456782"));
        Assert.Equal(Pgn.Parse("123456782").GetHashCode(), Pgn.Parse("123456782").GetHashCode());
        Assert.NotEqual(Pgn.Parse("123456782"), Pgn.Parse("111222333"));
    }

    [Fact]
    public void The_expectation_is_dutch() =>
        Assert.Equal("een PGN (BSN of onderwijsnummer: 9 cijfers die de elfproef doorstaan)", Pgn.Expectation);
}
