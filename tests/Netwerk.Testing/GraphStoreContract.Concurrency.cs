using Netwerk.Core.Graph;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    private const int Rounds = 5;

    /// <summary>Starts both writes before awaiting either, on the thread pool, so they really overlap.</summary>
    private static async Task<(T? Result, Exception? Error)[]> RaceAsync<T>(params Func<Task<T>>[] writes)
    {
        using var start = new ManualResetEventSlim(false);
        var tasks = writes.Select(write => Task.Run(async () =>
        {
            start.Wait(TimeSpan.FromSeconds(10));
            try
            {
                return ((T?)await write(), (Exception?)null);
            }
            catch (GraphException e)
            {
                return (default(T), (Exception?)e);
            }
        })).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    [Fact]
    public async Task Concurrent_updates_with_the_same_version_let_exactly_one_win()
    {
        await CreateAsync(TestGraph.Organisation("org-a", name: "Start"));
        var before = await StatusAsync();

        for (var round = 0; round < Rounds; round++)
        {
            var version = round + 1;
            var outcomes = await RaceAsync(
                () => Store.UpdateNodeAsync("org-a", TestGraph.Organisation("org-a", name: $"Links {round}"), version, Ct),
                () => Store.UpdateNodeAsync("org-a", TestGraph.Organisation("org-a", name: $"Rechts {round}"), version, Ct));

            var winner = Assert.Single(outcomes, o => o.Error is null).Result!;
            var loser = Assert.IsType<VersionConflictException>(Assert.Single(outcomes, o => o.Error is not null).Error);
            Assert.Equal(version + 1, winner.Version);
            Assert.Equal(version, loser.ExpectedVersion);
            Assert.Equal(version + 1, loser.CurrentVersion);
            var stored = await RequireNodeAsync("org-a");
            Assert.Equal(version + 1, stored.Version);
            Assert.Equal(winner.Properties["name"].GetString(), stored.Properties["name"].GetString());
        }

        var changes = (await Store.GetChangesAsync(before.LatestSequence, 100, Ct)).Changes;
        Assert.Equal(Rounds, changes.Count);
        Assert.Equal(Enumerable.Range(2, Rounds).Select(v => (long)v), changes.Select(c => c.Version));
    }

    [Fact]
    public async Task Concurrent_relationship_updates_with_the_same_version_let_exactly_one_win()
    {
        await CreateRelationshipCaseNodesAsync();
        await LinkAsync(TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1"));

        var outcomes = await RaceAsync(
            () => Store.UpdateRelationshipAsync("r-1", TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1", properties: ("role", "trekker")), 1, Ct),
            () => Store.UpdateRelationshipAsync("r-1", TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1", properties: ("role", "secretariaat")), 1, Ct));

        var winner = Assert.Single(outcomes, o => o.Error is null).Result!;
        Assert.IsType<VersionConflictException>(Assert.Single(outcomes, o => o.Error is not null).Error);
        var stored = await RequireRelationshipAsync("r-1");
        Assert.Equal(2, stored.Version);
        Assert.Equal(winner.Properties["role"].GetString(), stored.Properties["role"].GetString());
    }

    [Fact]
    public async Task Concurrent_update_and_delete_with_the_same_version_let_exactly_one_win()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var id = $"org-{round}";
            await CreateAsync(TestGraph.Organisation(id));

            var outcomes = await RaceAsync(
                async () => (object?)await Store.UpdateNodeAsync(id, TestGraph.Organisation(id, name: "Bijgewerkt"), 1, Ct),
                async () => { await Store.DeleteNodeAsync(id, 1, Ct); return (object?)"deleted"; });

            var loser = Assert.Single(outcomes, o => o.Error is not null).Error;
            Assert.Single(outcomes, o => o.Error is null);
            var stored = await Store.GetNodeAsync(id, Ct);
            if (stored is null)
            {
                // The delete won; the update found the node gone or at another version.
                Assert.True(loser is GraphItemNotFoundException or VersionConflictException, loser?.GetType().Name);
            }
            else
            {
                Assert.IsType<VersionConflictException>(loser);
                Assert.Equal(2, stored.Version);
            }
        }
    }

    [Fact]
    public async Task Concurrent_creates_with_the_same_id_let_exactly_one_win()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var id = $"org-{round}";
            var outcomes = await RaceAsync(
                () => CreateAsync(TestGraph.Organisation(id, name: "Links")),
                () => CreateAsync(TestGraph.Organisation(id, name: "Rechts")));

            var winner = Assert.Single(outcomes, o => o.Error is null).Result!;
            var loser = Assert.IsType<DuplicateIdException>(Assert.Single(outcomes, o => o.Error is not null).Error);
            Assert.Equal(id, loser.Id);
            Assert.Equal(winner.Properties["name"].GetString(), (await RequireNodeAsync(id)).Properties["name"].GetString());
        }
        Assert.Equal(Rounds, (await StatusAsync()).NodeCount);
    }

    [Fact]
    public async Task Concurrent_writers_get_distinct_sequences_and_all_land()
    {
        var before = await StatusAsync();

        var outcomes = await RaceAsync(Enumerable.Range(0, 12)
            .Select(i => (Func<Task<Node>>)(() => CreateAsync(TestGraph.Theme($"theme-{i}", $"Thema {i}"))))
            .ToArray());

        Assert.All(outcomes, o => Assert.Null(o.Error));
        var changes = (await Store.GetChangesAsync(before.LatestSequence, 100, Ct)).Changes;
        Assert.Equal(12, changes.Count);
        Assert.Equal(12, changes.Select(c => c.Sequence).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"theme-{i}").Order(StringComparer.Ordinal), changes.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal(12, (await StatusAsync()).NodeCount);
    }
}
