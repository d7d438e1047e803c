using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;
using MimeKit;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Netwerk.Web.Jobs;
using Netwerk.Web.Mail;
using Netwerk.Web.Meetings;

namespace Netwerk.Web.Invitations;

/// <summary>
/// The background jobs that send invitation mail, one per (meeting, person, sequence). A job gets ids only and reads
/// everything again when it runs, so it sends the meeting as it is then; it is re-entrant (Hangfire runs a job at least
/// once): it does nothing when the person already has that sequence or a newer message is queued for them, one
/// person's jobs never run side by side in this process, and across instances a job claims the invitation before it
/// sends (<see cref="InvitationClaims"/>): a job that finds another instance's claim comes back when that claim runs out.
/// Transient failures (server unreachable, 4xx) are thrown for Hangfire to retry with backoff; a permanent one (5xx, a
/// refused address) is recorded as failed with its reason and not retried; so is the last transient one.
/// </summary>
public sealed class InvitationMailer(
    IGraphStore store,
    InvitationEvents events,
    InvitationMessage messages,
    InvitationReminders reminders,
    IMailSender sender,
    InvitationLocks locks,
    InvitationClaims claims,
    IBackgroundJobClient jobs,
    Telemetry.NetwerkTelemetry telemetry,
    IOptions<JobOptions> jobOptions,
    TimeProvider clock,
    ILogger<InvitationMailer> logger)
{
    public const string NoEmail = "geen e-mailadres";
    public const string OptOut = "wil geen uitnodigingen (opt-out)";

    /// <summary>
    /// Sends the person the message the meeting calls for at <paramref name="sequence"/>: the invitation as it stands,
    /// its cancellation, the cancellation of <paramref name="occurrence"/> (original start, Unix seconds) when they
    /// were up to date before it, or their removal from the list.
    /// </summary>
    public async Task DeliverAsync(string meetingId, string personId, int sequence, long? occurrence, PerformContext? context, CancellationToken ct)
    {
        using var held = await locks.HoldAsync(meetingId, personId, ct);
        var invited = await Invited.FindAsync(store, meetingId, personId, ct);
        if (invited is null)
        {
            logger.LogInformation("Invitation of {Person} to {Meeting}: no longer invited, nothing to send", personId, meetingId);
            return;
        }
        if (invited.Delivery != Delivery.Queued || invited.Sequence != sequence)
        {
            // Already delivered (a second run of the same job), failed for good, or superseded by a newer message.
            logger.LogInformation("Invitation of {Person} to {Meeting} at sequence {Sequence}: already handled ({Delivery} at {Current})",
                personId, meetingId, sequence, Invited.Code(invited.Delivery), invited.Sequence);
            return;
        }
        var claim = await claims.ClaimAsync(invited.Id, c => c.Delivery == Delivery.Queued && c.Sequence == sequence, ct);
        if (claim.ElsewhereUntil is { } until)
        {
            // Another instance is sending it: look again when its claim runs out (it will be sent by then, or that instance died).
            jobs.Schedule<InvitationMailer>(m => m.DeliverAsync(meetingId, personId, sequence, occurrence, null, CancellationToken.None),
                until - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            logger.LogInformation("Invitation of {Person} to {Meeting} at sequence {Sequence}: being sent by another instance until {Until:o}",
                personId, meetingId, sequence, until);
            return;
        }
        if (claim.Claimed is not { } mine) return; // handled meanwhile
        try
        {
            await DeliverClaimedAsync(mine, sequence, occurrence, context, ct);
        }
        finally
        {
            await claims.ReleaseAsync(mine.Id);
        }
    }

    private async Task DeliverClaimedAsync(Invited invited, int sequence, long? occurrence, PerformContext? context, CancellationToken ct)
    {
        var (meetingId, personId) = (invited.MeetingId, invited.PersonId);
        var meeting = await MeetingState.LoadAsync(store, meetingId, ct);
        var person = await store.GetNodeAsync(personId, ct);
        if (meeting is null || person is null) return; // deleting either deletes the relationship too
        if (InvitationEvents.OptedOut(person))
        {
            await RecordFailureAsync(invited, sequence, OptOut, final: true, ct);
            return;
        }
        var kind = invited.Removed ? MessageKind.Removal
            : meeting.Status == "cancelled" ? MessageKind.Cancellation
            : occurrence is { } at && invited.DeliveredSequence == sequence - 1
                && meeting.Exceptions.Any(x => x.Cancelled && x.OriginalStart.ToUnixTimeSeconds() == at) ? MessageKind.OccurrenceCancellation
            : MessageKind.Invitation;
        var occurrenceStart = occurrence is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        var invitation = await events.ForAsync(meeting, person, kind, occurrenceStart, isUpdate: invited.DeliveredSequence is not null, ct);
        if (invitation is null)
        {
            await RecordFailureAsync(invited, sequence, NoEmail, final: true, ct);
            return;
        }

        var message = messages.Compose(invitation);
        var messageId = message.MessageId ?? throw new InvalidOperationException("An invitation is composed with its Message-Id.");
        var committed = false;
        MailDelivery delivery;
        try
        {
            // "Sent" is recorded at the commit point, just before the last bytes go out: a crash after it leaves a
            // record that stops the next start from sending the message again. The store write has to finish before
            // the send goes on, so it blocks the sending thread (this is a background job) for that one write.
            delivery = await sender.SendAsync(message, () =>
            {
                MarkSentAsync(invited, sequence, messageId).GetAwaiter().GetResult();
                committed = true;
            }, ct);
        }
        catch (MailDeliveryException failure)
        {
            if (committed) await UndoSentAsync(invited, sequence, messageId);
            if (failure.Permanent)
            {
                telemetry.MailFailed(KindName(kind));
                await RecordFailureAsync(invited, sequence, Describe(failure), final: true, CancellationToken.None);
                return;
            }
            var attempt = RetryCount(context);
            var final = attempt >= jobOptions.Value.RetryAttempts;
            if (final) telemetry.MailFailed(KindName(kind));
            else telemetry.MailRetried(KindName(kind));
            await RecordFailureAsync(invited, sequence, final
                ? $"{Describe(failure)} (na {attempt + 1} pogingen opgegeven)"
                : $"{Describe(failure)} (poging {attempt + 1}; nieuwe poging over {jobOptions.Value.RetryDelay(attempt + 1):g})", final, CancellationToken.None);
            throw; // Hangfire retries with backoff; after the last attempt the job stays Failed on the dashboard.
        }
        catch when (committed)
        {
            // Stopped or broken after the record but before the server confirmed: take it back, the next run sends.
            await UndoSentAsync(invited, sequence, messageId);
            throw;
        }
        if (!committed) await MarkSentAsync(invited, sequence, messageId);
        telemetry.MailSent(KindName(kind));
        logger.LogInformation("Invitation {MessageId} to {Person} for {Meeting} at sequence {Sequence} delivered via {Route}",
            messageId, personId, meetingId, sequence, delivery.Route);
        if (kind == MessageKind.Removal) await ForgetRemovedAsync(invited);
    }

    /// <summary>
    /// Sends every invitee who has the meeting in their calendar (and did not decline) a reminder of the occurrence
    /// starting at <paramref name="occurrenceStart"/> (Unix seconds), one job per person; then schedules the next one.
    /// </summary>
    public async Task RemindMeetingAsync(string meetingId, long occurrenceStart, CancellationToken ct)
    {
        var meeting = await MeetingState.LoadAsync(store, meetingId, ct);
        if (meeting is null) return;
        await reminders.FanOutAsync(meeting, DateTimeOffset.FromUnixTimeSeconds(occurrenceStart), ct);
    }

    /// <summary>One person's reminder of one occurrence; sent at most once (<c>remindedFor</c> on INVITED).</summary>
    public Task RemindAsync(string meetingId, string personId, long occurrenceStart, CancellationToken ct)
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(occurrenceStart);
        return SendNoticeAsync(meetingId, personId, "reminder",
            due: (invited, meeting) => InvitationReminders.Wants(invited, meeting) && !(invited.RemindedFor >= start),
            compose: (meeting, person, invited) => reminders.ComposeAsync(meeting, person, invited, start, ct),
            done: _ => [("remindedFor", Invited.Format(start))],
            later: wait => jobs.Schedule<InvitationMailer>(m => m.RemindAsync(meetingId, personId, occurrenceStart, CancellationToken.None), wait),
            ct);
    }

    /// <summary>
    /// Tells a person who moved up from the waiting list that they have a seat; sent at most once per promotion
    /// (<c>seatMailedAt</c> on INVITED), and not when they have since declined or been taken off the list.
    /// </summary>
    public Task TellSeatAsync(string meetingId, string personId, CancellationToken ct) =>
        SendNoticeAsync(meetingId, personId, "seat",
            due: (invited, meeting) => invited.AwaitsSeatMail && meeting.Status is not ("cancelled" or "draft"),
            compose: (meeting, person, invited) => reminders.ComposeSeatAsync(meeting, person, invited, ct),
            done: invited => [("seatMailedAt", Invited.Format(invited.PromotedAt!.Value))],
            later: wait => jobs.Schedule<InvitationMailer>(m => m.TellSeatAsync(meetingId, personId, CancellationToken.None), wait),
            ct);

    /// <summary>
    /// A mail to one invitee that is not the invitation itself (a reminder, a seat that came free): sent while
    /// <paramref name="due"/> holds, by the instance that claims the invitation, then recorded with <paramref name="done"/>
    /// so a retried or repeated job does not send it twice. Another instance holding the claim: <paramref name="later"/>, with
    /// the time until that claim runs out.
    /// </summary>
    private async Task SendNoticeAsync(string meetingId, string personId, string kind, Func<Invited, MeetingState, bool> due,
        Func<MeetingState, Node, Invited, Task<MimeMessage?>> compose, Func<Invited, (string Name, object? Value)[]> done, Action<TimeSpan> later, CancellationToken ct)
    {
        using var held = await locks.HoldAsync(meetingId, personId, ct);
        var invited = await Invited.FindAsync(store, meetingId, personId, ct);
        var meeting = await MeetingState.LoadAsync(store, meetingId, ct);
        var person = await store.GetNodeAsync(personId, ct);
        if (invited is null || meeting is null || person is null) return;
        if (!due(invited, meeting) || InvitationEvents.OptedOut(person)) return;
        var claim = await claims.ClaimAsync(invited.Id, c => due(c, meeting), ct);
        if (claim.ElsewhereUntil is { } until)
        {
            later(until - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            return;
        }
        if (claim.Claimed is not { } mine) return;
        try
        {
            if (await compose(meeting, person, mine) is not { } message) return;
            try
            {
                await sender.SendAsync(message, ct);
            }
            catch (MailDeliveryException failure) when (!failure.Permanent)
            {
                telemetry.MailRetried(kind);
                throw;
            }
            catch (MailDeliveryException failure) when (failure.Permanent)
            {
                telemetry.MailFailed(kind);
                logger.LogWarning("The {Kind} mail of {Meeting} to {Person} was refused for good: {Failure}", kind, meetingId, personId, Telemetry.LogRedaction.Redact(failure.Message));
                return;
            }
            telemetry.MailSent(kind);
            await Invited.UpdateAsync(store, mine.Id, current =>
                due(current, meeting) ? current.With([.. done(current), .. InvitationClaims.Cleared]) : null, CancellationToken.None);
        }
        finally
        {
            await claims.ReleaseAsync(mine.Id);
        }
    }

    /// <summary>Records the message as delivered; a newer message queued meanwhile stays queued.</summary>
    private async Task MarkSentAsync(Invited invited, int sequence, string messageId)
    {
        var now = clock.GetUtcNow();
        // Not cancellable: the message is about to be (or was) accepted, and losing this write would send it again.
        await Invited.UpdateAsync(store, invited.Id, current =>
        {
            var stillCurrent = current.Sequence == sequence;
            return current.With(
                ("deliveredSequence", Math.Max(current.DeliveredSequence ?? 0, sequence)),
                ("messageId", messageId),
                ("sentAt", Invited.Format(now)),
                ("delivery", stillCurrent ? "sent" : Invited.Code(current.Delivery)),
                ("failure", stillCurrent ? null : current.Failure),
                ("claimedBy", null), ("claimedUntil", null));
        }, CancellationToken.None);
    }

    /// <summary>Takes back a "sent" recorded at the commit point when the server did not take the message after all.</summary>
    private Task<Invited?> UndoSentAsync(Invited before, int sequence, string messageId) =>
        Invited.UpdateAsync(store, before.Id, current =>
        {
            if (current.MessageId != messageId || current.DeliveredSequence != sequence) return null;
            return current.With(
                ("deliveredSequence", before.DeliveredSequence),
                ("messageId", before.MessageId),
                ("sentAt", before.SentAt is { } at ? Invited.Format(at) : null),
                ("delivery", current.Sequence == sequence ? "queued" : Invited.Code(current.Delivery)));
        }, CancellationToken.None);

    /// <summary>The cancellation to a person taken off the list is out: the relationship has done its work.</summary>
    private async Task ForgetRemovedAsync(Invited invited)
    {
        if (await store.GetRelationshipAsync(invited.Id, CancellationToken.None) is not { } current) return;
        var now = new Invited(current);
        if (!now.Removed || now.Delivery != Delivery.Sent) return; // put back on the list meanwhile
        try
        {
            await store.DeleteRelationshipAsync(current.Id, current.Version, CancellationToken.None);
        }
        catch (Exception e) when (e is Netwerk.Core.Graph.VersionConflictException or Netwerk.Core.Graph.GraphItemNotFoundException)
        {
            logger.LogInformation("Removal of {Person} from {Meeting} changed meanwhile; relationship kept", invited.PersonId, invited.MeetingId);
        }
    }

    private Task<Invited?> RecordFailureAsync(Invited invited, int sequence, string reason, bool final, CancellationToken ct) =>
        Invited.UpdateAsync(store, invited.Id, current =>
        {
            if (current.Sequence != sequence || current.Delivery != Delivery.Queued) return null;
            if (!final && current.Failure == reason) return null;
            return current.With(("delivery", final ? "failed" : "queued"), ("failure", Shorten(reason)));
        }, ct);

    /// <summary>The reason as an organiser can act on it: what failed, the server's code and reply.</summary>
    public static string Describe(MailDeliveryException failure)
    {
        var what = failure.Failure switch
        {
            MailFailure.RecipientRejected => "adres geweigerd door de mailserver",
            MailFailure.SenderRejected => "afzender geweigerd door de mailserver",
            MailFailure.MessageRejected => "bericht geweigerd door de mailserver",
            MailFailure.Refused => "mailserver weigert",
            MailFailure.Unreachable => "mailserver onbereikbaar",
            MailFailure.TimedOut => "mailserver antwoordt niet",
            MailFailure.ConnectionLost => "verbinding met de mailserver verbroken",
            MailFailure.Deferred => "mailserver stelt uit",
            MailFailure.AuthenticationFailed or MailFailure.AuthenticationRequired => "aanmelden bij de mailserver mislukt",
            MailFailure.SecurityFailed => "beveiligde verbinding met de mailserver mislukt",
            MailFailure.OutboxUnavailable => "outbox-map niet schrijfbaar",
            _ => "niet te versturen",
        };
        var code = failure.SmtpStatusCode is { } status ? $" ({status})" : "";
        return $"{what}{code}: {failure.Message}";
    }

    private static string KindName(MessageKind kind) => kind switch
    {
        MessageKind.Invitation => "invitation",
        MessageKind.Cancellation => "cancellation",
        MessageKind.OccurrenceCancellation => "occurrence-cancellation",
        MessageKind.Removal => "removal",
        _ => "other",
    };

    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..1997] + "...";

    private static int RetryCount(PerformContext? context)
    {
        try
        {
            return context?.GetJobParameter<int>("RetryCount") ?? 0;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or Newtonsoft.Json.JsonException)
        {
            return 0;
        }
    }
}
