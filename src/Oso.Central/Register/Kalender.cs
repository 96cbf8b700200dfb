namespace Oso.Central.Register;

/// <summary>Dates in the Netherlands: mandates and aanleverpunten are valid per calendar day, Dutch time.</summary>
internal static class Kalender
{
    private static readonly TimeZoneInfo Nederland = Find();

    /// <summary>Today's date in the Netherlands at <paramref name="moment"/>.</summary>
    public static DateOnly Dag(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Nederland).DateTime);

    /// <summary><paramref name="moment"/> in Dutch time (for people: the portal shows times this way).</summary>
    public static DateTimeOffset Lokaal(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Nederland);

    /// <summary>Today's date in the Netherlands.</summary>
    public static DateOnly Vandaag(TimeProvider time) => Dag(time.GetUtcNow());

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
