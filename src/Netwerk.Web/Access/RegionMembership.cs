using System.Collections.Concurrent;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Access;

/// <summary>
/// Which nodes belong to which region's graph (<see cref="RegionScope"/>, relationships of any date), worked out
/// per region once per state of the store and reused until the change feed moves: access asks for every region
/// (<see cref="CurrentAsync"/>), the live channel only for the regions someone watches (<see cref="MembersAsync(string, CancellationToken)"/>).
/// Nodes in no region's graph (a new organisation not yet linked, a provincial platform without regional members)
/// are shared by all regions.
/// </summary>
public sealed class RegionMembership(IGraphStore store) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, (long Sequence, HashSet<string> Members)> _regions = new(StringComparer.Ordinal);
    private Snapshot? _current;

    /// <summary>Region ids by node, for the store as it is now.</summary>
    public sealed class Snapshot(long sequence, IReadOnlyDictionary<string, HashSet<string>> membersByRegion)
    {
        private readonly HashSet<string> _inSomeRegion = membersByRegion.Values.SelectMany(m => m).ToHashSet(StringComparer.Ordinal);

        public long Sequence { get; } = sequence;

        public bool InRegion(string regionId, string nodeId) => membersByRegion.TryGetValue(regionId, out var members) && members.Contains(nodeId);

        public bool InNoRegion(string nodeId) => !_inSomeRegion.Contains(nodeId);
    }

    public void Dispose() => _gate.Dispose();

    public async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var sequence = await store.GetLatestSequenceAsync(cancellationToken);
        if (_current is { } cached && cached.Sequence == sequence) return cached;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } again && again.Sequence == sequence) return again;
            var regions = await store.FindNodesAsync(new NodeQuery { Kind = RegionScope.RegionKind, Limit = 10_000 }, cancellationToken);
            var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var region in regions.Items) members[region.Id] = await MembersAsync(region.Id, sequence, cancellationToken);
            return _current = new Snapshot(sequence, members);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The nodes of one region's graph as the store is now; empty for a region that does not exist.</summary>
    public async Task<IReadOnlySet<string>> MembersAsync(string regionId, CancellationToken cancellationToken) =>
        await MembersAsync(regionId, await store.GetLatestSequenceAsync(cancellationToken), cancellationToken);

    private async Task<HashSet<string>> MembersAsync(string regionId, long sequence, CancellationToken cancellationToken)
    {
        if (_regions.TryGetValue(regionId, out var cached) && cached.Sequence == sequence) return cached.Members;
        HashSet<string> members;
        try
        {
            var graph = await store.GetGraphAsync(new GraphScope(regionId), cancellationToken);
            members = graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        }
        catch (GraphItemNotFoundException)
        {
            members = [];
        }
        _regions[regionId] = (sequence, members);
        return members;
    }
}
