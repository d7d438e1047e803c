using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Planning;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Planning;

namespace Netwerk.Web.Meetings;

/// <summary>A meeting request that passed every check: the node's properties and the ids of what it links to.</summary>
public sealed record ValidMeeting(
    Dictionary<string, JsonElement> Properties, string? Platform, IReadOnlyList<string> Themes, IReadOnlyList<string> Organisers,
    DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// Checks a <see cref="MeetingRequest"/> as a whole before anything is written, and reports every problem with the
/// request's own field names (422): required fields, end after start, a valid bounded RRULE, ids that exist and are of
/// the right kind, the schema's rules for each property, and the rules of each kind of meeting — an overleg belongs to
/// a platform, an inspiratiemoment is about exactly one theme, speed dates belong to a businessmixer.
/// </summary>
public static class MeetingValidation
{
    /// <summary>
    /// Properties managed by their own endpoints or set on the node outside the planner (the finding it was planned for);
    /// a PUT of the meeting keeps them.
    /// </summary>
    private static readonly string[] Kept = ["exceptions", "sequence", "inviteRules", "attendeeCount", "anonymousAttendees", "finding"];

    private static readonly Dictionary<string, string> FieldOfProperty = new(StringComparer.Ordinal)
    {
        ["type"] = "kind",
        ["venue"] = "venue.name",
        ["address"] = "venue.address",
        ["room"] = "venue.room",
        ["onlineUrl"] = "venue.onlineUrl",
    };

    public static async Task<ValidMeeting> ValidateAsync(MeetingRequest request, IGraphStore store, MeetingState? existing, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(request.Kind)) errors.Add(new("kind", "required"));
        if (string.IsNullOrWhiteSpace(request.Title)) errors.Add(new("title", "required"));
        var start = Instant(request.Start, "start", errors);
        var end = Instant(request.End, "end", errors);
        if (start is { } s && end is { } e && e <= s) errors.Add(new("end", "end-before-start"));
        if (!string.IsNullOrWhiteSpace(request.Recurrence) && start is { } first)
        {
            errors.AddRange(MeetingRecurrence.Validate(request.Recurrence, first, "recurrence"));
        }

        var platform = string.IsNullOrWhiteSpace(request.Platform) ? null : request.Platform;
        if (platform is not null) await ExpectKindAsync(store, platform, "platform", "Platform", errors, ct);
        var themes = (request.Themes ?? []).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < themes.Count; i++) await ExpectKindAsync(store, themes[i], $"themes[{i}]", "Theme", errors, ct);
        var organisers = (request.Organisers ?? []).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < organisers.Count; i++) await ExpectKindAsync(store, organisers[i], $"organisers[{i}]", "Person", errors, ct);

        switch (request.Kind)
        {
            case "overleg" when platform is null:
                errors.Add(new("platform", "platform-required"));
                break;
            case "inspiratiemoment" when themes.Count != 1:
                errors.Add(new("themes", "one-theme-required"));
                break;
        }
        if (request.SpeedDates is { } speedDates)
        {
            if (request.Kind != "businessmixer") errors.Add(new("speedDates", "only-for-businessmixer"));
            for (var i = 0; i < speedDates.GroupA.Count; i++) await ExpectKindAsync(store, speedDates.GroupA[i], $"speedDates.groupA[{i}]", "Person", errors, ct);
            for (var i = 0; i < speedDates.GroupB.Count; i++) await ExpectKindAsync(store, speedDates.GroupB[i], $"speedDates.groupB[{i}]", "Person", errors, ct);
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        void Set(string name, object? value)
        {
            if (value is null || value is string { Length: 0 }) return;
            properties[name] = GraphJson.ToElement(value);
        }
        Set("title", request.Title?.Trim());
        Set("type", request.Kind);
        Set("description", request.Description);
        if (start is { } startValue) Set("start", MeetingNode.Format(startValue));
        if (end is { } endValue) Set("end", MeetingNode.Format(endValue));
        Set("venue", request.Venue?.Name);
        Set("address", request.Venue?.Address);
        Set("room", request.Venue?.Room);
        Set("onlineUrl", request.Venue?.OnlineUrl);
        Set("capacity", request.Capacity);
        Set("waitingList", request.WaitingList);
        Set("status", request.Status ?? "planned");
        if (organisers.Count > 0) properties["organisers"] = GraphJson.ToElement(organisers);
        Set("recurrence", string.IsNullOrWhiteSpace(request.Recurrence) ? null : request.Recurrence.Trim());
        if (request.SpeedDates is { } settings) properties["speedDates"] = MeetingNode.ToJsonText(settings);
        if (request.Priority is null && existing is not null && existing.Properties.TryGetValue("priority", out var priority)) properties["priority"] = priority;
        else Set("priority", request.Priority);
        if (existing is not null)
        {
            foreach (var name in Kept)
            {
                if (existing.Properties.TryGetValue(name, out var value)) properties[name] = value;
            }
        }

        // The schema's own rules (lengths, enum values, URL form), reported under the request's field names.
        foreach (var error in new SchemaValidator(store.Schema).ValidateNode(new NodeDraft { Kind = MeetingState.Kind, Properties = properties }))
        {
            var property = error.Field.StartsWith("properties.", StringComparison.Ordinal) ? error.Field["properties.".Length..] : error.Field;
            if (property is "title" or "type" or "start" or "end" && errors.Any(x => x.Field == (FieldOfProperty.GetValueOrDefault(property) ?? property))) continue;
            if (error.Code == "date-order") continue;
            errors.Add(error with { Field = FieldOfProperty.GetValueOrDefault(property) ?? property });
        }
        if (errors.Count > 0) throw new GraphValidationException(errors);

        if (request.SpeedDates is { } check) SpeedDateRequests.Schedule(check, start!.Value);
        return new ValidMeeting(properties, platform, themes, organisers, start!.Value, end!.Value);
    }

    /// <summary>A required ISO 8601 date-time with an offset; a problem for <paramref name="field"/> otherwise.</summary>
    public static DateTimeOffset? Instant(string? text, string field, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(field, "required"));
            return null;
        }
        if (GraphDates.TryParseDateTime(text, out var value))
        {
            if (value.Year is >= MinYear and <= MaxYear) return MeetingRecurrence.ToBrussels(value);
            errors.Add(new(field, value.Year < MinYear ? "too-small" : "too-large", value.Year < MinYear ? $"{MinYear}" : $"{MaxYear}"));
            return null;
        }
        errors.Add(new(field, "bad-datetime"));
        return null;
    }

    /// <summary>Years a planner works in; keeps every date sum (series horizons, windows) far from the calendar's ends.</summary>
    public const int MinYear = 1900;
    public const int MaxYear = 2200;

    /// <summary>A date within <see cref="MinYear"/>..<see cref="MaxYear"/>, or a 400 naming the field.</summary>
    public static DateOnly? PlanningDate(DateOnly? date, string field) =>
        date is not { } d || d.Year is >= MinYear and <= MaxYear ? date
        : throw Problems.RequestProblemException.Invalid(new ValidationError(field, d.Year < MinYear ? "too-small" : "too-large", d.Year < MinYear ? $"{MinYear}" : $"{MaxYear}"));

    public static async Task ExpectKindAsync(IGraphStore store, string? id, string field, string kind, List<ValidationError> errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new(field, "required"));
            return;
        }
        var node = await store.GetNodeAsync(id, ct);
        if (node is null) errors.Add(new(field, "unknown-node", id));
        else if (node.Kind != kind) errors.Add(new(field, kind == "Person" ? "not-a-person" : "wrong-kind", id, kind));
    }
}
