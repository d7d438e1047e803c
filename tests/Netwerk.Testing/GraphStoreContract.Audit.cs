using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    [Fact]
    public async Task Every_kind_of_write_records_the_actor_of_its_flow()
    {
        Actor.Actor = "usr-1";
        await CreateRelationshipCaseNodesAsync();
        await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1"));
        await LinkAsync(TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-2"));
        await Store.UpdateNodeAsync("org-a", TestGraph.Organisation("org-a", name: "De Link vzw"), 1, Ct);
        await Store.UpdateRelationshipAsync("r-1", TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1", properties: ("function", "jobcoach")), 1, Ct);
        await Store.DeleteRelationshipAsync("r-1", 2, Ct);
        await Store.DeleteNodeAsync("p-an", 1, Ct); // cascades to r-2
        await Store.ImportAsync(new GraphDocument { Nodes = [TestGraph.Theme("theme-taal", "Taal")] }, Ct);

        var changes = (await Store.GetChangesAsync(0, 100, Ct)).Changes;

        Assert.Contains(changes, c => c.Cause == "cascade:p-an");
        Assert.Contains(changes, c => c.Cause == "import");
        Assert.All(changes, c => Assert.Equal("usr-1", c.Actor));
    }

    [Fact]
    public async Task Writes_without_an_account_are_the_systems_and_each_write_takes_the_actor_of_its_moment()
    {
        await CreateAsync(TestGraph.Organisation("org-a"));
        Actor.Actor = "usr-1";
        await CreateAsync(TestGraph.Organisation("org-b"));
        Actor.Actor = "usr-2";
        await Store.UpdateNodeAsync("org-a", TestGraph.Organisation("org-a", name: "De Link vzw"), 1, Ct);
        Actor.Actor = null;
        await Store.DeleteNodeAsync("org-b", 1, Ct);

        var changes = (await Store.GetChangesAsync(0, 100, Ct)).Changes;

        Assert.Equal([null, "usr-1", "usr-2", null], changes.Select(c => c.Actor));
        Assert.Equal(["usr-2", null], (await Store.GetHistoryAsync("org-a", 10, Ct)).Select(c => c.Actor)); // newest first
    }

    /// <summary>Nine changes: usr-1 makes the 1st, 2nd, 4th, 6th and 8th, usr-2 the 3rd and 7th, the system the 5th and 9th.</summary>
    private async Task<IReadOnlyList<Change>> WriteAuditTrailAsync()
    {
        string?[] actors = ["usr-1", "usr-1", "usr-2", "usr-1", null, "usr-1", "usr-2", "usr-1", null];
        for (var i = 0; i < actors.Length; i++)
        {
            Actor.Actor = actors[i];
            await CreateAsync(TestGraph.Theme($"theme-{i}", $"Thema {i}"));
        }
        Actor.Actor = null;
        return (await Store.GetChangesAsync(0, 100, Ct)).Changes;
    }

    [Fact]
    public async Task Audit_lists_an_actors_changes_newest_first()
    {
        var all = await WriteAuditTrailAsync();

        var audit = await Store.GetAuditAsync(new AuditQuery { Actor = "usr-1" }, Ct);

        Assert.Equal(["theme-7", "theme-5", "theme-3", "theme-1", "theme-0"], audit.Select(c => c.Id));
        Assert.All(audit, c => Assert.Equal("usr-1", c.Actor));
        Assert.Equal(all.Where(c => c.Actor == "usr-1").Select(c => c.Sequence).Reverse(), audit.Select(c => c.Sequence));
        Assert.Empty(await Store.GetAuditAsync(new AuditQuery { Actor = "usr-nobody" }, Ct));
    }

    [Fact]
    public async Task Audit_without_an_actor_lists_every_change_newest_first()
    {
        var all = await WriteAuditTrailAsync();

        var audit = await Store.GetAuditAsync(new AuditQuery(), Ct);

        Assert.Equal(all.Select(c => c.Sequence).Reverse(), audit.Select(c => c.Sequence));
        Assert.Equal(all.Select(c => c.Actor).Reverse(), audit.Select(c => c.Actor));
    }

    [Fact]
    public async Task Audit_comes_in_pages_before_the_last_sequence_seen()
    {
        await WriteAuditTrailAsync();

        var pages = new List<IReadOnlyList<Change>>();
        long? before = null;
        do
        {
            pages.Add(await Store.GetAuditAsync(new AuditQuery { Actor = "usr-1", Before = before, Limit = 2 }, Ct));
            before = pages[^1].Count > 0 ? pages[^1][^1].Sequence : null;
            Assert.True(pages.Count < 5, "paging does not end");
        }
        while (pages[^1].Count == 2);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(["theme-7", "theme-5", "theme-3", "theme-1", "theme-0"], pages.SelectMany(p => p).Select(c => c.Id));
        var everyone = await Store.GetAuditAsync(new AuditQuery { Before = pages[0][^1].Sequence, Limit = 3 }, Ct);
        Assert.Equal(["theme-4", "theme-3", "theme-2"], everyone.Select(c => c.Id));
    }

    [Fact]
    public async Task Latest_sequence_is_zero_when_empty_and_follows_every_commit_but_not_a_refusal()
    {
        Assert.Equal(0, await Store.GetLatestSequenceAsync(Ct));

        await WriteSixChangesAsync();
        var latest = await Store.GetLatestSequenceAsync(Ct);
        Assert.Equal((await Store.GetChangesAsync(0, 100, Ct)).Changes[^1].Sequence, latest);
        Assert.Equal((await StatusAsync()).LatestSequence, latest);

        await Assert.ThrowsAsync<DuplicateIdException>(() => CreateAsync(TestGraph.Person("p-an")));
        Assert.Equal(latest, await Store.GetLatestSequenceAsync(Ct));
        await Store.DeleteNodeAsync("p-an", 1, Ct);
        Assert.True(await Store.GetLatestSequenceAsync(Ct) > latest);
    }
}
