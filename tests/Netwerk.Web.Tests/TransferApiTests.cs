using System.Net;
using Netwerk.Core.Graph;

namespace Netwerk.Web.Tests;

public sealed class TransferApiTests : IDisposable
{
    private readonly NetwerkServer _server = new();

    public void Dispose() => _server.Dispose();

    private static object Document(params object[] relationships) => new
    {
        nodes = new[]
        {
            ApiFixtures.Organisation("org-a"),
            ApiFixtures.Person("person-an", "An Peeters", "an.peeters@example.org"),
            ApiFixtures.Platform("platform-rose", "ROSE"),
        },
        relationships,
    };

    [Fact]
    public async Task Import_creates_then_reimport_changes_nothing()
    {
        var document = Document(ApiFixtures.Relationship("rel-1", "WORKS_FOR", "person-an", "org-a", new { function = "trajectbegeleider" }, "2023-01-01"));

        using var first = await _server.PostJson("/api/import", document);
        var before = await _server.StoreStatus();
        using var second = await _server.PostJson("/api/import", document);

        var created = await NetwerkServer.Json(first);
        var again = await NetwerkServer.Json(second);
        Assert.Equal(3, created.GetProperty("nodesCreated").GetInt32());
        Assert.Equal(1, created.GetProperty("relationshipsCreated").GetInt32());
        Assert.Equal(3, again.GetProperty("nodesUnchanged").GetInt32());
        Assert.Equal(1, again.GetProperty("relationshipsUnchanged").GetInt32());
        Assert.Equal(before, await _server.StoreStatus());
    }

    [Fact]
    public async Task Document_with_bad_items_imports_nothing_and_lists_every_one()
    {
        var document = new
        {
            nodes = new object[]
            {
                ApiFixtures.Organisation("org-a"),
                new { id = "person-x", kind = "Person", properties = new { name = "X", email = "x-at-example.org" } },
                new { id = "org-a", kind = "Organisation", properties = new { name = "Dubbel", type = "ocmw", sector = "overheid" } },
                new { kind = "Theme", properties = new { name = "zonder id" } },
            },
            relationships = new object[]
            {
                ApiFixtures.Relationship("rel-1", "WORKS_FOR", "person-x", "org-a"),
                ApiFixtures.Relationship("rel-2", "WORKS_FOR", "person-x", "org-nowhere"),
                ApiFixtures.Relationship("rel-3", "MEMBER_OF", "org-a", "person-x"),
            },
        };

        using var response = await _server.PostJson("/api/import", document);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var fields = (await NetwerkServer.Json(response)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "nodes[1].properties.email", "nodes[2].id", "nodes[3].id", "relationships[1].to", "relationships[2].type" }, fields);
        Assert.DoesNotContain("relationships[0].to", fields);
        var status = await _server.StoreStatus();
        Assert.Equal((0, 0, 0L), (status.NodeCount, status.RelationshipCount, status.LatestSequence));
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_store_gives_the_same_graph()
    {
        (await _server.PostJson("/api/import", Document(
            ApiFixtures.Relationship("rel-1", "WORKS_FOR", "person-an", "org-a", new { function = "trajectbegeleider" }, "2023-01-01", "2023-12-31"),
            ApiFixtures.Relationship("rel-2", "MEMBER_OF", "org-a", "platform-rose", new { role = "trekker" })))).Dispose();
        var exported = await _server.Http.GetStringAsync("/api/export");

        using var empty = new NetwerkServer();
        using var imported = await empty.PostRaw("/api/import", exported);
        var reexported = await empty.Http.GetStringAsync("/api/export");

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(exported, reexported);
        Assert.Contains("\"validUntil\":\"2023-12-31\"", exported);
    }
}
