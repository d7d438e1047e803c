using System.Collections.Concurrent;

namespace Netwerk.Web.Live;

/// <summary>Which group each connection watches, so the broadcaster only works out regions someone is looking at.</summary>
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
}
