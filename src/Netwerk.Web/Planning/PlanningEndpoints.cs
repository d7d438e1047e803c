using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Accounts;
using Netwerk.Core.Analysis;
using Netwerk.Core.Graph;
using Netwerk.Core.Planning;
using Netwerk.Core.Planning.InviteLists;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Meetings;

namespace Netwerk.Web.Planning;

/// <summary>
/// Where to look for a slot: a window of days, a meeting length, weekdays and hours (local Brussels time), and whose
/// calendars count — the given people and/or the invitees and organisers of a meeting (<c>meeting</c>, which is then
/// left out of the busy times). Dates are yyyy-MM-dd, times HH:mm, weekdays monday…sunday.
/// </summary>
public sealed record SlotsRequest
{
    public string? FirstDay { get; init; }
    public string? LastDay { get; init; }
    /// <summary>Length of the meeting; defaults to the meeting's own when <see cref="Meeting"/> is given.</summary>
    public int? DurationMinutes { get; init; }
    public IReadOnlyList<string>? Weekdays { get; init; }
    public string? DayStart { get; init; }
    public string? DayEnd { get; init; }
    public int? StepMinutes { get; init; }
    public IReadOnlyList<string>? Invitees { get; init; }
    public string? Meeting { get; init; }
    /// <summary>Where it will be; defaults to the meeting's venue. Other meetings at the same place (name, address and room) book it.</summary>
    public VenueDto? Venue { get; init; }
    public bool AvoidSchoolHolidays { get; init; } = true;
    public bool ExcludeRegionalHolidays { get; init; }
    public int MaxResults { get; init; } = 10;
    public int? MaxPerDay { get; init; }
}

/// <summary>The ranked slots, for whom (the invitee ids whose calendars counted) and how many busy times were weighed.</summary>
public sealed record SlotsResponse(IReadOnlyList<string> Invitees, int BusyIntervals, SlotSearchResult Result);

/// <summary>An ad-hoc speed-date plan: the settings and, optionally, when the first round starts (for clock times).</summary>
public sealed record SpeedDatePlanRequest(SpeedDateSettings? Settings, string? StartsAt = null);

/// <summary>
/// The planning engine over HTTP: slot finding with busy times from Netwerk's own meetings, speed-date schedules, and
/// an invite-list preview for a meeting that is not saved yet. Organisers (and regisseurs) only.
/// </summary>
public static class PlanningEndpoints
{
    public static IEndpointRouteBuilder MapPlanning(this IEndpointRouteBuilder app)
    {
        // Outside the organisers' group: everyone who reads the calendar sees its holidays.
        app.MapGet("/api/planning/holidays", Holidays).WithTags("Planning").RequireAuthorization(RolePolicies.Viewer)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Belgian public holidays (and 11 July) and Flemish school holidays overlapping from–to (at most two years), for calendars.");
        var group = app.MapGroup("/api/planning").WithTags("Planning").RequireAuthorization(RolePolicies.Organiser)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/slots", FindSlots)
            .WithSummary("Ranked candidate slots: fewest invitees busy in other Netwerk meetings (invited, attended or organising), then no regional holiday, then no school holiday, then earliest; public holidays left out.");
        group.MapPost("/speeddates", PlanSpeedDates)
            .WithSummary("A speed-date schedule between two groups over tables and rounds, with a personal agenda per participant.");
        group.MapPost("/invitees", PreviewInvitees)
            .WithSummary("The invite list a definition gives, for a meeting not saved yet; nothing is saved.");
        return app;
    }

    private static async Task<Ok<SlotsResponse>> FindSlots(
        SlotsRequest body, IGraphStore store, PlanningGraph planning, RequestAccess access, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var firstDay = Date(body.FirstDay, "firstDay", errors);
        var lastDay = Date(body.LastDay, "lastDay", errors);
        var dayStart = Time(body.DayStart, "dayStart", new TimeOnly(9, 0), errors);
        var dayEnd = Time(body.DayEnd, "dayEnd", new TimeOnly(17, 0), errors);
        var weekdays = new List<DayOfWeek>();
        for (var i = 0; i < (body.Weekdays ?? []).Count; i++)
        {
            if (Enum.TryParse<DayOfWeek>(body.Weekdays![i], ignoreCase: true, out var day) && Enum.IsDefined(day) && !int.TryParse(body.Weekdays[i], out _)) weekdays.Add(day);
            else errors.Add(new($"weekdays[{i}]", "not-allowed", body.Weekdays[i] ?? "", "monday, tuesday, wednesday, thursday, friday, saturday, sunday"));
        }
        var invitees = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (body.Invitees ?? []).Count; i++)
        {
            await MeetingValidation.ExpectKindAsync(store, body.Invitees![i], $"invitees[{i}]", "Person", errors, ct);
            invitees.Add(body.Invitees[i] ?? "");
        }
        MeetingState? meeting = null;
        if (body.Meeting is not null)
        {
            await MeetingValidation.ExpectKindAsync(store, body.Meeting, "meeting", MeetingState.Kind, errors, ct);
            if (errors.Count == 0) meeting = await MeetingEndpoints.LoadAsync(store, access, body.Meeting, ct);
        }
        var duration = body.DurationMinutes ?? (meeting is null ? null : (int)(meeting.End - meeting.Start).TotalMinutes);
        if (duration is null) errors.Add(new("durationMinutes", "required"));
        if (body.MaxResults is < 1 or > 100) errors.Add(new("maxResults", body.MaxResults < 1 ? "too-small" : "too-large", body.MaxResults < 1 ? "1" : "100"));
        if (errors.Count > 0) throw new GraphValidationException(errors);

        var graph = await planning.CurrentAsync(ct);
        if (meeting is not null)
        {
            invitees.UnionWith(meeting.Organisers);
            if (meeting.InviteList is { } stored) invitees.UnionWith(InviteListEvaluator.Evaluate(stored.Definition, graph).Invitees.Select(i => i.PersonId));
            invitees.UnionWith((await InviteeEndpoints.RelationshipsToAsync(store, MeetingState.Invited, meeting.Id, ct)).Where(r => !InviteeEndpoints.IsRemoved(r)).Select(r => r.From));
        }
        var request = new SlotRequest
        {
            FirstDay = firstDay!.Value,
            LastDay = lastDay!.Value,
            Duration = TimeSpan.FromMinutes(duration!.Value),
            Weekdays = weekdays.Count > 0 ? weekdays : new SlotRequest { FirstDay = default, LastDay = default, Duration = default }.Weekdays,
            DayStart = dayStart,
            DayEnd = dayEnd,
            Step = TimeSpan.FromMinutes(body.StepMinutes ?? 30),
            Invitees = invitees,
            AvoidSchoolHolidays = body.AvoidSchoolHolidays,
            ExcludeRegionalHolidays = body.ExcludeRegionalHolidays,
            MaxResults = body.MaxResults,
            MaxPerDay = body.MaxPerDay,
        };
        // The window is checked by the finder (order, length); busy times are only gathered for a sane one.
        if (request.LastDay >= request.FirstDay && request.LastDay.DayNumber - request.FirstDay.DayNumber <= SlotRequest.MaxWindowDays)
        {
            var (from, to) = (MeetingEndpoints.LocalMidnight(request.FirstDay), MeetingEndpoints.LocalMidnight(request.LastDay.AddDays(1)));
            var venue = VenueKey(body.Venue?.Name, body.Venue?.Address, body.Venue?.Room)
                ?? (meeting is null ? null : VenueKey(MeetingNode.Text(meeting.Properties, "venue"), MeetingNode.Text(meeting.Properties, "address"), MeetingNode.Text(meeting.Properties, "room")));
            request = request with
            {
                Busy = Busy(graph, invitees, meeting?.Id, from, to),
                VenueBookings = venue is null ? [] : Bookings(graph, venue, meeting?.Id, from, to),
            };
        }
        var result = new SlotFinder(MeetingRecurrence.Zone).Find(request);
        return TypedResults.Ok(new SlotsResponse([.. invitees.Order(StringComparer.Ordinal)], request.Busy.Count, result));
    }

    /// <summary>
    /// When each of <paramref name="people"/> is taken by another Netwerk meeting in the window: meetings they are
    /// INVITED to (and did not decline), ATTENDED or organise, every occurrence that is not cancelled; drafts and
    /// cancelled meetings do not count.
    /// </summary>
    public static List<BusyInterval> Busy(GraphSnapshot graph, IReadOnlySet<string> people, string? except, DateTimeOffset from, DateTimeOffset to)
    {
        var busy = new List<BusyInterval>();
        if (people.Count == 0) return busy;
        foreach (var meeting in graph.NodesOfKind(MeetingState.Kind))
        {
            var id = graph.IdOf(meeting);
            var properties = graph.PropertiesOf(meeting);
            if (id == except || MeetingNode.Text(properties, "status") is "cancelled" or "draft") continue;
            if (MeetingNode.DateTime(properties, "start") is not { } start) continue;
            var who = new HashSet<string>(MeetingNode.Strings(properties, "organisers").Where(people.Contains), StringComparer.Ordinal);
            foreach (var rel in graph.RelationshipsOf(meeting))
            {
                var type = graph.RelationshipType(rel);
                if (graph.RelationshipTo(rel) != meeting || type is not (MeetingState.Invited or MeetingState.Attended)) continue;
                if (type == MeetingState.Invited && (MeetingNode.Text(graph.RelationshipProperties(rel), "status") == "declined"
                    || MeetingNode.Text(graph.RelationshipProperties(rel), "removedAt") is not null)) continue;
                var person = graph.IdOf(graph.RelationshipFrom(rel));
                if (people.Contains(person)) who.Add(person);
            }
            if (who.Count == 0) continue;
            var end = MeetingNode.DateTime(properties, "end") is { } e && e > start ? e : start.AddHours(1);
            var title = MeetingNode.Text(properties, "title") ?? id;
            foreach (var occurrence in MeetingRecurrence.ExpandLeniently(MeetingNode.Text(properties, "recurrence"), start, end, MeetingNode.Exceptions(properties), from, to))
            {
                if (occurrence.Cancelled) continue;
                busy.AddRange(who.Order(StringComparer.Ordinal).Select(p => new BusyInterval(p, id, occurrence.Change?.Title ?? title, occurrence.Start, occurrence.End)));
            }
        }
        return busy;
    }

    /// <summary>One place: name, address and room compared without case or surrounding spaces; null when no place is named.</summary>
    private static string? VenueKey(string? name, string? address, string? room) =>
        string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(address) ? null
            : string.Join('|', new[] { name, address, room }.Select(p => p?.Trim().ToLowerInvariant() ?? ""));

    /// <summary>When other planned meetings (not drafts, not cancelled occurrences) use the same place in the window.</summary>
    public static List<VenueBooking> Bookings(GraphSnapshot graph, string venue, string? except, DateTimeOffset from, DateTimeOffset to)
    {
        var bookings = new List<VenueBooking>();
        foreach (var meeting in graph.NodesOfKind(MeetingState.Kind))
        {
            var id = graph.IdOf(meeting);
            var properties = graph.PropertiesOf(meeting);
            if (id == except || MeetingNode.Text(properties, "status") is "cancelled" or "draft") continue;
            if (VenueKey(MeetingNode.Text(properties, "venue"), MeetingNode.Text(properties, "address"), MeetingNode.Text(properties, "room")) != venue) continue;
            if (MeetingNode.DateTime(properties, "start") is not { } start) continue;
            var end = MeetingNode.DateTime(properties, "end") is { } e && e > start ? e : start.AddHours(1);
            var title = MeetingNode.Text(properties, "title") ?? id;
            foreach (var occurrence in MeetingRecurrence.ExpandLeniently(MeetingNode.Text(properties, "recurrence"), start, end, MeetingNode.Exceptions(properties), from, to))
            {
                if (!occurrence.Cancelled) bookings.Add(new VenueBooking(occurrence.Start, occurrence.End, occurrence.Change?.Title ?? title));
            }
        }
        return bookings;
    }

    private static async Task<Ok<SpeedDatesResponse>> PlanSpeedDates(SpeedDatePlanRequest body, IGraphStore store, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        if (body.Settings is not { } settings)
        {
            throw new GraphValidationException([new ValidationError("settings", "required")]);
        }
        DateTimeOffset? startsAt = body.StartsAt is null ? null : MeetingValidation.Instant(body.StartsAt, "startsAt", errors);
        // Ids are checked only when the groups are sane in size: an oversized group is the scheduler's to refuse.
        if ((settings.GroupA ?? []).Count + (settings.GroupB ?? []).Count <= 2 * SpeedDateRequest.MaxGroupSize)
        {
            for (var i = 0; i < (settings.GroupA ?? []).Count; i++) await MeetingValidation.ExpectKindAsync(store, settings.GroupA![i], $"settings.groupA[{i}]", "Person", errors, ct);
            for (var i = 0; i < (settings.GroupB ?? []).Count; i++) await MeetingValidation.ExpectKindAsync(store, settings.GroupB![i], $"settings.groupB[{i}]", "Person", errors, ct);
        }
        if (errors.Count > 0) throw new GraphValidationException(errors);
        var schedule = SpeedDateRequests.Schedule(settings, startsAt);
        return TypedResults.Ok(new SpeedDatesResponse(null, settings, schedule, await NamesAsync(store, settings, ct)));
    }

    private static async Task<Ok<InviteesResponse>> PreviewInvitees(InviteListDefinition definition, IGraphStore store, PlanningGraph planning, RequestAccess access, CancellationToken ct)
    {
        InviteeEndpoints.Validate(definition, await planning.CurrentAsync(ct));
        return TypedResults.Ok(await InviteeEndpoints.DescribeAsync(store, planning, null, new StoredInviteList(definition), ct, await access.VisibleAsync(ct)));
    }

    /// <summary>Display names of the participants (their ids when a node is gone).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(IGraphStore store, SpeedDateSettings settings, CancellationToken ct)
    {
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in (settings.GroupA ?? []).Concat(settings.GroupB ?? []).Distinct(StringComparer.Ordinal))
        {
            var node = await store.GetNodeAsync(id, ct);
            names[id] = node is null ? id : MeetingNode.Text(node.Properties, "name") ?? id;
        }
        return names;
    }

    public sealed record HolidaysResponse(IReadOnlyList<PublicHoliday> PublicHolidays, IReadOnlyList<SchoolHolidayPeriod> SchoolHolidays);

    /// <summary>The one place the holiday rules live (Core/Planning); the planner's calendar shades what this returns.</summary>
    private static Ok<HolidaysResponse> Holidays(string? from, string? to)
    {
        var errors = new List<ValidationError>();
        var first = Date(from, "from", errors);
        var last = Date(to, "to", errors);
        if (first is { } f && last is { } l && (l < f || l.DayNumber - f.DayNumber > 2 * 366))
            errors.Add(l < f ? new("to", "date-order", "from", "to") : new("to", "too-large", "732"));
        if (errors.Count > 0) throw new GraphValidationException(errors);
        return TypedResults.Ok(new HolidaysResponse(BelgianHolidays.Between(first!.Value, last!.Value), FlemishSchoolHolidays.Overlapping(first.Value, last.Value)));
    }

    private static DateOnly? Date(string? text, string field, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) errors.Add(new(field, "required"));
        else if (!GraphDates.TryParseDate(text, out var date)) errors.Add(new(field, "bad-date"));
        else if (date.Year < MeetingValidation.MinYear) errors.Add(new(field, "too-small", $"{MeetingValidation.MinYear}"));
        else if (date.Year > MeetingValidation.MaxYear) errors.Add(new(field, "too-large", $"{MeetingValidation.MaxYear}"));
        else return date;
        return null;
    }

    private static TimeOnly Time(string? text, string field, TimeOnly fallback, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return time;
        errors.Add(new(field, "bad-time"));
        return fallback;
    }
}
