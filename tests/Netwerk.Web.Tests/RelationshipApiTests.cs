using System.Net;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Tests;

public sealed class RelationshipApiTests : IDisposable
{
    private readonly NetwerkServer _server = new();

    public RelationshipApiTests()
    {
        foreach (var body in new[]
                 {
                     ApiFixtures.Organisation("org-a"), ApiFixtures.Person("person-an", "An Peeters", "an.peeters@example.org"),
                     ApiFixtures.Platform("platform-rose", "Algemene vergadering ROSE"),
                 })
        {
            using var response = _server.PostJson("/api/nodes", body).GetAwaiter().GetResult();
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Relationship_with_validity_is_created_versioned_and_filtered_by_date()
    {
        using var created = await _server.PostJson("/api/relationships",
            ApiFixtures.Relationship("rel-member", "MEMBER_OF", "person-an", "platform-rose", new { role = "trekker" }, "2023-01-01", "2023-06-30"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());

        var during = await _server.Get<Page<Relationship>>("/api/relationships?node=person-an&asOf=2023-06-30");
        var after = await _server.Get<Page<Relationship>>("/api/relationships?node=person-an&asOf=2023-07-01");
        Assert.Equal(["rel-member"], during.Items.Select(r => r.Id));
        Assert.Empty(after.Items);

        using var updated = await _server.Send(HttpMethod.Put, "/api/relationships/rel-member",
            new { properties = new { role = "lid" }, validFrom = "2023-01-01" }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var relationship = await _server.Get<Relationship>("/api/relationships/rel-member");
        Assert.Equal(2, relationship.Version);
        Assert.Null(relationship.ValidUntil);
        Assert.Equal("lid", relationship.Properties["role"].GetString());
    }

    [Theory]
    [InlineData("WORKS_FOR", "org-a", "person-an", "type")]      // wrong direction: Organisation → Person is not allowed
    [InlineData("WORKS_FOR", "person-an", "nobody", "to")]       // dangling endpoint
    [InlineData("LIKES", "person-an", "org-a", "type")]          // unknown type
    [InlineData("COLLABORATES_WITH", "org-a", "org-a", "to")]    // self-loop
    public async Task Invalid_relationship_is_refused_naming_the_field(string type, string from, string to, string field)
    {
        using var response = await _server.PostJson("/api/relationships", ApiFixtures.Relationship("rel-x", type, from, to));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var issues = (await NetwerkServer.Json(response)).GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("field").GetString());
        Assert.Contains(field, issues);
        Assert.Equal(0, (await _server.StoreStatus()).RelationshipCount);
    }

    [Fact]
    public async Task Bad_dates_and_reversed_validity_are_refused()
    {
        using var badDate = await _server.PostJson("/api/relationships",
            ApiFixtures.Relationship("rel-x", "MEMBER_OF", "person-an", "platform-rose", validFrom: "2023-02-30"));
        using var reversed = await _server.PostJson("/api/relationships",
            ApiFixtures.Relationship("rel-y", "MEMBER_OF", "person-an", "platform-rose", validFrom: "2024-01-01", validUntil: "2023-01-01"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badDate.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reversed.StatusCode);
        Assert.Equal(0, (await _server.StoreStatus()).RelationshipCount);
    }

    [Fact]
    public async Task Endpoints_cannot_be_moved_and_stale_delete_is_refused()
    {
        (await _server.PostJson("/api/relationships", ApiFixtures.Relationship("rel-w", "WORKS_FOR", "person-an", "org-a"))).Dispose();
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-b", name: "Andere"))).Dispose();

        using var moved = await _server.Send(HttpMethod.Put, "/api/relationships/rel-w", new { to = "org-b" }, ifMatch: "\"1\"");
        using var staleDelete = await _server.Send(HttpMethod.Delete, "/api/relationships/rel-w", ifMatch: "\"9\"");
        using var delete = await _server.Send(HttpMethod.Delete, "/api/relationships/rel-w", ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, moved.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task Blank_validity_dates_from_a_form_mean_no_date()
    {
        using var created = await _server.PostJson("/api/relationships",
            ApiFixtures.Relationship("rel-blank", "MEMBER_OF", "person-an", "platform-rose", validFrom: "", validUntil: ""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var relationship = await _server.Get<Relationship>("/api/relationships/rel-blank");
        Assert.Equal((null, null), (relationship.ValidFrom, relationship.ValidUntil));
    }
}
