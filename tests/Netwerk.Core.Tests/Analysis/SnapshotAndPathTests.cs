using Netwerk.Core.Analysis;

namespace Netwerk.Core.Tests.Analysis;

/// <summary>The snapshot keeps what was valid on its date and finds every shortest path with its relationships.</summary>
public sealed class SnapshotAndPathTests
{
    [Fact]
    public void Snapshot_leaves_out_relationships_not_valid_on_its_date_and_collapses_parallel_ones()
    {
        var graph = new GraphBuilder()
            .Node("a", "Organisation").Node("b", "Organisation").Node("c", "Organisation")
            .Rel("COLLABORATES_WITH", "a", "b", id: "r1")
            .Rel("SUPPLIES", "b", "a", id: "r2")
            .Rel("COLLABORATES_WITH", "b", "c", validFrom: new DateOnly(2024, 1, 1), id: "r3")
            .Rel("COLLABORATES_WITH", "a", "ghost", id: "r4")
            .Build();

        var snapshot = GraphSnapshot.Build(graph, new DateOnly(2023, 12, 31));

        Assert.Equal(3, snapshot.NodeCount);
        Assert.Equal(1, snapshot.EdgeCount);
        Assert.Equal(2, snapshot.RelationshipCount);
        Assert.Equal(0, snapshot.Degree(snapshot.IndexOf("c")));
        Assert.Equal(2, GraphSnapshot.Build(graph, new DateOnly(2024, 6, 1)).EdgeCount);
    }

    [Fact]
    public void All_shortest_paths_are_listed_with_the_relationship_of_each_hop()
    {
        var graph = new GraphBuilder()
            .Node("s", "Person").Node("x", "Platform").Node("y", "Platform").Node("t", "Person").Node("far", "Person")
            .Rel("MEMBER_OF", "s", "x", id: "r-sx").Rel("MEMBER_OF", "s", "y", id: "r-sy")
            .Rel("MEMBER_OF", "t", "x", id: "r-tx").Rel("MEMBER_OF", "t", "y", id: "r-ty")
            .Rel("MEMBER_OF", "far", "y", id: "r-fy")
            .Build();
        var snapshot = GraphSnapshot.Build(graph);

        var paths = ShortestPaths.Between(snapshot, snapshot.IndexOf("s"), snapshot.IndexOf("t"));

        Assert.Equal(2, paths.Count);
        Assert.Equal(["s", "x", "t"], paths[0].Nodes.Select(snapshot.IdOf));
        Assert.Equal(["r-sx", "r-tx"], paths[0].Relationships.Select(snapshot.RelationshipId));
        Assert.Equal(["s", "y", "t"], paths[1].Nodes.Select(snapshot.IdOf));
        Assert.Single(ShortestPaths.Between(snapshot, snapshot.IndexOf("s"), snapshot.IndexOf("t"), limit: 1));
    }

    [Fact]
    public void Unconnected_nodes_have_no_path_and_a_node_has_a_path_to_itself()
    {
        var snapshot = GraphSnapshot.Build(new GraphBuilder().Node("a", "Person").Node("b", "Person").Build());

        Assert.Empty(ShortestPaths.Between(snapshot, 0, 1));
        Assert.Equal([0], Assert.Single(ShortestPaths.Between(snapshot, 0, 0)).Nodes);
    }

    [Fact]
    public void Sampled_betweenness_is_close_to_exact_within_its_error_bound()
    {
        var fixture = NetworkXFixture.Load("random");
        var snapshot = fixture.Snapshot();
        var options = new BetweennessOptions { ExactUpToNodeCount = 10, SampleSources = 40, Seed = 1 };

        var sampled = Centrality.Betweenness(snapshot, options);

        Assert.True(sampled.Sampled);
        var bound = sampled.ErrorBound(snapshot.NodeCount);
        Assert.All(fixture.Betweenness, kv => Assert.InRange(sampled.Values[snapshot.IndexOf(kv.Key)], kv.Value - bound, kv.Value + bound));
        Assert.Equal(sampled.Values, Centrality.Betweenness(snapshot, options).Values);
    }
}
