using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    private static readonly NodeDraft[] RegionNodes =
    [
        TestGraph.Region("reg-w13", "Zuid-West-Vlaanderen"),
        TestGraph.Region("reg-nwvl", "Noord-West-Vlaanderen"),
        TestGraph.Municipality("mun-kortrijk", "Kortrijk"),
        TestGraph.Municipality("mun-menen", "Menen"),
        TestGraph.Municipality("mun-old", "Oude deelgemeente"),
        TestGraph.Municipality("mun-brugge", "Brugge"),
        TestGraph.Organisation("org-link", name: "Maatwerkbedrijf De Link"),
        TestGraph.Organisation("org-w13", name: "W13", type: "intergemeentelijke-vereniging", sector: "overheid"),
        TestGraph.Organisation("org-old", name: "Buurtwerk Oude deelgemeente", type: "welzijnsorganisatie", sector: "zorg-welzijn"),
        TestGraph.Organisation("org-brugge", name: "OCMW Brugge", type: "ocmw", sector: "overheid"),
        TestGraph.Organisation("org-partner", name: "Woonzorgcentrum Ter Linde", type: "zorgvoorziening", sector: "zorg-welzijn"),
        TestGraph.Person("p-an", name: "An Peeters"),
        TestGraph.Person("p-former", name: "Frank Vroeger"),
        TestGraph.Person("p-bart", name: "Bart Claeys"),
        TestGraph.Person("p-partner", name: "Petra Partner"),
        TestGraph.Platform("plat-rose", name: "ROSE", type: "overlegtafel"),
        TestGraph.Platform("plat-old", name: "Stuurgroep van vroeger", type: "stuurgroep"),
        TestGraph.Platform("plat-feed", name: "Klankbordgroep provincie", type: "klankbordgroep"),
        TestGraph.Meeting("meet-1", title: "ROSE maart", type: "overleg", start: "2024-03-12T09:30:00+01:00"),
        TestGraph.Meeting("meet-2", title: "Businessmixer zorg en sociale economie", type: "businessmixer", start: "2024-05-16T14:00:00+02:00"),
        TestGraph.Signal("sig-taal", title: "Wachtlijsten Nederlands"),
        TestGraph.Theme("theme-taal", "Taal"),
        TestGraph.Agreement("agr-samen", title: "Samen sterk voor lokaal werk"),
    ];

    private static readonly RelationshipDraft[] RegionRelationships =
    [
        TestGraph.Rel("PART_OF", "mun-kortrijk", "reg-w13", id: "r-part-kortrijk"),
        TestGraph.Rel("PART_OF", "mun-menen", "reg-w13", id: "r-part-menen"),
        TestGraph.Rel("PART_OF", "mun-old", "reg-w13", id: "r-part-old", validUntil: "2018-12-31"),
        TestGraph.Rel("PART_OF", "mun-brugge", "reg-nwvl", id: "r-part-brugge"),
        TestGraph.Rel("ACTIVE_IN", "org-link", "mun-kortrijk", id: "r-active-link"),
        TestGraph.Rel("ACTIVE_IN", "org-w13", "reg-w13", id: "r-active-w13"),
        TestGraph.Rel("ACTIVE_IN", "org-old", "mun-old", id: "r-active-old"),
        TestGraph.Rel("ACTIVE_IN", "org-brugge", "mun-brugge", id: "r-active-brugge"),
        TestGraph.Rel("WORKS_FOR", "p-an", "org-link", id: "r-an-works", properties: ("function", "trajectbegeleider")),
        TestGraph.Rel("WORKS_FOR", "p-former", "org-link", id: "r-former-works", validUntil: "2020-12-31"),
        TestGraph.Rel("WORKS_FOR", "p-bart", "org-brugge", id: "r-bart-works"),
        TestGraph.Rel("WORKS_FOR", "p-partner", "org-partner", id: "r-partner-works"),
        TestGraph.Rel("MEMBER_OF", "p-an", "plat-rose", id: "r-an-rose", validFrom: "2023-01-01", properties: ("role", "trekker")),
        TestGraph.Rel("MEMBER_OF", "p-bart", "plat-rose", id: "r-bart-rose"),
        TestGraph.Rel("MEMBER_OF", "p-former", "plat-old", id: "r-former-old"),
        TestGraph.Rel("ATTENDED", "p-an", "meet-1", id: "r-an-attended"),
        TestGraph.Rel("ATTENDED", "p-bart", "meet-1", id: "r-bart-attended"),
        TestGraph.Rel("INVITED", "p-an", "meet-2", id: "r-an-invited", properties: ("status", "accepted")),
        TestGraph.Rel("OF", "meet-1", "plat-rose", id: "r-meet-of"),
        TestGraph.Rel("FEEDS", "plat-rose", "plat-feed", id: "r-rose-feeds"),
        TestGraph.Rel("ABOUT", "sig-taal", "mun-menen", id: "r-sig-menen"),
        TestGraph.Rel("ABOUT", "sig-taal", "theme-taal", id: "r-sig-theme"),
        TestGraph.Rel("PARTY_TO", "org-link", "agr-samen", id: "r-link-party"),
        TestGraph.Rel("PARTY_TO", "org-brugge", "agr-samen", id: "r-brugge-party"),
        TestGraph.Rel("COLLABORATES_WITH", "org-link", "org-partner", id: "r-link-collab"),
        TestGraph.Rel("SUPPLIES", "org-link", "org-partner", id: "r-link-supplies", validUntil: "2020-12-31"),
    ];

    /// <summary>
    /// Two regions: Zuid-West-Vlaanderen (Kortrijk, Menen and a municipality that left in 2018) and
    /// Noord-West-Vlaanderen (Brugge), with organisations, people, platforms and meetings across both.
    /// </summary>
    private async Task CreateRegionFixtureAsync()
    {
        await CreateAllAsync(RegionNodes);
        await LinkAllAsync(RegionRelationships);
    }

    [Fact]
    public async Task Region_graph_as_of_a_date_follows_the_region_scope()
    {
        await CreateRegionFixtureAsync();

        var graph = await Store.GetGraphAsync(new GraphScope("reg-w13", Day("2024-06-01")), Ct);

        Assert.Equal(Sorted(
            "reg-w13", "mun-kortrijk", "mun-menen", // the region and its municipalities
            "org-link", "org-w13", "sig-taal", // anchors: related to the region or a municipality
            "p-an", // people working for an anchor organisation
            "plat-rose", "meet-1", "meet-2", "theme-taal", "agr-samen", "org-partner"), // their direct neighbours
            Ids(graph.Nodes));
        Assert.Equal(Sorted(
            "r-part-kortrijk", "r-part-menen", "r-active-link", "r-active-w13", "r-an-works", "r-an-rose",
            "r-an-attended", "r-an-invited", "r-meet-of", "r-sig-menen", "r-sig-theme", "r-link-party", "r-link-collab"),
            Ids(graph.Relationships));
    }

    [Fact]
    public async Task Region_graph_leaves_out_other_members_of_a_shared_platform()
    {
        await CreateRegionFixtureAsync();

        var graph = await Store.GetGraphAsync(new GraphScope("reg-w13", Day("2024-06-01")), Ct);
        var nodes = Ids(graph.Nodes);

        Assert.Contains("plat-rose", nodes);
        Assert.Contains("meet-1", nodes);
        Assert.DoesNotContain("p-bart", nodes);
        Assert.DoesNotContain("org-brugge", nodes);
        Assert.DoesNotContain("mun-brugge", nodes);
        Assert.DoesNotContain("reg-nwvl", nodes);
        Assert.DoesNotContain("p-partner", nodes); // works for a partner, not for an anchor
        Assert.DoesNotContain("plat-feed", nodes); // two steps from a regional person
        Assert.All(graph.Relationships, r => Assert.True(nodes.Contains(r.From) && nodes.Contains(r.To), $"{r.Id} leaves the region graph"));
    }

    [Fact]
    public async Task Region_graph_without_a_date_counts_every_relationship()
    {
        await CreateRegionFixtureAsync();

        var graph = await Store.GetGraphAsync(new GraphScope("reg-w13"), Ct);

        Assert.Equal(Sorted(
            "reg-w13", "mun-kortrijk", "mun-menen", "mun-old",
            "org-link", "org-w13", "org-old", "sig-taal",
            "p-an", "p-former",
            "plat-rose", "plat-old", "meet-1", "meet-2", "theme-taal", "agr-samen", "org-partner"),
            Ids(graph.Nodes));
        Assert.Equal(Sorted(
            "r-part-kortrijk", "r-part-menen", "r-part-old", "r-active-link", "r-active-w13", "r-active-old",
            "r-an-works", "r-former-works", "r-an-rose", "r-former-old", "r-an-attended", "r-an-invited", "r-meet-of",
            "r-sig-menen", "r-sig-theme", "r-link-party", "r-link-collab", "r-link-supplies"),
            Ids(graph.Relationships));
    }

    [Fact]
    public async Task Region_graph_of_the_other_region_is_its_own()
    {
        await CreateRegionFixtureAsync();

        var graph = await Store.GetGraphAsync(new GraphScope("reg-nwvl", Day("2024-06-01")), Ct);

        Assert.Equal(Sorted("reg-nwvl", "mun-brugge", "org-brugge", "p-bart", "plat-rose", "meet-1", "agr-samen"), Ids(graph.Nodes));
        Assert.Equal(Sorted("r-part-brugge", "r-active-brugge", "r-bart-works", "r-bart-rose", "r-bart-attended", "r-meet-of", "r-brugge-party"),
            Ids(graph.Relationships));
    }

    [Fact]
    public async Task Region_graph_of_an_unknown_region_is_not_found()
    {
        await CreateRegionFixtureAsync();

        var missing = await Assert.ThrowsAsync<GraphItemNotFoundException>(() => Store.GetGraphAsync(new GraphScope("reg-gent"), Ct));

        Assert.Equal("reg-gent", missing.Id);
    }

    [Fact]
    public async Task Whole_graph_holds_every_node_and_relationship()
    {
        await CreateRegionFixtureAsync();

        var graph = await Store.GetGraphAsync(new GraphScope(), Ct);

        Assert.Equal(RegionNodes.Select(n => n.Id!).Order(StringComparer.Ordinal), Ids(graph.Nodes));
        Assert.Equal(RegionRelationships.Select(r => r.Id!).Order(StringComparer.Ordinal), Ids(graph.Relationships));
        var membership = Assert.Single(graph.Relationships, r => r.Id == "r-an-rose");
        Assert.Equal(("MEMBER_OF", "p-an", "plat-rose", "trekker"), (membership.Type, membership.From, membership.To, membership.Properties["role"].GetString()));
        Assert.Equal(Day("2023-01-01"), membership.ValidFrom);
    }

    [Fact]
    public async Task Whole_graph_as_of_a_date_keeps_the_nodes_that_existed_and_only_valid_relationships()
    {
        await CreateRegionFixtureAsync();

        var graph = await Store.GetGraphAsync(new GraphScope(AsOf: Day("2022-06-01")), Ct);

        string[] later = ["meet-1", "meet-2"]; // both meetings took place in 2024
        Assert.Equal(RegionNodes.Select(n => n.Id!).Except(later).Order(StringComparer.Ordinal), Ids(graph.Nodes));
        var expired = new[] { "r-part-old", "r-former-works", "r-link-supplies", "r-an-rose" }; // r-an-rose starts in 2023
        var toLaterMeetings = RegionRelationships.Where(r => later.Contains(r.From) || later.Contains(r.To)).Select(r => r.Id!);
        Assert.NotEmpty(toLaterMeetings);
        Assert.Equal(RegionRelationships.Select(r => r.Id!).Except(expired).Except(toLaterMeetings).Order(StringComparer.Ordinal), Ids(graph.Relationships));
    }

    [Fact]
    public async Task Whole_graph_of_an_empty_store_is_empty()
    {
        var graph = await Store.GetGraphAsync(new GraphScope(), Ct);

        Assert.Empty(graph.Nodes);
        Assert.Empty(graph.Relationships);
    }
}
