using Microsoft.AspNetCore.SignalR;
using Netwerk.Core.Accounts;
using Netwerk.Web.Access;


namespace Netwerk.Web.Live;

/// <summary>
/// What the server pushes to browsers. Messages are hints, not the data itself: a client that receives
/// <see cref="Changed"/> reads <c>/api/changes?since=</c> (REST stays the source of truth), which is also how
/// it catches up after a reconnect.
/// </summary>
public interface INetwerkClient
{
    Task Changed(ChangeNotice notice);
}

/// <summary>Committed changes a client's view may be affected by, and the latest sequence the store has.</summary>
public sealed record ChangeNotice(long LatestSequence, IReadOnlyList<ChangeHint> Changes);

public sealed record ChangeHint(long Sequence, string Entity, string Operation, string Id, string Label, long Version, string? From, string? To);

/// <summary>
/// The live channel at <c>/hubs/network</c>. A client watches one region (or the whole graph) and receives
/// the changes that touch it. Group membership does not survive a reconnect, so clients call
/// <see cref="Watch"/> again on every (re)connect.
/// </summary>
public sealed class NetwerkHub(LiveAudience audience) : Hub<INetwerkClient>
{
    public const string Path = "/hubs/network";

    /// <summary>Watches a region (null or empty: the whole graph); returns the group joined.</summary>
    public async Task<string> Watch(string? regionId)
    {
        // Only regions the account may see: a refused Watch leaves the connection in no group.
        var account = Context.GetHttpContext()?.Account();
        if (account is null || !RequestAccess.MayView(account, regionId, Role.Viewer))
            throw new HubException(string.IsNullOrEmpty(regionId) ? "whole-graph-forbidden" : "region-forbidden");
        var group = LiveAudience.GroupFor(regionId);
        var previous = audience.Move(Context.ConnectionId, group);
        if (previous is not null && previous != group) await Groups.RemoveFromGroupAsync(Context.ConnectionId, previous);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        return group;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        audience.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
