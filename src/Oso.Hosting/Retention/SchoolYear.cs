using System.Globalization;
using Oso.Hosting.Configuration;

namespace Oso.Hosting.Retention;

/// <summary>
/// The Dutch school year (1 August to 31 July), the unit in which schools think about a transfer: retention periods
/// count from the end of the school year in which a record was last used. Boundaries are taken at 00:00 UTC on
/// 1 August (two hours from Dutch midnight, which no retention period notices).
/// </summary>
public static class SchoolYear
{
    /// <summary>The start of the school year that contains <paramref name="moment"/> (the latest 1 August at or before it).</summary>
    public static DateTimeOffset StartOf(DateTimeOffset moment)
    {
        var utc = moment.UtcDateTime;
        var year = utc.Month >= 8 ? utc.Year : utc.Year - 1;
        return new DateTimeOffset(year, 8, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>The end of the school year that contains <paramref name="moment"/> (the next 1 August after it).</summary>
    public static DateTimeOffset EndOf(DateTimeOffset moment) => StartOf(moment).AddYears(1);

    /// <summary>
    /// The cut-off for "kept <paramref name="period"/> after the end of the school year of its last use": a record whose
    /// last use lies before the returned moment has passed its period at <paramref name="now"/>, one at or after it has
    /// not. (EndOf(last) + period ≤ now exactly when last &lt; StartOf(now − period), because EndOf only jumps at 1 August.)
    /// </summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now, TimeSpan period) => StartOf(now - period);

    /// <summary>The school year as Dutch people write it (<c>2026-2027</c>).</summary>
    public static string Name(DateTimeOffset moment)
    {
        var start = StartOf(moment).Year;
        return string.Create(CultureInfo.InvariantCulture, $"{start}-{start + 1}");
    }
}

/// <summary>A retention setting checked against its legal bounds at start.</summary>
public static class RetentionBounds
{
    /// <summary>
    /// A Dutch problem naming <paramref name="key"/> when <paramref name="value"/> lies outside [min, max]; null when it
    /// lies within. <paramref name="why"/> says where the bound comes from (shown with the problem).
    /// </summary>
    public static SettingProblem? Check(string key, TimeSpan value, TimeSpan min, TimeSpan max, string why)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (value >= min && value <= max) return null;
        return new SettingProblem(key, string.Create(CultureInfo.InvariantCulture,
            $"{Days(value)} ligt buiten de wettelijke grenzen van {Days(min)} tot en met {Days(max)} ({why})."));
    }

    /// <summary>A period in days, in Dutch.</summary>
    public static string Days(TimeSpan value)
    {
        var days = value.TotalDays;
        var text = days == Math.Floor(days) ? ((long)days).ToString(CultureInfo.InvariantCulture) : days.ToString("0.##", CultureInfo.GetCultureInfo("nl-NL"));
        return text + (days == 1 ? " dag" : " dagen");
    }
}
