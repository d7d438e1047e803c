using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using MimeKit;
using Netwerk.Core.Graph;
using Netwerk.Core.Planning;
using Netwerk.Core.Storage;
using Netwerk.Web.Mail;
using Netwerk.Web.Meetings;

namespace Netwerk.Web.Invitations;

/// <summary>
/// Reminders before each occurrence (<c>Invitations:ReminderBefore</c>, default two days): a plain mail with the
/// date, the place, the person's answer and the links to change it — no calendar part. Sending the REQUEST again
/// would not do: with the same SEQUENCE and Message-Id mail servers drop it as a duplicate, and with a new Message-Id
/// calendar clients treat it as a new copy of the invitation and may reset the answer the person gave in their
/// calendar (the REQUEST says PARTSTAT=NEEDS-ACTION). A reminder changes nothing in anyone's calendar.
/// One scheduled Hangfire job per meeting (its next occurrence); it fans out into one job per person, each sent once
/// (<c>remindedFor</c> on INVITED, claimed like a send). Which occurrence each meeting's reminder job is for is kept in the
/// job storage itself (a hash per meeting, under a distributed lock), so with storage shared by several instances a
/// meeting has one reminder job, not one per instance; with jobs in memory they are scheduled again from the store at start.
/// </summary>
public sealed class InvitationReminders(
    IGraphStore store, IBackgroundJobClient jobs, JobStorage storage, InvitationEvents events, InvitationMessage messages, MailAddresses addresses,
    IOptions<InvitationOptions> options, TimeProvider clock, ILogger<InvitationReminders> logger)
{
    // How far ahead the next occurrence of a series is looked for.
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(5 * 366);

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Who gets reminders: people who have the meeting in their calendar, are still listed and did not decline.</summary>
    public static bool Wants(Invited invited, MeetingState meeting) =>
        !invited.Removed && invited.DeliveredSequence is not null && invited.Answer != "declined" && meeting.Status is not ("cancelled" or "draft");

    /// <summary>Schedules the reminder of the meeting's next occurrence starting after <paramref name="after"/> (default now), replacing another.</summary>
    public Task ScheduleAsync(MeetingState meeting, CancellationToken ct, DateTimeOffset? after = null)
    {
        var before = options.Value.ReminderBefore;
        var now = clock.GetUtcNow();
        var from = after is { } a && a > now ? a : now;
        var next = before > TimeSpan.Zero && meeting.Status is not ("cancelled" or "draft") ? NextOccurrence(meeting, from) : null;
        using var connection = storage.GetConnection();
        using (connection.AcquireDistributedLock(LockKey(meeting.Id), LockTimeout))
        {
            var current = Scheduled(connection, meeting.Id);
            if (next is not { } start)
            {
                if (current.JobId is null) return Task.CompletedTask;
                jobs.Delete(current.JobId);
                Forget(connection, meeting.Id);
                return Task.CompletedTask;
            }
            var key = start.ToUnixTimeSeconds();
            if (current.JobId is not null && current.Occurrence == key) return Task.CompletedTask;
            if (current.JobId is not null) jobs.Delete(current.JobId);
            var (id, at) = (meeting.Id, start - before);
            var jobId = at <= now
                ? jobs.Enqueue<InvitationMailer>(m => m.RemindMeetingAsync(id, key, CancellationToken.None))
                : jobs.Schedule<InvitationMailer>(m => m.RemindMeetingAsync(id, key, CancellationToken.None), at);
            using var transaction = connection.CreateWriteTransaction();
            transaction.SetRangeInHash(HashKey(meeting.Id), [new("occurrence", key.ToString(CultureInfo.InvariantCulture)), new("job", jobId)]);
            transaction.Commit();
            logger.LogInformation("Reminder of {Meeting} for {Start:o} scheduled at {At:o}", meeting.Id, start, at);
        }
        return Task.CompletedTask;
    }

    /// <summary>Drops the scheduled reminder of a meeting that is off (cancelled), or moves it when the next occurrence changed.</summary>
    public Task ForgetIfOffAsync(MeetingState meeting, CancellationToken ct)
    {
        bool known;
        using (var connection = storage.GetConnection()) known = Scheduled(connection, meeting.Id).JobId is not null;
        return known ? ScheduleAsync(meeting, ct) : Task.CompletedTask;
    }

    /// <summary>The reminder job of one occurrence: one job per person who wants it, then the next occurrence's reminder.</summary>
    public async Task FanOutAsync(MeetingState meeting, DateTimeOffset occurrenceStart, CancellationToken ct)
    {
        using (var connection = storage.GetConnection())
        using (connection.AcquireDistributedLock(LockKey(meeting.Id), LockTimeout))
        {
            if (Scheduled(connection, meeting.Id).Occurrence == occurrenceStart.ToUnixTimeSeconds()) Forget(connection, meeting.Id);
        }
        var now = clock.GetUtcNow();
        var occurrence = Occurrences(meeting, now).FirstOrDefault(o => o.Start == occurrenceStart && !o.Cancelled);
        if (occurrence is null || meeting.Status is "cancelled" or "draft")
        {
            // The meeting moved or the date is off since this was scheduled: schedule what is due now instead.
            await ScheduleAsync(meeting, ct);
            return;
        }
        var moment = occurrenceStart - options.Value.ReminderBefore;
        var count = 0;
        foreach (var invited in await Invited.OfMeetingAsync(store, meeting.Id, ct))
        {
            // Whoever got the invitation (or an update) after the reminder moment has it fresh in mind.
            if (!Wants(invited, meeting) || invited.RemindedFor >= occurrenceStart || invited.SentAt is not { } sent || sent >= moment) continue;
            var (id, person, key) = (meeting.Id, invited.PersonId, occurrenceStart.ToUnixTimeSeconds());
            jobs.Enqueue<InvitationMailer>(m => m.RemindAsync(id, person, key, CancellationToken.None));
            count++;
        }
        logger.LogInformation("Reminders of {Meeting} for {Start:o}: {Count} queued", meeting.Id, occurrenceStart, count);
        await ScheduleAsync(meeting, ct, after: occurrenceStart);
    }

    /// <summary>The reminder mail of one occurrence to one person, or null when they cannot be mailed.</summary>
    public Task<MimeMessage?> ComposeAsync(MeetingState meeting, Node person, Invited invited, DateTimeOffset occurrenceStart, CancellationToken ct) =>
        ComposeAsync(meeting, person, invited, occurrenceStart, seatFreed: false, ct);

    /// <summary>
    /// The mail to someone who moved up from the waiting list: a seat came free and is theirs; about the next
    /// occurrence (the first one, when none is ahead). Null when they cannot be mailed.
    /// </summary>
    public Task<MimeMessage?> ComposeSeatAsync(MeetingState meeting, Node person, Invited invited, CancellationToken ct) =>
        ComposeAsync(meeting, person, invited, NextOccurrence(meeting, clock.GetUtcNow()) ?? meeting.Start, seatFreed: true, ct);

    private async Task<MimeMessage?> ComposeAsync(
        MeetingState meeting, Node person, Invited invited, DateTimeOffset occurrenceStart, bool seatFreed, CancellationToken ct)
    {
        if (await events.ForAsync(meeting, person, MessageKind.Invitation, null, isUpdate: false, ct) is not { } invitation) return null;
        var occurrence = Occurrences(meeting, occurrenceStart.AddSeconds(-1)).FirstOrDefault(o => o.Start == occurrenceStart);
        var change = occurrence?.Change;
        var period = (occurrence?.Start ?? occurrenceStart, occurrence?.End ?? occurrenceStart + (invitation.End - invitation.Start));
        var en = invitation.Recipient.PrefersEnglish;
        var culture = CultureInfo.GetCultureInfo(en ? "en-GB" : "nl-BE");
        var title = (change?.Title ?? invitation.Title).Trim();
        var location = change is { Venue: not null } or { Room: not null } or { Address: not null }
            ? InvitationEvents.Location(change.Venue ?? meeting.Text("venue"), change.Room ?? meeting.Text("room"), change.Address ?? meeting.Text("address"))
            : invitation.Location;
        var answer = (invited.Answer, en) switch
        {
            ("accepted", false) => "Je komt (ja).",
            ("accepted", true) => "You are coming (yes).",
            ("tentative", false) => "Je komt misschien.",
            ("tentative", true) => "You might come.",
            ("waitlisted", false) => "Je staat op de wachtlijst.",
            ("waitlisted", true) => "You are on the waiting list.",
            (_, false) => "Je hebt nog niet geantwoord.",
            (_, true) => "You have not answered yet.",
        };
        var lines = new List<(string, string)> { (en ? "When" : "Wanneer", InvitationWording.Range(period, culture)) };
        if (location is not null) lines.Add((en ? "Where" : "Waar", location));
        if (invitation.OnlineUrl is not null) lines.Add(("Online", invitation.OnlineUrl.AbsoluteUri));
        lines.Add((en ? "Organiser" : "Organisator", invitation.Organizer.Name));
        lines.Add((en ? "Your answer" : "Jouw antwoord", answer));
        var links = messages.AnswerLinks(invitation).Select(l => (InvitationWording.AnswerLabel(l.Answer, en), l.Link)).ToList();

        var greeting = en ? $"Hello {invitation.Recipient.Name.Trim()}," : $"Dag {invitation.Recipient.Name.Trim()},";
        var intro = (seatFreed, en) switch
        {
            (false, true) => $"A reminder: “{title}” is coming up.",
            (false, false) => $"Een herinnering: “{title}” komt eraan.",
            (true, true) => $"Good news: a seat came free at “{title}”. You are off the waiting list and expected.",
            (true, false) => $"Goed nieuws: er is een plaats vrijgekomen voor “{title}”. Je staat niet meer op de wachtlijst en bent erbij.",
        };
        var change_ = en ? "Change your answer with one click, no account needed:" : "Wil je je antwoord wijzigen? Eén klik, je hebt geen account nodig:";
        var text = new StringBuilder().Append(greeting).Append("\n\n").Append(intro).Append("\n\n");
        foreach (var (label, value) in lines) text.Append(label).Append(": ").Append(value).Append('\n');
        text.Append('\n').Append(change_).Append('\n');
        foreach (var (label, link) in links) text.Append(label).Append(": ").Append(link.AbsoluteUri).Append('\n');
        var html = new StringBuilder($"<!DOCTYPE html>\n<html lang=\"{(en ? "en" : "nl")}\"><head><meta charset=\"utf-8\"></head><body>\n")
            .Append("<p>").Append(WebUtility.HtmlEncode(greeting)).Append("</p>\n<p>").Append(WebUtility.HtmlEncode(intro)).Append("</p>\n<table>\n");
        foreach (var (label, value) in lines)
        {
            html.Append("<tr><th align=\"left\" valign=\"top\">").Append(WebUtility.HtmlEncode(label)).Append("</th><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>\n");
        }
        html.Append("</table>\n<p>").Append(WebUtility.HtmlEncode(change_)).Append("</p>\n<p>")
            .AppendJoin(" &nbsp; ", links.Select(l => $"<a href=\"{WebUtility.HtmlEncode(l.Link.AbsoluteUri)}\">{WebUtility.HtmlEncode(l.Item1)}</a>"))
            .Append("</p>\n</body></html>\n");

        var message = new MimeMessage
        {
            Subject = $"{(seatFreed ? (en ? "A seat for you" : "Er is een plaats voor je") : en ? "Reminder" : "Herinnering")}: {title} – {BrusselsTime.ToLocal(period.Item1).ToString("dddd d MMMM yyyy", culture)}",
            MessageId = MessageId(seatFreed ? "seat" : "reminder", meeting.Id, person.Id, seatFreed ? invited.PromotedAt ?? occurrenceStart : occurrenceStart),
            Date = clock.GetUtcNow(),
        };
        message.From.Add(addresses.From);
        message.To.Add(new MailboxAddress(invitation.Recipient.Name.Trim(), invitation.Recipient.Email));
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    /// <summary>
    /// One Message-Id per (kind, meeting, person, moment: the occurrence of a reminder, the promotion of a seat mail):
    /// a mail sent again after a crash is recognisably the same.
    /// </summary>
    private string MessageId(string kind, string meetingId, string personId, DateTimeOffset moment)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{meetingId}\n{personId}")).AsSpan(0, 16));
        var domain = addresses.FromAddress[(addresses.FromAddress.LastIndexOf('@') + 1)..].ToLowerInvariant();
        return $"{kind}.{hash}.{moment.ToUnixTimeSeconds()}@{domain}";
    }

    private static string HashKey(string meetingId) => $"netwerk:reminder:{meetingId}";

    private static string LockKey(string meetingId) => $"netwerk:reminder-lock:{meetingId}";

    /// <summary>The occurrence and job of the meeting's scheduled reminder, as the job storage has it.</summary>
    private static (long Occurrence, string? JobId) Scheduled(IStorageConnection connection, string meetingId)
    {
        var entries = connection.GetAllEntriesFromHash(HashKey(meetingId));
        if (entries is null || !entries.TryGetValue("job", out var job) || !entries.TryGetValue("occurrence", out var text)
            || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var occurrence)) return (0, null);
        return (occurrence, job);
    }

    private static void Forget(IStorageConnection connection, string meetingId)
    {
        using var transaction = connection.CreateWriteTransaction();
        transaction.RemoveHash(HashKey(meetingId));
        transaction.Commit();
    }

    private static DateTimeOffset? NextOccurrence(MeetingState meeting, DateTimeOffset after) =>
        Occurrences(meeting, after).Where(o => !o.Cancelled && o.Start > after).Select(o => (DateTimeOffset?)o.Start).FirstOrDefault();

    private static IReadOnlyList<MeetingOccurrence> Occurrences(MeetingState meeting, DateTimeOffset from) =>
        [.. MeetingRecurrence.ExpandLeniently(meeting.Recurrence, meeting.Start, meeting.End > meeting.Start ? meeting.End : meeting.Start.AddHours(1),
            meeting.Exceptions, from, from + Horizon).OrderBy(o => o.Start)];
}
