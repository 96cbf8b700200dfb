using System.Globalization;

namespace Oso.Dossier.Rules.Xpath;

/// <summary>
/// An <c>xs:date</c> value exactly as the official validator's processor (Saxon-HE 9.9) casts it from text:
/// surrounding XML whitespace is trimmed; <c>-?YYYY-MM-DD</c> with a year of four or more ASCII digits (no
/// leading zero when longer than four; year 0000 allowed, as XSD 1.1 does; magnitude at most 2,147,483,647),
/// a real calendar day (proleptic Gregorian, leap years counted on the signed year), and an optional timezone
/// <c>Z</c> or <c>±hh:mm</c> with hours 00–14 and minutes 00–59 (Saxon accepts <c>+14:59</c>).
/// </summary>
/// <remarks>
/// Dates are compared by their starting instant. A date without timezone takes the implicit timezone, which
/// for the official tool is the JVM's: UTC on the reference machines (and on any server run in UTC).
/// The rules never read the clock.
/// </remarks>
internal readonly record struct XsDate(long Year, int Month, int Day, int? TimezoneMinutes)
{
    private const long MaxYear = int.MaxValue;

    /// <summary>The starting instant in minutes since 0000-03-01T00:00Z (any fixed epoch serves for ordering).</summary>
    private long StartMinutes => DaysFromCivil(Year, Month, Day) * 1440 - (TimezoneMinutes ?? 0);

    /// <summary><c>$a lt $b</c> for xs:date.</summary>
    public static bool LessThan(XsDate a, XsDate b) => a.StartMinutes < b.StartMinutes;

    /// <summary>Casts text to xs:date; false where the official processor raises FORG0001.</summary>
    public static bool TryParse(string text, out XsDate date)
    {
        date = default;
        var s = XsText.TrimXmlWhitespace(text);
        var i = 0;
        var negative = s.Length > 0 && s[0] == '-';
        if (negative) i++;
        var yearStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        var yearDigits = i - yearStart;
        if (yearDigits < 4 || (yearDigits > 4 && s[yearStart] == '0') || yearDigits > 10) return false;
        var year = long.Parse(s.AsSpan(yearStart, yearDigits), NumberStyles.None, CultureInfo.InvariantCulture);
        if (year > MaxYear) return false;
        if (negative) year = -year;
        if (!TwoDigits(s, ref i, '-', out var month) || !TwoDigits(s, ref i, '-', out var day)) return false;
        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month)) return false;

        int? timezone = null;
        if (i < s.Length)
        {
            if (s[i] == 'Z' && i + 1 == s.Length) timezone = 0;
            else if ((s[i] == '+' || s[i] == '-') && i + 6 == s.Length && s[i + 3] == ':'
                     && TryTwoDigits(s, i + 1, out var hh) && TryTwoDigits(s, i + 4, out var mm) && hh <= 14 && mm <= 59)
                timezone = (s[i] == '-' ? -1 : 1) * (hh * 60 + mm);
            else return false;
        }
        date = new XsDate(year, month, day, timezone);
        return true;
    }

    /// <summary>
    /// <c>xs:date(concat(year, '-08-01'))</c> as the official TR04 rule builds it from a year: the integer's
    /// decimal text must itself be a valid xs:date year (so years below 1000 fail, as they do officially).
    /// </summary>
    public static bool TryFirstOfAugust(long year, out XsDate date) =>
        TryParse(year.ToString(CultureInfo.InvariantCulture) + "-08-01", out date);

    private static bool TwoDigits(string s, ref int i, char separator, out int value)
    {
        value = 0;
        if (i + 3 > s.Length || s[i] != separator || !TryTwoDigits(s, i + 1, out value)) return false;
        i += 3;
        return true;
    }

    private static bool TryTwoDigits(string s, int at, out int value)
    {
        value = 0;
        if (at + 2 > s.Length || !char.IsAsciiDigit(s[at]) || !char.IsAsciiDigit(s[at + 1])) return false;
        value = (s[at] - '0') * 10 + (s[at + 1] - '0');
        return true;
    }

    private static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeap(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool IsLeap(long year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    // Howard Hinnant's days_from_civil, valid for every signed year in range
    private static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - era * 400;
        var mp = (m + 9) % 12;
        var doy = (153 * mp + 2) / 5 + d - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe;
    }
}
