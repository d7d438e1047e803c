using Netwerk.Web.Mail;

namespace Netwerk.Web.Invitations;

/// <summary>
/// One invitation message to one person: what the meeting is, what this message says about it (invite, update,
/// cancellation, removal) and to whom. Independent of how meetings are stored; the caller maps its meeting onto it.
/// Times are instants; the calendar and the mail render them in Europe/Brussels.
/// </summary>
public sealed record InvitationEvent
{
    /// <summary>The meeting's id; the iCalendar UID is derived from it, so every message about the meeting shares one UID.</summary>
    public required string MeetingId { get; init; }

    public required string Title { get; init; }

    /// <summary>Description and agenda, plain text; line breaks are kept.</summary>
    public string? Description { get; init; }

    /// <summary>Start of the meeting, or of the first occurrence of a series, or of the one occurrence this message is about.</summary>
    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>Where, as people read it: "Vormingscentrum Kortrijk, zaal 2, Doorniksesteenweg 1".</summary>
    public string? Location { get; init; }

    /// <summary>Link to join online, if any.</summary>
    public Uri? OnlineUrl { get; init; }

    /// <summary>An RFC 5545 RRULE value without the "RRULE:" prefix (<c>FREQ=WEEKLY;BYDAY=TU;COUNT=10</c>) for a series; null for a one-off meeting.</summary>
    public string? RecurrenceRule { get; init; }

    /// <summary>Original starts of cancelled occurrences of the series (EXDATE).</summary>
    public IReadOnlyList<DateTimeOffset> ExceptionDates { get; init; } = [];

    /// <summary>
    /// Occurrences of the series that differ from it (moved, another place or title), each written as an extra VEVENT
    /// with the same UID and a RECURRENCE-ID, so a series update carries its changed dates along instead of resetting them.
    /// </summary>
    public IReadOnlyList<InvitationOverride> Overrides { get; init; } = [];

    /// <summary>
    /// Set when this message is about one occurrence of a series only (moved, changed or cancelled): its original start,
    /// written as RECURRENCE-ID. <see cref="Start"/> and <see cref="End"/> are then that occurrence's (new) times.
    /// </summary>
    public DateTimeOffset? OccurrenceOf { get; init; }

    /// <summary>The meeting's SEQUENCE: raised by the caller on every change that matters to attendees, cancellation included.</summary>
    public required int Sequence { get; init; }

    public InvitationStatus Status { get; init; } = InvitationStatus.Confirmed;

    /// <summary>The meeting goes on, but without this recipient: a CANCEL to them alone.</summary>
    public bool RecipientRemoved { get; init; }

    /// <summary>The recipient had an earlier version of this invitation; only the wording ("gewijzigd") depends on it.</summary>
    public bool IsUpdate { get; init; }

    public required InvitationOrganizer Organizer { get; init; }

    public required InvitationRecipient Recipient { get; init; }

    /// <summary>CANCEL when the meeting (or the occurrence) is cancelled or the recipient removed; REQUEST otherwise.</summary>
    public InvitationMethod Method => Status == InvitationStatus.Cancelled || RecipientRemoved ? InvitationMethod.Cancel : InvitationMethod.Request;

    /// <summary>Refuses what would make a wrong or unusable invitation, naming the field.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(MeetingId)) throw new ArgumentException("An invitation needs the meeting's id.", nameof(MeetingId));
        if (string.IsNullOrWhiteSpace(Title)) throw new ArgumentException("An invitation needs a title.", nameof(Title));
        if (End <= Start) throw new ArgumentException($"The end ({End:o}) must come after the start ({Start:o}).", nameof(End));
        if (Sequence < 0) throw new ArgumentOutOfRangeException(nameof(Sequence), Sequence, "SEQUENCE starts at 0.");
        if (RecurrenceRule is not null && OccurrenceOf is not null)
        {
            throw new ArgumentException("A message is about the whole series (RecurrenceRule) or one occurrence (OccurrenceOf), not both.", nameof(OccurrenceOf));
        }
        if (!string.IsNullOrWhiteSpace(RecurrenceRule))
        {
            try
            {
                InvitationCalendar.Rule(RecurrenceRule);
            }
            catch (FormatException error)
            {
                throw new ArgumentException(error.Message, nameof(RecurrenceRule), error);
            }
        }
        if (ExceptionDates.Count > 0 && string.IsNullOrWhiteSpace(RecurrenceRule))
        {
            throw new ArgumentException("Exception dates only make sense for a series with a RecurrenceRule.", nameof(ExceptionDates));
        }
        if (Overrides.Count > 0 && string.IsNullOrWhiteSpace(RecurrenceRule))
        {
            throw new ArgumentException("Changed occurrences only make sense for a series with a RecurrenceRule.", nameof(Overrides));
        }
        foreach (var changed in Overrides)
        {
            if (changed.End <= changed.Start) throw new ArgumentException($"The changed occurrence of {changed.OriginalStart:o} ends before it starts.", nameof(Overrides));
        }
        if (OnlineUrl is { IsAbsoluteUri: false }) throw new ArgumentException("The online link must be an absolute URL.", nameof(OnlineUrl));
        Organizer.Validate();
        Recipient.Validate();
    }
}

/// <summary>One occurrence of a series as it differs from the series: its new times and whatever else changed.</summary>
public sealed record InvitationOverride
{
    /// <summary>The occurrence's start in the series (RECURRENCE-ID).</summary>
    public required DateTimeOffset OriginalStart { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>Null keeps the series' value.</summary>
    public string? Title { get; init; }

    public string? Location { get; init; }

    public string? Description { get; init; }
}

/// <summary>STATUS of the meeting as the message states it.</summary>
public enum InvitationStatus
{
    Confirmed,
    Tentative,
    Cancelled,
}

/// <summary>The iTIP method (RFC 5546) of a message, written both as the calendar's METHOD and as the MIME <c>method=</c> parameter.</summary>
public enum InvitationMethod
{
    Request,
    Cancel,
}

/// <summary>
/// Who organises. <see cref="Email"/> must be the address the mail is sent from (<c>Smtp:From</c>): clients send their
/// answers to the ORGANIZER, and some refuse an invitation whose organiser differs from its sender.
/// </summary>
public sealed record InvitationOrganizer
{
    public required string Name { get; init; }

    public required string Email { get; init; }

    internal void Validate()
    {
        if (!IsBareAddress(Email)) throw new ArgumentException($"The organiser's address '{Email}' is not one bare mail address.", nameof(Email));
    }

    /// <summary>An address such as <c>zoe@example.org</c>, without display name: it is written after <c>mailto:</c>.</summary>
    internal static bool IsBareAddress(string? email) => MailAddresses.TryParseMailbox(email, out var mailbox) && string.IsNullOrEmpty(mailbox.Name);
}

/// <summary>The one person this message goes to; the calendar names no one else (privacy).</summary>
public sealed record InvitationRecipient
{
    public required string PersonId { get; init; }

    public required string Name { get; init; }

    public required string Email { get; init; }

    /// <summary>Preferred language, <c>nl</c> (default) or <c>en</c>.</summary>
    public string? Language { get; init; }

    /// <summary>True when the recipient prefers English; any other or no language gets Dutch.</summary>
    public bool PrefersEnglish => string.Equals(Language?.Trim(), "en", StringComparison.OrdinalIgnoreCase)
        || (Language?.Trim().StartsWith("en-", StringComparison.OrdinalIgnoreCase) ?? false);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(PersonId)) throw new ArgumentException("The recipient needs a person id.", nameof(PersonId));
        if (!InvitationOrganizer.IsBareAddress(Email)) throw new ArgumentException($"The recipient's address '{Email}' is not one bare mail address.", nameof(Email));
    }
}
