using System.Text.RegularExpressions;
using Netwerk.Core.Graph;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    [Fact]
    public async Task Created_node_is_stored_as_written_at_version_1_with_clock_timestamps()
    {
        var draft = TestGraph.Organisation("org-a", name: "Maatwerkbedrijf De Link")
            .With("email", "info@delink.be")
            .With("website", "https://www.delink.be")
            .With("description", "Groendienst, schoonmaak en \"logistiek\".\nTweede lijn: Zoë.");

        var created = await CreateAsync(draft);

        Assert.Equal("org-a", created.Id);
        Assert.Equal("Organisation", created.Kind);
        Assert.Equal(1, created.Version);
        Assert.Equal(Clock.GetUtcNow(), created.CreatedAt);
        Assert.Equal(created.CreatedAt, created.UpdatedAt);
        AssertSameProperties(draft.Properties, created.Properties);

        var stored = await RequireNodeAsync("org-a");
        Assert.Equal("Organisation", stored.Kind);
        Assert.Equal(1, stored.Version);
        Assert.Equal(created.CreatedAt, stored.CreatedAt);
        Assert.Equal(created.UpdatedAt, stored.UpdatedAt);
        AssertSameProperties(draft.Properties, stored.Properties);
    }

    [Fact]
    public async Task Node_without_id_gets_a_generated_unique_valid_id()
    {
        var first = await CreateAsync(TestGraph.Person(null, name: "An Peeters"));
        var second = await CreateAsync(TestGraph.Person(null, name: "Bart Claeys"));

        Assert.False(string.IsNullOrWhiteSpace(first.Id));
        Assert.NotEqual(first.Id, second.Id);
        // A generated id must itself be a valid id: it is written back by exports and imports.
        Assert.Matches(new Regex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"), first.Id);
        Assert.Equal("An Peeters", (await RequireNodeAsync(first.Id)).Properties["name"].GetString());
        Assert.Equal("Bart Claeys", (await RequireNodeAsync(second.Id)).Properties["name"].GetString());
    }

    [Fact]
    public async Task Unknown_node_reads_as_null()
    {
        await CreateAsync(TestGraph.Theme("theme-taal", "Taal"));

        Assert.Null(await Store.GetNodeAsync("theme-mobiliteit", Ct));
    }

    [Fact]
    public async Task Duplicate_node_id_is_refused_and_nothing_changes()
    {
        await CreateAsync(TestGraph.Organisation("org-a", name: "Eerste"));
        var before = await StatusAsync();

        var refusal = await Assert.ThrowsAsync<DuplicateIdException>(() => CreateAsync(TestGraph.Organisation("org-a", name: "Tweede")));

        Assert.Equal(ChangeEntity.Node, refusal.Entity);
        Assert.Equal("org-a", refusal.Id);
        await AssertUnchangedSinceAsync(before);
        var stored = await RequireNodeAsync("org-a");
        Assert.Equal("Eerste", stored.Properties["name"].GetString());
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Update_with_current_version_replaces_properties_and_moves_only_UpdatedAt()
    {
        var created = await CreateAsync(TestGraph.Person("p-an", name: "An Peeters", email: "an@vdab.be", function: "accountmanager"));
        Clock.Advance(TimeSpan.FromMinutes(5));

        var replacement = TestGraph.Person("p-an", name: "An Peeters-Vermeulen", function: "diensthoofd").With("invitationOptOut", true);
        var updated = await Store.UpdateNodeAsync("p-an", replacement, expectedVersion: 1, Ct);

        Assert.Equal(2, updated.Version);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.Equal(Clock.GetUtcNow(), updated.UpdatedAt);
        Assert.NotEqual(updated.CreatedAt, updated.UpdatedAt);
        AssertSameProperties(replacement.Properties, updated.Properties);
        Assert.False(updated.Properties.ContainsKey("email"));

        var stored = await RequireNodeAsync("p-an");
        Assert.Equal(2, stored.Version);
        Assert.Equal(created.CreatedAt, stored.CreatedAt);
        Assert.Equal(updated.UpdatedAt, stored.UpdatedAt);
        AssertSameProperties(replacement.Properties, stored.Properties);
    }

    [Fact]
    public async Task Every_update_raises_the_version_by_one()
    {
        await CreateAsync(TestGraph.Theme("theme-taal", "Taal"));

        for (var version = 1; version <= 4; version++)
        {
            var updated = await Store.UpdateNodeAsync("theme-taal", TestGraph.Theme("theme-taal", $"Taal {version}"), version, Ct);
            Assert.Equal(version + 1, updated.Version);
        }
        Assert.Equal(5, (await RequireNodeAsync("theme-taal")).Version);
    }

    [Fact]
    public async Task Stale_version_is_refused_and_nothing_changes()
    {
        await CreateAsync(TestGraph.Organisation("org-a", name: "Versie 1"));
        await Store.UpdateNodeAsync("org-a", TestGraph.Organisation("org-a", name: "Versie 2"), 1, Ct);
        var before = await StatusAsync();

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(
            () => Store.UpdateNodeAsync("org-a", TestGraph.Organisation("org-a", name: "Verouderde bewerking"), 1, Ct));

        Assert.Equal(ChangeEntity.Node, conflict.Entity);
        Assert.Equal("org-a", conflict.Id);
        Assert.Equal(1, conflict.ExpectedVersion);
        Assert.Equal(2, conflict.CurrentVersion);
        await AssertUnchangedSinceAsync(before);
        var stored = await RequireNodeAsync("org-a");
        Assert.Equal(2, stored.Version);
        Assert.Equal("Versie 2", stored.Properties["name"].GetString());
    }

    [Fact]
    public async Task Version_ahead_of_the_stored_one_is_refused_too()
    {
        await CreateAsync(TestGraph.Theme("theme-taal", "Taal"));

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(
            () => Store.UpdateNodeAsync("theme-taal", TestGraph.Theme("theme-taal", "Taal en werk"), 7, Ct));

        Assert.Equal(1, conflict.CurrentVersion);
        Assert.Equal(7, conflict.ExpectedVersion);
        Assert.Equal("Taal", (await RequireNodeAsync("theme-taal")).Properties["name"].GetString());
    }

    [Fact]
    public async Task Kind_of_a_node_cannot_change()
    {
        await CreateAsync(TestGraph.Organisation("org-a"));

        await AssertRefusedAsync(() => Store.UpdateNodeAsync("org-a", TestGraph.Person("org-a", name: "An Peeters"), 1, Ct),
            ("kind", "immutable"));

        var stored = await RequireNodeAsync("org-a");
        Assert.Equal("Organisation", stored.Kind);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Updating_a_missing_node_is_not_found()
    {
        var missing = await Assert.ThrowsAsync<GraphItemNotFoundException>(
            () => Store.UpdateNodeAsync("org-missing", TestGraph.Organisation("org-missing"), 1, Ct));

        Assert.Equal(ChangeEntity.Node, missing.Entity);
        Assert.Equal("org-missing", missing.Id);
        Assert.Equal(0, (await StatusAsync()).NodeCount);
    }

    [Fact]
    public async Task Deleting_a_missing_node_is_not_found()
    {
        await CreateAsync(TestGraph.Organisation("org-a"));

        var missing = await Assert.ThrowsAsync<GraphItemNotFoundException>(() => Store.DeleteNodeAsync("org-missing", 1, Ct));

        Assert.Equal(ChangeEntity.Node, missing.Entity);
        Assert.Equal("org-missing", missing.Id);
        Assert.Equal(1, (await StatusAsync()).NodeCount);
    }

    [Fact]
    public async Task Status_reports_a_healthy_store_and_what_it_holds()
    {
        var empty = await StatusAsync();
        Assert.True(empty.Healthy);
        Assert.False(string.IsNullOrWhiteSpace(empty.Provider));
        Assert.Equal(0, empty.NodeCount);
        Assert.Equal(0, empty.RelationshipCount);

        await CreateAllAsync(TestGraph.Person("p-an"), TestGraph.Organisation("org-a"), TestGraph.Theme("theme-taal"));
        await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1"));

        var status = await StatusAsync();
        Assert.True(status.Healthy);
        Assert.Equal(3, status.NodeCount);
        Assert.Equal(1, status.RelationshipCount);
        Assert.Equal((await Store.GetChangesAsync(0, 100, Ct)).LatestSequence, status.LatestSequence);
        Assert.True(status.LatestSequence > empty.LatestSequence);
    }
}
