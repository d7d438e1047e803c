using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    private static readonly JsonSerializerOptions DocumentJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static GraphDocument RegionDocument => new() { Nodes = RegionNodes, Relationships = RegionRelationships };

    [Fact]
    public async Task Import_creates_every_node_and_relationship_of_the_document()
    {
        var result = await Store.ImportAsync(RegionDocument, Ct);

        Assert.Equal((RegionNodes.Length, 0, 0), (result.NodesCreated, result.NodesUpdated, result.NodesUnchanged));
        Assert.Equal((RegionRelationships.Length, 0, 0), (result.RelationshipsCreated, result.RelationshipsUpdated, result.RelationshipsUnchanged));
        var status = await StatusAsync();
        Assert.Equal(RegionNodes.Length, status.NodeCount);
        Assert.Equal(RegionRelationships.Length, status.RelationshipCount);
        Assert.Equal(status.LatestSequence, result.LatestSequence);

        foreach (var draft in RegionNodes)
        {
            var node = await RequireNodeAsync(draft.Id!);
            Assert.Equal((draft.Kind, 1L, Clock.GetUtcNow()), (node.Kind, node.Version, node.CreatedAt));
            AssertSameProperties(draft.Properties, node.Properties);
        }
        var membership = await RequireRelationshipAsync("r-an-rose");
        Assert.Equal(("MEMBER_OF", "p-an", "plat-rose", 1L), (membership.Type, membership.From, membership.To, membership.Version));
        Assert.Equal(Day("2023-01-01"), membership.ValidFrom);
        Assert.Equal("trekker", membership.Properties["role"].GetString());

        var changes = (await Store.GetChangesAsync(0, 1000, Ct)).Changes;
        Assert.Equal(RegionNodes.Length + RegionRelationships.Length, changes.Count);
        Assert.All(changes, c => Assert.Equal(ChangeOperation.Created, c.Operation));
    }

    [Fact]
    public async Task Importing_the_same_document_twice_changes_nothing_the_second_time()
    {
        await Store.ImportAsync(RegionDocument, Ct);
        var before = await StatusAsync();
        Clock.Advance(TimeSpan.FromDays(1));

        var again = await Store.ImportAsync(RegionDocument, Ct);

        Assert.Equal((0, 0, RegionNodes.Length), (again.NodesCreated, again.NodesUpdated, again.NodesUnchanged));
        Assert.Equal((0, 0, RegionRelationships.Length), (again.RelationshipsCreated, again.RelationshipsUpdated, again.RelationshipsUnchanged));
        Assert.Equal(before.LatestSequence, again.LatestSequence);
        await AssertUnchangedSinceAsync(before);
        var node = await RequireNodeAsync("org-link");
        Assert.Equal(1, node.Version);
        Assert.Equal(FakeClock.DefaultStart, node.UpdatedAt);
        Assert.Equal(1, (await RequireRelationshipAsync("r-an-rose")).Version);
    }

    [Fact]
    public async Task Import_is_idempotent_whatever_the_order_of_properties()
    {
        await Store.ImportAsync(RegionDocument, Ct);
        var before = await StatusAsync();
        var reordered = new GraphDocument
        {
            Nodes = Enumerable.Reverse(RegionNodes).Select(n => n with { Properties = Enumerable.Reverse(n.Properties!).ToDictionary() }).ToList(),
            Relationships = Enumerable.Reverse(RegionRelationships).ToList(),
        };

        var again = await Store.ImportAsync(reordered, Ct);

        Assert.Equal(RegionNodes.Length, again.NodesUnchanged);
        Assert.Equal(RegionRelationships.Length, again.RelationshipsUnchanged);
        await AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task Import_updates_changed_items_and_raises_only_their_versions()
    {
        await Store.ImportAsync(RegionDocument, Ct);
        var before = await StatusAsync();
        Clock.Advance(TimeSpan.FromHours(1));
        var changed = new GraphDocument
        {
            Nodes = RegionNodes.Select(n => n.Id == "org-link" ? n.With("website", "https://www.delink.be") : n).ToList(),
            Relationships = RegionRelationships.Select(r => r.Id == "r-an-rose" ? r with { ValidUntil = "2025-12-31" } : r).ToList(),
        };

        var result = await Store.ImportAsync(changed, Ct);

        Assert.Equal((0, 1, RegionNodes.Length - 1), (result.NodesCreated, result.NodesUpdated, result.NodesUnchanged));
        Assert.Equal((0, 1, RegionRelationships.Length - 1), (result.RelationshipsCreated, result.RelationshipsUpdated, result.RelationshipsUnchanged));
        var node = await RequireNodeAsync("org-link");
        Assert.Equal(2, node.Version);
        Assert.Equal("https://www.delink.be", node.Properties["website"].GetString());
        Assert.Equal(Clock.GetUtcNow(), node.UpdatedAt);
        Assert.Equal(FakeClock.DefaultStart, node.CreatedAt);
        var membership = await RequireRelationshipAsync("r-an-rose");
        Assert.Equal(2, membership.Version);
        Assert.Equal(Day("2025-12-31"), membership.ValidUntil);
        Assert.Equal(1, (await RequireNodeAsync("org-w13")).Version);
        Assert.Equal(1, (await RequireRelationshipAsync("r-an-works")).Version);

        var changes = (await Store.GetChangesAsync(before.LatestSequence, 100, Ct)).Changes;
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal(ChangeOperation.Updated, c.Operation));
        Assert.Equal(["org-link", "r-an-rose"], changes.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, result.NodesUpdated + result.RelationshipsUpdated);
    }

    [Fact]
    public async Task Import_adds_to_what_is_stored_and_may_link_to_stored_nodes()
    {
        await CreateAsync(TestGraph.Person("p-stored", name: "Sofie Bestaand"));
        await CreateAsync(TestGraph.Organisation("org-untouched", name: "Niet in het document"));

        var result = await Store.ImportAsync(new GraphDocument
        {
            Nodes = [TestGraph.Organisation("org-new", name: "Nieuw maatwerkbedrijf")],
            Relationships =
            [
                TestGraph.Rel("WORKS_FOR", "p-stored", "org-new", id: "r-1"),
                TestGraph.Rel("COLLABORATES_WITH", "org-new", "org-untouched", id: "r-2"),
            ],
        }, Ct);

        Assert.Equal((1, 2), (result.NodesCreated, result.RelationshipsCreated));
        Assert.Equal(("p-stored", "org-new"), ((await RequireRelationshipAsync("r-1")).From, (await RequireRelationshipAsync("r-1")).To));
        Assert.NotNull(await Store.GetRelationshipAsync("r-2", Ct));
        Assert.Equal(1, (await RequireNodeAsync("p-stored")).Version);
        Assert.Equal(3, (await StatusAsync()).NodeCount);
    }

    [Fact]
    public async Task Import_refuses_the_whole_document_and_reports_every_bad_item()
    {
        await CreateAsync(TestGraph.Organisation("org-stored"));
        var document = new GraphDocument
        {
            Nodes =
            [
                TestGraph.Person("p-ok", name: "Goed Persoon"),
                TestGraph.Organisation("org-ok"),
                TestGraph.Person("p-bad-mail", email: "niet-een-adres"),
                TestGraph.Platform("plat-no-name").Without("name"),
            ],
            Relationships =
            [
                TestGraph.Rel("WORKS_FOR", "p-ok", "org-nowhere", id: "r-dangling"),
                TestGraph.Rel("WORKS_FOR", "p-ok", "org-ok", id: "r-ok"),
                TestGraph.Rel("COLLABORATES_WITH", "org-ok", "org-stored", id: "r-bad-date", validFrom: "2024-13-01"),
            ],
        };

        var refusal = await AssertRefusedAsync(() => Store.ImportAsync(document, Ct),
            ("nodes[2].properties.email", "bad-email"),
            ("nodes[3].properties.name", "required"),
            ("relationships[0].to", "dangling-endpoint"),
            ("relationships[2].validFrom", "bad-date"));

        Assert.Equal(4, refusal.Errors.Count);
        Assert.Null(await Store.GetNodeAsync("p-ok", Ct));
        Assert.Null(await Store.GetNodeAsync("org-ok", Ct));
        Assert.Null(await Store.GetRelationshipAsync("r-ok", Ct));
    }

    [Fact]
    public async Task Import_with_a_bad_item_leaves_stored_items_unchanged()
    {
        await Store.ImportAsync(RegionDocument, Ct);
        var document = new GraphDocument
        {
            Nodes = [TestGraph.Organisation("org-link", name: "Hernoemd maatwerkbedrijf"), TestGraph.Theme("theme-bad", "")],
            Relationships = [TestGraph.Rel("MEMBER_OF", "p-an", "plat-rose", id: "r-an-rose", validFrom: "2023-01-01", properties: ("role", "lid"))],
        };

        await AssertRefusedAsync(() => Store.ImportAsync(document, Ct), ("nodes[1].properties.name", "required"));

        var node = await RequireNodeAsync("org-link");
        Assert.Equal(("Maatwerkbedrijf De Link", 1L), (node.Properties["name"].GetString(), node.Version));
        Assert.Equal("trekker", (await RequireRelationshipAsync("r-an-rose")).Properties["role"].GetString());
    }

    [Fact]
    public async Task Import_reports_ids_that_occur_twice_in_the_document()
    {
        var document = new GraphDocument
        {
            Nodes = [TestGraph.Organisation("org-a", name: "Eerste"), TestGraph.Person("p-an"), TestGraph.Organisation("org-a", name: "Tweede")],
            Relationships =
            [
                TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1"),
                TestGraph.Rel("MEMBER_OF", "org-a", "plat-x", id: "r-2"),
                TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1"),
            ],
        };

        await AssertRefusedAsync(() => Store.ImportAsync(document, Ct),
            ("nodes[2].id", "duplicate-id"),
            ("relationships[1].to", "dangling-endpoint"),
            ("relationships[2].id", "duplicate-id"));

        Assert.Null(await Store.GetNodeAsync("org-a", Ct));
    }

    [Fact]
    public async Task Import_cannot_change_the_kind_of_a_stored_node()
    {
        await CreateAsync(TestGraph.Organisation("org-a"));

        await AssertRefusedAsync(
            () => Store.ImportAsync(new GraphDocument { Nodes = [TestGraph.Theme("theme-ok"), TestGraph.Person("org-a", name: "Vermomd")] }, Ct),
            ("nodes[1].kind", "immutable"));

        var stored = await RequireNodeAsync("org-a");
        Assert.Equal(("Organisation", 1L), (stored.Kind, stored.Version));
    }

    [Fact]
    public async Task Import_cannot_change_the_type_or_endpoints_of_a_stored_relationship()
    {
        await CreateRelationshipCaseNodesAsync();
        await LinkAsync(TestGraph.Rel("WORKS_FOR", "p-an", "org-a", id: "r-1"));

        await AssertRefusedAsync(
            () => Store.ImportAsync(new GraphDocument { Relationships = [TestGraph.Rel("WORKS_FOR", "p-an", "org-b", id: "r-1")] }, Ct),
            ("relationships[0].to", "immutable"));

        Assert.Equal("org-a", (await RequireRelationshipAsync("r-1")).To);
    }

    [Fact]
    public async Task Import_checks_relationship_endpoints_against_the_kinds_in_the_document()
    {
        var document = new GraphDocument
        {
            Nodes = [TestGraph.Organisation("org-a"), TestGraph.Person("p-an")],
            Relationships = [TestGraph.Rel("WORKS_FOR", "org-a", "p-an", id: "r-1")],
        };

        await AssertRefusedAsync(() => Store.ImportAsync(document, Ct), ("relationships[0].type", "endpoint-not-allowed"));
    }

    [Fact]
    public async Task Importing_an_empty_document_changes_nothing()
    {
        await CreateAsync(TestGraph.Theme("theme-taal"));
        var before = await StatusAsync();

        var result = await Store.ImportAsync(new GraphDocument(), Ct);

        Assert.Equal(new ImportResult(0, 0, 0, 0, 0, 0, before.LatestSequence), result);
        await AssertUnchangedSinceAsync(before);
    }

    [Fact]
    public async Task Export_imported_into_an_empty_store_exports_the_same_document()
    {
        await CreateRegionFixtureAsync();
        // Every property type the schema knows, including text that needs escaping.
        await CreateAllAsync(
            TestGraph.Organisation("org-full", name: "Zorgbedrijf «Ter Leie» & Co")
                .With("website", "https://ter-leie.be/over-ons?taal=nl")
                .With("address", "Doorniksesteenweg 1, 8500 Kortrijk")
                .With("email", "info@ter-leie.be")
                .With("phone", "+32 56 12 34 56")
                .With("description", "Regel 1\nRegel 2 met \"aanhalingstekens\", een tab\t en een emoji 🙂"),
            TestGraph.Person("p-full", name: "Zoë D'hondt", email: "zoe.dhondt@ocmw.be", function: "coordinator")
                .With("preferredLanguage", "fr").With("invitationOptOut", true).With("phone", "056 12 34 56"),
            TestGraph.Platform("plat-full", name: "Stuurgroep langdurig zieken", type: "stuurgroep")
                .With("cadencePerYear", 6).With("active", false),
            TestGraph.Agreement("agr-full", title: "POM – STAM", type: "engagementsverklaring")
                .With("startDate", "2023-01-01").With("endDate", "2025-12-31").With("goals", new List<string> { "Doel 1", "Doel 2 — opvolging" }),
            TestGraph.Municipality("mun-full", "Waregem").With("nisCode", "34042").With("population", 38_000),
            TestGraph.Project("proj-full", "Proeftuin zorg").With("type", "pilot").With("funder", "ESF"),
            TestGraph.Signal("sig-full", "Te weinig flexibele kinderopvang").With("raisedOn", "2024-11-05").With("status", "in-behandeling"),
            TestGraph.Meeting("meet-full", title: "Meet & greet", type: "meet-and-greet", start: "2025-04-01T13:30:00+02:00")
                .With("end", "2025-04-01T16:00:00+02:00").With("capacity", 80).With("venue", "Hangar K"));
        await LinkAllAsync(
            TestGraph.Rel("INVITED", "p-full", "meet-full", id: "r-full-invited", properties: [("status", "tentative"), ("sequence", 2)]),
            TestGraph.Rel("PARTY_TO", "org-full", "agr-full", id: "r-full-party", validFrom: "2023-01-01", validUntil: "2025-12-31",
                properties: ("role", "trekker")));
        await Store.UpdateNodeAsync("org-link", TestGraph.Organisation("org-link", name: "De Link vzw"), 1, Ct);
        await Store.DeleteRelationshipAsync("r-bart-rose", 1, Ct);

        var exported = GraphDocument.From(await Store.GetGraphAsync(new GraphScope(), Ct));
        var target = await NewStoreAsync();
        var result = await target.ImportAsync(exported, Ct);
        var reexported = GraphDocument.From(await target.GetGraphAsync(new GraphScope(), Ct));

        Assert.Equal(exported.Nodes.Count, result.NodesCreated);
        Assert.Equal(exported.Relationships.Count, result.RelationshipsCreated);
        Assert.True(exported.Nodes.Count >= 30, "the export should hold the whole fixture");
        Assert.Equal(JsonSerializer.Serialize(exported, DocumentJson), JsonSerializer.Serialize(reexported, DocumentJson));
        Assert.DoesNotContain(exported.Relationships, r => r.Id == "r-bart-rose");
        Assert.Equal("De Link vzw", exported.Nodes.Single(n => n.Id == "org-link").Properties!["name"].GetString());
    }

    [Fact]
    public async Task Export_of_a_region_imports_into_an_empty_store()
    {
        await CreateRegionFixtureAsync();

        var exported = GraphDocument.From(await Store.GetGraphAsync(new GraphScope("reg-w13", Day("2024-06-01")), Ct));
        var target = await NewStoreAsync();
        await target.ImportAsync(exported, Ct);
        var reexported = GraphDocument.From(await target.GetGraphAsync(new GraphScope(), Ct));

        Assert.Equal(JsonSerializer.Serialize(exported, DocumentJson), JsonSerializer.Serialize(reexported, DocumentJson));
        Assert.Equal(13, reexported.Nodes.Count);
    }
}
