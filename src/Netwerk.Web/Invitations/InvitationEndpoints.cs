using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;
using Netwerk.Web.Meetings;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Invitations;

/// <summary>One invitee's invitation as the organiser follows it.</summary>
public sealed record InvitationStatusResponse
{
    public required string PersonId { get; init; }
    public required string Name { get; init; }
    public string? Email { get; init; }
    /// <summary>none (not sent yet), queued, sent, failed.</summary>
    public required string Delivery { get; init; }
    /// <summary>The sequence of the latest message queued for the person.</summary>
    public required int Sequence { get; init; }
    public int? DeliveredSequence { get; init; }
    /// <summary>The person has the meeting's current sequence.</summary>
    public required bool UpToDate { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? MessageId { get; init; }
    public string? Failure { get; init; }
    /// <summary>needs-action, accepted, tentative, declined, waitlisted.</summary>
    public required string Answer { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    /// <summary>Taken off the list; the cancellation to them is on its way (or failed).</summary>
    public required bool Removed { get; init; }
}

public sealed record InvitationCounts(int Invited, int NotSent, int Queued, int Sent, int Failed, int UpToDate, int Accepted, int Tentative, int Declined, int Waitlisted, int NoAnswer);

public sealed record InvitationsResponse(string MeetingId, int Sequence, string MeetingStatus, bool Frozen, InvitationCounts Counts, IReadOnlyList<InvitationStatusResponse> Invitations);

/// <summary>
/// Sending a meeting's invitations and following them: <c>POST /api/meetings/{id}/invitations</c> queues the current
/// version for everyone on the frozen list who does not have it yet (the first invitation, an update after a change,
/// a newcomer's own invitation); <c>GET</c> lists each invitee's delivery and answer. Cancelling through the planner
/// (<c>POST /api/meetings/{id}/cancel</c>) sends the cancellations by itself.
/// </summary>
public static class InvitationEndpoints
{
    public static IEndpointRouteBuilder MapInvitations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/meetings").WithTags("Invitations");
        group.MapPost("/{id}/invitations", Send).RequireAuthorization(RolePolicies.Organiser)
            .WithSummary("Sends the invitation (or the update after a change, or the cancellation of a cancelled meeting) to everyone on the frozen list who does not have the current sequence yet.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/invitations", List)
            .WithSummary("Each invitee's delivery state (queued, sent, failed and why), sequence and answer, with counts.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<SendSummary>> Send(string id, IGraphStore store, RequestAccess access, InvitationOutbox outbox, HttpContext http, CancellationToken ct)
    {
        var meeting = await MeetingEndpoints.LoadAsync(store, access, id, ct);
        await access.EnsurePlannableAsync(meeting.Anchors, ct);
        var en = RequestLanguage.Of(http) == "en";
        if (meeting.InviteList?.FrozenAt is null)
        {
            throw new RequestProblemException(StatusCodes.Status409Conflict, "invite-list-not-frozen", detail: en
                ? "Freeze the invite list first (POST /api/meetings/{id}/invitees/freeze): invitations go to the frozen list."
                : "Bevries eerst de uitnodigingslijst (POST /api/meetings/{id}/invitees/freeze): uitnodigingen gaan naar de bevroren lijst.");
        }
        if (meeting.Status == "draft")
        {
            throw new RequestProblemException(StatusCodes.Status409Conflict, "meeting-draft", detail: en
                ? "This meeting is a draft: plan it (status planned) before sending invitations."
                : "Deze activiteit is nog een ontwerp: zet ze op gepland voor je uitnodigingen verstuurt.");
        }
        return TypedResults.Ok(await outbox.QueueAsync(meeting, informedOnly: false, occurrence: null, ct));
    }

    private static async Task<Ok<InvitationsResponse>> List(string id, IGraphStore store, RequestAccess access, CancellationToken ct)
    {
        var meeting = await MeetingEndpoints.LoadAsync(store, access, id, ct);
        var visible = await access.VisibleAsync(ct);
        var rows = new List<InvitationStatusResponse>();
        foreach (var invited in (await Invited.OfMeetingAsync(store, id, ct)).OrderBy(i => i.PersonId, StringComparer.Ordinal))
        {
            var person = await store.GetNodeAsync(invited.PersonId, ct);
            var shown = visible is null || visible(invited.PersonId);
            rows.Add(new InvitationStatusResponse
            {
                PersonId = invited.PersonId,
                Name = shown ? (person is null ? invited.PersonId : MeetingNode.Text(person.Properties, "name") ?? invited.PersonId) : InviteeEndpoints.HiddenName,
                Email = shown && person is not null ? MeetingNode.Text(person.Properties, "email") : null,
                Delivery = Invited.Code(invited.Delivery),
                Sequence = invited.Sequence,
                DeliveredSequence = invited.DeliveredSequence,
                UpToDate = invited.HasReceived(meeting.Sequence),
                SentAt = invited.SentAt,
                MessageId = shown ? invited.MessageId : null,
                Failure = invited.Failure,
                Answer = invited.Answer,
                AnsweredAt = invited.AnsweredAt,
                Removed = invited.Removed,
            });
        }
        var listed = rows.Where(r => !r.Removed).ToList();
        var counts = new InvitationCounts(
            Invited: listed.Count,
            NotSent: listed.Count(r => r.Delivery == "none"),
            Queued: listed.Count(r => r.Delivery == "queued"),
            Sent: listed.Count(r => r.Delivery == "sent"),
            Failed: listed.Count(r => r.Delivery == "failed"),
            UpToDate: listed.Count(r => r.UpToDate),
            Accepted: listed.Count(r => r.Answer == "accepted"),
            Tentative: listed.Count(r => r.Answer == "tentative"),
            Declined: listed.Count(r => r.Answer == "declined"),
            Waitlisted: listed.Count(r => r.Answer == "waitlisted"),
            NoAnswer: listed.Count(r => r.Answer == "needs-action"));
        return TypedResults.Ok(new InvitationsResponse(id, meeting.Sequence, meeting.Status, meeting.InviteList?.FrozenAt is not null, counts, rows));
    }
}
