using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;

namespace Netwerk.Web.Live;

/// <summary>Settings of the live channel (section <c>Live</c>).</summary>
public sealed class LiveOptions
{
    /// <summary>How often the change feed is read; it catches writes from any process on the same store.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}

/// <summary>
/// Tails the store's change feed and pushes each batch to the groups it concerns: the whole-graph group gets
/// everything; a region group gets changes to items in (or touching) that region, and every deletion.
/// Tailing the feed rather than hooking the endpoints means imports, other processes and future jobs are live too: every
/// instance on the same store tails it, so an edit made through instance A reaches browsers connected to instance B
/// within one poll interval, with or without Redis.
/// </summary>
public sealed class ChangeBroadcaster(
    IGraphStore store, RegionMembership membership, IHubContext<NetwerkHub, INetwerkClient> hub, LiveAudience audience,
    IOptions<LiveOptions> options, TimeProvider time, ILogger<ChangeBroadcaster> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = await store.GetLatestSequenceAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                last = await BroadcastAfter(last, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed round is retried on the next tick; clients also catch up from the feed themselves.
                logger.LogWarning(e, "Broadcasting changes after {Sequence} failed", last);
            }
        }
    }

    private async Task<long> BroadcastAfter(long since, CancellationToken cancellationToken)
    {
        var page = await store.GetChangesAsync(since, 1000, cancellationToken);
        if (page.Changes.Count == 0) return since;
        var hints = page.Changes.Select(Hint).ToList();
        var latest = page.Changes[^1].Sequence;
        foreach (var group in audience.WatchedGroups())
        {
            var region = LiveAudience.RegionOf(group);
            // The same region membership that decides what a regional account may read decides what it is told.
            var relevant = region is null ? hints : InRegion(await membership.MembersAsync(region, cancellationToken), hints);
            // To this instance's own connections, not the group: every instance tails the same feed, and with the Redis
            // backplane a group send would reach every other instance's clients too (each hint once per instance).
            // Connections of this process are written to directly, so live updates do not depend on Redis being up.
            if (relevant.Count > 0 && audience.ConnectionsIn(group) is { Count: > 0 } connections)
            {
                await hub.Clients.Clients(connections).Changed(new ChangeNotice(latest, relevant));
            }
        }
        return latest;
    }

    private static List<ChangeHint> InRegion(IReadOnlySet<string> members, List<ChangeHint> hints) =>
        hints.Where(h => h.Operation == nameof(ChangeOperation.Deleted) || members.Contains(h.Id)
            || (h.From is not null && members.Contains(h.From)) || (h.To is not null && members.Contains(h.To))).ToList();

    private static ChangeHint Hint(Change c) =>
        new(c.Sequence, c.Entity.ToString(), c.Operation.ToString(), c.Id, c.Label, c.Version, c.From, c.To);
}
