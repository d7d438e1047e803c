using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Netwerk.Web.Meetings;

namespace Netwerk.Web.Invitations;

/// <summary>How far the invitation of one person has got: the <c>delivery</c> property of INVITED.</summary>
public enum Delivery
{
    /// <summary>Never queued: the organiser has not sent the invitations (yet), or the person was invited after that.</summary>
    None,

    /// <summary>A message at <see cref="Invited.Sequence"/> waits to be sent (or is being sent).</summary>
    Queued,

    /// <summary>The SMTP server (or the outbox) accepted the message at <see cref="Invited.Sequence"/>.</summary>
    Sent,

    /// <summary>The message at <see cref="Invited.Sequence"/> cannot be delivered; <see cref="Invited.Failure"/> says why.</summary>
    Failed,
}

/// <summary>
/// One INVITED relationship (Person → Meeting) read as the durable outbox of that person's invitation: the answer
/// (<c>status</c>), the sequence of the latest message queued for them (<c>sequence</c>), its delivery state, what was
/// delivered last (<c>deliveredSequence</c>, <c>messageId</c>, <c>sentAt</c>) and why it failed (<c>failure</c>).
/// Every change goes through the graph store, so it is in the change feed (live in every browser) and the audit log.
/// </summary>
public sealed record Invited(Relationship Link)
{
    public const string Type = MeetingState.Invited;

    public string Id => Link.Id;
    public string PersonId => Link.From;
    public string MeetingId => Link.To;

    /// <summary>The answer: needs-action, accepted, tentative, declined, waitlisted.</summary>
    public string Answer => MeetingNode.Text(Link.Properties, "status") ?? "needs-action";
    public int Sequence => MeetingNode.Integer(Link.Properties, "sequence") ?? 0;
    public int? DeliveredSequence => MeetingNode.Integer(Link.Properties, "deliveredSequence");
    public string? MessageId => MeetingNode.Text(Link.Properties, "messageId");
    public string? Failure => MeetingNode.Text(Link.Properties, "failure");
    public DateTimeOffset? SentAt => Instant("sentAt");
    public DateTimeOffset? AnsweredAt => Instant("answeredAt");
    public DateTimeOffset? RemindedFor => Instant("remindedFor");

    /// <summary>When a seat that came free went to this person on the waiting list; <see cref="SeatMailedAt"/> when they were told.</summary>
    public DateTimeOffset? PromotedAt => Instant("promotedAt");
    public DateTimeOffset? SeatMailedAt => Instant("seatMailedAt");

    /// <summary>Promoted from the waiting list, still coming and still listed, and not told yet.</summary>
    public bool AwaitsSeatMail => PromotedAt is { } promoted && Answer == "accepted" && !Removed && !(SeatMailedAt >= promoted);

    /// <summary>Set while a person taken off the list waits for their cancellation; the relationship goes once it is sent.</summary>
    public DateTimeOffset? RemovedAt => Instant("removedAt");
    public bool Removed => RemovedAt is not null;

    /// <summary>When the message at <see cref="Sequence"/> was queued.</summary>
    public DateTimeOffset? QueuedAt => Instant("queuedAt");

    /// <summary>The app instance sending (or reminding) right now, until <see cref="ClaimedUntil"/>; see <see cref="InvitationClaims"/>.</summary>
    public string? ClaimedBy => MeetingNode.Text(Link.Properties, "claimedBy");
    public DateTimeOffset? ClaimedUntil => Instant("claimedUntil");

    /// <summary>Another instance than <paramref name="instance"/> holds a claim that has not run out at <paramref name="now"/>.</summary>
    public bool ClaimedElsewhere(string instance, DateTimeOffset now) =>
        ClaimedBy is { } by && by != instance && ClaimedUntil is { } until && until > now;

    public Delivery Delivery => MeetingNode.Text(Link.Properties, "delivery") switch
    {
        "queued" => Delivery.Queued,
        "sent" => Delivery.Sent,
        "failed" => Delivery.Failed,
        _ => Delivery.None,
    };

    /// <summary>Something about the meeting reached the person, or may be on its way: they must hear of changes and cancellation.</summary>
    public bool Informed => DeliveredSequence is not null || Delivery == Delivery.Queued;

    /// <summary>The person has the message of <paramref name="sequence"/> (or a later one).</summary>
    public bool HasReceived(int sequence) => Delivery == Delivery.Sent && Sequence >= sequence && DeliveredSequence >= sequence;

    private DateTimeOffset? Instant(string name) =>
        GraphDates.TryParseDateTime(MeetingNode.Text(Link.Properties, name), out var value) ? value : null;

    public static string Code(Delivery delivery) => delivery switch
    {
        Delivery.Queued => "queued",
        Delivery.Sent => "sent",
        Delivery.Failed => "failed",
        _ => "none",
    };

    /// <summary>Every INVITED relationship of a meeting.</summary>
    public static async Task<IReadOnlyList<Invited>> OfMeetingAsync(IGraphStore store, string meetingId, CancellationToken ct) =>
        [.. (await InviteeEndpoints.RelationshipsToAsync(store, Type, meetingId, ct)).Select(r => new Invited(r))];

    /// <summary>The INVITED relationship of one person to one meeting, if any.</summary>
    public static async Task<Invited?> FindAsync(IGraphStore store, string meetingId, string personId, CancellationToken ct)
    {
        var page = await store.FindRelationshipsAsync(new RelationshipQuery { Type = Type, From = personId, To = meetingId, Limit = 10 }, ct);
        return page.Items.Count == 0 ? null : new Invited(page.Items.OrderBy(r => r.CreatedAt).First());
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current properties and writes them with the version read, again on a
    /// conflict (an answer and a delivery report may meet). <paramref name="change"/> returns null to leave it alone.
    /// Returns the relationship as written (or as found), null when it no longer exists.
    /// </summary>
    public static async Task<Invited?> UpdateAsync(
        IGraphStore store, string relationshipId, Func<Invited, Dictionary<string, JsonElement>?> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await store.GetRelationshipAsync(relationshipId, ct) is not { } current) return null;
            var invited = new Invited(current);
            if (change(invited) is not { } properties) return invited;
            try
            {
                var written = await store.UpdateRelationshipAsync(relationshipId, new RelationshipDraft
                {
                    Type = current.Type,
                    From = current.From,
                    To = current.To,
                    Properties = properties,
                    ValidFrom = current.ValidFrom?.ToString(GraphDates.DateFormat),
                    ValidUntil = current.ValidUntil?.ToString(GraphDates.DateFormat),
                }, current.Version, ct);
                return new Invited(written);
            }
            catch (VersionConflictException) when (attempt < 10)
            {
                // Someone wrote in between (an answer, another job): read again and re-apply.
            }
            catch (GraphItemNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>A copy of the properties with some set (non-null) and some removed (null).</summary>
    public Dictionary<string, JsonElement> With(params (string Name, object? Value)[] changes) =>
        MeetingNode.With(Link.Properties, [.. changes.Select(c => (c.Name, c.Value is null ? (JsonElement?)null : GraphJson.ToElement(c.Value)))]);

    public static string Format(DateTimeOffset instant) => MeetingNode.Format(instant);
}
