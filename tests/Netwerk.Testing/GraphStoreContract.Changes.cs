using System.Text.Json;
using Netwerk.Core.Graph;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    private static readonly JsonSerializerOptions ChangeJson = new(JsonSerializerDefaults.Web);

    /// <summary>Six writes a minute apart: create, update and delete of a relationship and of a node.</summary>
    private async Task<List<DateTimeOffset>> WriteSixChangesAsync()
    {
        var times = new List<DateTimeOffset>();
        await CreateAsync(TestGraph.Person("p-an", name: "An Peeters"));
        times.Add(Clock.GetUtcNow());
        Clock.Advance(TimeSpan.FromMinutes(1));
        await CreateAsync(TestGraph.Organisation("org-a", name: "Maatwerkbedrijf De Link"));
        times.Add(Clock.GetUtcNow());
        Clock.Advance(TimeSpan.FromMinutes(1));
        await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1", validFrom: "2024-01-01", properties: ("function", "jobcoach")));
        times.Add(Clock.GetUtcNow());
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.UpdateRelationshipAsync("r-1", TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1", validFrom: "2024-01-01", validUntil: "2024-12-31"), 1, Ct);
        times.Add(Clock.GetUtcNow());
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.UpdateNodeAsync("org-a", TestGraph.Organisation("org-a", name: "De Link vzw"), 1, Ct);
        times.Add(Clock.GetUtcNow());
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.DeleteRelationshipAsync("r-1", 2, Ct);
        times.Add(Clock.GetUtcNow());
        return times;
    }

    [Fact]
    public async Task Empty_store_has_no_changes()
    {
        var page = await Store.GetChangesAsync(0, 10, Ct);

        Assert.Empty(page.Changes);
        Assert.False(page.HasMore);
        Assert.Equal((await StatusAsync()).LatestSequence, page.LatestSequence);
    }

    [Fact]
    public async Task Every_committed_write_appends_one_change_in_order()
    {
        var times = await WriteSixChangesAsync();

        var page = await Store.GetChangesAsync(0, 100, Ct);

        Assert.False(page.HasMore);
        Assert.Equal(
            [
                (ChangeEntity.Node, ChangeOperation.Created, "p-an", "Person", 1L),
                (ChangeEntity.Node, ChangeOperation.Created, "org-a", "Organisation", 1L),
                (ChangeEntity.Relationship, ChangeOperation.Created, "r-1", "WORKS_FOR", 1L),
                (ChangeEntity.Relationship, ChangeOperation.Updated, "r-1", "WORKS_FOR", 2L),
                (ChangeEntity.Node, ChangeOperation.Updated, "org-a", "Organisation", 2L),
            ],
            page.Changes.Take(5).Select(c => (c.Entity, c.Operation, c.Id, c.Label, c.Version)));
        var deletion = page.Changes[5];
        Assert.Equal((ChangeEntity.Relationship, ChangeOperation.Deleted, "r-1", "WORKS_FOR"), (deletion.Entity, deletion.Operation, deletion.Id, deletion.Label));
        Assert.True(deletion.Version >= 2, "a deletion carries the version it deleted (or later)");
        Assert.Equal(times, page.Changes.Select(c => c.At));
    }

    [Fact]
    public async Task Change_sequences_strictly_increase_and_end_at_the_latest()
    {
        await WriteSixChangesAsync();

        var page = await Store.GetChangesAsync(0, 100, Ct);

        Assert.Equal(6, page.Changes.Count);
        for (var i = 1; i < page.Changes.Count; i++)
        {
            Assert.True(page.Changes[i].Sequence > page.Changes[i - 1].Sequence, $"sequence {i} does not increase");
        }
        Assert.True(page.Changes[0].Sequence > 0);
        Assert.Equal(page.Changes[^1].Sequence, page.LatestSequence);
        Assert.Equal(page.LatestSequence, (await StatusAsync()).LatestSequence);
    }

    [Fact]
    public async Task Changes_since_a_sequence_are_only_the_later_ones()
    {
        await WriteSixChangesAsync();
        var all = (await Store.GetChangesAsync(0, 100, Ct)).Changes;

        var later = await Store.GetChangesAsync(all[2].Sequence, 100, Ct);

        Assert.Equal(all.Skip(3).Select(c => c.Sequence), later.Changes.Select(c => c.Sequence));
        Assert.Empty((await Store.GetChangesAsync(all[^1].Sequence, 100, Ct)).Changes);
    }

    [Fact]
    public async Task Changes_come_in_pages_of_at_most_the_limit_with_HasMore()
    {
        await WriteSixChangesAsync();
        var all = (await Store.GetChangesAsync(0, 100, Ct)).Changes;

        var pages = new List<Netwerk.Core.Graph.ChangePage>();
        var since = 0L;
        while (true)
        {
            var page = await Store.GetChangesAsync(since, 4, Ct);
            pages.Add(page);
            if (!page.HasMore) break;
            Assert.True(pages.Count < 5, "paging does not end");
            since = page.Changes[^1].Sequence;
        }

        Assert.Equal([4, 2], pages.Select(p => p.Changes.Count));
        Assert.Equal([true, false], pages.Select(p => p.HasMore));
        Assert.All(pages, p => Assert.Equal(all[^1].Sequence, p.LatestSequence));
        Assert.Equal(all.Select(c => c.Sequence), pages.SelectMany(p => p.Changes).Select(c => c.Sequence));
        var exact = await Store.GetChangesAsync(all[1].Sequence, 4, Ct);
        Assert.Equal(4, exact.Changes.Count);
        Assert.False(exact.HasMore);
    }

    [Fact]
    public async Task Changes_carry_the_item_in_document_form_after_the_change()
    {
        await WriteSixChangesAsync();
        var changes = (await Store.GetChangesAsync(0, 100, Ct)).Changes;

        var node = NodeData(changes[4]);
        Assert.Equal(("org-a", "Organisation"), (node.Id, node.Kind));
        AssertSameProperties(TestGraph.Organisation("org-a", name: "De Link vzw").Properties, node.Properties!);

        var created = RelationshipData(changes[2]);
        Assert.Equal(("r-1", "WORKS_FOR", "p-an", "org-a", "2024-01-01"), (created.Id, created.Type, created.From, created.To, created.ValidFrom));
        Assert.Null(created.ValidUntil);
        Assert.Equal("jobcoach", created.Properties!["function"].GetString());

        var updated = RelationshipData(changes[3]);
        Assert.Equal("2024-12-31", updated.ValidUntil);
        Assert.Empty(updated.Properties ?? new Dictionary<string, JsonElement>());
    }

    [Fact]
    public async Task Deletion_carries_the_item_as_it_was_when_deleted()
    {
        await WriteSixChangesAsync();
        await Store.DeleteNodeAsync("org-a", 2, Ct);
        var changes = (await Store.GetChangesAsync(0, 100, Ct)).Changes;

        var relationship = RelationshipData(changes[5]);
        Assert.Equal(("r-1", "WORKS_FOR", "p-an", "org-a", "2024-01-01", "2024-12-31"),
            (relationship.Id, relationship.Type, relationship.From, relationship.To, relationship.ValidFrom, relationship.ValidUntil));
        var node = NodeData(changes[6]);
        Assert.Equal((ChangeOperation.Deleted, "org-a", "Organisation"), (changes[6].Operation, node.Id, node.Kind));
        AssertSameProperties(TestGraph.Organisation("org-a", name: "De Link vzw").Properties, node.Properties!);
    }

    [Fact]
    public async Task Relationship_changes_name_their_endpoints_and_node_changes_none()
    {
        await WriteSixChangesAsync();
        var changes = (await Store.GetChangesAsync(0, 100, Ct)).Changes;

        Assert.All(changes.Where(c => c.Entity == ChangeEntity.Relationship), c => Assert.Equal(("p-an", "org-a"), (c.From, c.To)));
        Assert.All(changes.Where(c => c.Entity == ChangeEntity.Node), c => Assert.Equal((null, null), (c.From, c.To)));
        Assert.Equal(3, changes.Count(c => c.Entity == ChangeEntity.Relationship));
    }

    private static NodeDraft NodeData(Change change) =>
        JsonSerializer.Deserialize<NodeDraft>(Assert.NotNull(change.Data).GetRawText(), ChangeJson)!;

    private static RelationshipDraft RelationshipData(Change change) =>
        JsonSerializer.Deserialize<RelationshipDraft>(Assert.NotNull(change.Data).GetRawText(), ChangeJson)!;

    [Fact]
    public async Task Refused_writes_append_no_change()
    {
        await CreateAsync(TestGraph.Organisation("org-a"));
        var before = await StatusAsync();

        await Assert.ThrowsAsync<DuplicateIdException>(() => CreateAsync(TestGraph.Organisation("org-a")));
        await Assert.ThrowsAsync<VersionConflictException>(() => Store.UpdateNodeAsync("org-a", TestGraph.Organisation("org-a"), 3, Ct));
        await Assert.ThrowsAsync<GraphItemNotFoundException>(() => Store.DeleteNodeAsync("org-b", 1, Ct));
        await Assert.ThrowsAsync<GraphValidationException>(() => LinkAsync(TestGraph.Rel("WORKS_FOR", "org-a", "org-a")));

        await AssertUnchangedSinceAsync(before);
    }
}
