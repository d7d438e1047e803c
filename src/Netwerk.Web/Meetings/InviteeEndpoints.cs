using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Analysis;
using Netwerk.Core.Graph;
using Netwerk.Core.Planning.InviteLists;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;
using Netwerk.Web.Invitations;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Meetings;

/// <summary>
/// A meeting's invite list: rules saved on the meeting and evaluated over the graph (<see cref="InviteListEvaluator"/>)
/// each time it is read, until a freeze writes one INVITED relationship per invitee with the meeting's sequence. A
/// frozen list stays in step with its rules: saving rules (or freezing again) invites newcomers and removes the
/// INVITED of people no longer listed — the invitation sender sends those a cancellation.
/// </summary>
public static class InviteeEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id}/invitees", GetInvitees).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The invite list as its saved rules give it now, with the INVITED status of each person once frozen.");
        group.MapPut("/{id}/invitees", SaveInvitees).RequireAuthorization(RolePolicies.Organiser)
            .WithSummary("Saves the rules and manual additions/removals (If-Match: the meeting's version).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapGet("/{id}/invitees/preview", PreviewFromQuery).RequireAuthorization(RolePolicies.Organiser)
            .WithSummary("The list that rules would give (query 'rules': the definition as JSON; the saved rules without it); nothing is saved.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/invitees/preview", PreviewFromBody).RequireAuthorization(RolePolicies.Organiser)
            .WithSummary("The list that the definition in the body would give; nothing is saved. The same as GET …/preview, for clients that prefer a body.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/invitees/freeze", Freeze).RequireAuthorization(RolePolicies.Organiser)
            .WithSummary("Freezes the list: an INVITED relationship (needs-action, the meeting's sequence) per invitee (If-Match).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<Ok<InviteesResponse>> GetInvitees(
        string id, IGraphStore store, PlanningGraph planning, RequestAccess access, HttpResponse response, CancellationToken ct)
    {
        var state = await MeetingEndpoints.LoadAsync(store, access, id, ct);
        var stored = state.InviteList ?? new StoredInviteList(new InviteListDefinition());
        response.SetETag(state.Node.Version);
        return TypedResults.Ok(await DescribeAsync(store, planning, state, stored, ct, await access.VisibleAsync(ct)));
    }

    private static async Task<Ok<InviteesResponse>> SaveInvitees(
        string id, InviteListDefinition definition, IGraphStore store, PlanningGraph planning, RequestAccess access, InvitationOutbox outbox,
        HttpRequest http, HttpResponse response, CancellationToken ct)
    {
        var version = http.RequiredIfMatch();
        var state = await MeetingEndpoints.LoadAsync(store, access, id, ct);
        await access.EnsurePlannableAsync(state.Anchors, ct);
        var graph = await planning.CurrentAsync(ct);
        Validate(definition, graph);
        var stored = new StoredInviteList(definition, state.InviteList?.FrozenAt);
        var node = await store.UpdateNodeAsync(id, new NodeDraft
        {
            Kind = MeetingState.Kind,
            Properties = MeetingNode.With(state.Properties, ("inviteRules", MeetingNode.ToJsonText(stored))),
        }, version, ct);
        state = state with { Node = node };
        if (stored.FrozenAt is not null) await SyncInvitedAsync(store, outbox, state, InviteListEvaluator.Evaluate(definition, graph), ct);
        response.SetETag(node.Version);
        return TypedResults.Ok(await DescribeAsync(store, planning, state, stored, ct, await access.VisibleAsync(ct)));
    }

    private static async Task<Ok<InviteesResponse>> PreviewFromQuery(
        string id, string? rules, IGraphStore store, PlanningGraph planning, RequestAccess access, CancellationToken ct)
    {
        InviteListDefinition? definition = null;
        if (!string.IsNullOrWhiteSpace(rules))
        {
            try
            {
                definition = JsonSerializer.Deserialize<InviteListDefinition>(rules, MeetingNode.JsonOptions);
            }
            catch (JsonException)
            {
                throw RequestProblemException.Invalid(new ValidationError("rules", "wrong-type", "JSON"));
            }
        }
        return await PreviewAsync(id, definition, store, planning, access, ct);
    }

    private static Task<Ok<InviteesResponse>> PreviewFromBody(
        string id, InviteListDefinition definition, IGraphStore store, PlanningGraph planning, RequestAccess access, CancellationToken ct) =>
        PreviewAsync(id, definition, store, planning, access, ct);

    private static async Task<Ok<InviteesResponse>> PreviewAsync(
        string id, InviteListDefinition? definition, IGraphStore store, PlanningGraph planning, RequestAccess access, CancellationToken ct)
    {
        var state = await MeetingEndpoints.LoadAsync(store, access, id, ct);
        await access.EnsurePlannableAsync(state.Anchors, ct);
        var stored = definition is null
            ? state.InviteList ?? new StoredInviteList(new InviteListDefinition())
            : new StoredInviteList(definition, state.InviteList?.FrozenAt);
        Validate(stored.Definition, await planning.CurrentAsync(ct));
        return TypedResults.Ok(await DescribeAsync(store, planning, state, stored, ct, await access.VisibleAsync(ct)));
    }

    private static async Task<Ok<InviteesResponse>> Freeze(
        string id, IGraphStore store, PlanningGraph planning, RequestAccess access, InvitationOutbox outbox, HttpRequest http, HttpResponse response, CancellationToken ct)
    {
        var version = http.RequiredIfMatch();
        var state = await MeetingEndpoints.LoadAsync(store, access, id, ct);
        await access.EnsurePlannableAsync(state.Anchors, ct);
        var stored = (state.InviteList ?? new StoredInviteList(new InviteListDefinition())) is var current && current.FrozenAt is null
            ? current with { FrozenAt = planning.Now }
            : current;
        // Everyone on the list is INVITED before the meeting says the list is frozen: whoever sees it frozen (this
        // answer, or another browser through the live feed) can send at once, and must not send to half the list.
        if (state.Node.Version != version) throw new VersionConflictException(ChangeEntity.Node, id, version, state.Node.Version);
        await SyncInvitedAsync(store, outbox, state, InviteListEvaluator.Evaluate(stored.Definition, await planning.CurrentAsync(ct)), ct);
        var node = await store.UpdateNodeAsync(id, new NodeDraft
        {
            Kind = MeetingState.Kind,
            Properties = MeetingNode.With(state.Properties, ("inviteRules", MeetingNode.ToJsonText(stored))),
        }, version, ct);
        state = state with { Node = node };
        response.SetETag(node.Version);
        return TypedResults.Ok(await DescribeAsync(store, planning, state, stored, ct, await access.VisibleAsync(ct)));
    }

    /// <summary>A rule naming a missing node, an unknown value or a non-person is refused (422) with its JSON path.</summary>
    public static void Validate(InviteListDefinition? definition, GraphSnapshot graph)
    {
        if (definition is null) throw RequestProblemException.Invalid(new ValidationError("", "required"));
        var errors = InviteListEvaluator.Validate(definition, graph);
        if (errors.Count > 0) throw new GraphValidationException(errors);
    }

    /// <summary>
    /// Makes the INVITED relationships match the list: newcomers invited with the current sequence (they get their own
    /// invitation when the organiser sends), the unlisted removed — those who were sent something get a cancellation
    /// first (<see cref="InvitationOutbox.RemoveAsync"/>), and someone put back before it went out is reinstated.
    /// </summary>
    private static async Task SyncInvitedAsync(IGraphStore store, InvitationOutbox outbox, MeetingState state, InviteListResult list, CancellationToken ct)
    {
        var invited = await Invited.OfMeetingAsync(store, state.Id, ct);
        var wanted = list.Invitees.Select(i => i.PersonId).ToHashSet(StringComparer.Ordinal);
        foreach (var link in invited.Where(l => !wanted.Contains(l.PersonId))) await outbox.RemoveAsync(state, link, ct);
        foreach (var link in invited.Where(l => l.Removed && wanted.Contains(l.PersonId))) await outbox.ReinstateAsync(state, link, ct);
        var have = invited.Select(l => l.PersonId).ToHashSet(StringComparer.Ordinal);
        foreach (var person in list.Invitees.Where(i => !have.Contains(i.PersonId)))
        {
            await store.CreateRelationshipAsync(new RelationshipDraft
            {
                Type = MeetingState.Invited,
                From = person.PersonId,
                To = state.Id,
                Properties = new Dictionary<string, JsonElement>
                {
                    ["status"] = GraphJson.ToElement("needs-action"),
                    ["sequence"] = GraphJson.ToElement(state.Sequence),
                },
            }, ct);
        }
    }

    /// <summary>An INVITED kept only until the cancellation to a person taken off the list is out; lists and planning ignore it.</summary>
    public static bool IsRemoved(Relationship invited) => MeetingNode.Text(invited.Properties, "removedAt") is not null;

    public static async Task<IReadOnlyList<Relationship>> RelationshipsToAsync(IGraphStore store, string type, string meetingId, CancellationToken ct) =>
        (await store.FindRelationshipsAsync(new RelationshipQuery { Type = type, To = meetingId, Limit = int.MaxValue }, ct)).Items;

    /// <summary>How a person outside the caller's werkingsgebieden is shown: counted, never named.</summary>
    public const string HiddenName = "—";

    public static async Task<InviteesResponse> DescribeAsync(
        IGraphStore store, PlanningGraph planning, MeetingState? state, StoredInviteList stored, CancellationToken ct, Func<string, bool>? visible = null)
    {
        // An organiser bound to some regions may plan a meeting that reaches further (a provincial platform):
        // the list counts everyone, but only names the people in the organiser's own regions.
        bool Shown(string personId) => visible is null || visible(personId);
        var list = InviteListEvaluator.Evaluate(stored.Definition, await planning.CurrentAsync(ct));
        var invited = state is null ? [] : (await RelationshipsToAsync(store, MeetingState.Invited, state.Id, ct)).Where(r => !IsRemoved(r)).ToList();
        var attended = state is null ? [] : (await RelationshipsToAsync(store, MeetingState.Attended, state.Id, ct)).Select(r => r.From).ToHashSet(StringComparer.Ordinal);
        var status = invited.GroupBy(r => r.From).ToDictionary(g => g.Key, g => MeetingNode.Text(g.First().Properties, "status") ?? "needs-action", StringComparer.Ordinal);
        var listed = list.Invitees.Select(i => i.PersonId).ToHashSet(StringComparer.Ordinal);
        var capacity = state is null ? null : MeetingNode.Integer(state.Properties, "capacity");
        var frozen = stored.FrozenAt is not null;
        return new InviteesResponse
        {
            MeetingId = state?.Id,
            Definition = stored.Definition,
            Frozen = frozen,
            FrozenAt = stored.FrozenAt,
            Sequence = state?.Sequence ?? 0,
            Count = list.Invitees.Count,
            Capacity = capacity,
            OverCapacity = capacity is { } c ? Math.Max(0, list.Invitees.Count - c) : 0,
            Invitees = [.. list.Invitees.Select(i => new InviteeResponse
            {
                PersonId = i.PersonId,
                Name = Shown(i.PersonId) ? i.Name : HiddenName,
                Email = Shown(i.PersonId) ? i.Email : null,
                HasEmail = i.Email is not null,
                Reasons = i.Reasons,
                AddedByHand = i.AddedByHand,
                Status = status.GetValueOrDefault(i.PersonId),
                Attended = attended.Contains(i.PersonId),
            })],
            LeftOut = [.. list.LeftOut.Select(l => Shown(l.PersonId) ? l : l with { Name = HiddenName })],
            WithoutEmail = list.WithoutEmail,
            DuplicatesRemoved = list.DuplicatesRemoved,
            NotInvitedYet = frozen ? [.. listed.Where(p => !status.ContainsKey(p)).Order(StringComparer.Ordinal)] : [],
            NoLongerListed = [.. status.Keys.Where(p => !listed.Contains(p)).Order(StringComparer.Ordinal)],
        };
    }
}
