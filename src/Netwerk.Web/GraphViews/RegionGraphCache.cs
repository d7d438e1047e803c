using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Web.GraphViews;

/// <summary>
/// The graph of a region (or of everything) as of a date, kept until the store's change feed moves: the map of a
/// werkingsgebied is read far more often than the network changes, and every browser asks for the same one. The answer
/// depends only on (region, date, feed position), not on who asks (access is checked before), so one copy serves
/// everyone; any write, by any process on the store, moves the feed and retires every copy. It is kept as the JSON the
/// endpoint sends (serialising a 2,000-node region costs more than reading it), with the app's JSON settings.
/// </summary>
public sealed class RegionGraphCache(IGraphStore store, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private const int MaxEntries = 64;
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private readonly ConcurrentDictionary<Key, Lazy<Task<byte[]>>> _entries = new();

    private readonly record struct Key(string? Region, DateOnly? AsOf, DateOnly Today, long Sequence);

    /// <summary>The graph of <paramref name="scope"/> as UTF-8 JSON.</summary>
    public async Task<byte[]> GetJsonAsync(GraphScope scope, CancellationToken ct)
    {
        var sequence = await store.GetLatestSequenceAsync(ct);
        // Without a date the graph is "as of today" (in Brussels): the day is part of the key.
        var key = new Key(scope.RegionId, scope.AsOf, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Brussels).DateTime), sequence);
        if (!_entries.ContainsKey(key))
        {
            foreach (var stale in _entries.Keys.Where(k => k.Sequence != sequence || k.Today != key.Today)) _entries.TryRemove(stale, out _);
            if (_entries.Count >= MaxEntries) _entries.Clear();
        }
        var entry = _entries.GetOrAdd(key, _ => new Lazy<Task<byte[]>>(() => ReadAsync(scope)));
        try
        {
            return await entry.Value.WaitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            _entries.TryRemove(new KeyValuePair<Key, Lazy<Task<byte[]>>>(key, entry)); // an unknown region is not kept
            throw;
        }
    }

    private async Task<byte[]> ReadAsync(GraphScope scope) =>
        JsonSerializer.SerializeToUtf8Bytes(await store.GetGraphAsync(scope, CancellationToken.None), json.Value.SerializerOptions);
}
