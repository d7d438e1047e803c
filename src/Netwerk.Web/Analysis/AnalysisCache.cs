using Netwerk.Core.Analysis;
using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Analysis;

/// <summary>
/// One region's graph as of a date, frozen as a snapshot, with its metrics and blind spots computed on first use.
/// </summary>
public sealed class AnalysisEntry
{
    private readonly Lazy<GraphMetrics> _metrics;
    private readonly Lazy<BlindSpotReport> _blindSpots;

    public AnalysisEntry(GraphSnapshot snapshot, string? regionId, DateOnly asOf, long sequence, BlindSpotFinder finder)
    {
        Snapshot = snapshot;
        Sequence = sequence;
        _metrics = new(() => GraphMetrics.Compute(snapshot), LazyThreadSafetyMode.ExecutionAndPublication);
        _blindSpots = new(() => finder.Find(snapshot, asOf, regionId, Metrics), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public GraphSnapshot Snapshot { get; }

    /// <summary>The change-feed sequence the snapshot was read at.</summary>
    public long Sequence { get; }

    public GraphMetrics Metrics => _metrics.Value;

    public BlindSpotReport BlindSpots => _blindSpots.Value;
}

/// <summary>
/// Reuses snapshots keyed by (region, asOf, the store's latest change sequence): repeated calls do not rebuild until
/// the change feed moves, and a moved feed makes every older entry unreachable (they are dropped on the next miss).
/// The sequence is read before the graph, so a write racing the read can only make an entry newer than its key,
/// never older — the next request sees the higher sequence and rebuilds.
/// </summary>
public sealed class AnalysisCache(IGraphStore store, BlindSpotFinder finder, int capacity = 16)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Key, Lazy<Task<AnalysisEntry>>> _entries = [];
    private readonly LinkedList<Key> _recent = new();

    private readonly record struct Key(string? Region, DateOnly AsOf, long Sequence);

    public async Task<AnalysisEntry> GetAsync(string? regionId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var sequence = await store.GetLatestSequenceAsync(cancellationToken);
        var key = new Key(regionId, asOf, sequence);
        Lazy<Task<AnalysisEntry>> entry;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var found))
            {
                entry = found;
                _recent.Remove(key);
            }
            else
            {
                foreach (var stale in _entries.Keys.Where(k => k.Sequence != sequence).ToList()) Forget(stale);
                while (_entries.Count >= capacity && _recent.Last is { } oldest) Forget(oldest.Value);
                // Built without the request's token: other requests may be waiting for the same entry.
                entry = new(() => BuildAsync(key), LazyThreadSafetyMode.ExecutionAndPublication);
                _entries[key] = entry;
            }
            _recent.AddFirst(key);
        }
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            // A failed build (unknown region, store error) is not cached.
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry)) Forget(key);
            }
            throw;
        }
    }

    /// <summary>Number of cached entries (for tests and diagnostics).</summary>
    public int Count
    {
        get { lock (_lock) return _entries.Count; }
    }

    private void Forget(Key key)
    {
        _entries.Remove(key);
        _recent.Remove(key);
    }

    private async Task<AnalysisEntry> BuildAsync(Key key)
    {
        var graph = await store.GetGraphAsync(new GraphScope(key.Region, key.AsOf), CancellationToken.None);
        return new AnalysisEntry(GraphSnapshot.Build(graph, key.AsOf), key.Region, key.AsOf, key.Sequence, finder);
    }
}
