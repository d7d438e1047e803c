using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Graph;
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
        group.MapGet("/{id}/speeddates", GetSpeedDates).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The speed-date schedule of a businessmixer (rounds, tables, personal agendas), computed from its settings.");
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
