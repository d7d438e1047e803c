using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Analysis;
using Netwerk.Core.Graph;
using Netwerk.Core.Planning;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;
using Netwerk.Web.Invitations;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Meetings;

/// <summary>
/// Meetings (Meeting nodes OF a platform, ADDRESSING themes): CRUD with versions as ETags, a listing that expands
/// recurrences into occurrences, cancellation of a meeting or of occurrences, and changes to one occurrence or to
/// "this and following". Reads need a viewer; writes an organiser (or regisseur) where the meeting lives
/// (<see cref="RequestAccess.EnsurePlannableAsync"/>). Every write goes through the graph store, so it is in the
/// change feed (live in every browser) and the audit log.
/// </summary>
public static class MeetingEndpoints
{
    /// <summary>The longest listing window, in days.</summary>
    public const int MaxListDays = 5 * 366;

    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings").WithTags("Meetings")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/", ListMeetings)
            .WithSummary("Occurrences between from and to (dates, default 90 days ago to a year later), recurrences expanded, filtered by platform, kind, theme and status.");
        group.MapPost("/", CreateMeeting).RequireAuthorization(RolePolicies.Organiser)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetMeeting).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", UpdateMeeting).RequireAuthorization(RolePolicies.Organiser).WithSummary("Replaces the meeting; raises its sequence when time, place, recurrence or status change.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{id}", DeleteMeeting).RequireAuthorization(RolePolicies.Organiser)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapPost("/{id}/cancel", CancelMeeting).RequireAuthorization(RolePolicies.Organiser)
            .WithSummary("Cancels the meeting, one occurrence, or an occurrence and all following (If-Match); raises the sequence.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapPost("/{id}/occurrences", ChangeOccurrence).RequireAuthorization(RolePolicies.Organiser)
            .WithSummary("Changes one occurrence, or it and all following (the series is split into a new meeting) (If-Match).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapPost("/from-finding", FindingMeetings.CreateFromFinding).RequireAuthorization(RolePolicies.Organiser)
            .WithSummary("A draft meeting from a blind-spot finding: its kind, themes and invite rule follow from the finding's evidence.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        InviteeEndpoints.Map(group);
        AttendanceEndpoints.Map(group);
        MeetingListExports.Map(group);
        return app;
    }

    private static async Task<Ok<MeetingListResponse>> ListMeetings(
        PlanningGraph planning, RequestAccess access, string? from, string? to, string? platform, string? kind, string? theme, string? status, CancellationToken ct)
    {
        var first = MeetingValidation.PlanningDate(QueryParameters.Date(from, "from"), "from") ?? planning.Today.AddDays(-90);
        var last = MeetingValidation.PlanningDate(QueryParameters.Date(to, "to"), "to") ?? first.AddDays(365);
        if (last < first) throw RequestProblemException.Invalid(new ValidationError("to", "date-order", "from", "to"));
        if (last.DayNumber - first.DayNumber > MaxListDays) throw RequestProblemException.Invalid(new ValidationError("to", "too-long-span", MaxListDays.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var window = (Start: LocalMidnight(first), End: LocalMidnight(last.AddDays(1)));
        var graph = await planning.CurrentAsync(ct);
        var visible = await access.VisibleAsync(ct);
        var occurrences = new List<OccurrenceResponse>();
        foreach (var meeting in graph.NodesOfKind(MeetingState.Kind))
        {
            var id = graph.IdOf(meeting);
            if (visible is not null && !visible(id)) continue;
            var properties = graph.PropertiesOf(meeting);
            var type = MeetingNode.Text(properties, "type") ?? "andere";
            var meetingStatus = MeetingNode.Text(properties, "status") ?? "planned";
            if (kind is not null && type != kind || status is not null && meetingStatus != status) continue;
            var platformId = graph.Related(meeting, MeetingState.Of, Direction.Outgoing).Select(graph.IdOf).Order(StringComparer.Ordinal).FirstOrDefault();
            if (platform is not null && platformId != platform) continue;
            var themes = graph.Related(meeting, MeetingState.Addresses, Direction.Outgoing).Where(t => graph.IsKind(t, "Theme")).Select(graph.IdOf).Order(StringComparer.Ordinal).ToList();
            if (theme is not null && !themes.Contains(theme)) continue;
            if (MeetingNode.DateTime(properties, "start") is not { } start) continue;
            var end = MeetingNode.DateTime(properties, "end") is { } e && e > start ? e : start.AddHours(1);
            var rule = MeetingNode.Text(properties, "recurrence");
            var venue = new VenueDto(MeetingNode.Text(properties, "venue"), MeetingNode.Text(properties, "address"), MeetingNode.Text(properties, "room"), MeetingNode.Text(properties, "onlineUrl"));
            var title = MeetingNode.Text(properties, "title") ?? id;
            foreach (var occurrence in MeetingRecurrence.ExpandLeniently(rule, start, end, MeetingNode.Exceptions(properties), window.Start, window.End))
            {
                var change = occurrence.Change;
                occurrences.Add(new OccurrenceResponse
                {
                    MeetingId = id,
                    Title = change?.Title ?? title,
                    Kind = type,
                    Status = meetingStatus,
                    Start = occurrence.Start,
                    End = occurrence.End,
                    OriginalStart = occurrence.OriginalStart,
                    Recurring = rule is not null,
                    Cancelled = occurrence.Cancelled || meetingStatus == "cancelled",
                    Changed = change is { Cancelled: false },
                    Platform = platformId,
                    Themes = themes,
                    Venue = change is null ? venue : new VenueDto(change.Venue ?? venue.Name, change.Address ?? venue.Address, change.Room ?? venue.Room, change.OnlineUrl ?? venue.OnlineUrl),
                    Sequence = MeetingNode.Integer(properties, "sequence") ?? 0,
                });
            }
        }
        var ordered = occurrences.OrderBy(o => o.Start).ThenBy(o => o.MeetingId, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new MeetingListResponse(window.Start, window.End, ordered));
    }

    public static DateTimeOffset LocalMidnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, MeetingRecurrence.Zone.GetUtcOffset(local));
    }

    private static async Task<Created<MeetingResponse>> CreateMeeting(
        MeetingRequest request, IGraphStore store, RequestAccess access, HttpResponse response, CancellationToken ct)
    {
        var valid = await MeetingValidation.ValidateAsync(request, store, null, ct);
        await access.EnsurePlannableAsync([.. Optional(valid.Platform), .. valid.Organisers], ct);
        var state = await CreateAsync(store, request.Id, valid, new Dictionary<string, JsonElement>(), ct);
        response.SetETag(state.Node.Version);
        return TypedResults.Created($"/api/meetings/{Uri.EscapeDataString(state.Id)}", state.ToResponse());
    }

    /// <summary>Creates the node, then its links; a link that fails takes the node with it, so nothing half-made stays.</summary>
    public static async Task<MeetingState> CreateAsync(
        IGraphStore store, string? id, ValidMeeting valid, IReadOnlyDictionary<string, JsonElement> extra, CancellationToken ct)
    {
        var properties = new Dictionary<string, JsonElement>(valid.Properties, StringComparer.Ordinal);
        foreach (var (name, value) in extra) properties[name] = value;
        properties.TryAdd("sequence", GraphJson.ToElement(0));
        var node = await store.CreateNodeAsync(new NodeDraft { Id = string.IsNullOrWhiteSpace(id) ? null : id, Kind = MeetingState.Kind, Properties = properties }, ct);
        try
        {
            await SyncLinksAsync(store, new MeetingState(node, [], []), valid.Platform, valid.Themes, ct);
        }
        catch
        {
            await store.DeleteNodeAsync(node.Id, node.Version, CancellationToken.None);
            throw;
        }
        return (await MeetingState.LoadAsync(store, node.Id, ct))!;
    }

    private static async Task<Ok<MeetingResponse>> GetMeeting(string id, IGraphStore store, RequestAccess access, HttpResponse response, CancellationToken ct)
    {
        var state = await LoadAsync(store, access, id, ct);
        response.SetETag(state.Node.Version);
        return TypedResults.Ok(state.ToResponse());
    }

    private static async Task<Ok<MeetingResponse>> UpdateMeeting(
        string id, MeetingRequest request, IGraphStore store, RequestAccess access, HttpRequest http, HttpResponse response, CancellationToken ct)
    {
        var version = http.RequiredIfMatch();
        var state = await LoadAsync(store, access, id, ct);
        await access.EnsurePlannableAsync(state.Anchors, ct);
        var valid = await MeetingValidation.ValidateAsync(request, store, state, ct);
        await access.EnsurePlannableAsync([id, .. Optional(valid.Platform), .. valid.Organisers], ct);
        var properties = valid.Properties;
        // Changes that no longer fit the series (its start or rule moved) go.
        var exceptions = state.Exceptions.Where(x => SafeIsOccurrence(valid.Properties, valid.Start, x.OriginalStart)).ToList();
        SetExceptions(properties, exceptions);
        var raised = MattersToAttendees(state.Properties, properties) || exceptions.Count != state.Exceptions.Count;
        properties["sequence"] = GraphJson.ToElement(state.Sequence + (raised ? 1 : 0));
        var node = await store.UpdateNodeAsync(id, new NodeDraft { Kind = MeetingState.Kind, Properties = properties }, version, ct);
        await SyncLinksAsync(store, state, valid.Platform, valid.Themes, ct);
        var updated = (await MeetingState.LoadAsync(store, id, ct))!;
        response.SetETag(node.Version);
        return TypedResults.Ok(updated.ToResponse());
    }

    private static async Task<NoContent> DeleteMeeting(string id, IGraphStore store, RequestAccess access, HttpRequest http, CancellationToken ct)
    {
        var version = http.RequiredIfMatch();
        var state = await LoadAsync(store, access, id, ct);
        await access.EnsurePlannableAsync(state.Anchors, ct);
        // Deleting takes the INVITED relationships along, and with them the chance to tell anyone: cancel first.
        if (state.Status != "cancelled" && (await Invited.OfMeetingAsync(store, id, ct)).Any(i => i.Informed))
        {
            throw new RequestProblemException(StatusCodes.Status409Conflict, "meeting-has-invitations", detail: RequestLanguage.Of(http.HttpContext) == "en"
                ? "Invitations to this meeting have been sent: cancel it first, so the invitees hear of it; then it can be deleted."
                : "Voor deze activiteit zijn uitnodigingen verstuurd: annuleer ze eerst, zodat de genodigden het weten; daarna kan ze weg.");
        }
        await store.DeleteNodeAsync(id, version, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MeetingResponse>> CancelMeeting(
        string id, CancelRequest? body, IGraphStore store, RequestAccess access, InvitationOutbox outbox, HttpRequest http, HttpResponse response, CancellationToken ct)
    {
        var version = http.RequiredIfMatch();
        var state = await LoadAsync(store, access, id, ct);
        await access.EnsurePlannableAsync(state.Anchors, ct);
        body ??= new CancelRequest();
        var scope = body.Scope ?? (body.Occurrence is null ? "meeting" : "occurrence");
        if (scope is not ("meeting" or "occurrence" or "following"))
        {
            throw RequestProblemException.Invalid(new ValidationError("scope", "not-allowed", scope, "meeting, occurrence, following"));
        }
        var properties = MeetingNode.With(state.Properties, ("sequence", GraphJson.ToElement(state.Sequence + 1)));
        DateTimeOffset? occurrence = scope == "meeting" ? null : OccurrenceOf(state, body.Occurrence, "occurrence");
        if (occurrence is not { } at || state.Recurrence is null)
        {
            properties["status"] = GraphJson.ToElement("cancelled");
        }
        else if (scope == "occurrence")
        {
            var current = state.Exceptions.FirstOrDefault(x => x.OriginalStart == at);
            SetExceptions(properties, [.. state.Exceptions.Where(x => x.OriginalStart != at), (current ?? new OccurrenceException { OriginalStart = at }) with { Cancelled = true }]);
        }
        else if (MeetingRecurrence.EndBefore(state.Recurrence, state.Start, at) is { } head)
        {
            properties["recurrence"] = GraphJson.ToElement(head);
            SetExceptions(properties, [.. state.Exceptions.Where(x => x.OriginalStart < at)]);
        }
        else
        {
            properties["status"] = GraphJson.ToElement("cancelled");
        }
        var node = await store.UpdateNodeAsync(id, new NodeDraft { Kind = MeetingState.Kind, Properties = properties }, version, ct);
        // Committed: now everyone who was sent the invitation hears of it (a CANCEL, of the one date or of the whole
        // meeting; "this and following" shortens the series, which is an update of it).
        var cancelled = state with { Node = node };
        await outbox.QueueAsync(cancelled, informedOnly: true, occurrence: scope == "occurrence" ? occurrence : null, ct);
        response.SetETag(node.Version);
        return TypedResults.Ok(cancelled.ToResponse());
    }

    private static async Task<Ok<OccurrenceChangeResponse>> ChangeOccurrence(
        string id, OccurrenceChangeRequest body, IGraphStore store, RequestAccess access, HttpRequest http, HttpResponse response, CancellationToken ct)
    {
        var version = http.RequiredIfMatch();
        var state = await LoadAsync(store, access, id, ct);
        await access.EnsurePlannableAsync(state.Anchors, ct);
        var scope = body.Scope ?? "this";
        var errors = new List<ValidationError>();
        if (scope is not ("this" or "following")) errors.Add(new("scope", "not-allowed", scope, "this, following"));
        if (state.Recurrence is null) errors.Add(new("originalStart", "not-recurring"));
        if (errors.Count > 0) throw new GraphValidationException(errors);
        var at = OccurrenceOf(state, body.OriginalStart, "originalStart");
        var current = state.Exceptions.FirstOrDefault(x => x.OriginalStart == at);
        var duration = state.End - state.Start;
        var newStart = body.Start is null ? current?.Start ?? at : MeetingValidation.Instant(body.Start, "start", errors);
        var newEnd = body.End is null ? (body.Start is null ? current?.End : null) ?? newStart + duration : MeetingValidation.Instant(body.End, "end", errors);
        if (newStart is { } s && newEnd is { } e && e <= s) errors.Add(new("end", "end-before-start"));
        if (errors.Count > 0) throw new GraphValidationException(errors);

        var venue = body.Venue;
        if (scope == "this")
        {
            var change = (current ?? new OccurrenceException { OriginalStart = at }) with
            {
                Start = newStart == at ? null : newStart,
                End = newEnd == at + duration ? null : newEnd,
                Title = body.Title ?? current?.Title,
                Venue = venue?.Name ?? current?.Venue,
                Address = venue?.Address ?? current?.Address,
                Room = venue?.Room ?? current?.Room,
                OnlineUrl = venue?.OnlineUrl ?? current?.OnlineUrl,
                Description = body.Description ?? current?.Description,
            };
            var properties = MeetingNode.With(state.Properties, ("sequence", GraphJson.ToElement(state.Sequence + 1)));
            SetExceptions(properties, [.. state.Exceptions.Where(x => x.OriginalStart != at), change]);
            ValidateStored(store, properties);
            var node = await store.UpdateNodeAsync(id, new NodeDraft { Kind = MeetingState.Kind, Properties = properties }, version, ct);
            response.SetETag(node.Version);
            return TypedResults.Ok(new OccurrenceChangeResponse((state with { Node = node }).ToResponse(), null));
        }

        // This and following: the series is split at the occurrence; the rest becomes a new meeting with its own UID.
        var (head, tail) = MeetingRecurrence.Split(state.Recurrence!, state.Start, at);
        var moved = newStart != at;
        var tailProperties = MeetingNode.With(state.Properties,
            ("start", GraphJson.ToElement(MeetingNode.Format(newStart!.Value))),
            ("end", GraphJson.ToElement(MeetingNode.Format(newEnd!.Value))),
            ("recurrence", GraphJson.ToElement(tail)),
            ("title", body.Title is null ? null : GraphJson.ToElement(body.Title)),
            ("venue", venue?.Name is null ? null : GraphJson.ToElement(venue.Name)),
            ("address", venue?.Address is null ? null : GraphJson.ToElement(venue.Address)),
            ("room", venue?.Room is null ? null : GraphJson.ToElement(venue.Room)),
            ("onlineUrl", venue?.OnlineUrl is null ? null : GraphJson.ToElement(venue.OnlineUrl)),
            ("description", body.Description is null ? null : GraphJson.ToElement(body.Description)));
        // Fields not named in the change keep the series' value.
        foreach (var name in new[] { "title", "venue", "address", "room", "onlineUrl", "description" })
        {
            if (!tailProperties.ContainsKey(name) && state.Properties.TryGetValue(name, out var kept)) tailProperties[name] = kept;
        }
        // Occurrence changes after the split move along while the occurrences keep their times.
        SetExceptions(tailProperties, moved ? [] : [.. state.Exceptions.Where(x => x.OriginalStart >= at)]);
        var tailErrors = MeetingRecurrence.Validate(tail, newStart.Value, "start");
        if (tailErrors.Count > 0) throw new GraphValidationException(tailErrors);

        if (head is null)
        {
            // Split at the first occurrence: the whole series changes, and stays one meeting.
            tailProperties["sequence"] = GraphJson.ToElement(state.Sequence + 1);
            ValidateStored(store, tailProperties);
            var node = await store.UpdateNodeAsync(id, new NodeDraft { Kind = MeetingState.Kind, Properties = tailProperties }, version, ct);
            response.SetETag(node.Version);
            return TypedResults.Ok(new OccurrenceChangeResponse((state with { Node = node }).ToResponse(), null));
        }

        var headProperties = MeetingNode.With(state.Properties,
            ("recurrence", GraphJson.ToElement(head)), ("sequence", GraphJson.ToElement(state.Sequence + 1)));
        SetExceptions(headProperties, [.. state.Exceptions.Where(x => x.OriginalStart < at)]);
        tailProperties["sequence"] = GraphJson.ToElement(0);
        tailProperties.Remove("attendeeCount");
        tailProperties.Remove("anonymousAttendees");
        // The new series is invited afresh: its rules come along, not the frozen list.
        if (state.InviteList is { } invites) tailProperties["inviteRules"] = MeetingNode.ToJsonText(invites with { FrozenAt = null });
        ValidateStored(store, headProperties);
        ValidateStored(store, tailProperties);
        var updated = await store.UpdateNodeAsync(id, new NodeDraft { Kind = MeetingState.Kind, Properties = headProperties }, version, ct);
        var split = await CreateAsync(store, null,
            new ValidMeeting(tailProperties, state.PlatformId, state.ThemeIds, state.Organisers, newStart.Value, newEnd.Value), new Dictionary<string, JsonElement>(), ct);
        response.SetETag(updated.Version);
        return TypedResults.Ok(new OccurrenceChangeResponse((state with { Node = updated }).ToResponse(), split.ToResponse()));
    }

    /// <summary>The meeting, or "not found" (also when it lies outside the account's regions).</summary>
    public static async Task<MeetingState> LoadAsync(IGraphStore store, RequestAccess access, string id, CancellationToken ct)
    {
        await access.EnsureVisibleAsync(id, ct);
        return await MeetingState.LoadAsync(store, id, ct) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
    }

    /// <summary>Makes the meeting's OF and ADDRESSES (to themes) relationships match the wanted platform and themes.</summary>
    private static async Task SyncLinksAsync(IGraphStore store, MeetingState state, string? platform, IReadOnlyList<string> themes, CancellationToken ct)
    {
        foreach (var link in state.Platforms.Where(l => l.To != platform)) await store.DeleteRelationshipAsync(link.Id, link.Version, ct);
        if (platform is not null && state.Platforms.All(l => l.To != platform))
        {
            await store.CreateRelationshipAsync(new RelationshipDraft { Type = MeetingState.Of, From = state.Id, To = platform }, ct);
        }
        foreach (var link in state.Themes.Where(l => !themes.Contains(l.To))) await store.DeleteRelationshipAsync(link.Id, link.Version, ct);
        foreach (var theme in themes.Where(t => state.Themes.All(l => l.To != t)))
        {
            await store.CreateRelationshipAsync(new RelationshipDraft { Type = MeetingState.Addresses, From = state.Id, To = theme }, ct);
        }
    }

    /// <summary>The original start of an occurrence named by the client; 422 when it is not one of the series.</summary>
    private static DateTimeOffset OccurrenceOf(MeetingState state, string? text, string field)
    {
        var errors = new List<ValidationError>();
        if (MeetingValidation.Instant(text, field, errors) is not { } at) throw new GraphValidationException(errors);
        var isOccurrence = state.Recurrence is null ? at == state.Start : SafeIsOccurrence(state.Properties, state.Start, at);
        if (!isOccurrence) throw new GraphValidationException([new ValidationError(field, "not-an-occurrence")]);
        return at;
    }

    private static bool SafeIsOccurrence(IReadOnlyDictionary<string, JsonElement> properties, DateTimeOffset start, DateTimeOffset originalStart)
    {
        var rule = MeetingNode.Text(properties, "recurrence");
        try
        {
            return MeetingRecurrence.IsOccurrence(rule, start, originalStart);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return start == originalStart;
        }
    }

    private static void SetExceptions(Dictionary<string, JsonElement> properties, List<OccurrenceException> exceptions)
    {
        if (exceptions.Count == 0) properties.Remove("exceptions");
        else properties["exceptions"] = MeetingNode.ToJsonText(exceptions.OrderBy(x => x.OriginalStart).ToList());
    }

    private static readonly string[] AttendeeFacing = ["start", "end", "venue", "address", "room", "onlineUrl", "recurrence"];

    /// <summary>Time, place, recurrence and cancellation matter to attendees (iCalendar SEQUENCE); a title or description does not.</summary>
    private static bool MattersToAttendees(IReadOnlyDictionary<string, JsonElement> before, IReadOnlyDictionary<string, JsonElement> after) =>
        AttendeeFacing.Any(p => MeetingNode.Text(before, p) != MeetingNode.Text(after, p))
        || (MeetingNode.Text(before, "status") == "cancelled") != (MeetingNode.Text(after, "status") == "cancelled");

    /// <summary>Schema check of properties built here from stored ones plus a change (e.g. an over-long title in an occurrence).</summary>
    private static void ValidateStored(IGraphStore store, Dictionary<string, JsonElement> properties)
    {
        var errors = new SchemaValidator(store.Schema).ValidateNode(new NodeDraft { Kind = MeetingState.Kind, Properties = properties });
        if (errors.Count > 0) throw new GraphValidationException(errors);
    }

    private static IEnumerable<string> Optional(string? id) => id is null ? [] : [id];
}
