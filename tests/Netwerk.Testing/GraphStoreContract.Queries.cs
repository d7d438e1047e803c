using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    /// <summary>Five organisations created out of id order, three platforms and a person.</summary>
    private Task CreateQueryFixtureAsync() => CreateAllAsync(
        TestGraph.Organisation("org-c", name: "Maatwerkbedrijf Mivas"),
        TestGraph.Organisation("org-a", name: "Maatwerkbedrijf De Link"),
        TestGraph.Organisation("org-e", name: "OCMW Menen", type: "ocmw", sector: "overheid"),
        TestGraph.Organisation("org-b", name: "VDAB Kortrijk", type: "vdab", sector: "overheid"),
        TestGraph.Organisation("org-d", name: "Maatwerkbedrijf Zorgwerk", sector: "zorg-welzijn"),
        TestGraph.Platform("plat-2", name: "Stuurgroep langdurig zieken", type: "stuurgroep").With("cadencePerYear", 12).With("active", false),
        TestGraph.Platform("plat-1", name: "ROSE", type: "overlegtafel").With("cadencePerYear", 4).With("active", true),
        TestGraph.Platform("plat-3", name: "Actiegroep ROSE", type: "actiegroep").With("cadencePerYear", 4).With("active", true),
        TestGraph.Person("p-an", name: "An Peeters", function: "accountmanager"));

    private async Task<List<string>> FindIdsAsync(NodeQuery query) => (await Store.FindNodesAsync(query, Ct)).Items.Select(n => n.Id).ToList();

    [Fact]
    public async Task Nodes_are_found_by_kind_ordered_by_id()
    {
        await CreateQueryFixtureAsync();

        var page = await Store.FindNodesAsync(new NodeQuery { Kind = "Organisation" }, Ct);

        Assert.Equal(["org-a", "org-b", "org-c", "org-d", "org-e"], page.Items.Select(n => n.Id));
        Assert.All(page.Items, n => Assert.Equal("Organisation", n.Kind));
        Assert.Equal(5, page.Total);
    }

    [Fact]
    public async Task Nodes_of_every_kind_are_found_without_a_kind_filter()
    {
        await CreateQueryFixtureAsync();

        var page = await Store.FindNodesAsync(new NodeQuery(), Ct);

        Assert.Equal(["org-a", "org-b", "org-c", "org-d", "org-e", "p-an", "plat-1", "plat-2", "plat-3"], page.Items.Select(n => n.Id));
        Assert.Equal(9, page.Total);
    }

    [Fact]
    public async Task Nodes_are_found_by_an_enum_value()
    {
        await CreateQueryFixtureAsync();

        Assert.Equal(["org-a", "org-c", "org-d"], await FindIdsAsync(new NodeQuery
        {
            Kind = "Organisation",
            PropertyEquals = new Dictionary<string, string> { ["type"] = "maatwerkbedrijf" },
        }));
    }

    [Fact]
    public async Task Every_property_filter_must_match()
    {
        await CreateQueryFixtureAsync();

        Assert.Equal(["org-a", "org-c"], await FindIdsAsync(new NodeQuery
        {
            Kind = "Organisation",
            PropertyEquals = new Dictionary<string, string> { ["type"] = "maatwerkbedrijf", ["sector"] = "sociale-economie" },
        }));
    }

    [Fact]
    public async Task Nodes_are_found_by_an_integer_property()
    {
        await CreateQueryFixtureAsync();

        Assert.Equal(["plat-1", "plat-3"], await FindIdsAsync(new NodeQuery
        {
            Kind = "Platform",
            PropertyEquals = new Dictionary<string, string> { ["cadencePerYear"] = "4" },
        }));
        Assert.Equal(["plat-2"], await FindIdsAsync(new NodeQuery
        {
            Kind = "Platform",
            PropertyEquals = new Dictionary<string, string> { ["cadencePerYear"] = "12" },
        }));
    }

    [Fact]
    public async Task Nodes_are_found_by_a_boolean_property()
    {
        await CreateQueryFixtureAsync();

        Assert.Equal(["plat-2"], await FindIdsAsync(new NodeQuery
        {
            Kind = "Platform",
            PropertyEquals = new Dictionary<string, string> { ["active"] = "false" },
        }));
        Assert.Equal(["plat-1", "plat-3"], await FindIdsAsync(new NodeQuery
        {
            Kind = "Platform",
            PropertyEquals = new Dictionary<string, string> { ["active"] = "true" },
        }));
    }

    [Fact]
    public async Task Property_filter_on_a_name_the_kind_does_not_have_is_refused()
    {
        await CreateQueryFixtureAsync();

        var refusal = await Assert.ThrowsAsync<GraphValidationException>(() => Store.FindNodesAsync(new NodeQuery
        {
            Kind = "Organisation",
            PropertyEquals = new Dictionary<string, string> { ["colour"] = "rood" },
        }, Ct));

        Assert.Contains(refusal.Errors, e => e.Code == "unknown-filter" && e.Args.Contains("colour"));
    }

    [Fact]
    public async Task Node_pages_follow_offset_and_limit_and_report_the_total()
    {
        await CreateQueryFixtureAsync();

        var middle = await Store.FindNodesAsync(new NodeQuery { Kind = "Organisation", Offset = 1, Limit = 2 }, Ct);
        var last = await Store.FindNodesAsync(new NodeQuery { Kind = "Organisation", Offset = 4, Limit = 2 }, Ct);
        var beyond = await Store.FindNodesAsync(new NodeQuery { Kind = "Organisation", Offset = 10, Limit = 2 }, Ct);

        Assert.Equal(["org-b", "org-c"], middle.Items.Select(n => n.Id));
        Assert.Equal((5, 1, 2), (middle.Total, middle.Offset, middle.Limit));
        Assert.Equal(["org-e"], last.Items.Select(n => n.Id));
        Assert.Equal(5, last.Total);
        Assert.Empty(beyond.Items);
        Assert.Equal(5, beyond.Total);
    }

    [Fact]
    public async Task Found_nodes_carry_their_stored_properties_and_version()
    {
        await CreateQueryFixtureAsync();
        await Store.UpdateNodeAsync("plat-1", TestGraph.Platform("plat-1", name: "ROSE", type: "overlegtafel").With("cadencePerYear", 4).With("active", false), 1, Ct);

        var found = Assert.Single((await Store.FindNodesAsync(new NodeQuery
        {
            Kind = "Platform",
            PropertyEquals = new Dictionary<string, string> { ["active"] = "false", ["cadencePerYear"] = "4" },
        }, Ct)).Items);

        Assert.Equal("plat-1", found.Id);
        Assert.Equal(2, found.Version);
        Assert.Equal("ROSE", found.Properties["name"].GetString());
    }

    /// <summary>
    /// r-1 WORKS_FOR always; r-2 MEMBER_OF during 2024; r-3 MEMBER_OF from 2025; r-4 WORKS_FOR always;
    /// r-5 COLLABORATES_WITH until mid-2023.
    /// </summary>
    private async Task CreateRelationshipQueryFixtureAsync()
    {
        await CreateRelationshipCaseNodesAsync();
        await LinkAllAsync(
            TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1"),
            TestGraph.Rel("MEMBER_OF", "p-an", "plat-1", id: "r-2", validFrom: "2024-01-01", validUntil: "2024-12-31"),
            TestGraph.Rel("MEMBER_OF", "org-a", "plat-1", id: "r-3", validFrom: "2025-01-01"),
            TestGraph.Rel("WORKS_FOR", "p-bart", "org-b", id: "r-4"),
            TestGraph.Rel("COLLABORATES_WITH", "org-b", "org-a", id: "r-5", validUntil: "2023-06-30"));
    }

    private async Task<List<string>> FindRelationshipIdsAsync(RelationshipQuery query) =>
        (await Store.FindRelationshipsAsync(query, Ct)).Items.Select(r => r.Id).ToList();

    [Fact]
    public async Task Relationships_are_found_by_type()
    {
        await CreateRelationshipQueryFixtureAsync();

        Assert.Equal(["r-1", "r-4"], await FindRelationshipIdsAsync(new RelationshipQuery { Type = "WORKS_FOR" }));
        Assert.Equal(["r-2", "r-3"], await FindRelationshipIdsAsync(new RelationshipQuery { Type = "MEMBER_OF" }));
    }

    [Fact]
    public async Task Relationships_are_found_by_a_node_at_either_end()
    {
        await CreateRelationshipQueryFixtureAsync();

        Assert.Equal(["r-1", "r-3", "r-5"], await FindRelationshipIdsAsync(new RelationshipQuery { NodeId = "org-a" }));
        Assert.Equal(["r-1", "r-2"], await FindRelationshipIdsAsync(new RelationshipQuery { NodeId = "p-an" }));
        Assert.Equal(["r-3"], await FindRelationshipIdsAsync(new RelationshipQuery { NodeId = "org-a", Type = "MEMBER_OF" }));
    }

    [Fact]
    public async Task Relationships_are_found_by_direction()
    {
        await CreateRelationshipQueryFixtureAsync();

        Assert.Equal(["r-3"], await FindRelationshipIdsAsync(new RelationshipQuery { From = "org-a" }));
        Assert.Equal(["r-1", "r-5"], await FindRelationshipIdsAsync(new RelationshipQuery { To = "org-a" }));
        Assert.Equal(["r-2"], await FindRelationshipIdsAsync(new RelationshipQuery { From = "p-an", To = "plat-1" }));
    }

    public static TheoryData<string, string[]> ValidityDates => new()
    {
        { "2023-06-30", ["r-1", "r-4", "r-5"] },
        { "2023-07-01", ["r-1", "r-4"] },
        { "2023-12-31", ["r-1", "r-4"] },
        { "2024-01-01", ["r-1", "r-2", "r-4"] },
        { "2024-12-31", ["r-1", "r-2", "r-4"] },
        { "2025-01-01", ["r-1", "r-3", "r-4"] },
    };

    [Theory]
    [MemberData(nameof(ValidityDates), MemberType = typeof(GraphStoreContract))]
    public async Task Relationships_as_of_a_date_are_those_valid_on_it_bounds_included(string asOf, string[] expected)
    {
        await CreateRelationshipQueryFixtureAsync();

        Assert.Equal(expected, await FindRelationshipIdsAsync(new RelationshipQuery { AsOf = Day(asOf) }));
    }

    [Fact]
    public async Task Relationships_without_a_date_filter_include_expired_and_future_ones()
    {
        await CreateRelationshipQueryFixtureAsync();

        Assert.Equal(["r-1", "r-2", "r-3", "r-4", "r-5"], await FindRelationshipIdsAsync(new RelationshipQuery()));
        Assert.Equal(["r-3"], await FindRelationshipIdsAsync(new RelationshipQuery { NodeId = "plat-1", AsOf = Day("2025-06-01") }));
    }

    [Fact]
    public async Task Relationship_pages_follow_offset_and_limit_and_report_the_total()
    {
        await CreateRelationshipQueryFixtureAsync();

        var page = await Store.FindRelationshipsAsync(new RelationshipQuery { Offset = 1, Limit = 2 }, Ct);

        Assert.Equal(["r-2", "r-3"], page.Items.Select(r => r.Id));
        Assert.Equal((5, 1, 2), (page.Total, page.Offset, page.Limit));
        var asOfPage = await Store.FindRelationshipsAsync(new RelationshipQuery { AsOf = Day("2024-06-01"), Limit = 1 }, Ct);
        Assert.Equal(["r-1"], asOfPage.Items.Select(r => r.Id));
        Assert.Equal(3, asOfPage.Total);
    }
}
