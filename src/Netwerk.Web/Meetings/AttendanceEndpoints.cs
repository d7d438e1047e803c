using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Graph;
using Netwerk.Core.Planning;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;
using Netwerk.Web.Planning;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Meetings;

/// <summary>
/// After the meeting: who was there (ATTENDED relationships, which the analysis and each person's history read), and
/// the speed-date schedule of a businessmixer.
/// </summary>
public static class AttendanceEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id}/attendance", RegisterAttendance).RequireAuthorization(RolePolicies.Organiser)
            .WithSummary("Registers who was present (idempotent); with replace, people not in the list lose their ATTENDED.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/attendance", Summary).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Attendance per meeting and per platform in a year (registered attendees plus erased people's anonymous counts), for reports.");
        group.MapGet("/{id}/speeddates", GetSpeedDates).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The speed-date schedule of a businessmixer (rounds, tables, personal agendas), computed from its settings.");
    }

    public sealed record MeetingAttendance(string MeetingId, string Title, string? Kind, string? Platform, DateTimeOffset Start, int Registered, int Anonymous, int Total);

    public sealed record PlatformAttendance(string PlatformId, string Name, int Meetings, int Attendance);

    public sealed record AttendanceSummary(int Year, IReadOnlyList<MeetingAttendance> Meetings, IReadOnlyList<PlatformAttendance> Platforms);

    /// <summary>
    /// Who came, counted per meeting and per platform for one calendar year (Brussels). A recurring meeting counts
    /// once per occurrence held that year; its attendance is every ATTENDED of those occurrences.
    /// </summary>
    private static async Task<Ok<AttendanceSummary>> Summary(IGraphStore store, RequestAccess access, TimeProvider time, string? year, string? platform, CancellationToken ct)
    {
        var thisYear = TimeZoneInfo.ConvertTime(time.GetUtcNow(), MeetingRecurrence.Zone).Year;
        var y = QueryParameters.Int(year, "year", thisYear, 1900, 2200);
        var visible = await access.VisibleAsync(ct);
        var meetings = (await store.FindNodesAsync(new NodeQuery { Kind = MeetingState.Kind, Limit = int.MaxValue }, ct)).Items
            .Where(m => visible is null || visible(m.Id)).ToDictionary(m => m.Id, StringComparer.Ordinal);
        var platformOf = (await store.FindRelationshipsAsync(new RelationshipQuery { Type = "OF", Limit = int.MaxValue }, ct)).Items
            .Where(r => meetings.ContainsKey(r.From)).GroupBy(r => r.From).ToDictionary(g => g.Key, g => g.First().To, StringComparer.Ordinal);
        var attended = (await store.FindRelationshipsAsync(new RelationshipQuery { Type = MeetingState.Attended, Limit = int.MaxValue }, ct)).Items
            .Where(r => meetings.ContainsKey(r.To)).ToLookup(r => r.To, StringComparer.Ordinal);
        var rows = new List<MeetingAttendance>();
        foreach (var (id, node) in meetings)
        {
            var p = node.Properties;
            if (MeetingNode.DateTime(p, "start") is not { } start || MeetingNode.Text(p, "status") == "cancelled") continue;
            var meetingPlatform = platformOf.GetValueOrDefault(id);
            if (platform is not null && meetingPlatform != platform) continue;
            // Attendance recorded for an occurrence counts in that occurrence's year; otherwise in the meeting's.
            int YearOf(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, MeetingRecurrence.Zone).Year;
            var registered = attended[id].Count(r => YearOf(MeetingNode.DateTime(r.Properties, "occurrence") ?? start) == y);
            var anonymous = YearOf(start) == y ? MeetingNode.Integer(p, "anonymousAttendees") ?? 0 : 0;
            if (YearOf(start) != y && registered == 0) continue;
            rows.Add(new MeetingAttendance(id, MeetingNode.Text(p, "title") ?? id, MeetingNode.Text(p, "type"), meetingPlatform, start, registered, anonymous, registered + anonymous));
        }
        rows.Sort((a, b) => a.Start.CompareTo(b.Start));
        var platforms = new List<PlatformAttendance>();
        foreach (var group in rows.Where(r => r.Platform is not null).GroupBy(r => r.Platform!))
        {
            var node = await store.GetNodeAsync(group.Key, ct);
            platforms.Add(new PlatformAttendance(group.Key, node is null ? group.Key : MeetingNode.Text(node.Properties, "name") ?? group.Key, group.Count(), group.Sum(r => r.Total)));
        }
        return TypedResults.Ok(new AttendanceSummary(y, rows, [.. platforms.OrderBy(p => p.Name, StringComparer.CurrentCulture)]));
    }

    private static async Task<Ok<AttendanceResponse>> RegisterAttendance(
        string id, AttendanceRequest body, IGraphStore store, RequestAccess access, CancellationToken ct)
    {
        var state = await MeetingEndpoints.LoadAsync(store, access, id, ct);
        await access.EnsurePlannableAsync(state.Anchors, ct);
        var errors = new List<ValidationError>();
        if (body.Present is null) errors.Add(new("present", "required"));
        var present = (body.Present ?? []).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < present.Count; i++) await MeetingValidation.ExpectKindAsync(store, present[i], $"present[{i}]", "Person", errors, ct);
        DateTimeOffset? occurrence = null;
        if (body.Occurrence is not null)
        {
            occurrence = MeetingValidation.Instant(body.Occurrence, "occurrence", errors);
            if (occurrence is { } at && !Meetings.MeetingRecurrenceChecks.IsOccurrenceOf(state, at)) errors.Add(new("occurrence", "not-an-occurrence"));
        }
        if (errors.Count > 0) throw new GraphValidationException(errors);

        var key = occurrence is { } o ? MeetingNode.Format(o) : null;
        var existing = (await InviteeEndpoints.RelationshipsToAsync(store, MeetingState.Attended, id, ct))
            .Where(r => OccurrenceKey(r) == key).ToList();
        var added = new List<string>();
        var removed = new List<string>();
        foreach (var person in present.Where(p => existing.All(r => r.From != p)))
        {
            var properties = new Dictionary<string, JsonElement>();
            if (key is not null) properties["occurrence"] = GraphJson.ToElement(key);
            await store.CreateRelationshipAsync(new RelationshipDraft { Type = MeetingState.Attended, From = person, To = id, Properties = properties }, ct);
            added.Add(person);
        }
        if (body.Replace)
        {
            foreach (var link in existing.Where(r => !present.Contains(r.From)))
            {
                await store.DeleteRelationshipAsync(link.Id, link.Version, ct);
                removed.Add(link.From);
            }
        }
        var attendees = existing.Select(r => r.From).Where(p => !removed.Contains(p)).Concat(added).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new AttendanceResponse(id, occurrence, attendees, added, removed));
    }

    private static string? OccurrenceKey(Relationship link) =>
        MeetingNode.DateTime(link.Properties, "occurrence") is { } at ? MeetingNode.Format(at) : null;

    private static async Task<Ok<SpeedDatesResponse>> GetSpeedDates(string id, IGraphStore store, RequestAccess access, HttpContext http, CancellationToken ct)
    {
        var state = await MeetingEndpoints.LoadAsync(store, access, id, ct);
        if (state.SpeedDates is not { } settings)
        {
            var english = RequestLanguage.Of(http) == "en";
            throw new RequestProblemException(StatusCodes.Status404NotFound, "no-speed-dates", detail: english
                ? "This meeting has no speed dates; give a businessmixer its groups and tables first."
                : "Deze activiteit heeft geen speeddates; geef een businessmixer eerst zijn groepen en tafels.");
        }
        var schedule = SpeedDateRequests.Schedule(settings, state.Start);
        return TypedResults.Ok(new SpeedDatesResponse(id, settings, schedule, await PlanningEndpoints.NamesAsync(store, settings, ct)));
    }
}

/// <summary>Occurrence checks that tolerate rules written past this API.</summary>
internal static class MeetingRecurrenceChecks
{
    public static bool IsOccurrenceOf(MeetingState state, DateTimeOffset at)
    {
        try
        {
            return Core.Planning.MeetingRecurrence.IsOccurrence(state.Recurrence, state.Start, at);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return at == state.Start;
        }
    }
}
