using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Tests;

public sealed class GraphApiTests : IDisposable
{
    private readonly NetwerkServer _server = new();

    public void Dispose() => _server.Dispose();

    private async Task Import(object document)
    {
        using var response = await _server.PostJson("/api/import", document);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static object Node(string id, string kind, object properties) => new { id, kind, properties };

    /// <summary>Two regions; Kortrijk's OCMW, its trajectbegeleider, her platform and meeting; an Oostende member of the same platform.</summary>
    private static object TwoRegions() => new
    {
        nodes = new[]
        {
            Node("region-zwvl", "Region", new { name = "Zuid-West-Vlaanderen" }),
            Node("region-oostende", "Region", new { name = "Perspectief" }),
            Node("mun-kortrijk", "Municipality", new { name = "Kortrijk" }),
            Node("mun-oostende", "Municipality", new { name = "Oostende" }),
            Node("org-ocmw-kortrijk", "Organisation", new { name = "OCMW Kortrijk", type = "ocmw", sector = "overheid" }),
            Node("org-ocmw-oostende", "Organisation", new { name = "OCMW Oostende", type = "ocmw", sector = "overheid" }),
            Node("person-els", "Person", new { name = "Els Vandamme", email = "els.vandamme@example.org" }),
            Node("person-tom", "Person", new { name = "Tom Maes", email = "tom.maes@example.org" }),
            Node("platform-lerend", "Platform", new { name = "Lerend netwerk trajectbegeleiders", type = "lerend-netwerk" }),
            Node("meeting-1", "Meeting", new { title = "Lerend netwerk", type = "overleg", start = "2023-03-14T09:00:00+01:00" }),
        },
        relationships = new[]
        {
            ApiFixtures.Relationship("r1", "PART_OF", "mun-kortrijk", "region-zwvl"),
            ApiFixtures.Relationship("r2", "PART_OF", "mun-oostende", "region-oostende"),
            ApiFixtures.Relationship("r3", "ACTIVE_IN", "org-ocmw-kortrijk", "mun-kortrijk"),
            ApiFixtures.Relationship("r4", "ACTIVE_IN", "org-ocmw-oostende", "mun-oostende"),
            ApiFixtures.Relationship("r5", "WORKS_FOR", "person-els", "org-ocmw-kortrijk", validUntil: "2023-12-31"),
            ApiFixtures.Relationship("r6", "WORKS_FOR", "person-tom", "org-ocmw-oostende"),
            ApiFixtures.Relationship("r7", "MEMBER_OF", "person-els", "platform-lerend"),
            ApiFixtures.Relationship("r8", "MEMBER_OF", "person-tom", "platform-lerend"),
            ApiFixtures.Relationship("r9", "ATTENDED", "person-els", "meeting-1"),
        },
    };

    [Fact]
    public async Task Region_graph_holds_its_municipalities_organisations_people_and_their_context_only()
    {
        await Import(TwoRegions());

        var graph = await _server.Get<Subgraph>("/api/graph?region=region-zwvl");

        Assert.Equal(
            ["meeting-1", "mun-kortrijk", "org-ocmw-kortrijk", "person-els", "platform-lerend", "region-zwvl"],
            graph.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["r1", "r3", "r5", "r7", "r9"], graph.Relationships.Select(r => r.Id));
    }

    [Fact]
    public async Task Region_graph_as_of_a_date_follows_relationship_validity()
    {
        await Import(TwoRegions());

        var later = await _server.Get<Subgraph>("/api/graph?region=region-zwvl&asOf=2024-06-01");

        Assert.DoesNotContain(later.Nodes, n => n.Id == "person-els");
        Assert.DoesNotContain(later.Relationships, r => r.Id == "r5");
    }

    [Fact]
    public async Task Neighbourhood_grows_with_depth()
    {
        await Import(TwoRegions());

        var one = await _server.Get<Subgraph>("/api/nodes/person-els/neighbourhood?depth=1");
        var two = await _server.Get<Subgraph>("/api/nodes/person-els/neighbourhood?depth=2");

        Assert.Equal(["meeting-1", "org-ocmw-kortrijk", "person-els", "platform-lerend"], one.Nodes.Select(n => n.Id));
        Assert.Contains(two.Nodes, n => n.Id == "person-tom");
        Assert.Contains(two.Nodes, n => n.Id == "mun-kortrijk");
        Assert.DoesNotContain(two.Nodes, n => n.Id == "org-ocmw-oostende");
    }

    [Fact]
    public async Task Search_matches_word_prefixes_ignoring_accents()
    {
        await Import(TwoRegions());

        var hits = await _server.Get<List<SearchHit>>("/api/search?q=lerend%20traject");
        var none = await _server.Get<List<SearchHit>>("/api/search?q=%21%21");

        Assert.Equal(["platform-lerend"], hits.Select(h => h.Id));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Change_feed_returns_what_came_after_a_sequence()
    {
        await Import(TwoRegions());
        var all = await _server.Get<ChangePage>("/api/changes");
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-new"))).Dispose();

        var since = await _server.Get<ChangePage>($"/api/changes?since={all.LatestSequence}");

        Assert.Equal(19, all.Changes.Count);
        Assert.Equal("org-new", Assert.Single(since.Changes).Id);
        Assert.Equal(all.LatestSequence + 1, since.LatestSequence);
    }
}
