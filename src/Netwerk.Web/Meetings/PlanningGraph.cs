using Netwerk.Core.Analysis;
using Netwerk.Core.Planning;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Meetings;

/// <summary>
/// The whole graph as a snapshot of today (Brussels) for planning — listing meetings, evaluating invite lists,
/// finding who is busy — built once per state of the change feed and day, and shared by every request until the feed
/// moves. Every Meeting node is in it, future ones included (the store is read without an "as of" date; only the
/// validity of relationships is judged as of today).
/// </summary>
public sealed class PlanningGraph(IGraphStore store, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Entry? _current;

    private sealed record Entry(long Sequence, DateOnly Day, GraphSnapshot Graph);

    public DateOnly Today => DateOnly.FromDateTime(MeetingRecurrence.ToBrussels(time.GetUtcNow()).DateTime);

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<GraphSnapshot> CurrentAsync(CancellationToken ct)
    {
        var sequence = await store.GetLatestSequenceAsync(ct);
        var today = Today;
        if (_current is { } cached && cached.Sequence == sequence && cached.Day == today) return cached.Graph;
        await _gate.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.Sequence == sequence && again.Day == today) return again.Graph;
            // The sequence is read before the graph: a racing write makes the entry newer than its key, never older.
            var graph = await store.GetGraphAsync(new GraphScope(), ct);
            var snapshot = GraphSnapshot.Build(graph, today);
            _current = new Entry(sequence, today, snapshot);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
