using Netwerk.Core.Schema;

namespace Netwerk.Core.Planning;

/// <summary>A person's time taken by another Netwerk meeting.</summary>
public sealed record BusyInterval(string PersonId, string MeetingId, string MeetingTitle, DateTimeOffset Start, DateTimeOffset End);

/// <summary>A time the venue is already booked.</summary>
public sealed record VenueBooking(DateTimeOffset Start, DateTimeOffset End, string? Title = null);

/// <summary>
/// What to look for: a meeting of <see cref="Duration"/> on one of <see cref="Weekdays"/> between
/// <see cref="FirstDay"/> and <see cref="LastDay"/>, starting at or after <see cref="DayStart"/> and ending by
/// <see cref="DayEnd"/> local time, at multiples of <see cref="Step"/> from <see cref="DayStart"/>.
/// </summary>
public sealed record SlotRequest
{
    public const int MaxWindowDays = 366;

    public required DateOnly FirstDay { get; init; }
    public required DateOnly LastDay { get; init; }
    public required TimeSpan Duration { get; init; }

    public IReadOnlyCollection<DayOfWeek> Weekdays { get; init; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Earliest start, local (Europe/Brussels) wall-clock time.</summary>
    public TimeOnly DayStart { get; init; } = new(9, 0);

    /// <summary>Latest end, local wall-clock time: the meeting is over by then.</summary>
    public TimeOnly DayEnd { get; init; } = new(17, 0);

    public TimeSpan Step { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The invitees, when known: busy intervals of anyone else are ignored and reasons say "3 of 40". Null counts
    /// everyone who appears in <see cref="Busy"/> as invited.
    /// </summary>
    public IReadOnlyCollection<string>? Invitees { get; init; }

    public IReadOnlyList<BusyInterval> Busy { get; init; } = [];
    public IReadOnlyList<VenueBooking> VenueBookings { get; init; } = [];

    /// <summary>Penalise slots in Flemish school holidays (organisers and invitees with children are away).</summary>
    public bool AvoidSchoolHolidays { get; init; } = true;

    /// <summary>Drop 11 July altogether instead of only penalising it.</summary>
    public bool ExcludeRegionalHolidays { get; init; }

    public int MaxResults { get; init; } = 10;

    /// <summary>At most this many candidates on one day, so the proposals spread over days; null for no limit.</summary>
    public int? MaxPerDay { get; init; }
}

/// <summary>The invitees of one other meeting who are busy during a candidate slot.</summary>
public sealed record MeetingConflict(string MeetingId, string MeetingTitle, IReadOnlyList<string> PersonIds);

/// <summary>Why a candidate scores lower than a free slot; <see cref="Penalty"/> is what it took off the score.</summary>
public sealed record SlotReason(string Code, LocalizedText Text, int Penalty);

/// <summary>
/// A proposed slot with its score and everything that speaks against it. <c>Score</c> is 100 − 10 per conflicting
/// invitee − 5 on a regional holiday − 3 in a school holiday (when avoided). The weights keep the ranking
/// lexicographic: fewer conflicts always wins, then no regional holiday, then no school holiday; equal scores are
/// ordered by start.
/// </summary>
public sealed record SlotCandidate(
    DateTimeOffset Start,
    DateTimeOffset End,
    int Score,
    IReadOnlyList<string> ConflictingInvitees,
    IReadOnlyList<MeetingConflict> Conflicts,
    SchoolHolidayPeriod? SchoolHoliday,
    PublicHoliday? RegionalHoliday,
    IReadOnlyList<SlotReason> Reasons);

/// <summary>
/// The ranked candidates and what was left out, so the UI can say why a day is missing: <c>SlotsConsidered</c>
/// counts the slots on allowed days and hours that were ranked, <c>SlotsBlockedByVenue</c> those dropped because the
/// venue is booked, and <c>HolidaysSkipped</c> lists the public holidays on allowed weekdays whose slots were dropped.
/// </summary>
public sealed record SlotSearchResult(
    IReadOnlyList<SlotCandidate> Candidates,
    int SlotsConsidered,
    int SlotsBlockedByVenue,
    IReadOnlyList<PublicHoliday> HolidaysSkipped);
