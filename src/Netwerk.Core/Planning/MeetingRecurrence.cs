using System.Globalization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Netwerk.Core.Schema;

namespace Netwerk.Core.Planning;

/// <summary>
/// A change to one occurrence of a recurring meeting, keyed by the occurrence's original start (the RECURRENCE-ID
/// of iCalendar): cancelled, or moved and/or with other details. Null fields keep the series' value.
/// </summary>
public sealed record OccurrenceException
{
    public required DateTimeOffset OriginalStart { get; init; }
    public bool Cancelled { get; init; }
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public string? Title { get; init; }
    public string? Venue { get; init; }
    public string? Address { get; init; }
    public string? Room { get; init; }
    public string? OnlineUrl { get; init; }
    public string? Description { get; init; }
}

/// <summary>One occurrence of a meeting: where it came from in the series, when it is now, and whether it is off.</summary>
public sealed record MeetingOccurrence(DateTimeOffset OriginalStart, DateTimeOffset Start, DateTimeOffset End, bool Cancelled, OccurrenceException? Change);

/// <summary>
/// Recurrence of meetings: RFC 5545 RRULEs (parsed and expanded by Ical.Net) on Europe/Brussels wall-clock time, so a
/// 10:00 overleg stays at 10:00 across the change to summer time. Netwerk accepts rules a regisseur's calendar would
/// show sensibly: at most daily (<c>FREQ=DAILY|WEEKLY|MONTHLY|YEARLY</c>, no BYHOUR/BYMINUTE/BYSECOND), always
/// bounded (COUNT or UNTIL) and ending within <see cref="MaxSpanYears"/> years of the first start, with at most
/// <see cref="MaxOccurrences"/> occurrences. A bounded rule keeps every expansion finite and every iTIP invitation
/// honest; an organiser extends a series by editing its UNTIL.
/// </summary>
public static class MeetingRecurrence
{
    public const int MaxSpanYears = 5;
    public const int MaxOccurrences = 1000;
    public const string ZoneId = "Europe/Brussels";

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    /// <summary>The instant as Brussels wall-clock time with that day's offset (+01:00 or +02:00).</summary>
    public static DateTimeOffset ToBrussels(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Checks a rule for a series starting at <paramref name="start"/>; every problem names <paramref name="field"/>.</summary>
    public static List<ValidationError> Validate(string rule, DateTimeOffset start, string field)
    {
        var errors = new List<ValidationError>();
        RecurrencePattern pattern;
        try
        {
            pattern = Parse(rule);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            errors.Add(new(field, "bad-recurrence", e.Message.Split(" (Parameter", 2)[0]));
            return errors;
        }
        if (pattern.Frequency is FrequencyType.Secondly or FrequencyType.Minutely or FrequencyType.Hourly)
        {
            errors.Add(new(field, "recurrence-too-frequent", pattern.Frequency.ToString().ToUpperInvariant()));
        }
        else if (pattern.ByHour.Count > 0 || pattern.ByMinute.Count > 0 || pattern.BySecond.Count > 0)
        {
            errors.Add(new(field, "recurrence-too-frequent", "BYHOUR/BYMINUTE/BYSECOND"));
        }
        if (pattern.Count is null && pattern.Until is null) errors.Add(new(field, "recurrence-unbounded", MaxSpanYears.ToString(CultureInfo.InvariantCulture)));
        if (pattern.Count is < 1) errors.Add(new(field, "bad-recurrence", "COUNT < 1"));
        if (pattern.Interval < 1) errors.Add(new(field, "bad-recurrence", "INTERVAL < 1"));
        if (errors.Count > 0) return errors;

        var horizon = ToBrussels(start).AddYears(MaxSpanYears);
        if (pattern.Until is { } until && UntilInstant(until) > horizon)
        {
            errors.Add(new(field, "recurrence-too-long", MaxSpanYears.ToString(CultureInfo.InvariantCulture)));
            return errors;
        }
        try
        {
            var count = 0;
            foreach (var occurrence in Generate(rule, start))
            {
                if (occurrence > horizon)
                {
                    errors.Add(new(field, "recurrence-too-long", MaxSpanYears.ToString(CultureInfo.InvariantCulture)));
                    break;
                }
                if (++count > MaxOccurrences)
                {
                    errors.Add(new(field, "recurrence-too-many", MaxOccurrences.ToString(CultureInfo.InvariantCulture)));
                    break;
                }
            }
            if (count == 0) errors.Add(new(field, "recurrence-empty"));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Ical.Net.Evaluation.EvaluationException)
        {
            errors.Add(new(field, "bad-recurrence", e.Message));
        }
        return errors;
    }

    /// <summary>
    /// The start of every occurrence of a series, in order, as Brussels times; a single start without a rule.
    /// The rule must have passed <see cref="Validate"/>.
    /// </summary>
    public static IEnumerable<DateTimeOffset> Starts(string? rule, DateTimeOffset start) =>
        string.IsNullOrWhiteSpace(rule) ? [ToBrussels(start)] : Generate(rule, start).Take(MaxOccurrences + 1);

    /// <summary>
    /// <see cref="Expand"/> for readers that must not fail on stored data (listings, feeds, reminders, the annual
    /// report): a rule written past the meeting API (a raw node edit, an import) counts as a one-off meeting, and a
    /// meeting that cannot be expanded even so has no occurrences.
    /// </summary>
    public static IReadOnlyList<MeetingOccurrence> ExpandLeniently(
        string? rule, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<OccurrenceException> exceptions, DateTimeOffset from, DateTimeOffset to)
    {
        try
        {
            return Expand(rule, start, end, exceptions, from, to);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or Ical.Net.Evaluation.EvaluationException)
        {
            try
            {
                return Expand(null, start, end, exceptions, from, to);
            }
            catch (ArgumentException)
            {
                return [];
            }
        }
    }

    /// <summary>
    /// The occurrences of a series that overlap [<paramref name="from"/>, <paramref name="to"/>), with the changes
    /// applied (a moved occurrence counts where it is now) and cancelled ones included with their flag. Changes whose
    /// original start is not an occurrence of the rule are ignored.
    /// </summary>
    public static IReadOnlyList<MeetingOccurrence> Expand(
        string? rule, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<OccurrenceException> exceptions, DateTimeOffset from, DateTimeOffset to)
    {
        var duration = end - start;
        var changes = exceptions.GroupBy(e => e.OriginalStart.UtcDateTime).ToDictionary(g => g.Key, g => g.Last());
        var result = new List<MeetingOccurrence>();
        foreach (var original in Starts(rule, start))
        {
            changes.TryGetValue(original.UtcDateTime, out var change);
            var actualStart = change?.Start is { } s ? ToBrussels(s) : original;
            var actualEnd = change?.End is { } e ? ToBrussels(e) : change?.Start is not null ? actualStart + duration : original + duration;
            if (actualEnd > from && actualStart < to || actualStart >= from && actualStart < to)
            {
                result.Add(new MeetingOccurrence(original, actualStart, actualEnd, change?.Cancelled == true, change));
            }
        }
        return result.OrderBy(o => o.Start).ThenBy(o => o.OriginalStart).ToList();
    }

    /// <summary>Whether <paramref name="originalStart"/> is the original start of an occurrence of the series.</summary>
    public static bool IsOccurrence(string? rule, DateTimeOffset start, DateTimeOffset originalStart) =>
        Starts(rule, start).Any(s => s.UtcDateTime == originalStart.UtcDateTime);

    /// <summary>
    /// Splits a series at one occurrence ("this and following"): the rule for the part before it (ending with an UNTIL
    /// just before it), and the rule for the rest starting there (COUNT reduced by the occurrences already past, or the
    /// same UNTIL). Returns a null head when the split is at the first occurrence (nothing stays behind).
    /// </summary>
    public static (string? Head, string Tail) Split(string rule, DateTimeOffset start, DateTimeOffset originalStart)
    {
        var before = Starts(rule, start).Count(s => s < originalStart);
        var head = Parse(rule);
        var tail = Parse(rule);
        string? headText = null;
        if (before > 0)
        {
            head.Count = null;
            var until = originalStart.UtcDateTime.AddSeconds(-1);
            head.Until = new CalDateTime(until.Year, until.Month, until.Day, until.Hour, until.Minute, until.Second, CalDateTime.UtcTzId);
            headText = head.ToString();
        }
        if (tail.Count is { } count) tail.Count = Math.Max(1, count - before);
        return (headText, tail.ToString()!);
    }

    /// <summary>Ends a series before one occurrence (cancel "this and following"); null when nothing would be left.</summary>
    public static string? EndBefore(string rule, DateTimeOffset start, DateTimeOffset originalStart) => Split(rule, start, originalStart).Head;

    private static RecurrencePattern Parse(string rule)
    {
        var text = rule.Trim();
        if (text.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase)) text = text[6..];
        if (text.Length == 0 || text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal))
        {
            throw new FormatException("Expected one RRULE value such as FREQ=WEEKLY;BYDAY=TU;COUNT=10.");
        }
        // RecurrencePattern, not its base RecurrenceRule: only the former writes itself back as RRULE text.
        return new RecurrencePattern(text);
    }

    private static IEnumerable<DateTimeOffset> Generate(string rule, DateTimeOffset start)
    {
        var local = ToBrussels(start);
        var calendarEvent = new CalendarEvent
        {
            DtStart = new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, ZoneId),
            RecurrenceRule = Parse(rule),
        };
        foreach (var occurrence in calendarEvent.GetOccurrences(null, null))
        {
            yield return ToBrussels(new DateTimeOffset(DateTime.SpecifyKind(occurrence.Period.StartTime.AsUtc, DateTimeKind.Utc)));
        }
    }

    private static DateTimeOffset UntilInstant(CalDateTime until) =>
        until.IsUtc || !string.IsNullOrEmpty(until.TzId) && until.HasTime
            ? new DateTimeOffset(DateTime.SpecifyKind(until.AsUtc, DateTimeKind.Utc))
            : new DateTimeOffset(until.Date.ToDateTime(new TimeOnly(23, 59, 59)), Zone.GetUtcOffset(until.Date.ToDateTime(TimeOnly.MinValue)));
}
