using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    [Fact]
    public async Task Created_relationship_is_stored_with_validity_properties_and_version_1()
    {
        await CreateRelationshipCaseNodesAsync();
        var draft = TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-member", validFrom: "2024-01-01", validUntil: "2024-12-31", ("role", "trekker"));

        var created = await LinkAsync(draft);

        Assert.Equal("r-member", created.Id);
        Assert.Equal("MEMBER_OF", created.Type);
        Assert.Equal("p-an", created.From);
        Assert.Equal("plat-1", created.To);
        Assert.Equal(Day("2024-01-01"), created.ValidFrom);
        Assert.Equal(Day("2024-12-31"), created.ValidUntil);
        Assert.Equal(1, created.Version);
        Assert.Equal(Clock.GetUtcNow(), created.CreatedAt);
        Assert.Equal(created.CreatedAt, created.UpdatedAt);
        AssertSameProperties(draft.Properties, created.Properties);

        var stored = await RequireRelationshipAsync("r-member");
        Assert.Equal(("MEMBER_OF", "p-an", "plat-1"), (stored.Type, stored.From, stored.To));
        Assert.Equal(Day("2024-01-01"), stored.ValidFrom);
        Assert.Equal(Day("2024-12-31"), stored.ValidUntil);
        Assert.Equal(1, stored.Version);
        Assert.Equal(created.CreatedAt, stored.CreatedAt);
        AssertSameProperties(draft.Properties, stored.Properties);
    }

    [Fact]
    public async Task Relationship_without_validity_holds_on_every_date()
    {
        await CreateRelationshipCaseNodesAsync();

        var created = await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-works"));

        Assert.Null(created.ValidFrom);
        Assert.Null(created.ValidUntil);
        Assert.Empty(created.Properties);
        var stored = await RequireRelationshipAsync("r-works");
        Assert.Null(stored.ValidFrom);
        Assert.Null(stored.ValidUntil);
    }

    [Fact]
    public async Task Relationship_without_id_gets_a_generated_unique_id()
    {
        await CreateRelationshipCaseNodesAsync();

        var first = await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-a"));
        var second = await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-bart", "org-a"));

        Assert.False(string.IsNullOrWhiteSpace(first.Id));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal("p-an", (await RequireRelationshipAsync(first.Id)).From);
        Assert.Equal("p-bart", (await RequireRelationshipAsync(second.Id)).From);
    }

    [Fact]
    public async Task Same_endpoints_may_be_joined_again_for_another_period()
    {
        await CreateRelationshipCaseNodesAsync();

        await LinkAsync(TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-term-1", validFrom: "2020-01-01", validUntil: "2021-12-31"));
        await LinkAsync(TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-term-2", validFrom: "2023-01-01"));

        var memberships = await Store.FindRelationshipsAsync(new RelationshipQuery { From = "p-an", To = "plat-1" }, Ct);
        Assert.Equal(["r-term-1", "r-term-2"], memberships.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Duplicate_relationship_id_is_refused_and_nothing_changes()
    {
        await CreateRelationshipCaseNodesAsync();
        await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1"));
        var before = await StatusAsync();

        var refusal = await Assert.ThrowsAsync<DuplicateIdException>(() => LinkAsync(TestGraph.Rel("WORKS_FOR", "p-bart", "org-b", id: "r-1")));

        Assert.Equal(ChangeEntity.Relationship, refusal.Entity);
        Assert.Equal("r-1", refusal.Id);
        await AssertUnchangedSinceAsync(before);
        Assert.Equal("p-an", (await RequireRelationshipAsync("r-1")).From);
    }

    [Fact]
    public async Task Relationship_update_replaces_properties_and_validity_and_raises_the_version()
    {
        await CreateRelationshipCaseNodesAsync();
        var created = await LinkAsync(TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1", validFrom: "2024-01-01", validUntil: "2024-12-31", ("role", "trekker")));
        Clock.Advance(TimeSpan.FromHours(2));

        var replacement = TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1", validFrom: "2024-02-01");
        var updated = await Store.UpdateRelationshipAsync("r-1", replacement, 1, Ct);

        Assert.Equal(2, updated.Version);
        Assert.Equal(Day("2024-02-01"), updated.ValidFrom);
        Assert.Null(updated.ValidUntil);
        Assert.Empty(updated.Properties);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.Equal(Clock.GetUtcNow(), updated.UpdatedAt);

        var stored = await RequireRelationshipAsync("r-1");
        Assert.Equal(2, stored.Version);
        Assert.Equal(Day("2024-02-01"), stored.ValidFrom);
        Assert.Null(stored.ValidUntil);
        Assert.Empty(stored.Properties);
        Assert.Equal(("MEMBER_OF", "p-an", "plat-1"), (stored.Type, stored.From, stored.To));
    }

    [Fact]
    public async Task Stale_relationship_version_is_refused_and_nothing_changes()
    {
        await CreateRelationshipCaseNodesAsync();
        await LinkAsync(TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1", properties: ("role", "lid")));
        await Store.UpdateRelationshipAsync("r-1", TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1", properties: ("role", "trekker")), 1, Ct);
        var before = await StatusAsync();

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => Store.UpdateRelationshipAsync(
            "r-1", TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1", properties: ("role", "secretariaat")), 1, Ct));

        Assert.Equal(ChangeEntity.Relationship, conflict.Entity);
        Assert.Equal("r-1", conflict.Id);
        Assert.Equal(2, conflict.CurrentVersion);
        await AssertUnchangedSinceAsync(before);
        var stored = await RequireRelationshipAsync("r-1");
        Assert.Equal(2, stored.Version);
        Assert.Equal("trekker", stored.Properties["role"].GetString());
    }

    public static TheoryData<string> ImmutableRelationshipFields => new("type", "from", "to");

    [Theory]
    [MemberData(nameof(ImmutableRelationshipFields), MemberType = typeof(GraphStoreContract))]
    public async Task Relationship_type_and_endpoints_cannot_change(string field)
    {
        await CreateAllAsync(
            TestGraph.Person("p-an"), TestGraph.Person("p-bart"),
            TestGraph.Meeting("meet-1"), TestGraph.Meeting("meet-2", title: "Meet & greet trajectbegeleiders", type: "meet-and-greet"));
        await LinkAsync(TestGraph.Rel("INVITED", "p-an", "meet-1", id: "r-1", properties: ("status", "accepted")));
        // Each replacement is valid on its own (Person INVITED/ATTENDED Meeting); only the change is refused.
        var replacement = field switch
        {
            "type" => TestGraph.Rel("ATTENDED", "p-an", "meet-1", id: "r-1"),
            "from" => TestGraph.Rel("INVITED", "p-bart", "meet-1", id: "r-1", properties: ("status", "accepted")),
            _ => TestGraph.Rel("INVITED", "p-an", "meet-2", id: "r-1", properties: ("status", "accepted")),
        };

        await AssertRefusedAsync(() => Store.UpdateRelationshipAsync("r-1", replacement, 1, Ct), (field, "immutable"));

        var stored = await RequireRelationshipAsync("r-1");
        Assert.Equal(("INVITED", "p-an", "meet-1", 1L), (stored.Type, stored.From, stored.To, stored.Version));
    }

    [Fact]
    public async Task Deleting_a_relationship_removes_it_and_keeps_its_nodes()
    {
        await CreateRelationshipCaseNodesAsync();
        await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1"));
        await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-bart", "org-a", id: "r-2"));

        await Store.DeleteRelationshipAsync("r-1", 1, Ct);

        Assert.Null(await Store.GetRelationshipAsync("r-1", Ct));
        Assert.NotNull(await Store.GetRelationshipAsync("r-2", Ct));
        Assert.NotNull(await Store.GetNodeAsync("p-an", Ct));
        Assert.NotNull(await Store.GetNodeAsync("org-a", Ct));
        var status = await StatusAsync();
        Assert.Equal(5, status.NodeCount);
        Assert.Equal(1, status.RelationshipCount);
    }

    [Fact]
    public async Task Deleting_a_relationship_with_a_stale_version_is_refused()
    {
        await CreateRelationshipCaseNodesAsync();
        await LinkAsync(TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1"));
        await Store.UpdateRelationshipAsync("r-1", TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-1", properties: ("role", "trekker")), 1, Ct);
        var before = await StatusAsync();

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => Store.DeleteRelationshipAsync("r-1", 1, Ct));

        Assert.Equal(2, conflict.CurrentVersion);
        await AssertUnchangedSinceAsync(before);
        Assert.Equal(2, (await RequireRelationshipAsync("r-1")).Version);
    }

    [Fact]
    public async Task Missing_relationship_reads_as_null_and_cannot_be_updated_or_deleted()
    {
        await CreateRelationshipCaseNodesAsync();

        Assert.Null(await Store.GetRelationshipAsync("r-missing", Ct));
        var onUpdate = await Assert.ThrowsAsync<GraphItemNotFoundException>(
            () => Store.UpdateRelationshipAsync("r-missing", TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-missing"), 1, Ct));
        var onDelete = await Assert.ThrowsAsync<GraphItemNotFoundException>(() => Store.DeleteRelationshipAsync("r-missing", 1, Ct));

        Assert.Equal((ChangeEntity.Relationship, "r-missing"), (onUpdate.Entity, onUpdate.Id));
        Assert.Equal((ChangeEntity.Relationship, "r-missing"), (onDelete.Entity, onDelete.Id));
        Assert.Equal(0, (await StatusAsync()).RelationshipCount);
    }

    [Fact]
    public async Task Deleting_a_node_deletes_its_relationships_and_records_each_with_its_cause()
    {
        await CreateRelationshipCaseNodesAsync();
        await LinkAllAsync(
            TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-works"),
            TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-member"),
            TestGraph.Rel("MEMBER_OF", "org-a", "plat-1", id: "r-org-member"),
            TestGraph.Rel("WORKS_FOR", "p-bart", "org-b", id: "r-other"));
        var before = await StatusAsync();

        await Store.DeleteNodeAsync("p-an", 1, Ct);

        Assert.Null(await Store.GetNodeAsync("p-an", Ct));
        Assert.Null(await Store.GetRelationshipAsync("r-works", Ct));
        Assert.Null(await Store.GetRelationshipAsync("r-member", Ct));
        Assert.NotNull(await Store.GetRelationshipAsync("r-org-member", Ct));
        Assert.NotNull(await Store.GetRelationshipAsync("r-other", Ct));
        var after = await StatusAsync();
        Assert.Equal(before.NodeCount - 1, after.NodeCount);
        Assert.Equal(before.RelationshipCount - 2, after.RelationshipCount);

        var changes = (await Store.GetChangesAsync(before.LatestSequence, 100, Ct)).Changes;
        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal(ChangeOperation.Deleted, c.Operation));
        var nodeDeletion = Assert.Single(changes, c => c.Entity == ChangeEntity.Node);
        Assert.Equal(("p-an", "Person"), (nodeDeletion.Id, nodeDeletion.Label));
        var cascaded = changes.Where(c => c.Entity == ChangeEntity.Relationship).ToList();
        Assert.Equal(["r-member", "r-works"], cascaded.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(cascaded, c => Assert.Contains("p-an", c.Cause ?? "", StringComparison.Ordinal));
        var works = cascaded.Single(c => c.Id == "r-works");
        Assert.Equal(("WORKS_FOR", "p-an", "org-a"), (works.Label, works.From, works.To));
        // Each deletion keeps the item's last state, so the feed alone can undo it.
        var member = JsonSerializer.Deserialize<RelationshipDraft>(Assert.NotNull(cascaded.Single(c => c.Id == "r-member").Data).GetRawText(), ChangeJson)!;
        Assert.Equal(("MEMBER_OF", "p-an", "plat-1"), (member.Type, member.From, member.To));
        var person = JsonSerializer.Deserialize<NodeDraft>(Assert.NotNull(nodeDeletion.Data).GetRawText(), ChangeJson)!;
        Assert.Equal(("p-an", "Person", "An Peeters"), (person.Id, person.Kind, person.Properties!["name"].GetString()));
    }

    [Fact]
    public async Task Deleting_a_node_with_a_stale_version_is_refused_and_keeps_its_relationships()
    {
        await CreateRelationshipCaseNodesAsync();
        await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-works"));
        await Store.UpdateNodeAsync("p-an", TestGraph.Person("p-an", name: "An Peeters-Vermeulen"), 1, Ct);
        var before = await StatusAsync();

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() => Store.DeleteNodeAsync("p-an", 1, Ct));

        Assert.Equal((ChangeEntity.Node, "p-an", 2L), (conflict.Entity, conflict.Id, conflict.CurrentVersion));
        await AssertUnchangedSinceAsync(before);
        Assert.NotNull(await Store.GetNodeAsync("p-an", Ct));
        Assert.NotNull(await Store.GetRelationshipAsync("r-works", Ct));
    }
}
