using System.Collections.Concurrent;

namespace Netwerk.Web.Live;

/// <summary>
/// Which group each connection of this instance watches, so the broadcaster only works out regions someone is looking at,
/// and sends to its own connections only (see <see cref="ChangeBroadcaster"/>).
/// </summary>
public sealed class LiveAudience
{
    public const string WholeGraph = "graph";
    private const string RegionPrefix = "region:";

    private readonly ConcurrentDictionary<string, string> _groupByConnection = new();

    public static string GroupFor(string? regionId) => string.IsNullOrEmpty(regionId) ? WholeGraph : RegionPrefix + regionId;

    public static string? RegionOf(string group) => group.StartsWith(RegionPrefix, StringComparison.Ordinal) ? group[RegionPrefix.Length..] : null;

    /// <summary>Records the connection's new group and returns the one it had.</summary>
    public string? Move(string connectionId, string group)
    {
        string? previous = null;
        _groupByConnection.AddOrUpdate(connectionId, group, (_, old) => { previous = old; return group; });
        return previous;
    }

    public void Remove(string connectionId) => _groupByConnection.TryRemove(connectionId, out _);

    public IReadOnlyCollection<string> WatchedGroups() => _groupByConnection.Values.Distinct().ToList();

    /// <summary>This instance's connections that watch <paramref name="group"/>.</summary>
    public IReadOnlyList<string> ConnectionsIn(string group) => [.. _groupByConnection.Where(c => c.Value == group).Select(c => c.Key)];

    /// <summary>Connections open on this instance (the SignalR connections gauge).</summary>
    public int Count => _groupByConnection.Count;
}
