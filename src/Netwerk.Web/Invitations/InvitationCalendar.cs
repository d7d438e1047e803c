using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Netwerk.Web.Invitations;

/// <summary>
/// Writes every calendar Netwerk hands out, with Ical.Net. The iTIP (RFC 5546) calendar of one invitation message:
/// METHOD:REQUEST for an invitation or update, METHOD:CANCEL (with STATUS:CANCELLED) for a cancellation of the meeting
/// or one occurrence, or for a recipient taken off the list. And the METHOD:PUBLISH calendar of a subscription feed
/// (<see cref="Publish"/>): many meetings, no people. One UID per meeting in both, so clients update the event they
/// have instead of adding one.
/// </summary>
public sealed class InvitationCalendar(TimeProvider clock)
{
    public const string ProductId = "-//Regie sociale economie en werk//Netwerk//NL";

    /// <summary>The VCALENDAR text (CRLF line ends, lines folded at 75 octets) for <paramref name="invitation"/>.</summary>
    public string Build(InvitationEvent invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        invitation.Validate();
        var calendar = new Calendar
        {
            ProductId = ProductId,
            Version = "2.0",
            Method = MethodName(invitation.Method),
        };
        // Not `new VTimeZone("Europe/Brussels")`: that writes a VTIMEZONE with a TZID and no rules, and clients that
        // trust it show the meeting an hour off (ical.net issue 241). FromDateTimeZone writes the STANDARD and DAYLIGHT
        // rules from the tz database.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(BrusselsTime.ZoneId, EarliestTime([invitation]), includeHistoricalData: false));
        var vevent = Event(invitation);
        vevent.DtStamp = new CalDateTime(clock.GetUtcNow().UtcDateTime, CalDateTime.UtcTzId);
        vevent.Organizer = new Organizer("mailto:" + invitation.Organizer.Email.Trim()) { CommonName = invitation.Organizer.Name };
        // The recipient alone: the guest list is not theirs to see, and RSVP=TRUE is what makes clients offer the answer buttons.
        vevent.Attendees.Add(new Attendee("mailto:" + invitation.Recipient.Email.Trim())
        {
            CommonName = invitation.Recipient.Name,
            Role = ParticipationRole.RequiredParticipant,
            ParticipationStatus = EventParticipationStatus.NeedsAction,
            Rsvp = true,
        });
        calendar.Events.Add(vevent);
        foreach (var changed in invitation.Overrides.OrderBy(o => o.OriginalStart))
        {
            var instance = Override(invitation, changed);
            instance.DtStamp = vevent.DtStamp;
            instance.Organizer = vevent.Organizer;
            instance.Attendees.Add(vevent.Attendees[0]);
            calendar.Events.Add(instance);
        }
        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException($"Ical.Net wrote no calendar for meeting {invitation.MeetingId}.");
    }

    /// <summary>
    /// The VCALENDAR of a subscription feed (RFC 5545 METHOD:PUBLISH): each meeting as in its invitation (same UID,
    /// SEQUENCE, times, RRULE with EXDATE for cancelled dates and a RECURRENCE-ID VEVENT per changed date) but without
    /// ORGANIZER or ATTENDEE: a feed may be read by anyone holding its address, so it names nobody. DTSTAMP and
    /// LAST-MODIFIED are the meeting's last change, so the same meetings give the same bytes (and the same ETag).
    /// </summary>
    public string Publish(PublishedCalendar feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var calendar = new Calendar { ProductId = ProductId, Version = "2.0", Method = "PUBLISH" };
        // The name clients show for the subscription (Apple, Google, Outlook read X-WR-CALNAME; RFC 7986 names it NAME).
        calendar.AddProperty("X-WR-CALNAME", feed.Name);
        calendar.AddProperty("NAME", feed.Name);
        if (!string.IsNullOrWhiteSpace(feed.Description)) calendar.AddProperty("X-WR-CALDESC", feed.Description);
        calendar.AddProperty("X-WR-TIMEZONE", BrusselsTime.ZoneId);
        // How often to look again: RFC 7986's REFRESH-INTERVAL and the older X-PUBLISHED-TTL (Outlook, Apple). Clients
        // take it as a hint: Google refreshes subscriptions on its own schedule (hours).
        var refresh = System.Xml.XmlConvert.ToString(feed.RefreshInterval);
        var interval = new CalendarProperty("REFRESH-INTERVAL", refresh);
        interval.Parameters.Add("VALUE", "DURATION");
        calendar.Properties.Add(interval);
        calendar.AddProperty("X-PUBLISHED-TTL", refresh);
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(BrusselsTime.ZoneId, EarliestTime(feed.Meetings.Select(m => m.Meeting)), includeHistoricalData: false));
        foreach (var (meeting, changedAt) in feed.Meetings)
        {
            meeting.Validate();
            var stamp = new CalDateTime(changedAt.UtcDateTime.AddTicks(-(changedAt.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), CalDateTime.UtcTzId);
            var vevent = Event(meeting);
            vevent.DtStamp = stamp;
            vevent.LastModified = stamp;
            calendar.Events.Add(vevent);
            foreach (var changed in meeting.Overrides.OrderBy(o => o.OriginalStart))
            {
                var instance = Override(meeting, changed);
                instance.DtStamp = stamp;
                instance.LastModified = stamp;
                calendar.Events.Add(instance);
            }
        }
        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException($"Ical.Net wrote no calendar for the feed '{feed.Name}'.");
    }

    /// <summary>The UID of every message about a meeting: <c>&lt;meetingId&gt;@&lt;domain of the organiser's (From) address&gt;</c>.</summary>
    public static string Uid(string meetingId, string organizerEmail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(meetingId);
        var at = organizerEmail.LastIndexOf('@');
        if (at < 0 || at == organizerEmail.Length - 1) throw new ArgumentException($"'{organizerEmail}' has no domain.", nameof(organizerEmail));
        return $"{meetingId.Trim()}@{organizerEmail[(at + 1)..].Trim().ToLowerInvariant()}";
    }

    public static string MethodName(InvitationMethod method) => method == InvitationMethod.Cancel ? "CANCEL" : "REQUEST";

    /// <summary>
    /// The occurrences the message is about, in order, at most <paramref name="limit"/> and none starting after
    /// <paramref name="until"/>: the one meeting or occurrence, or the series without its cancelled dates.
    /// </summary>
    internal static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Occurrences(InvitationEvent invitation, DateTimeOffset until, int limit)
    {
        if (string.IsNullOrWhiteSpace(invitation.RecurrenceRule)) return [(invitation.Start, invitation.End)];
        var changed = invitation.Overrides.ToDictionary(o => o.OriginalStart.ToUnixTimeSeconds());
        return Event(invitation).GetOccurrences(null, null)
            .Select(o => (Start: BrusselsTime.ToInstant(o.Period.StartTime), End: BrusselsTime.ToInstant(o.Period.EffectiveEndTime ?? o.Period.StartTime)))
            .TakeWhile(o => o.Start <= until)
            .Take(limit)
            .Select(o => changed.TryGetValue(o.Start.ToUnixTimeSeconds(), out var c) ? (c.Start, c.End) : o)
            .OrderBy(o => o.Start)
            .ToList();
    }

    /// <summary>A changed occurrence of the series: same UID and SEQUENCE, its RECURRENCE-ID and its own times.</summary>
    private static CalendarEvent Override(InvitationEvent invitation, InvitationOverride changed)
    {
        var location = string.IsNullOrWhiteSpace(changed.Location) ? null : changed.Location.Trim();
        return new CalendarEvent
        {
            Uid = Uid(invitation.MeetingId, invitation.Organizer.Email),
            Sequence = invitation.Sequence,
            RecurrenceIdentifier = new RecurrenceIdentifier(BrusselsTime.ToCalDateTime(changed.OriginalStart), null),
            DtStart = BrusselsTime.ToCalDateTime(changed.Start),
            DtEnd = BrusselsTime.ToCalDateTime(changed.End),
            Summary = string.IsNullOrWhiteSpace(changed.Title) ? invitation.Title.Trim() : changed.Title.Trim(),
            Description = string.IsNullOrWhiteSpace(changed.Description) ? Description(invitation) : changed.Description.Trim(),
            Location = location ?? (string.IsNullOrWhiteSpace(invitation.Location) ? invitation.OnlineUrl?.AbsoluteUri : invitation.Location.Trim()),
            Url = invitation.OnlineUrl,
            Status = invitation.Status == InvitationStatus.Tentative ? EventStatus.Tentative : EventStatus.Confirmed,
            Transparency = "OPAQUE",
        };
    }

    /// <summary>The VEVENT without the parts that depend on the clock or the people (DTSTAMP, ORGANIZER, ATTENDEE).</summary>
    private static CalendarEvent Event(InvitationEvent invitation)
    {
        var vevent = new CalendarEvent
        {
            Uid = Uid(invitation.MeetingId, invitation.Organizer.Email),
            Sequence = invitation.Sequence,
            DtStart = BrusselsTime.ToCalDateTime(invitation.Start),
            DtEnd = BrusselsTime.ToCalDateTime(invitation.End),
            Summary = invitation.Title.Trim(),
            Description = Description(invitation),
            Location = string.IsNullOrWhiteSpace(invitation.Location) ? invitation.OnlineUrl?.AbsoluteUri : invitation.Location.Trim(),
            Url = invitation.OnlineUrl,
            // On CANCEL this is what removes the event; on REQUEST it must never say cancelled, or the event stays in calendars.
            Status = invitation.Method == InvitationMethod.Cancel ? EventStatus.Cancelled
                : invitation.Status == InvitationStatus.Tentative ? EventStatus.Tentative : EventStatus.Confirmed,
            Transparency = "OPAQUE",
        };
        if (!string.IsNullOrWhiteSpace(invitation.RecurrenceRule))
        {
            vevent.RecurrenceRule = Rule(invitation.RecurrenceRule);
            vevent.ExceptionDates.AddRange(invitation.ExceptionDates.Select(BrusselsTime.ToCalDateTime));
        }
        if (invitation.OccurrenceOf is { } original)
        {
            vevent.RecurrenceIdentifier = new RecurrenceIdentifier(BrusselsTime.ToCalDateTime(original), null);
        }
        return vevent;
    }

    internal static RecurrenceRule Rule(string text)
    {
        var value = text.Trim();
        if (value.StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase)) value = value["RRULE:".Length..];
        try
        {
            return new RecurrenceRule(value);
        }
        catch (Exception error) when (error is ArgumentException or FormatException)
        {
            throw new FormatException($"'{text}' is not an RFC 5545 recurrence rule: {error.Message}", error);
        }
    }

    private static string? Description(InvitationEvent invitation)
    {
        var agenda = invitation.Description?.Trim();
        if (invitation.OnlineUrl is null) return string.IsNullOrEmpty(agenda) ? null : agenda;
        var online = (invitation.Recipient.PrefersEnglish ? "Join online: " : "Online deelnemen: ") + invitation.OnlineUrl.AbsoluteUri;
        return string.IsNullOrEmpty(agenda) ? online : $"{agenda}\n\n{online}";
    }

    /// <summary>
    /// The date from which the VTIMEZONE must hold: the earliest time the message names, but never later than today.
    /// Ical.Net 5.2.4 reads the tz database from a year before this date up to <c>DateTimeOffset.Now</c> (the
    /// machine's clock, not ours) and throws when that range runs backwards, i.e. for any meeting more than a year
    /// ahead. The rules it writes recur yearly without end, so today's rules serve later meetings as well.
    /// </summary>
    private static DateTime EarliestTime(IEnumerable<InvitationEvent> invitations)
    {
        // The clock Ical.Net itself reads, on purpose: the injected one may stand anywhere in a test.
        var earliest = TimeProvider.System.GetUtcNow();
        foreach (var invitation in invitations)
        {
            foreach (var time in invitation.ExceptionDates.Concat(invitation.Overrides.Select(o => o.Start)).Append(invitation.Start).Append(invitation.OccurrenceOf ?? invitation.Start))
            {
                if (time < earliest) earliest = time;
            }
        }
        return BrusselsTime.ToLocal(earliest).Date;
    }
}

/// <summary>A subscription feed's calendar: its name, how often clients should look again, and its meetings.</summary>
public sealed record PublishedCalendar
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Each meeting as its invitation describes it (the recipient is the feed's owner, and is not written), with its last change.</summary>
    public required IReadOnlyList<(InvitationEvent Meeting, DateTimeOffset ChangedAt)> Meetings { get; init; }
}
