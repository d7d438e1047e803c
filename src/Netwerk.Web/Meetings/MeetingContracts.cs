using Netwerk.Core.Planning;
using Netwerk.Core.Planning.InviteLists;

namespace Netwerk.Web.Meetings;

/// <summary>Where a meeting takes place: a venue name, its address and room, and/or an online link.</summary>
public sealed record VenueDto(string? Name = null, string? Address = null, string? Room = null, string? OnlineUrl = null);

/// <summary>
/// A meeting as a client writes it (POST creates, PUT replaces). Date-times are ISO 8601 with an offset
/// (<c>2025-03-04T10:00:00+01:00</c>); they are stored and answered as Europe/Brussels wall-clock time.
/// <c>kind</c> is the meeting type (overleg, inspiratiemoment, meet-and-greet, businessmixer, studiedag, andere);
/// <c>recurrence</c> an RRULE value (<c>FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261231T235959Z</c>).
/// </summary>
public sealed record MeetingRequest
{
    /// <summary>Optional on create (generated when absent); ignored on PUT.</summary>
    public string? Id { get; init; }
    public string? Kind { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Start { get; init; }
    public string? End { get; init; }
    public VenueDto? Venue { get; init; }
    public int? Capacity { get; init; }
    /// <summary>Accept answers beyond capacity onto a waiting list (default true).</summary>
    public bool? WaitingList { get; init; }
    public IReadOnlyList<string>? Themes { get; init; }
    public string? Platform { get; init; }
    public IReadOnlyList<string>? Organisers { get; init; }
    /// <summary>draft, planned (default), cancelled, held.</summary>
    public string? Status { get; init; }
    public string? Recurrence { get; init; }
    /// <summary>The Flemish policy priority (wse-lr1 … wse-lr4) the meeting serves, for the annual report; null keeps the stored one, "" clears it.</summary>
    public string? Priority { get; init; }
    /// <summary>Businessmixers only: the two groups and the format of the speed dates.</summary>
    public SpeedDateSettings? SpeedDates { get; init; }
}

/// <summary>The speed-date format of a businessmixer; rounds are given or follow from the total and round minutes.</summary>
public sealed record SpeedDateSettings
{
    public IReadOnlyList<string> GroupA { get; init; } = [];
    public IReadOnlyList<string> GroupB { get; init; } = [];
    public int Tables { get; init; }
    public int? Rounds { get; init; }
    public int? TotalMinutes { get; init; }
    public int? RoundMinutes { get; init; }
    public int ChangeoverMinutes { get; init; }
    public IReadOnlyList<SpeedDatePair>? MustMeet { get; init; }
    public IReadOnlyList<SpeedDatePair>? MustNotMeet { get; init; }
}

/// <summary>
/// A stored meeting. <c>start</c>/<c>end</c> are those of the first occurrence; <c>exceptions</c> the per-occurrence
/// changes and cancellations keyed by original start; <c>sequence</c> the iCalendar SEQUENCE, raised on every change
/// of time, place or cancellation. The ETag is <c>version</c>.
/// </summary>
public sealed record MeetingResponse
{
    public required string Id { get; init; }
    public required long Version { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required VenueDto Venue { get; init; }
    public int? Capacity { get; init; }
    public required bool WaitingList { get; init; }
    public required IReadOnlyList<string> Themes { get; init; }
    public string? Platform { get; init; }
    public required IReadOnlyList<string> Organisers { get; init; }
    public required string Status { get; init; }
    public string? Recurrence { get; init; }
    public string? Priority { get; init; }
    public required IReadOnlyList<OccurrenceException> Exceptions { get; init; }
    public required int Sequence { get; init; }
    /// <summary>Whether invite rules are saved, and since when the list is frozen (INVITED relationships exist).</summary>
    public required bool HasInviteRules { get; init; }
    public DateTimeOffset? InvitationsFrozenAt { get; init; }
    public SpeedDateSettings? SpeedDates { get; init; }
    public int? AttendeeCount { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One occurrence in a listing: the meeting it belongs to, when it is now and when it was first planned.</summary>
public sealed record OccurrenceResponse
{
    public required string MeetingId { get; init; }
    public required string Title { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    /// <summary>The occurrence's key in its series (RECURRENCE-ID): use it to change or cancel this occurrence.</summary>
    public required DateTimeOffset OriginalStart { get; init; }
    public required bool Recurring { get; init; }
    /// <summary>This occurrence, or the whole meeting, is cancelled.</summary>
    public required bool Cancelled { get; init; }
    /// <summary>This occurrence differs from the series (moved, other venue or title).</summary>
    public required bool Changed { get; init; }
    public string? Platform { get; init; }
    public required IReadOnlyList<string> Themes { get; init; }
    public required VenueDto Venue { get; init; }
    public required int Sequence { get; init; }
}

public sealed record MeetingListResponse(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<OccurrenceResponse> Occurrences);

/// <summary>
/// Cancels the whole meeting (no <c>occurrence</c>), one occurrence (<c>scope</c> "occurrence", the default when an
/// occurrence is given) or an occurrence and all after it (<c>scope</c> "following").
/// </summary>
public sealed record CancelRequest(string? Occurrence = null, string? Scope = null);

/// <summary>
/// Changes one occurrence (<c>scope</c> "this", default) or that occurrence and all following ones ("following": the
/// series is split; the old one ends before it and a new meeting carries the rest). Null fields keep their value.
/// </summary>
public sealed record OccurrenceChangeRequest
{
    public string? OriginalStart { get; init; }
    public string? Scope { get; init; }
    public string? Start { get; init; }
    public string? End { get; init; }
    public string? Title { get; init; }
    public VenueDto? Venue { get; init; }
    public string? Description { get; init; }
}

/// <summary>The changed meeting, and for a "following" change the new meeting that carries the rest of the series.</summary>
public sealed record OccurrenceChangeResponse(MeetingResponse Meeting, MeetingResponse? Split);

/// <summary>A person on an invite list as the planner shows it.</summary>
public sealed record InviteeResponse
{
    public required string PersonId { get; init; }
    public required string Name { get; init; }
    public string? Email { get; init; }
    public required bool HasEmail { get; init; }
    /// <summary>Why: <c>platform-members:&lt;id&gt;</c>, <c>function</c>, <c>organisations</c>, <c>staff-of</c>, <c>agreement-parties:&lt;id&gt;</c>, <c>theme:&lt;id&gt;</c>, <c>attendees</c>, <c>added</c>.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }
    public required bool AddedByHand { get; init; }
    /// <summary>The INVITED status once the list is frozen (needs-action, accepted, tentative, declined, waitlisted).</summary>
    public string? Status { get; init; }
    public required bool Attended { get; init; }
}

/// <summary>
/// An invite list: its definition, the people on it, and who was left out and why. <c>notInvitedYet</c> and
/// <c>noLongerListed</c> compare a frozen list with the current evaluation (a new member, an opt-out since).
/// </summary>
public sealed record InviteesResponse
{
    public string? MeetingId { get; init; }
    public required InviteListDefinition Definition { get; init; }
    public required bool Frozen { get; init; }
    public DateTimeOffset? FrozenAt { get; init; }
    public required int Sequence { get; init; }
    public required int Count { get; init; }
    public int? Capacity { get; init; }
    /// <summary>How many more people are listed than the capacity (0 when it fits or there is no capacity).</summary>
    public required int OverCapacity { get; init; }
    public required IReadOnlyList<InviteeResponse> Invitees { get; init; }
    public required IReadOnlyList<LeftOut> LeftOut { get; init; }
    public required IReadOnlyList<string> WithoutEmail { get; init; }
    public required int DuplicatesRemoved { get; init; }
    public required IReadOnlyList<string> NotInvitedYet { get; init; }
    public required IReadOnlyList<string> NoLongerListed { get; init; }
}

/// <summary>
/// Who was present (person ids). Idempotent: present people get an ATTENDED relationship once; with
/// <c>replace</c> the ATTENDED relationships of people not in the list are removed (a checklist saved whole).
/// <c>occurrence</c> (original start) names the occurrence of a recurring meeting.
/// </summary>
public sealed record AttendanceRequest(IReadOnlyList<string>? Present, string? Occurrence = null, bool Replace = false);

public sealed record AttendanceResponse(string MeetingId, DateTimeOffset? Occurrence, IReadOnlyList<string> Attendees, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

/// <summary>A speed-date schedule with the participants' names, for a stored businessmixer or an ad-hoc request.</summary>
public sealed record SpeedDatesResponse(string? MeetingId, SpeedDateSettings Settings, SpeedDateSchedule Schedule, IReadOnlyDictionary<string, string> Names);

/// <summary>A draft meeting from a blind-spot finding of a region as of a date (default today).</summary>
public sealed record FromFindingRequest(string? FindingId, string? Region = null, string? AsOf = null);
