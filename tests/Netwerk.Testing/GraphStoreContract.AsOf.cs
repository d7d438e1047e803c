using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    /// <summary>A person, one meeting in March 2023 and one in March 2024, attended by her and a colleague.</summary>
    private async Task MeetingsOverTimeAsync()
    {
        await CreateAllAsync(
            TestGraph.Region("reg-w13"),
            TestGraph.Municipality("mun-kortrijk", "Kortrijk"),
            TestGraph.Organisation("org-ocmw", name: "OCMW Kortrijk", type: "ocmw", sector: "overheid"),
            TestGraph.Person("p-an", name: "An Peeters"),
            TestGraph.Person("p-bart", name: "Bart Claeys"),
            TestGraph.Meeting("meet-2023", title: "Lerend netwerk maart 2023", type: "overleg", start: "2023-03-14T09:00:00+01:00"),
            TestGraph.Meeting("meet-2024", title: "Lerend netwerk maart 2024", type: "overleg", start: "2024-03-12T09:00:00+01:00"));
        await LinkAllAsync(
            TestGraph.Rel("PART_OF", "mun-kortrijk", "reg-w13", id: "r-part"),
            TestGraph.Rel("ACTIVE_IN", "org-ocmw", "mun-kortrijk", id: "r-active"),
            TestGraph.Rel("WORKS_FOR", "p-an", "org-ocmw", id: "r-works"),
            TestGraph.Rel("ATTENDED", "p-an", "meet-2023", id: "r-att-2023"),
            TestGraph.Rel("ATTENDED", "p-an", "meet-2024", id: "r-att-2024"),
            TestGraph.Rel("ATTENDED", "p-bart", "meet-2024", id: "r-bart-2024"));
    }

    [Fact]
    public async Task A_meeting_is_not_part_of_the_network_as_of_a_date_before_it_started()
    {
        await MeetingsOverTimeAsync();

        var whole = await Store.GetGraphAsync(new GraphScope(AsOf: new DateOnly(2023, 12, 31)), Ct);
        var region = await Store.GetGraphAsync(new GraphScope("reg-w13", new DateOnly(2023, 12, 31)), Ct);

        foreach (var graph in new[] { whole, region })
        {
            Assert.Contains(graph.Nodes, n => n.Id == "meet-2023");
            Assert.DoesNotContain(graph.Nodes, n => n.Id == "meet-2024");
            Assert.DoesNotContain(graph.Relationships, r => r.To == "meet-2024");
        }
    }

    [Fact]
    public async Task A_meeting_belongs_to_the_network_from_the_day_it_starts_and_always_without_a_date()
    {
        await MeetingsOverTimeAsync();

        var onTheDay = await Store.GetGraphAsync(new GraphScope("reg-w13", new DateOnly(2024, 3, 12)), Ct);
        var undated = await Store.GetGraphAsync(new GraphScope("reg-w13"), Ct);

        Assert.Contains(onTheDay.Nodes, n => n.Id == "meet-2024");
        Assert.Contains(undated.Nodes, n => n.Id == "meet-2024");
        Assert.Contains(undated.Relationships, r => r.Id == "r-att-2024");
    }

    [Fact]
    public async Task An_ego_network_as_of_a_date_does_not_reach_through_a_later_meeting()
    {
        await MeetingsOverTimeAsync();

        var before = await Store.GetNeighbourhoodAsync("p-an", 2, new DateOnly(2023, 12, 31), Ct);
        var after = await Store.GetNeighbourhoodAsync("p-an", 2, new DateOnly(2024, 6, 1), Ct);

        Assert.DoesNotContain(before.Nodes, n => n.Id is "meet-2024" or "p-bart");
        Assert.Contains(after.Nodes, n => n.Id == "p-bart");
    }
}
