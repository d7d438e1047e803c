using System.Net;
using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Tests;

public sealed class NodeApiTests : IDisposable
{
    private readonly NetwerkServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Created_node_is_returned_with_location_and_etag_and_can_be_read_back()
    {
        using var created = await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-schakel"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/nodes/org-schakel", created.Headers.Location?.ToString());
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());

        using var read = await _server.Http.GetAsync("/api/nodes/org-schakel");
        var node = JsonSerializer.Deserialize<Node>(await read.Content.ReadAsStringAsync(), GraphJson.Options)!;
        Assert.Equal("\"1\"", read.Headers.ETag?.ToString());
        Assert.Equal("Organisation", node.Kind);
        Assert.Equal("Maatwerkbedrijf De Schakel", node.Properties["name"].GetString());
    }

    [Fact]
    public async Task Node_without_id_gets_a_generated_one()
    {
        using var created = await _server.PostJson("/api/nodes", ApiFixtures.Organisation(null));
        var node = await NetwerkServer.Json(created);
        Assert.StartsWith("organisation-", node.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Update_with_current_version_raises_it_and_stale_version_is_refused_with_412()
    {
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-a"))).Dispose();

        using var updated = await _server.Send(HttpMethod.Put, "/api/nodes/org-a", ApiFixtures.Organisation(null, name: "Nieuwe naam"), ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("\"2\"", updated.Headers.ETag?.ToString());

        using var stale = await _server.Send(HttpMethod.Put, "/api/nodes/org-a", ApiFixtures.Organisation(null, name: "Overschreven?"), ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = await NetwerkServer.Json(stale);
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt64());

        var current = await _server.Get<Node>("/api/nodes/org-a");
        Assert.Equal("Nieuwe naam", current.Properties["name"].GetString());
        Assert.Equal(2, current.Version);
    }

    [Fact]
    public async Task Writes_without_if_match_get_428_and_a_malformed_one_400()
    {
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-a"))).Dispose();

        using var missing = await _server.Send(HttpMethod.Delete, "/api/nodes/org-a");
        using var malformed = await _server.Send(HttpMethod.Delete, "/api/nodes/org-a", ifMatch: "version one");
        using var weak = await _server.Send(HttpMethod.Put, "/api/nodes/org-a", ApiFixtures.Organisation(null), ifMatch: "W/\"1\"");

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.NotNull(await _server.Get<Node>("/api/nodes/org-a"));
    }

    [Fact]
    public async Task Delete_with_current_version_removes_the_node_and_its_relationships()
    {
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-a"))).Dispose();
        (await _server.PostJson("/api/nodes", ApiFixtures.Person("person-an", "An Peeters", "an.peeters@example.org"))).Dispose();
        (await _server.PostJson("/api/relationships", ApiFixtures.Relationship("rel-1", "WORKS_FOR", "person-an", "org-a"))).Dispose();

        using var deleted = await _server.Send(HttpMethod.Delete, "/api/nodes/org-a", ifMatch: "\"1\"");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var node = await _server.Http.GetAsync("/api/nodes/org-a");
        using var relationship = await _server.Http.GetAsync("/api/relationships/rel-1");
        Assert.Equal(HttpStatusCode.NotFound, node.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, relationship.StatusCode);
    }

    [Fact]
    public async Task Invalid_node_gets_422_naming_every_bad_field_in_Dutch_and_nothing_is_written()
    {
        var before = await _server.StoreStatus();
        using var response = await _server.PostJson("/api/nodes", new
        {
            kind = "Organisation",
            properties = new { type = "bakkerij", sector = "sociale-economie", email = "geen-adres", website = "ftp://x", color = "blauw" },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await NetwerkServer.Json(response);
        var errors = problem.GetProperty("errors");
        Assert.Equal("Dit veld is verplicht.", errors.GetProperty("properties.name")[0].GetString());
        Assert.Contains("geen toegelaten waarde", errors.GetProperty("properties.type")[0].GetString());
        Assert.Equal("Geen geldig e-mailadres.", errors.GetProperty("properties.email")[0].GetString());
        Assert.True(errors.TryGetProperty("properties.website", out _));
        Assert.True(errors.TryGetProperty("properties.color", out _));
        Assert.Equal(before, await _server.StoreStatus());
    }

    [Fact]
    public async Task Problems_are_in_English_when_the_client_prefers_English()
    {
        using var response = await _server.Send(HttpMethod.Post, "/api/nodes", new { kind = "Organisation", properties = new { } }, language: "en");
        var problem = await NetwerkServer.Json(response);
        Assert.Equal("This field is required.", problem.GetProperty("errors").GetProperty("properties.name")[0].GetString());
        Assert.Equal("The data is invalid.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Unknown_kind_and_duplicate_id_are_refused()
    {
        using var unknown = await _server.PostJson("/api/nodes", new { kind = "Bakkerij", properties = new { name = "x" } });
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-a"))).Dispose();
        using var duplicate = await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-a", name: "Tweede"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal("kind", (await NetwerkServer.Json(unknown)).GetProperty("issues")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("Maatwerkbedrijf De Schakel", (await _server.Get<Node>("/api/nodes/org-a")).Properties["name"].GetString());
    }

    [Fact]
    public async Task Kind_cannot_change_on_update()
    {
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-a"))).Dispose();
        using var response = await _server.Send(HttpMethod.Put, "/api/nodes/org-a", new { kind = "Theme", properties = new { name = "taal" } }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Organisation", (await _server.Get<Node>("/api/nodes/org-a")).Kind);
    }

    [Fact]
    public async Task Nodes_are_found_by_kind_name_words_and_property_values()
    {
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-a", name: "Maatwerkbedrijf Mivas"))).Dispose();
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-b", name: "OCMW Kortrijk", type: "ocmw", sector: "overheid"))).Dispose();
        (await _server.PostJson("/api/nodes", ApiFixtures.Platform("platform-rose", "Algemene vergadering ROSE"))).Dispose();

        var byType = await _server.Get<Page<Node>>("/api/nodes?kind=Organisation&type=ocmw");
        var byName = await _server.Get<Page<Node>>("/api/nodes?q=mivas");
        var byCadence = await _server.Get<Page<Node>>("/api/nodes?kind=Platform&cadencePerYear=4");
        var paged = await _server.Get<Page<Node>>("/api/nodes?kind=Organisation&limit=1&offset=1");

        Assert.Equal(["org-b"], byType.Items.Select(n => n.Id));
        Assert.Equal(["org-a"], byName.Items.Select(n => n.Id));
        Assert.Equal(["platform-rose"], byCadence.Items.Select(n => n.Id));
        Assert.Equal(2, paged.Total);
        Assert.Equal(["org-b"], paged.Items.Select(n => n.Id));
    }

    [Fact]
    public async Task Unknown_property_filter_or_badly_typed_value_is_a_client_error()
    {
        using var unknownFilter = await _server.Http.GetAsync("/api/nodes?kind=Organisation&colour=blue");
        using var badValue = await _server.Http.GetAsync("/api/nodes?kind=Platform&cadencePerYear=often");
        using var filterWithoutKind = await _server.Http.GetAsync("/api/nodes?type=ocmw");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownFilter.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badValue.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, filterWithoutKind.StatusCode);
    }

    [Fact]
    public async Task Blank_optional_fields_from_a_form_count_as_not_set()
    {
        using var created = await _server.PostJson("/api/nodes", new
        {
            id = "org-blank",
            kind = "Organisation",
            properties = new { name = "Zonder website", type = "ocmw", sector = "overheid", website = "", email = "" },
        });
        using var blankName = await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-noname", name: ""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False((await _server.Get<Node>("/api/nodes/org-blank")).Properties.ContainsKey("website"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blankName.StatusCode);
    }
}
