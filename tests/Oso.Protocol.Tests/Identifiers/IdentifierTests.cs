using Oso.Protocol.Identifiers;
using Oso.Dossier.Identifiers;

namespace Oso.Protocol.Tests.Identifiers;

public class IdentifierTests
{
    [Theory]
    [InlineData("00YY", true)]
    [InlineData("12SS", true)]
    [InlineData("00yy", false)]
    [InlineData("0YYY", false)]
    [InlineData("00YY0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Brin_is_two_digits_and_two_capitals(string? s, bool valid)
    {
        Assert.Equal(valid, Brin.TryParse(s, out _));
    }

    [Fact]
    public void A_routeringskenmerk_knows_its_brin()
    {
        Assert.Equal(Brin.Parse("00YY"), RouteringsKenmerk.Parse("0000000700000YY00931").Brin);
        Assert.Equal(Brin.Parse("12SS"), RouteringsKenmerk.Parse("0000000700012SSAB12Z").Brin);
    }

    [Theory]
    [InlineData("000000070000YY00931")] // 19 characters
    [InlineData("1000000700000YY00931")] // wrong prefix
    [InlineData("0000000700000yy00931")] // not a BRIN
    [InlineData("0000000700000YY0093a")] // lower case in the last five
    public void Malformed_routeringskenmerken_are_refused(string s)
    {
        Assert.False(RouteringsKenmerk.TryParse(s, out _));
    }

    [Theory]
    [InlineData("111222333", PgnKind.Bsn)]
    [InlineData("123456782", PgnKind.Bsn)]
    [InlineData("100000004", PgnKind.Onderwijsnummer)]
    public void Valid_pgns_are_recognised_with_their_kind(string s, PgnKind soort)
    {
        Assert.True(Pgn.TryParse(s, out var pgn));
        Assert.Equal(soort, pgn.Kind);
        Assert.Equal(s, pgn.Value);
    }

    [Theory]
    [InlineData("111222334")] // fails both checks
    [InlineData("000000000")] // passes the sum but is no number
    [InlineData("200000004")] // sum ≡ 5 but does not start with 1
    [InlineData("11122233")]
    [InlineData("11122233a")]
    public void Invalid_pgns_are_refused(string s)
    {
        Assert.False(Pgn.TryParse(s, out _));
    }

    [Fact]
    public void A_pgn_never_shows_its_number()
    {
        var pgn = Pgn.Parse("111222333");

        Assert.DoesNotContain("111222333", pgn.ToString());
        Assert.DoesNotContain("111222333", new Oso.Protocol.Messages.DocumentSleutel.Leerling(pgn, ZoeksleutelGeheim.Nieuw()).ToString());
        Assert.DoesNotContain("111222334", Assert.Throws<FormatException>(() => Pgn.Parse("111222334")).Message);
    }

    [Fact]
    public void Session_ids_are_lower_case_and_koppelsleutels_upper_case_as_in_the_samples()
    {
        Assert.Equal("9cebd89c-8953-416b-a2cb-ecee939f1775", SessieId.Parse("9CEBD89C-8953-416B-A2CB-ECEE939F1775").ToString());
        Assert.Equal("19677A96-B737-402E-B3B8-24A3EEF32000", Koppelsleutel.Parse("19677a96-b737-402e-b3b8-24a3eef32000").ToString());
        Assert.NotEqual(SessieId.New(), SessieId.New());
    }

    [Theory]
    [InlineData("las-leverancier.1", true)]
    [InlineData("00000001234567890000", true)]
    [InlineData("-begin", false)]
    [InlineData("met spatie", false)]
    [InlineData("", false)]
    public void System_ids_are_safe_for_a_urn(string s, bool valid)
    {
        Assert.Equal(valid, SysteemId.TryParse(s, out var id));
        if (valid) Assert.Equal(new Uri("urn:oso:systeem:" + s), id.ToUri());
    }
}
