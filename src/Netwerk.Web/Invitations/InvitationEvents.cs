using Netwerk.Core.Graph;
using Netwerk.Core.Planning;
using Netwerk.Core.Storage;
using Netwerk.Web.Mail;
using Netwerk.Web.Meetings;

namespace Netwerk.Web.Invitations;

/// <summary>What one message to one invitee says about the meeting.</summary>
public enum MessageKind
{
    /// <summary>The meeting as it stands now (REQUEST): the series with its cancelled dates (EXDATE) and changed occurrences.</summary>
    Invitation,

    /// <summary>The whole meeting is off (CANCEL).</summary>
    Cancellation,

    /// <summary>One occurrence of the series is off (CANCEL with RECURRENCE-ID).</summary>
    OccurrenceCancellation,

    /// <summary>The meeting goes on without this person (CANCEL to them alone).</summary>
    Removal,
}

/// <summary>Maps a stored meeting and a person onto the <see cref="InvitationEvent"/> of one message.</summary>
public sealed class InvitationEvents(MailAddresses addresses, IGraphStore store)
{
    /// <summary>The message, or null when the person cannot be mailed (no usable address).</summary>
    public async Task<InvitationEvent?> ForAsync(MeetingState meeting, Node person, MessageKind kind, DateTimeOffset? occurrence, bool isUpdate, CancellationToken ct)
    {
        if (Recipient(person) is not { } recipient) return null;
        var organizer = new InvitationOrganizer { Name = await OrganizerNameAsync(meeting, ct), Email = addresses.FromAddress };
        var basis = Series(meeting, organizer, recipient) with { IsUpdate = isUpdate };
        return kind switch
        {
            MessageKind.Cancellation => basis with { Status = InvitationStatus.Cancelled, Overrides = [] },
            MessageKind.Removal => basis with { RecipientRemoved = true, Overrides = [] },
            MessageKind.OccurrenceCancellation when occurrence is { } at => OneOccurrence(basis, meeting, at) with { Status = InvitationStatus.Cancelled },
            _ => basis,
        };
    }

    /// <summary>
    /// The meeting as a subscription feed shows it: the whole series as it stands (cancelled dates as EXDATE, changed
    /// ones as overrides), its UID the one its invitations carry. <paramref name="reader"/> is the feed's owner; only
    /// their language is used (the calendar names no people).
    /// </summary>
    public InvitationEvent ForFeed(MeetingState meeting, InvitationRecipient reader) =>
        Series(meeting, new InvitationOrganizer { Name = addresses.FromAddress, Email = addresses.FromAddress }, reader);

    /// <summary>The recipient of a Person node, or null without a usable address.</summary>
    public static InvitationRecipient? Recipient(Node person)
    {
        var email = MeetingNode.Text(person.Properties, "email")?.Trim();
        if (!InvitationOrganizer.IsBareAddress(email)) return null;
        return new InvitationRecipient
        {
            PersonId = person.Id,
            Name = MeetingNode.Text(person.Properties, "name") ?? email!,
            Email = email!,
            Language = MeetingNode.Text(person.Properties, "preferredLanguage"),
        };
    }

    public static bool OptedOut(Node person) => MeetingNode.Boolean(person.Properties, "invitationOptOut") == true;

    /// <summary>"Vormingscentrum Kortrijk, zaal 2, Doorniksesteenweg 1": venue, room and address as people read them.</summary>
    public static string? Location(string? venue, string? room, string? address)
    {
        var parts = new[] { venue, room, address }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static InvitationEvent Series(MeetingState meeting, InvitationOrganizer organizer, InvitationRecipient recipient)
    {
        var rule = meeting.Recurrence;
        var exceptions = rule is null ? [] : meeting.Exceptions;
        var seriesLocation = Location(meeting.Text("venue"), meeting.Text("room"), meeting.Text("address"));
        return new InvitationEvent
        {
            MeetingId = meeting.Id,
            Title = meeting.Title,
            Description = meeting.Text("description"),
            Start = meeting.Start,
            End = meeting.End > meeting.Start ? meeting.End : meeting.Start.AddHours(1),
            Location = seriesLocation,
            OnlineUrl = Url(meeting.Text("onlineUrl")),
            RecurrenceRule = rule,
            ExceptionDates = [.. exceptions.Where(x => x.Cancelled).Select(x => x.OriginalStart).Order()],
            Overrides = [.. exceptions.Where(x => !x.Cancelled).Select(x => Override(meeting, x, seriesLocation))],
            Sequence = meeting.Sequence,
            Status = meeting.Status == "cancelled" ? InvitationStatus.Cancelled : InvitationStatus.Confirmed,
            Organizer = organizer,
            Recipient = recipient,
        };
    }

    private static InvitationOverride Override(MeetingState meeting, OccurrenceException change, string? seriesLocation)
    {
        var duration = (meeting.End > meeting.Start ? meeting.End : meeting.Start.AddHours(1)) - meeting.Start;
        var start = change.Start ?? change.OriginalStart;
        var end = change.End is { } e && e > start ? e : start + duration;
        var changedPlace = change.Venue is not null || change.Room is not null || change.Address is not null;
        return new InvitationOverride
        {
            OriginalStart = change.OriginalStart,
            Start = start,
            End = end,
            Title = change.Title,
            Location = changedPlace
                ? Location(change.Venue ?? meeting.Text("venue"), change.Room ?? meeting.Text("room"), change.Address ?? meeting.Text("address"))
                : seriesLocation,
            Description = change.Description,
        };
    }

    /// <summary>The message about one occurrence only: its own times, RECURRENCE-ID, no rule.</summary>
    private static InvitationEvent OneOccurrence(InvitationEvent series, MeetingState meeting, DateTimeOffset originalStart)
    {
        var change = meeting.Exceptions.FirstOrDefault(x => x.OriginalStart == originalStart);
        var duration = series.End - series.Start;
        var start = change?.Start ?? originalStart;
        var end = change?.End is { } e && e > start ? e : start + duration;
        return series with
        {
            Start = start,
            End = end,
            Title = change?.Title ?? series.Title,
            RecurrenceRule = null,
            ExceptionDates = [],
            Overrides = [],
            OccurrenceOf = originalStart,
        };
    }

    /// <summary>The name the invitation is signed with: the meeting's first organiser, else the sender's display name.</summary>
    public async Task<string> OrganizerNameAsync(MeetingState meeting, CancellationToken ct)
    {
        foreach (var organiser in meeting.Organisers)
        {
            if (await store.GetNodeAsync(organiser, ct) is { Kind: "Person" } person && MeetingNode.Text(person.Properties, "name") is { } name) return name;
        }
        return addresses.From.Name is { Length: > 0 } from ? from : addresses.FromAddress;
    }

    private static Uri? Url(string? text) => Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var url) ? url : null;
}
