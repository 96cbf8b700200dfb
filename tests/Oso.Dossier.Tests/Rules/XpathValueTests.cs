using Oso.Dossier.Rules.Official;
using Oso.Dossier.Rules.Xpath;

namespace Oso.Dossier.Tests.Rules;

/// <summary>The casts and string functions behave as the official processor's (Saxon-HE 9.9) — each case was checked against it.</summary>
public sealed class XpathValueTests
{
    [Theory]
    [InlineData("2019-03-01", true)]
    [InlineData(" 2019-03-01\n", true)]
    [InlineData("\t2019-09-01\r\n", true)]
    [InlineData("\u00a02019-08-01", false)]
    [InlineData("0000-02-29", true)]
    [InlineData("-0004-02-29", true)]
    [InlineData("-0001-02-29", false)]
    [InlineData("-0000-03-01", true)]
    [InlineData("1900-02-29", false)]
    [InlineData("2000-02-29", true)]
    [InlineData("2019-02-29", false)]
    [InlineData("2019-09-31", false)]
    [InlineData("2019-00-10", false)]
    [InlineData("2019-09-00", false)]
    [InlineData("2019-9-01", false)]
    [InlineData("12019-03-01", true)]
    [InlineData("02019-03-01", false)]
    [InlineData("2147483647-09-01", true)]
    [InlineData("2147483648-09-01", false)]
    [InlineData("+2019-09-01", false)]
    [InlineData("2019-09-01Z", true)]
    [InlineData("2019-09-01z", false)]
    [InlineData("2019-09-01 Z", false)]
    [InlineData("2019-09-01+14:59", true)]
    [InlineData("2019-09-01+15:00", false)]
    [InlineData("2019-09-01-14:30", true)]
    [InlineData("2019-09-01+00:60", false)]
    [InlineData("2019-09-01+1:00", false)]
    [InlineData("2019-09-01T00:00:00", false)]
    [InlineData("２019-08-01", false)]
    [InlineData("", false)]
    public void Dates_cast_as_the_official_processor_casts_them(string text, bool valid) =>
        Assert.Equal(valid, XsDate.TryParse(text, out _));

    [Theory]
    [InlineData("2019-08-01+01:00", "2019-08-01", true)]
    [InlineData("2019-08-01-01:00", "2019-08-01", false)]
    [InlineData("2016-08-01+01:00", "2016-08-01", true)]
    [InlineData("2016-07-31", "2016-08-01", true)]
    [InlineData("2016-08-01", "2016-08-01", false)]
    [InlineData("-2022-07-31", "-2021-08-01", true)]
    [InlineData("0000-12-31", "0001-01-01", true)]
    public void Dates_compare_by_their_starting_instant_in_utc(string a, string b, bool less)
    {
        Assert.True(XsDate.TryParse(a, out var x));
        Assert.True(XsDate.TryParse(b, out var y));
        Assert.Equal(less, XsDate.LessThan(x, y));
    }

    [Theory]
    [InlineData(1002, true)]
    [InlineData(999, false)]
    [InlineData(-5, false)]
    [InlineData(-2019, true)]
    [InlineData(12345, true)]
    public void A_first_of_august_is_built_from_the_years_decimal_text(long year, bool valid) =>
        Assert.Equal(valid, XsDate.TryFirstOfAugust(year, out _));

    [Theory]
    [InlineData("true", true, true)]
    [InlineData("1", true, true)]
    [InlineData(" false\n", true, false)]
    [InlineData("0", true, false)]
    [InlineData("TRUE", false, false)]
    [InlineData("True", false, false)]
    [InlineData("", false, false)]
    [InlineData("ja", false, false)]
    public void Booleans_cast_as_the_official_processor_casts_them(string text, bool valid, bool value)
    {
        Assert.Equal(valid, XsText.TryParseBoolean(text, out var b));
        Assert.Equal(value, b);
    }

    [Theory]
    [InlineData("a@b.nl", true)]
    [InlineData("a@b@c", true)]
    [InlineData("x@y", true)]
    [InlineData(" geheim@geheim.geheim", true)]
    [InlineData("a.b-c+d@e-f.g.nl", true)]
    [InlineData("ab@cd.nl\n", false)]
    [InlineData("ab@-b.nl", false)]
    [InlineData("ab@b-.nl", false)]
    [InlineData("ab@b..nl", false)]
    [InlineData("ab@.nl", false)]
    [InlineData("@b.nl", false)]
    [InlineData("a @b.nl", false)]
    [InlineData("ä@b.nl", false)]
    [InlineData("a@b.nl.", false)]
    [InlineData("abc", false)]
    [InlineData("", false)]
    public void The_email_pattern_matches_as_the_official_regex(string address, bool matches) =>
        Assert.Equal(matches, EmailPattern.Matches(address));

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("a😀b", 3)]
    [InlineData("", 0)]
    public void String_length_counts_code_points(string s, int length) => Assert.Equal(length, XsText.CodepointLength(s));
}
