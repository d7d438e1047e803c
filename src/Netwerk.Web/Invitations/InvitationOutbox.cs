using Hangfire;
using Microsoft.Extensions.Options;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Netwerk.Web.Jobs;
using Netwerk.Web.Meetings;

namespace Netwerk.Web.Invitations;

/// <summary>What a send did, person by person counted.</summary>
public sealed record SendSummary
{
    public required string MeetingId { get; init; }
    public required int Sequence { get; init; }
    /// <summary>Messages queued by this call.</summary>
    public int Queued { get; init; }
    /// <summary>Queued earlier and not sent yet (the jobs are on it).</summary>
    public int AlreadyQueued { get; init; }
    /// <summary>Already have this sequence: nothing is sent to them again.</summary>
    public int AlreadyDelivered { get; init; }
    public int OptedOut { get; init; }
    public int WithoutEmail { get; init; }
    /// <summary>Never sent anything, so not told of a cancellation either.</summary>
    public int NotInformed { get; init; }
}

/// <summary>
/// The durable outbox of invitations. The state of every person's invitation is on their INVITED relationship in the
/// graph store; a message is first marked <c>queued</c> there (committed), then enqueued as a Hangfire job. Hangfire
/// keeps jobs in memory, so a crash or restart loses the jobs but never the marks: at start every INVITED still queued
/// is enqueued again (<see cref="RecoverAsync"/>), and the job's own check ("has this sequence already?") keeps a
/// delivered message from going out twice.
/// </summary>
public sealed class InvitationOutbox(
    IGraphStore store, IBackgroundJobClient jobs, InvitationReminders reminders,
    IOptions<JobOptions> jobOptions, IOptions<InvitationOptions> options, TimeProvider clock, ILogger<InvitationOutbox> logger)
{
    /// <summary>
    /// Queues the meeting's current sequence for every invitee who does not have it yet. With <paramref name="informedOnly"/>
    /// (cancellations, and anything about a cancelled meeting) only people who were sent something before are told.
    /// <paramref name="occurrence"/> names the one occurrence a cancellation is about, so people who are otherwise up to
    /// date get a cancellation of that date rather than the whole series again.
    /// </summary>
    public async Task<SendSummary> QueueAsync(MeetingState meeting, bool informedOnly, DateTimeOffset? occurrence, CancellationToken ct)
    {
        var sequence = meeting.Sequence;
        informedOnly |= meeting.Status == "cancelled";
        int queued = 0, alreadyQueued = 0, alreadyDelivered = 0, optedOut = 0, withoutEmail = 0, notInformed = 0;
        foreach (var invited in await Invited.OfMeetingAsync(store, meeting.Id, ct))
        {
            if (invited.Removed) continue; // its own cancellation is queued already
            if (invited.HasReceived(sequence))
            {
                alreadyDelivered++;
                continue;
            }
            if (invited.Delivery == Delivery.Queued && invited.Sequence == sequence)
            {
                alreadyQueued++;
                continue;
            }
            if (informedOnly && !invited.Informed)
            {
                notInformed++;
                continue;
            }
            if (await store.GetNodeAsync(invited.PersonId, ct) is not { } person) continue;
            if (InvitationEvents.OptedOut(person) || InvitationEvents.Recipient(person) is null)
            {
                var optOut = InvitationEvents.OptedOut(person);
                if (optOut) optedOut++;
                else withoutEmail++;
                await MarkUnsendableAsync(invited, sequence, optOut ? InvitationMailer.OptOut : InvitationMailer.NoEmail, ct);
                continue;
            }
            if (await MarkQueuedAsync(invited, sequence, removed: null, ct) is { } marked)
            {
                Enqueue(marked, occurrence);
                queued++;
            }
        }
        if (!informedOnly) await reminders.ScheduleAsync(meeting, ct);
        else await reminders.ForgetIfOffAsync(meeting, ct);
        logger.LogInformation("Invitations of {Meeting} at sequence {Sequence}: {Queued} queued, {Delivered} already delivered", meeting.Id, sequence, queued, alreadyDelivered);
        return new SendSummary
        {
            MeetingId = meeting.Id, Sequence = sequence, Queued = queued, AlreadyQueued = alreadyQueued, AlreadyDelivered = alreadyDelivered,
            OptedOut = optedOut, WithoutEmail = withoutEmail, NotInformed = notInformed,
        };
    }

    /// <summary>
    /// A person taken off a frozen list: who was sent something gets a cancellation of their own, and their INVITED stays
    /// (marked removed, so lists and planning ignore it) until that is out; who was sent nothing just goes.
    /// </summary>
    public async Task RemoveAsync(MeetingState meeting, Invited invited, CancellationToken ct)
    {
        if (invited.Removed) return;
        if (!invited.Informed)
        {
            await store.DeleteRelationshipAsync(invited.Id, invited.Link.Version, ct);
            return;
        }
        if (await MarkQueuedAsync(invited, meeting.Sequence, removed: clock.GetUtcNow(), ct) is { } marked) Enqueue(marked, null);
    }

    /// <summary>A person put back on the list before their cancellation went out: they get the invitation as it stands.</summary>
    public async Task ReinstateAsync(MeetingState meeting, Invited invited, CancellationToken ct)
    {
        if (!invited.Removed) return;
        var written = await Invited.UpdateAsync(store, invited.Id, current => current.Removed
            ? current.With(("removedAt", null), ("delivery", "queued"), ("sequence", meeting.Sequence), ("failure", null), ("queuedAt", Invited.Format(clock.GetUtcNow())))
            : null, ct);
        if (written is { Removed: false, Delivery: Delivery.Queued }) Enqueue(written, null);
    }

    /// <summary>
    /// At start: enqueues what the store still has queued and Hangfire no longer has. With jobs in memory that is every
    /// queued invitation (a job finding another live instance's claim steps back, so a second instance starting beside a
    /// busy one sends nothing twice). With shared job storage the jobs survived the restart; only what no instance will
    /// run is enqueued (<see cref="SweepAsync"/>), so instances starting together do not double the queue.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken ct)
    {
        var invitations = await AllAsync(ct);
        var queued = jobOptions.Value.Shared
            ? Orphaned(invitations)
            : [.. invitations.Where(i => i.Delivery == Delivery.Queued).OrderBy(i => i.MeetingId, StringComparer.Ordinal).ThenBy(i => i.PersonId, StringComparer.Ordinal)];
        foreach (var invited in queued) Enqueue(invited, null);
        foreach (var meetingId in invitations.Where(i => i.DeliveredSequence is not null).Select(i => i.MeetingId).Distinct())
        {
            if (await MeetingState.LoadAsync(store, meetingId, ct) is { } meeting) await reminders.ScheduleAsync(meeting, ct);
        }
        if (queued.Count > 0) logger.LogInformation("Outbox: {Count} invitations still queued in the store enqueued again", queued.Count);
        return queued.Count;
    }

    /// <summary>
    /// The recurring outbox sweep (<c>Invitations:OutboxSweepInterval</c>; with shared job storage it runs once per
    /// schedule across instances): enqueues invitations whose sender died mid-send (its claim ran out) and queued ones no
    /// job took for <c>Invitations:RequeueAfter</c>. An extra job is harmless: it claims first, or finds the message sent.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var orphaned = Orphaned(await AllAsync(ct));
        foreach (var invited in orphaned) Enqueue(invited, null);
        if (orphaned.Count > 0) logger.LogInformation("Outbox sweep: {Count} invitations without a live sender enqueued again", orphaned.Count);
        return orphaned.Count;
    }

    private async Task<List<Invited>> AllAsync(CancellationToken ct)
    {
        var all = await store.FindRelationshipsAsync(new RelationshipQuery { Type = Invited.Type, Limit = int.MaxValue }, ct);
        return [.. all.Items.Select(r => new Invited(r))];
    }

    private List<Invited> Orphaned(IEnumerable<Invited> invitations)
    {
        var now = clock.GetUtcNow();
        var stale = now - options.Value.RequeueAfter;
        return [.. invitations.Where(i => i.Delivery == Delivery.Queued && (i.ClaimedUntil is { } until
                ? until <= now
                : i.Failure is null && (i.QueuedAt ?? DateTimeOffset.MinValue) <= stale))
            .OrderBy(i => i.MeetingId, StringComparer.Ordinal).ThenBy(i => i.PersonId, StringComparer.Ordinal)];
    }

    private void Enqueue(Invited invited, DateTimeOffset? occurrence)
    {
        var (meetingId, personId, sequence, at) = (invited.MeetingId, invited.PersonId, invited.Sequence, occurrence?.ToUnixTimeSeconds());
        jobs.Enqueue<InvitationMailer>(m => m.DeliverAsync(meetingId, personId, sequence, at, null, CancellationToken.None));
    }

    /// <summary>Marks the message queued; null when there was nothing to mark (delivered, or queued already).</summary>
    private async Task<Invited?> MarkQueuedAsync(Invited invited, int sequence, DateTimeOffset? removed, CancellationToken ct)
    {
        var changed = false;
        var written = await Invited.UpdateAsync(store, invited.Id, current =>
        {
            changed = false;
            if (removed is null && (current.HasReceived(sequence) || current.Removed)) return null;
            if (current.Delivery == Delivery.Queued && current.Sequence == sequence && current.Removed == (removed is not null)) return null;
            changed = true;
            return current.With(("delivery", "queued"), ("sequence", sequence), ("failure", null), ("queuedAt", Invited.Format(clock.GetUtcNow())),
                ("removedAt", removed is { } at ? Invited.Format(at) : null));
        }, ct);
        return changed ? written : null;
    }

    private Task<Invited?> MarkUnsendableAsync(Invited invited, int sequence, string reason, CancellationToken ct) =>
        Invited.UpdateAsync(store, invited.Id, current =>
            current.Delivery == Delivery.Failed && current.Failure == reason && current.Sequence == sequence
                ? null
                : current.With(("delivery", "failed"), ("sequence", sequence), ("failure", reason)), ct);
}
