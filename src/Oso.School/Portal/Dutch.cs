using System.Globalization;

namespace Oso.School.Portal;

/// <summary>Dates and times as Dutch people read them (the node runs with invariant globalization, so no culture does it).</summary>
public static class Dutch
{
    private static readonly string[] Months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    /// <summary>"1 april 2026".</summary>
    public static string Date(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    /// <summary>"1 april 2026" or "" for none.</summary>
    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    /// <summary>"1 april 2026 om 14:05" (Dutch local time).</summary>
    public static string Moment(DateTimeOffset moment)
    {
        var local = Amsterdam.Local(moment);
        return Date(DateOnly.FromDateTime(local.DateTime)) + " om " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>"1 april 2026 om 14:05" or "" for none.</summary>
    public static string Moment(DateTimeOffset? moment) => moment is { } m ? Moment(m) : "";

    /// <summary>A date for an <c>input type="date"</c>.</summary>
    public static string IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Parses an <c>input type="date"</c> value.</summary>
    public static bool TryParseIsoDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A school's sector in words: "PO" → "basisonderwijs".</summary>
    public static string Sector(string? sector) => sector switch
    {
        "PO" => "basisonderwijs",
        "VO" => "voortgezet onderwijs",
        "SO" => "speciaal onderwijs",
        "SWV" => "samenwerkingsverband",
        null => "",
        _ => sector,
    };

    /// <summary>
    /// A disclosure's receipt in plain Dutch: "ontvangen door SCHOOL op MOMENT" with the receipt's status (ontvangen en
    /// bevestigd / nog geen bevestiging / bevestiging ongeldig).
    /// </summary>
    public static string Ontvangst(Oso.School.Bron.Ontvangst ontvangst, string school)
    {
        ArgumentNullException.ThrowIfNull(ontvangst);
        return ontvangst.Status switch
        {
            Oso.School.Bron.OntvangstStatus.Bevestigd => $"Ontvangen door {school} op {Moment(ontvangst.Op)}: ontvangen en bevestigd.",
            Oso.School.Bron.OntvangstStatus.Ongeldig => $"Bevestiging ongeldig: {school} stuurde een ontvangstbevestiging die niet klopt met wat is verstuurd.",
            _ => "Nog geen bevestiging van ontvangst.",
        };
    }

    /// <summary>Only the last four characters of a BSN or onderwijsnummer: "*****6728" (<see cref="Oso.Dossier.Identifiers.Pgn.Mask"/>).</summary>
    public static string Masked(string? pgn) => Oso.Dossier.Identifiers.Pgn.Mask(pgn);
}

/// <summary>Dutch local time (dates the parents and staff see, the inzagedatum).</summary>
public static class Amsterdam
{
    private static readonly TimeZoneInfo Zone = Find();

    /// <summary>Now, in Dutch local time.</summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);
    }

    /// <summary>A moment in Dutch local time.</summary>
    public static DateTimeOffset Local(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone);

    /// <summary>The moment a Dutch date and clock time stand for.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly clock)
    {
        var local = date.ToDateTime(clock, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
