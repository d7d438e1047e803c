using Netwerk.Core.Graph;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    private async Task<List<(ChangeEntity, ChangeOperation, string)>> HistoryAsync(string nodeId, int limit = 100) =>
        (await Store.GetHistoryAsync(nodeId, limit, Ct)).Select(c => (c.Entity, c.Operation, c.Id)).ToList();

    /// <summary>org-a's own changes interleaved with those of r-1 (touching it) and of p-an and r-2 (not touching it).</summary>
    private async Task WriteHistoryAsync()
    {
        await CreateRelationshipCaseNodesAsync();
        await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1"));
        await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-bart", "org-b", id: "r-2"));
        await Store.UpdateNodeAsync("org-a", TestGraph.Organisation("org-a", name: "De Link vzw"), 1, Ct);
        await Store.UpdateNodeAsync("p-an", TestGraph.Person("p-an", name: "An Peeters-Vermeulen"), 1, Ct);
        await Store.UpdateRelationshipAsync("r-1", TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1", properties: ("function", "jobcoach")), 1, Ct);
        await Store.DeleteRelationshipAsync("r-1", 2, Ct);
    }

    [Fact]
    public async Task History_of_a_node_holds_its_changes_and_those_of_its_relationships_newest_first()
    {
        await WriteHistoryAsync();

        Assert.Equal(
            [
                (ChangeEntity.Relationship, ChangeOperation.Deleted, "r-1"),
                (ChangeEntity.Relationship, ChangeOperation.Updated, "r-1"),
                (ChangeEntity.Node, ChangeOperation.Updated, "org-a"),
                (ChangeEntity.Relationship, ChangeOperation.Created, "r-1"),
                (ChangeEntity.Node, ChangeOperation.Created, "org-a"),
            ],
            await HistoryAsync("org-a"));
        var history = await Store.GetHistoryAsync("org-a", 100, Ct);
        for (var i = 1; i < history.Count; i++) Assert.True(history[i].Sequence < history[i - 1].Sequence);
    }

    [Fact]
    public async Task History_holds_at_most_the_limit_newest_first()
    {
        await WriteHistoryAsync();

        Assert.Equal(
            [(ChangeEntity.Relationship, ChangeOperation.Deleted, "r-1"), (ChangeEntity.Relationship, ChangeOperation.Updated, "r-1")],
            await HistoryAsync("org-a", limit: 2));
    }

    [Fact]
    public async Task History_of_a_deleted_node_remains_readable()
    {
        await WriteHistoryAsync();
        await LinkAsync(TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-3"));

        await Store.DeleteNodeAsync("p-an", 2, Ct);

        var history = await HistoryAsync("p-an");
        Assert.Equal((ChangeEntity.Node, ChangeOperation.Deleted, "p-an"), history[0]);
        Assert.Contains((ChangeEntity.Relationship, ChangeOperation.Deleted, "r-3"), history);
        Assert.Equal((ChangeEntity.Node, ChangeOperation.Created, "p-an"), history[^1]);
        Assert.Equal(8, history.Count);
    }

    [Fact]
    public async Task History_does_not_mix_in_a_relationship_that_only_shares_the_node_id()
    {
        await CreateRelationshipCaseNodesAsync();
        await CreateAsync(TestGraph.Theme("shared-1", "Taal"));
        await LinkAsync(TestGraph.Rel("COLLABORATES_WITH", "org-a", "org-b", id: "shared-1"));

        Assert.Equal([(ChangeEntity.Node, ChangeOperation.Created, "shared-1")], await HistoryAsync("shared-1"));
    }
}
