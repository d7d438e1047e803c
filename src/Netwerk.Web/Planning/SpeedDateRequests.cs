using Netwerk.Core.Planning;
using Netwerk.Web.Meetings;

namespace Netwerk.Web.Planning;

/// <summary>From the API's speed-date settings (minutes, person ids) to the scheduler's request.</summary>
public static class SpeedDateRequests
{
    public static SpeedDateRequest ToRequest(SpeedDateSettings settings, DateTimeOffset? startsAt) => new()
    {
        GroupA = settings.GroupA ?? [],
        GroupB = settings.GroupB ?? [],
        Tables = settings.Tables,
        Rounds = settings.Rounds,
        TotalTime = settings.TotalMinutes is { } total ? TimeSpan.FromMinutes(total) : null,
        RoundLength = settings.RoundMinutes is { } round ? TimeSpan.FromMinutes(round) : null,
        Changeover = TimeSpan.FromMinutes(Math.Max(0, settings.ChangeoverMinutes)),
        StartsAt = settings.RoundMinutes is not null ? startsAt : null,
        MustMeet = settings.MustMeet ?? [],
        MustNotMeet = settings.MustNotMeet ?? [],
    };

    /// <summary>The schedule, or a <see cref="PlanningException"/> (400) saying why there is none.</summary>
    public static SpeedDateSchedule Schedule(SpeedDateSettings settings, DateTimeOffset? startsAt) =>
        SpeedDateScheduler.Schedule(ToRequest(settings, startsAt));
}
