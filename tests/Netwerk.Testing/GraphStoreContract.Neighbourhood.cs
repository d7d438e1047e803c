using Netwerk.Core.Graph;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    /// <summary>
    /// A chain with edges in both directions: o1 → o2 ← o3 → o4 ← o5 → o6 (COLLABORATES_WITH), so reaching a node
    /// often means following an edge backwards.
    /// </summary>
    private async Task CreateChainAsync()
    {
        await CreateAllAsync(Enumerable.Range(1, 6).Select(i => TestGraph.Organisation($"o{i}", name: $"Organisatie {i}")).ToArray());
        await LinkAllAsync(
            TestGraph.Rel("COLLABORATES_WITH", "o1", "o2", id: "r12"),
            TestGraph.Rel("COLLABORATES_WITH", "o3", "o2", id: "r32"),
            TestGraph.Rel("COLLABORATES_WITH", "o3", "o4", id: "r34"),
            TestGraph.Rel("COLLABORATES_WITH", "o5", "o4", id: "r54"),
            TestGraph.Rel("COLLABORATES_WITH", "o5", "o6", id: "r56"));
    }

    public static TheoryData<string, int, string[], string[]> ChainNeighbourhoods => new()
    {
        { "o1", 1, ["o1", "o2"], ["r12"] },
        { "o1", 2, ["o1", "o2", "o3"], ["r12", "r32"] },
        { "o1", 3, ["o1", "o2", "o3", "o4"], ["r12", "r32", "r34"] },
        { "o3", 1, ["o2", "o3", "o4"], ["r32", "r34"] },
        { "o3", 2, ["o1", "o2", "o3", "o4", "o5"], ["r12", "r32", "r34", "r54"] },
        { "o6", 2, ["o4", "o5", "o6"], ["r54", "r56"] },
    };

    [Theory]
    [MemberData(nameof(ChainNeighbourhoods), MemberType = typeof(GraphStoreContract))]
    public async Task Neighbourhood_holds_the_nodes_within_depth_hops_either_direction(string start, int depth, string[] nodes, string[] relationships)
    {
        await CreateChainAsync();

        var neighbourhood = await Store.GetNeighbourhoodAsync(start, depth, asOf: null, Ct);

        Assert.Equal(nodes, Ids(neighbourhood.Nodes));
        Assert.Equal(relationships, Ids(neighbourhood.Relationships));
    }

    [Fact]
    public async Task Neighbourhood_includes_relationships_among_its_nodes_it_did_not_traverse()
    {
        // A star: hub joined to three leaves, and one edge between two leaves.
        await CreateAllAsync(
            TestGraph.Platform("hub", name: "Regionaal overleg activering", type: "overlegtafel"),
            TestGraph.Platform("leaf-a", name: "Actiegroep ROSE", type: "actiegroep"),
            TestGraph.Platform("leaf-b", name: "Klankbordgroep ROSE", type: "klankbordgroep"),
            TestGraph.Platform("leaf-c", name: "Werkgroep taal", type: "werkgroep"));
        await LinkAllAsync(
            TestGraph.Rel("FEEDS", "leaf-a", "hub", id: "r-a"),
            TestGraph.Rel("FEEDS", "hub", "leaf-b", id: "r-b"),
            TestGraph.Rel("FEEDS", "leaf-c", "hub", id: "r-c"),
            TestGraph.Rel("FEEDS", "leaf-a", "leaf-b", id: "r-ab"));

        var ofHub = await Store.GetNeighbourhoodAsync("hub", 1, null, Ct);
        var ofLeaf = await Store.GetNeighbourhoodAsync("leaf-a", 1, null, Ct);

        Assert.Equal(["hub", "leaf-a", "leaf-b", "leaf-c"], Ids(ofHub.Nodes));
        Assert.Equal(["r-a", "r-ab", "r-b", "r-c"], Ids(ofHub.Relationships));
        Assert.Equal(["hub", "leaf-a", "leaf-b"], Ids(ofLeaf.Nodes));
        Assert.Equal(["r-a", "r-ab", "r-b"], Ids(ofLeaf.Relationships));
    }

    [Fact]
    public async Task Neighbourhood_as_of_a_date_does_not_traverse_or_return_expired_relationships()
    {
        await CreateAllAsync(
            TestGraph.Organisation("o1"), TestGraph.Organisation("o2"), TestGraph.Organisation("o3"), TestGraph.Organisation("o4"));
        await LinkAllAsync(
            TestGraph.Rel("COLLABORATES_WITH", "o1", "o2", id: "r12", validFrom: "2020-01-01"),
            TestGraph.Rel("COLLABORATES_WITH", "o2", "o3", id: "r23"),
            TestGraph.Rel("SUPPLIES", "o1", "o3", id: "r13-old", validUntil: "2021-12-31"),
            TestGraph.Rel("COLLABORATES_WITH", "o1", "o4", id: "r14-old", validUntil: "2021-12-31"),
            TestGraph.Rel("COLLABORATES_WITH", "o3", "o4", id: "r34-future", validFrom: "2030-01-01"));

        var today = await Store.GetNeighbourhoodAsync("o1", 1, Day("2024-06-01"), Ct);
        var twoHops = await Store.GetNeighbourhoodAsync("o1", 2, Day("2024-06-01"), Ct);
        var back = await Store.GetNeighbourhoodAsync("o1", 1, Day("2021-12-31"), Ct);
        var always = await Store.GetNeighbourhoodAsync("o1", 1, null, Ct);

        Assert.Equal(["o1", "o2"], Ids(today.Nodes));
        Assert.Equal(["r12"], Ids(today.Relationships));
        Assert.Equal(["o1", "o2", "o3"], Ids(twoHops.Nodes));
        Assert.Equal(["r12", "r23"], Ids(twoHops.Relationships));
        Assert.Equal(["o1", "o2", "o3", "o4"], Ids(back.Nodes));
        Assert.Equal(["r12", "r13-old", "r14-old", "r23"], Ids(back.Relationships));
        Assert.Equal(["o1", "o2", "o3", "o4"], Ids(always.Nodes));
        Assert.Equal(["r12", "r13-old", "r14-old", "r23", "r34-future"], Ids(always.Relationships));
    }

    [Fact]
    public async Task Neighbourhood_returns_full_nodes_and_relationships()
    {
        await CreateRelationshipCaseNodesAsync();
        await LinkAsync(TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1", validFrom: "2024-01-01", properties: ("role", "trekker")));

        var neighbourhood = await Store.GetNeighbourhoodAsync("plat-1", 1, null, Ct);

        var person = Assert.Single(neighbourhood.Nodes, n => n.Id == "p-an");
        Assert.Equal(("Person", 1L, "An Peeters"), (person.Kind, person.Version, person.Properties["name"].GetString()));
        var membership = Assert.Single(neighbourhood.Relationships);
        Assert.Equal(("MEMBER_OF", "p-an", "plat-1", "trekker"), (membership.Type, membership.From, membership.To, membership.Properties["role"].GetString()));
        Assert.Equal(Day("2024-01-01"), membership.ValidFrom);
    }

    [Fact]
    public async Task Neighbourhood_of_an_isolated_node_is_the_node_alone()
    {
        await CreateChainAsync();
        await CreateAsync(TestGraph.Theme("theme-taal", "Taal"));

        var neighbourhood = await Store.GetNeighbourhoodAsync("theme-taal", 3, null, Ct);

        Assert.Equal(["theme-taal"], Ids(neighbourhood.Nodes));
        Assert.Empty(neighbourhood.Relationships);
    }

    [Fact]
    public async Task Neighbourhood_of_an_unknown_node_is_not_found()
    {
        await CreateChainAsync();

        var missing = await Assert.ThrowsAsync<GraphItemNotFoundException>(() => Store.GetNeighbourhoodAsync("o9", 1, null, Ct));

        Assert.Equal((ChangeEntity.Node, "o9"), (missing.Entity, missing.Id));
    }
}
