using Microsoft.Extensions.DependencyInjection;
using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Storage;
using Netwerk.Web.Analysis;

namespace Netwerk.Web.Tests;

/// <summary>The analysis cache reuses a snapshot until the change feed moves, and stays bounded.</summary>
public sealed class AnalysisCacheTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2023, 12, 31);
    private readonly NetwerkServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Same_region_and_date_reuse_the_snapshot_until_the_change_feed_moves()
    {
        var cache = new AnalysisCache(_server.Services.GetRequiredService<IGraphStore>(), new BlindSpotFinder());
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-a"))).Dispose();

        var first = await cache.GetAsync(null, AsOf, CancellationToken.None);
        var again = await cache.GetAsync(null, AsOf, CancellationToken.None);
        Assert.Same(first, again);
        Assert.Same(first.Metrics, again.Metrics);

        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-b"))).Dispose();
        var after = await cache.GetAsync(null, AsOf, CancellationToken.None);

        Assert.NotSame(first, after);
        Assert.True(after.Sequence > first.Sequence);
        Assert.Equal(2, after.Snapshot.NodeCount);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Cache_keeps_at_most_its_capacity_and_does_not_keep_failures()
    {
        var cache = new AnalysisCache(_server.Services.GetRequiredService<IGraphStore>(), new BlindSpotFinder(), capacity: 2);

        for (var day = 1; day <= 5; day++) await cache.GetAsync(null, new DateOnly(2023, 1, day), CancellationToken.None);
        Assert.Equal(2, cache.Count);

        await Assert.ThrowsAsync<Netwerk.Core.Graph.GraphItemNotFoundException>(() => cache.GetAsync("region-nope", AsOf, CancellationToken.None));
        Assert.Equal(1, cache.Count); // room was made for the failed build, which is then dropped, not kept
        await Assert.ThrowsAsync<Netwerk.Core.Graph.GraphItemNotFoundException>(() => cache.GetAsync("region-nope", AsOf, CancellationToken.None));
    }
}
