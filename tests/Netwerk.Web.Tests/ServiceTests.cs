using System.Net;

namespace Netwerk.Web.Tests;

/// <summary>Health, schema, OpenAPI document and API reference.</summary>
public sealed class ServiceTests : IDisposable
{
    private readonly NetwerkServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Health_reports_the_store()
    {
        var health = await NetwerkServer.Json(await _server.Http.GetAsync("/health"));
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("sqlite", health.GetProperty("store").GetProperty("provider").GetString());
    }

    [Fact]
    public async Task Schema_lists_every_kind_and_type_with_labels_in_both_languages()
    {
        var schema = await NetwerkServer.Json(await _server.Http.GetAsync("/api/schema"));

        var kinds = schema.GetProperty("nodeKinds").EnumerateArray().Select(k => k.GetProperty("code").GetString()).ToHashSet();
        var types = schema.GetProperty("relationshipTypes").EnumerateArray().Select(t => t.GetProperty("code").GetString()).ToHashSet();
        Assert.Equal(["Organisation", "Person", "Platform", "Agreement", "Theme", "Municipality", "Region", "Project", "Signal", "Meeting"], kinds);
        Assert.Equal(
            ["WORKS_FOR", "MEMBER_OF", "PARTY_TO", "FOLLOWS_UP", "ADDRESSES", "ACTIVE_IN", "PART_OF", "COLLABORATES_WITH", "SUPPLIES", "FEEDS", "ABOUT", "RAISED_AT", "OF", "INVITED", "ATTENDED"],
            types);
        var organisation = schema.GetProperty("nodeKinds")[0];
        Assert.Equal("Organisatie", organisation.GetProperty("label").GetProperty("nl").GetString());
        var type = organisation.GetProperty("properties").EnumerateArray().First(p => p.GetProperty("name").GetString() == "type");
        Assert.Equal("enum", type.GetProperty("type").GetString());
        Assert.True(type.GetProperty("required").GetBoolean());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api_and_is_written_for_the_front_end()
    {
        using var response = await _server.Http.GetAsync("/openapi/v1.json");
        var json = await response.Content.ReadAsStringAsync();
        var paths = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("paths");

        foreach (var path in new[] { "/api/nodes", "/api/nodes/{id}", "/api/relationships", "/api/graph", "/api/search", "/api/changes", "/api/import", "/api/export", "/api/schema", "/health", "/api/meetings", "/api/meetings/{id}", "/api/meetings/{id}/invitees", "/api/meetings/{id}/invitees/preview", "/api/meetings/{id}/attendance", "/api/meetings/{id}/speeddates", "/api/planning/slots", "/api/planning/speeddates" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
        // The document names the test server's random port under "servers"; leave it out so the file only
        // changes when the API does.
        var document = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        document.Remove("servers");
        var stable = document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        await File.WriteAllTextAsync(Path.Combine(FindRepositoryRoot(), "web", "openapi.json"), stable);
    }

    [Fact]
    public async Task Api_reference_is_served_in_development_without_external_assets_and_not_elsewhere()
    {
        using var development = new NetwerkServer(environment: "Development");
        var page = await development.Http.GetStringAsync("/scalar/v1");
        using var script = await development.Http.GetAsync("/scalar/scalar.js");
        Assert.DoesNotContain("https://", page);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        // Outside Development the reference (which needs inline script) is not there; the OpenAPI document is.
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Http.GetAsync("/scalar/v1")).StatusCode);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Netwerk.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Netwerk.sln not found above the test output.");
    }
}
