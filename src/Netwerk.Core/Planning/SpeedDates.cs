namespace Netwerk.Core.Planning;

/// <summary>One participant of group A and one of group B (the order in a request may be either way round).</summary>
public sealed record SpeedDatePair(string A, string B);

/// <summary>
/// A businessmixer: group A meets group B at <see cref="Tables"/> two-seat tables over a number of rounds, either
/// given as <see cref="Rounds"/> or derived from <see cref="TotalTime"/>, <see cref="RoundLength"/> and
/// <see cref="Changeover"/> (the time to change tables between rounds).
/// </summary>
public sealed record SpeedDateRequest
{
    public const int MaxGroupSize = 500;
    public const int MaxRounds = 200;

    public required IReadOnlyList<string> GroupA { get; init; }
    public required IReadOnlyList<string> GroupB { get; init; }
    public required int Tables { get; init; }
    public int? Rounds { get; init; }
    public TimeSpan? TotalTime { get; init; }
    public TimeSpan? RoundLength { get; init; }
    public TimeSpan Changeover { get; init; } = TimeSpan.Zero;

    /// <summary>When set (with <see cref="RoundLength"/>), rounds and agendas carry start and end times.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    public IReadOnlyList<SpeedDatePair> MustMeet { get; init; } = [];
    public IReadOnlyList<SpeedDatePair> MustNotMeet { get; init; } = [];
}

/// <summary>Table <c>Table</c> (1-based) seats <c>A</c> and <c>B</c> for one round.</summary>
public sealed record SpeedDateSeat(int Table, string A, string B);

/// <summary>One round: who sits where, and who of each group waits (sits out) this round.</summary>
public sealed record SpeedDateRound(
    int Number,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    IReadOnlyList<SpeedDateSeat> Seats,
    IReadOnlyList<string> IdleA,
    IReadOnlyList<string> IdleB);

public enum SpeedDateGroup
{
    A,
    B,
}

/// <summary>A participant's round: table and partner, or both null when the participant sits this round out.</summary>
public sealed record AgendaEntry(int Round, DateTimeOffset? Start, DateTimeOffset? End, int? Table, string? Partner);

/// <summary>A participant's personal agenda for the whole session, one entry per round.</summary>
public sealed record ParticipantAgenda(string Id, SpeedDateGroup Group, IReadOnlyList<AgendaEntry> Entries)
{
    public int Meetings => Entries.Count(e => e.Partner is not null);
    public int IdleRounds => Entries.Count(e => e.Partner is null);
}

/// <summary>
/// The schedule. <c>Rounds</c> can be fewer than <c>RoundsRequested</c> when every allowed pair has met before the
/// time is up. <c>PairsUpperBound</c> is min(allowed pairs, rounds requested × min(tables, |A|, |B|)): without
/// constraints <c>PairsMet</c> always reaches it. <c>MustMeetUnmet</c> lists the must-meet pairs that could not be
/// placed (a person with more must-meet partners than there are rounds, or more such pairs than seats).
/// </summary>
public sealed record SpeedDateSchedule(
    int RoundsRequested,
    IReadOnlyList<SpeedDateRound> Rounds,
    IReadOnlyList<ParticipantAgenda> Agendas,
    int PairsMet,
    int PairsAllowed,
    int PairsUpperBound,
    IReadOnlyList<SpeedDatePair> MustMeetUnmet);
