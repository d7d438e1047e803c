using Ical.Net.DataTypes;

namespace Netwerk.Web.Invitations;

/// <summary>
/// Instants as Europe/Brussels wall-clock time, through the same tz database (NodaTime's, inside Ical.Net) that writes
/// the VTIMEZONE rules, so the times in a calendar and the rules that interpret them cannot disagree.
/// </summary>
internal static class BrusselsTime
{
    public const string ZoneId = "Europe/Brussels";

    /// <summary>A DTSTART-style value with TZID=Europe/Brussels, never floating; whole seconds, as iCalendar has no fractions.</summary>
    public static CalDateTime ToCalDateTime(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var seconds = new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return new CalDateTime(seconds, CalDateTime.UtcTzId).ToTimeZone(ZoneId);
    }

    /// <summary>The wall-clock time in Brussels, for text meant for people.</summary>
    public static DateTime ToLocal(DateTimeOffset instant) => ToCalDateTime(instant).Value;

    public static DateTimeOffset ToInstant(CalDateTime value) => new(value.AsUtc, TimeSpan.Zero);
}
