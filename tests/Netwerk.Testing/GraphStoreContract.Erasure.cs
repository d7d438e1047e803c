using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    private const string PersonId = ErasureFixture.PersonId;

    /// <summary>The texts of a change a reader sees: its ids, cause and data.</summary>
    private static IEnumerable<string> Texts(Change change) =>
        new[] { change.Id, change.From, change.To, change.Cause, change.Data?.GetRawText() }.OfType<string>();

    private static void AssertNoTrace(IEnumerable<Change> changes)
    {
        foreach (var change in changes)
        {
            foreach (var text in Texts(change))
            {
                foreach (var trace in ErasureFixture.Traces)
                {
                    Assert.False(text.Contains(trace, StringComparison.OrdinalIgnoreCase),
                        $"Change {change.Sequence} ({change.Entity} {change.Operation}) still holds '{trace}': {text}");
                }
            }
        }
    }

    [Fact]
    public async Task Erasure_removes_the_node_and_every_relationship_touching_it()
    {
        await ErasureFixture.WriteAsync(Store, Clock, Ct);
        var before = await StatusAsync();

        var result = await Store.EraseNodeAsync(PersonId, Ct);

        Assert.Null(await Store.GetNodeAsync(PersonId, Ct));
        foreach (var id in ErasureFixture.LiveRelationshipIds) Assert.Null(await Store.GetRelationshipAsync(id, Ct));
        Assert.Empty((await Store.FindRelationshipsAsync(new RelationshipQuery { NodeId = PersonId }, Ct)).Items);
        Assert.Equal(ErasureFixture.LiveRelationshipIds.Count, result.RelationshipsRemoved);
        var after = await StatusAsync();
        Assert.Equal((before.NodeCount - 1, before.RelationshipCount - 3), (after.NodeCount, after.RelationshipCount));
        Assert.Equal(after.LatestSequence, result.LatestSequence);
    }

    private static readonly string[] OrganisersWithPerson = [PersonId, "p-an"];
    private static readonly string[] OrganisersWithoutPerson = ["p-an"];

    [Fact]
    public async Task Erasure_renames_the_node_where_other_items_history_names_it_by_id()
    {
        await ErasureFixture.WriteAsync(Store, Clock, Ct);
        var meeting = await CreateAsync(TestGraph.Meeting("m-organised").With("organisers", OrganisersWithPerson)
            .With("inviteRules", $$"""{"add":["{{PersonId}}"],"remove":["{{PersonId}}x"]}"""));
        // The meeting drops the person before the erasure (as the host does); its earlier version stays in the feed.
        await Store.UpdateNodeAsync(meeting.Id, TestGraph.Meeting("m-organised").With("organisers", OrganisersWithoutPerson), meeting.Version, Ct);

        await Store.EraseNodeAsync(PersonId, Ct);

        var changes = (await Store.GetChangesAsync(0, 10_000, Ct)).Changes;
        Assert.DoesNotContain(changes.SelectMany(Texts), t => t.Contains($"\"{PersonId}\"", StringComparison.Ordinal)
            || t.Contains($"\\\"{PersonId}\\\"", StringComparison.Ordinal) || t.Contains(ErasureFixture.Email, StringComparison.Ordinal));
        var first = changes.First(c => c.Id == "m-organised").Data!.Value.GetRawText();
        Assert.Contains("p-an", first, StringComparison.Ordinal);
        // Only whole ids are replaced: a longer id that merely starts with the erased one stays.
        Assert.Contains(PersonId + "x", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_leaves_nothing_to_find_by_name_or_email()
    {
        await ErasureFixture.WriteAsync(Store, Clock, Ct);
        Assert.NotEmpty(await Store.SearchAsync("Erasmus", 10, Ct));

        await Store.EraseNodeAsync(PersonId, Ct);

        foreach (var text in new[] { "Erasmus", "Zoë", "zoe", "Testperson", ErasureFixture.Name }) Assert.Empty(await Store.SearchAsync(text, 10, Ct));
        Assert.Empty((await Store.FindNodesAsync(new NodeQuery { Kind = "Person", Text = "Erasmus" }, Ct)).Items);
        Assert.Empty((await Store.FindNodesAsync(new NodeQuery { Kind = "Person", PropertyEquals = new Dictionary<string, string> { ["email"] = ErasureFixture.Email } }, Ct)).Items);
        Assert.Equal(["p-an"], Ids((await Store.FindNodesAsync(new NodeQuery { Kind = "Person" }, Ct)).Items));
        Assert.DoesNotContain(PersonId, Ids((await Store.GetGraphAsync(new GraphScope(), Ct)).Nodes));
    }

    [Fact]
    public async Task After_erasure_no_change_in_the_feed_names_the_person_and_no_sequence_is_missing()
    {
        await ErasureFixture.WriteAsync(Store, Clock, Ct);
        var feedBefore = (await Store.GetChangesAsync(0, 1000, Ct)).Changes;

        var result = await Store.EraseNodeAsync(PersonId, Ct);

        var feed = (await Store.GetChangesAsync(0, 1000, Ct)).Changes;
        AssertNoTrace(feed);
        Assert.Equal(feedBefore.Select(c => c.Sequence), feed.Take(feedBefore.Count).Select(c => c.Sequence));
        Assert.Equal(feedBefore.Count + ErasureFixture.LiveRelationshipIds.Count + 1, feed.Count);
        Assert.Equal(feedBefore.Count(ErasureFixture.IsAboutThePerson), result.ChangesScrubbed);
        for (var i = 0; i < feedBefore.Count; i++)
        {
            var (old, now) = (feedBefore[i], feed[i]);
            Assert.Equal((old.Entity, old.Operation, old.Label, old.Version, old.At), (now.Entity, now.Operation, now.Label, now.Version, now.At));
            if (ErasureFixture.IsAboutThePerson(old)) Assert.Null(now.Data);
            else Assert.Equivalent(old, now); // bystanders' changes keep their data and names
        }
    }

    [Fact]
    public async Task The_erased_node_reads_as_one_tombstone_id_in_the_feed_and_its_erasure_is_recorded()
    {
        await ErasureFixture.WriteAsync(Store, Clock, Ct);
        var feedBefore = (await Store.GetChangesAsync(0, 1000, Ct)).Changes;
        Actor.Actor = "usr-dpo";

        var result = await Store.EraseNodeAsync(PersonId, Ct);

        var tombstone = result.TombstoneId;
        Assert.StartsWith("erased-", tombstone);
        var feed = (await Store.GetChangesAsync(0, 1000, Ct)).Changes;
        var scrubbed = feed.Take(feedBefore.Count).Where((_, i) => ErasureFixture.IsAboutThePerson(feedBefore[i])).ToList();
        Assert.All(scrubbed.Where(c => c.Entity == ChangeEntity.Node), c => Assert.Equal(tombstone, c.Id));
        Assert.All(scrubbed.Where(c => c.Entity == ChangeEntity.Relationship), c => Assert.Equal(tombstone, c.From));
        Assert.Contains(scrubbed, c => c.Cause == $"cascade:{tombstone}");
        Assert.Contains(scrubbed, c => c.Id == $"{tombstone}-member-plat-1");

        var erasure = feed.Skip(feedBefore.Count).ToList();
        Assert.All(erasure, c => Assert.Equal((ChangeOperation.Deleted, "erasure", "usr-dpo"), (c.Operation, c.Cause, c.Actor)));
        Assert.All(erasure, c => Assert.Null(c.Data));
        Assert.Equal(
            [("INVITED", tombstone, "mtg-1"), ("MEMBER_OF", tombstone, "plat-1"), ("WORKS_FOR", tombstone, "org-a")],
            erasure.SkipLast(1).Select(c => (c.Label, c.From, c.To)).Order());
        Assert.Equal((ChangeEntity.Node, tombstone, "Person", null, null), (erasure[^1].Entity, erasure[^1].Id, erasure[^1].Label, erasure[^1].From, erasure[^1].To));
        Assert.Equal(result.LatestSequence, erasure[^1].Sequence);

        var history = await Store.GetHistoryAsync(tombstone, 100, Ct);
        Assert.Equal(scrubbed.Count + erasure.Count, history.Count);
        Assert.Empty(await Store.GetHistoryAsync(PersonId, 100, Ct));
    }

    [Fact]
    public async Task Other_nodes_keep_their_histories_which_show_the_relationship_without_naming_the_person()
    {
        await ErasureFixture.WriteAsync(Store, Clock, Ct);
        var orgBefore = await Store.GetHistoryAsync("org-a", 100, Ct);

        var result = await Store.EraseNodeAsync(PersonId, Ct);

        var org = await Store.GetHistoryAsync("org-a", 100, Ct);
        AssertNoTrace(org);
        Assert.Equal(orgBefore.Count + 1, org.Count);
        Assert.Equal((ChangeEntity.Relationship, ChangeOperation.Deleted, "WORKS_FOR", result.TombstoneId), (org[0].Entity, org[0].Operation, org[0].Label, org[0].From));
        Assert.Contains(org, c => c.Entity == ChangeEntity.Relationship && c.Operation == ChangeOperation.Created && c.From == result.TombstoneId);
        Assert.Contains(org, c => c.Id == "r-an-link" && c.Data is not null);
        Assert.Contains(org, c => c.Id == "org-a" && c.Data is not null);
        foreach (var id in new[] { "plat-1", "plat-2", "mtg-1" }) AssertNoTrace(await Store.GetHistoryAsync(id, 100, Ct));
    }

    [Fact]
    public async Task Erasure_leaves_other_nodes_and_their_relationships_untouched()
    {
        await ErasureFixture.WriteAsync(Store, Clock, Ct);
        var nodes = new List<Node>();
        foreach (var id in ErasureFixture.BystanderNodeIds) nodes.Add(await RequireNodeAsync(id));
        var link = await RequireRelationshipAsync("r-an-link");
        Clock.Advance(TimeSpan.FromHours(1));

        await Store.EraseNodeAsync(PersonId, Ct);

        foreach (var node in nodes) Assert.Equivalent(node, await RequireNodeAsync(node.Id));
        Assert.Equivalent(link, await RequireRelationshipAsync("r-an-link"));
        Assert.Equal(["p-an"], (await Store.SearchAsync("Peeters", 10, Ct)).Select(h => h.Id));
    }

    [Fact]
    public async Task Erasure_needs_no_version_and_an_unknown_node_is_not_found_and_changes_nothing()
    {
        await ErasureFixture.WriteAsync(Store, Clock, Ct);
        var before = await StatusAsync();

        var missing = await Assert.ThrowsAsync<GraphItemNotFoundException>(() => Store.EraseNodeAsync("p-nobody", Ct));
        Assert.Equal((ChangeEntity.Node, "p-nobody"), (missing.Entity, missing.Id));
        await Assert.ThrowsAsync<GraphItemNotFoundException>(() => Store.EraseNodeAsync("r-zoe-link", Ct));
        await AssertUnchangedSinceAsync(before);

        await Store.EraseNodeAsync(PersonId, Ct);
        await Assert.ThrowsAsync<GraphItemNotFoundException>(() => Store.EraseNodeAsync(PersonId, Ct));
    }

    [Fact]
    public async Task Erasure_of_a_node_spares_a_relationship_that_only_shares_its_id()
    {
        await CreateRelationshipCaseNodesAsync();
        await CreateAsync(TestGraph.Theme("shared-1", "Taal"));
        await LinkAsync(TestGraph.Rel("COLLABORATES_WITH", "org-a", "org-b", id: "shared-1"));

        var result = await Store.EraseNodeAsync("shared-1", Ct);

        Assert.Equal((0, 1), (result.RelationshipsRemoved, result.ChangesScrubbed));
        Assert.NotNull(await Store.GetRelationshipAsync("shared-1", Ct));
        var history = await Store.GetHistoryAsync("org-a", 10, Ct);
        Assert.Equal("shared-1", history[0].Id);
        Assert.NotNull(history[0].Data);
    }

    [Fact]
    public async Task A_new_node_may_take_the_id_of_an_erased_one_with_a_history_of_its_own()
    {
        await ErasureFixture.WriteAsync(Store, Clock, Ct);
        await Store.EraseNodeAsync(PersonId, Ct);

        await CreateAsync(TestGraph.Person(PersonId, name: "Iemand anders"));

        var history = await Store.GetHistoryAsync(PersonId, 10, Ct);
        Assert.Equal([(ChangeEntity.Node, ChangeOperation.Created)], history.Select(c => (c.Entity, c.Operation)));
    }
}
