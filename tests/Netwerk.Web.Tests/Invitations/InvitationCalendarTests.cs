using System.Text.RegularExpressions;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Netwerk.Web.Invitations;

namespace Netwerk.Web.Tests.Invitations;

/// <summary>The iTIP calendar of an invitation, read back with Ical.Net and as text, as a calendar client would see it.</summary>
public sealed partial class InvitationCalendarTests : IDisposable
{
    private readonly InvitationServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Invitation_is_a_request_with_uid_sequence_stamp_times_in_brussels_and_the_recipient_alone()
    {
        var text = _services.Calendar.Build(InvitationServices.Meeting() with { Sequence = 3 });

        var calendar = Calendar.Load(text)!;
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal("2.0", calendar.Version);
        Assert.Equal(InvitationCalendar.ProductId, calendar.ProductId);
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal("meeting-0192@w13.example.org", vevent.Uid);
        Assert.Equal(3, vevent.Sequence);
        Assert.True(vevent.DtStamp!.IsUtc);
        Assert.Equal(_services.Clock.GetUtcNow().UtcDateTime, vevent.DtStamp.AsUtc);
        Assert.Equal("Lerend netwerk trajectbegeleiders", vevent.Summary);
        Assert.Equal("1. Welkom\n2. Wachtlijsten Nederlands: stand van zaken\n3. Rondvraag", vevent.Description);
        Assert.Equal("Vormingscentrum Kortrijk, zaal 2", vevent.Location);
        Assert.Equal("CONFIRMED", vevent.Status);
        AssertBrussels(vevent.DtStart!, new DateTime(2026, 3, 10, 9, 30, 0), new DateTime(2026, 3, 10, 8, 30, 0));
        AssertBrussels(vevent.DtEnd!, new DateTime(2026, 3, 10, 12, 0, 0), new DateTime(2026, 3, 10, 11, 0, 0));

        Assert.Equal(new Uri("mailto:netwerk@w13.example.org"), vevent.Organizer!.Value);
        Assert.Equal("Ann Claes (W13)", vevent.Organizer.CommonName);
        var attendee = Assert.Single(vevent.Attendees);
        Assert.Equal(new Uri("mailto:zoe@example.org"), attendee.Value);
        Assert.Equal("Zoë Vandenberghe", attendee.CommonName);
        Assert.Equal("REQ-PARTICIPANT", attendee.Role);
        Assert.Equal("NEEDS-ACTION", attendee.ParticipationStatus);
        Assert.True(attendee.Rsvp);

        var lines = Unfolded(text);
        Assert.Contains("DTSTART;TZID=Europe/Brussels:20260310T093000", lines);
        Assert.Contains("DTEND;TZID=Europe/Brussels:20260310T120000", lines);
        Assert.Contains("METHOD:REQUEST", lines);
        Assert.Contains("DTSTAMP:20260202T081500Z", lines);
        Assert.Single(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal)
            && l.Contains("ROLE=REQ-PARTICIPANT") && l.Contains("PARTSTAT=NEEDS-ACTION") && l.Contains("RSVP=TRUE"));
        Assert.DoesNotContain("STATUS:CANCELLED", lines);
        Assert.DoesNotMatch("[^\r]\n", text); // CRLF, as RFC 5545 wants
    }

    [Fact]
    public void Vtimezone_carries_the_standard_and_daylight_rules_of_brussels()
    {
        var calendar = Calendar.Load(_services.Calendar.Build(InvitationServices.Meeting()))!;

        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("Europe/Brussels", zone.TzId);
        var standard = Assert.Single(zone.TimeZoneInfos, i => i.Name == "STANDARD");
        var daylight = Assert.Single(zone.TimeZoneInfos, i => i.Name == "DAYLIGHT");
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(1)), (standard.OffsetFrom!.Offset, standard.OffsetTo!.Offset));
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromHours(2)), (daylight.OffsetFrom!.Offset, daylight.OffsetTo!.Offset));
        // EU rule: summer time from the last Sunday of March 02:00, winter time from the last Sunday of October 03:00.
        AssertLastSundayRule(standard, month: 10, hour: 3);
        AssertLastSundayRule(daylight, month: 3, hour: 2);
        // The rules cover the meeting: they start before it.
        Assert.True(standard.DtStart!.Value < new DateTime(2026, 3, 10) && daylight.DtStart!.Value < new DateTime(2026, 3, 10));
    }

    [Theory]
    [InlineData(2026, 3, 10, 1)] // before the switch: winter time
    [InlineData(2026, 3, 31, 2)] // two days after the switch of 29 March: summer time
    [InlineData(2026, 10, 27, 1)] // after the switch back of 25 October
    [InlineData(2026, 7, 14, 2)]
    public void The_vtimezone_rules_alone_put_the_meeting_at_the_right_utc_time(int year, int month, int day, int offsetHours)
    {
        var start = InvitationServices.Brussels(year, month, day, 9, 30);
        var meeting = InvitationServices.Meeting() with { Start = start, End = start.AddHours(2.5) };

        var calendar = Calendar.Load(_services.Calendar.Build(meeting))!;

        var vevent = calendar.Events.Single();
        var local = new DateTime(year, month, day, 9, 30, 0);
        Assert.Equal(local, vevent.DtStart!.Value);
        // What a client that knows no tz database does: apply the VTIMEZONE's own rules to the local time.
        var offset = OffsetByRules(calendar.TimeZones.Single(), local);
        Assert.Equal(TimeSpan.FromHours(offsetHours), offset);
        Assert.Equal(start.UtcDateTime, local - offset);
        Assert.Equal(start.UtcDateTime, vevent.DtStart.AsUtc); // and Ical.Net, with its own tz database, agrees
    }

    [Fact]
    public void Meeting_years_ahead_still_gets_the_rules_that_place_it_right()
    {
        // Ical.Net 5.2.4 reads the tz database up to the machine's clock and throws for a start more than a year past it.
        var local = TimeProvider.System.GetUtcNow().AddYears(3).Date.AddHours(14);
        var start = InvitationServices.Brussels(local.Year, local.Month, local.Day, 14, 0);
        var meeting = InvitationServices.Meeting() with { Start = start, End = start.AddHours(1) };

        var calendar = Calendar.Load(_services.Calendar.Build(meeting))!;

        var zone = calendar.TimeZones.Single();
        Assert.Equal(["DAYLIGHT", "STANDARD"], zone.TimeZoneInfos.Select(i => i.Name).Order());
        Assert.Equal(start.Offset, OffsetByRules(zone, local));
    }

    [Fact]
    public void Cancellation_is_a_cancel_with_status_cancelled_the_same_uid_and_the_given_sequence()
    {
        var request = Calendar.Load(_services.Calendar.Build(InvitationServices.Meeting() with { Sequence = 4 }))!.Events.Single();

        var text = _services.Calendar.Build(InvitationServices.Meeting() with { Sequence = 5, Status = InvitationStatus.Cancelled });

        var calendar = Calendar.Load(text)!;
        Assert.Equal("CANCEL", calendar.Method);
        var vevent = calendar.Events.Single();
        Assert.Equal(request.Uid, vevent.Uid);
        Assert.Equal(5, vevent.Sequence);
        Assert.Equal("CANCELLED", vevent.Status);
        Assert.Null(vevent.RecurrenceIdentifier);
        Assert.Equal("mailto:zoe@example.org", Assert.Single(vevent.Attendees).Value!.ToString());
        Assert.Contains("STATUS:CANCELLED", Unfolded(text));
    }

    [Fact]
    public void Series_has_its_rule_and_the_cancelled_dates_as_exdates_in_brussels_time()
    {
        var meeting = InvitationServices.Meeting() with
        {
            RecurrenceRule = "FREQ=WEEKLY;BYDAY=TU;COUNT=6",
            ExceptionDates = [InvitationServices.Brussels(2026, 3, 17, 9, 30), InvitationServices.Brussels(2026, 4, 7, 9, 30)],
        };

        var text = _services.Calendar.Build(meeting);

        var lines = EventLines(text);
        var rule = Assert.Single(lines, l => l.StartsWith("RRULE:", StringComparison.Ordinal));
        Assert.Equal(["BYDAY=TU", "COUNT=6", "FREQ=WEEKLY"], rule["RRULE:".Length..].Split(';').Order());
        // After the switch to summer time the cancelled date is still 09:30 local, not 10:30.
        Assert.Contains(lines, l => l.StartsWith("EXDATE;TZID=Europe/Brussels:", StringComparison.Ordinal)
            && l.Contains("20260317T093000") && l.Contains("20260407T093000"));
        var vevent = Calendar.Load(text)!.Events.Single();
        var starts = vevent.GetOccurrences(null, null).Select(o => o.Period.StartTime.Value).ToList();
        Assert.Equal([new(2026, 3, 10, 9, 30, 0), new(2026, 3, 24, 9, 30, 0), new(2026, 3, 31, 9, 30, 0), new(2026, 4, 14, 9, 30, 0)], starts);
    }

    [Fact]
    public void One_occurrence_is_named_by_recurrence_id_of_its_original_start()
    {
        var original = InvitationServices.Brussels(2026, 3, 31, 9, 30);
        var moved = InvitationServices.Meeting() with
        {
            OccurrenceOf = original,
            Start = InvitationServices.Brussels(2026, 4, 1, 14, 0),
            End = InvitationServices.Brussels(2026, 4, 1, 16, 0),
            Sequence = 2,
        };

        var request = _services.Calendar.Build(moved);
        var cancel = _services.Calendar.Build(moved with { Status = InvitationStatus.Cancelled, Sequence = 3 });

        foreach (var text in new[] { request, cancel })
        {
            var lines = EventLines(text);
            Assert.Contains("RECURRENCE-ID;TZID=Europe/Brussels:20260331T093000", lines);
            Assert.DoesNotContain(lines, l => l.StartsWith("RRULE", StringComparison.Ordinal));
            var vevent = Calendar.Load(text)!.Events.Single();
            Assert.Equal("meeting-0192@w13.example.org", vevent.Uid);
            Assert.Equal(original.UtcDateTime, vevent.RecurrenceIdentifier!.StartTime.AsUtc);
        }
        Assert.Contains("DTSTART;TZID=Europe/Brussels:20260401T140000", Unfolded(request));
        Assert.Equal(("CANCEL", "CANCELLED"), (Calendar.Load(cancel)!.Method, Calendar.Load(cancel)!.Events.Single().Status));
    }

    [Fact]
    public void Removing_the_recipient_sends_them_a_cancel_naming_only_them()
    {
        var text = _services.Calendar.Build(InvitationServices.Meeting() with { RecipientRemoved = true, Sequence = 1 });

        var calendar = Calendar.Load(text)!;
        Assert.Equal("CANCEL", calendar.Method);
        var vevent = calendar.Events.Single();
        Assert.Equal("CANCELLED", vevent.Status);
        Assert.Equal("meeting-0192@w13.example.org", vevent.Uid);
        Assert.Equal("Zoë Vandenberghe", Assert.Single(vevent.Attendees).CommonName);
    }

    [Fact]
    public void Tentative_meeting_is_a_request_with_status_tentative()
    {
        var calendar = Calendar.Load(_services.Calendar.Build(InvitationServices.Meeting() with { Status = InvitationStatus.Tentative }))!;

        Assert.Equal(("REQUEST", "TENTATIVE"), (calendar.Method, calendar.Events.Single().Status));
    }

    [Fact]
    public void No_time_in_the_event_is_floating()
    {
        var meeting = InvitationServices.Meeting() with
        {
            RecurrenceRule = "FREQ=MONTHLY;BYDAY=2TU",
            ExceptionDates = [InvitationServices.Brussels(2026, 4, 14, 9, 30)],
            OnlineUrl = new Uri("https://meet.example.org/lerend-netwerk"),
        };

        var eventLines = EventLines(_services.Calendar.Build(meeting));

        var times = eventLines.Where(l => DateValue().IsMatch(l)).ToList();
        Assert.NotEmpty(times);
        Assert.All(times, l => Assert.True(l.Contains(";TZID=Europe/Brussels:") || l.EndsWith('Z'), $"floating time: {l}"));
        Assert.Contains("URL:https://meet.example.org/lerend-netwerk", eventLines);
    }

    [Fact]
    public void Names_with_commas_colons_and_semicolons_survive_as_quoted_parameters()
    {
        var meeting = InvitationServices.Meeting() with
        {
            Recipient = InvitationServices.Meeting().Recipient with { Name = "Vandenberghe, Zoë: trajectbegeleider; OCMW" },
        };

        var vevent = Calendar.Load(_services.Calendar.Build(meeting))!.Events.Single();

        Assert.Equal("Vandenberghe, Zoë: trajectbegeleider; OCMW", vevent.Attendees.Single().CommonName);
        Assert.Equal(new Uri("mailto:zoe@example.org"), vevent.Attendees.Single().Value);
    }

    public static TheoryData<string, InvitationEvent> Refused => new()
    {
        { "End", InvitationServices.Meeting() with { End = InvitationServices.Meeting().Start } },
        { "OccurrenceOf", InvitationServices.Meeting() with { RecurrenceRule = "FREQ=WEEKLY", OccurrenceOf = InvitationServices.Meeting().Start } },
        { "ExceptionDates", InvitationServices.Meeting() with { ExceptionDates = [InvitationServices.Meeting().Start] } },
        { "RecurrenceRule", InvitationServices.Meeting() with { RecurrenceRule = "FREQ=SOMETIMES" } },
        { "Email", InvitationServices.Meeting() with { Recipient = InvitationServices.Meeting().Recipient with { Email = "Zoë <zoe@example.org>" } } },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Wrong_invitation_is_refused_naming_the_field(string field, InvitationEvent meeting)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => _services.Calendar.Build(meeting));

        Assert.Equal(field, error.ParamName);
    }

    private static void AssertBrussels(CalDateTime value, DateTime local, DateTime utc)
    {
        Assert.False(value.IsFloating);
        Assert.Equal("Europe/Brussels", value.TzId);
        Assert.Equal(local, value.Value);
        Assert.Equal(utc, value.AsUtc);
    }

    private static void AssertLastSundayRule(VTimeZoneInfo observance, int month, int hour)
    {
        var rule = observance.RecurrenceRule!;
        Assert.Equal(FrequencyType.Yearly, rule.Frequency);
        Assert.Equal([month], rule.ByMonth);
        var day = Assert.Single(rule.ByDay);
        Assert.Equal((DayOfWeek.Sunday, -1), (day.DayOfWeek, day.Offset));
        Assert.Equal((month, hour, DayOfWeek.Sunday), (observance.DtStart!.Month, observance.DtStart.Hour, observance.DtStart.DayOfWeek));
    }

    /// <summary>The UTC offset at a local time by the observances of the VTIMEZONE: the one whose latest onset came last.</summary>
    private static TimeSpan OffsetByRules(VTimeZone zone, DateTime local)
    {
        var onsets = zone.TimeZoneInfos.SelectMany(info => info.GetOccurrences(null, null)
            .Select(o => o.Period.StartTime.Value)
            .TakeWhile(onset => onset <= local)
            .Select(onset => (Onset: onset, info.OffsetTo!.Offset)));
        return onsets.MaxBy(o => o.Onset).Offset;
    }

    /// <summary>The content lines, unfolded (RFC 5545 §3.1).</summary>
    internal static List<string> Unfolded(string text) => [.. text.Replace("\r\n ", "").Replace("\r\n\t", "").Split("\r\n")];

    private static List<string> EventLines(string text) => [.. Unfolded(text).SkipWhile(l => l != "BEGIN:VEVENT").TakeWhile(l => l != "END:VEVENT")];

    [GeneratedRegex(@"^(DTSTART|DTEND|EXDATE|RDATE|RECURRENCE-ID|DUE)[;:]")]
    private static partial Regex DateValue();
}
