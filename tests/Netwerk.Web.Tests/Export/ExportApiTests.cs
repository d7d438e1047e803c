using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;

namespace Netwerk.Web.Tests.Export;

/// <summary>The demo network, served once for the GEXF/GraphML tests of this class.</summary>
public sealed class DemoExportServer : IDisposable
{
    public NetwerkServer Server { get; } = new(seedDemoData: true);

    public void Dispose() => Server.Dispose();
}

public sealed class ExportApiTests(DemoExportServer demo) : IClassFixture<DemoExportServer>
{
    private static readonly string[] OneNode = ["org-w13"];

    private NetwerkServer Server => demo.Server;

    private async Task<GraphDocument> JsonExport(string query = "") =>
        (await Server.Http.GetFromJsonAsync<GraphDocument>("/api/export" + query, GraphJson.Options))!;

    [Fact]
    public async Task Gexf_of_the_demo_network_is_valid_against_the_published_schema_and_dynamic()
    {
        using var response = await Server.Http.GetAsync("/api/export/gexf");
        var gexf = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/gexf+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Matches(@"^netwerk-alles-\d{4}-\d{2}-\d{2}\.gexf$", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("mode=\"dynamic\" timeformat=\"date\"", gexf);
        Assert.Empty(ExportFiles.Validate(ExportFiles.AsGexf12(gexf), "gexf-1.2", "gexf.xsd"));
        // The validator does look: an edge without a target is refused.
        var broken = System.Text.RegularExpressions.Regex.Replace(ExportFiles.AsGexf12(gexf), " target=\"[^\"]*\"", "", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(5));
        Assert.NotEmpty(ExportFiles.Validate(broken, "gexf-1.2", "gexf.xsd"));
    }

    [Fact]
    public async Task GraphML_of_the_demo_network_is_valid_against_the_published_schema()
    {
        using var response = await Server.Http.GetAsync("/api/export/graphml?region=region-zuid-west-vlaanderen");
        var graphml = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^netwerk-region-zuid-west-vlaanderen-\d{4}-\d{2}-\d{2}\.graphml$", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Empty(ExportFiles.Validate(graphml, "graphml", "graphml.xsd"));
        // Identity constraints are checked: data naming an undeclared key is refused.
        Assert.NotEmpty(ExportFiles.Validate(graphml.Replace("<data key=\"n.kind\">", "<data key=\"n.nokey\">", StringComparison.Ordinal), "graphml", "graphml.xsd"));
    }

    [Theory]
    [InlineData("gexf")]
    [InlineData("graphml")]
    public async Task NetworkX_reads_the_same_nodes_edges_and_properties_as_the_store_holds(string format)
    {
        var expected = await JsonExport();
        var file = await Server.Http.GetStringAsync($"/api/export/{format}");

        var read = await ExportFiles.ReadWithNetworkX(format, file);

        Assert.True(read.GetProperty("directed").GetBoolean());
        var nodes = read.GetProperty("nodes");
        var edges = read.GetProperty("edges");
        Assert.Equal(expected.Nodes.Count, nodes.EnumerateObject().Count());
        Assert.Equal(expected.Relationships.Count, edges.EnumerateObject().Count());
        var schema = GraphSchema.Default;
        foreach (var node in expected.Nodes)
        {
            var data = nodes.GetProperty(node.Id!);
            Assert.Equal(node.Kind, data.GetProperty("kind").GetString());
            var name = schema.Kind(node.Kind)!.NameProperty;
            var label = node.Properties!.TryGetValue(name, out var n) ? n.GetString() : node.Properties!.TryGetValue("title", out var t) ? t.GetString() : node.Id;
            Assert.Equal(label, data.GetProperty("label").GetString());
            foreach (var (property, value) in node.Properties!) AssertSame(format, value, data, property, $"{node.Id}.{property}");
        }
        foreach (var rel in expected.Relationships)
        {
            var data = edges.GetProperty(rel.Id!);
            Assert.Equal((rel.From, rel.To), (data.GetProperty("source").GetString(), data.GetProperty("target").GetString()));
            Assert.Equal(rel.Type, data.GetProperty("type").GetString());
            Assert.Equal(schema.RelationshipType(rel.Type)!.Label.Nl, data.GetProperty("label").GetString());
            var (from, until) = format == "gexf" ? ("start", "end") : ("validFrom", "validUntil");
            Assert.Equal(rel.ValidFrom, data.TryGetProperty(from, out var f) ? f.GetString() : null);
            Assert.Equal(rel.ValidUntil, data.TryGetProperty(until, out var u) ? u.GetString() : null);
            foreach (var (property, value) in rel.Properties!) AssertSame(format, value, data, property, $"{rel.Id}.{property}");
        }
    }

    /// <summary>A property as NetworkX gives it back: numbers and booleans typed, lists as GEXF's 'a|b' or GraphML's JSON array text.</summary>
    private static void AssertSame(string format, JsonElement expected, JsonElement read, string property, string where)
    {
        Assert.True(read.TryGetProperty(property, out var actual), $"{where} is missing");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Number:
                Assert.Equal(expected.GetDouble(), actual.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.Equal(expected.GetBoolean(), actual.GetBoolean());
                break;
            case JsonValueKind.Array:
                var items = expected.EnumerateArray().Select(e => e.GetString()!).ToList();
                if (format == "gexf") Assert.Equal(string.Join('|', items), actual.GetString());
                else Assert.Equal(items, JsonSerializer.Deserialize<List<string>>(actual.GetString()!));
                break;
            default:
                Assert.True(expected.GetString() == actual.GetString(), $"{where}: expected '{expected.GetString()}', read '{actual}'");
                break;
        }
    }

    [Fact]
    public async Task Export_then_import_into_an_empty_server_gives_the_same_GEXF_and_GraphML()
    {
        var json = await Server.Http.GetStringAsync("/api/export");
        using var empty = new NetwerkServer();
        using (var imported = await empty.PostRaw("/api/import", json)) Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        Assert.Equal(json, await empty.Http.GetStringAsync("/api/export"));
        Assert.Equal(await Server.Http.GetStringAsync("/api/export/gexf"), await empty.Http.GetStringAsync("/api/export/gexf"));
        Assert.Equal(await Server.Http.GetStringAsync("/api/export/graphml"), await empty.Http.GetStringAsync("/api/export/graphml"));
    }

    [Fact]
    public async Task The_current_view_exports_only_the_shown_nodes_and_the_ties_between_them()
    {
        var whole = await JsonExport("?region=region-zuid-west-vlaanderen");
        var shown = whole.Nodes.Where(n => n.Kind is "Organisation" or "Platform").Select(n => n.Id!).ToList();
        using var response = await Server.PostJson("/api/export/graphml", new { region = "region-zuid-west-vlaanderen", nodes = shown.Append("no-such-node").Append("person-outside") });
        var graphml = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("-weergave.graphml", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Empty(ExportFiles.Validate(graphml, "graphml", "graphml.xsd"));
        var read = await ExportFiles.ReadWithNetworkX("graphml", graphml);
        Assert.Equal(shown.Order(StringComparer.Ordinal), read.GetProperty("nodes").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var kept = shown.ToHashSet();
        var expectedEdges = whole.Relationships.Where(r => kept.Contains(r.From!) && kept.Contains(r.To!)).Select(r => r.Id!).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expectedEdges);
        Assert.Equal(expectedEdges, read.GetProperty("edges").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_export_as_of_a_date_keeps_the_relationships_valid_then()
    {
        var asOf = await JsonExport("?asOf=2020-01-01");
        var gexf = await Server.Http.GetStringAsync("/api/export/gexf?asOf=2020-01-01");
        var read = await ExportFiles.ReadWithNetworkX("gexf", gexf);

        Assert.Equal(asOf.Relationships.Count, read.GetProperty("edges").EnumerateObject().Count());
        Assert.Equal(asOf.Nodes.Count, read.GetProperty("nodes").EnumerateObject().Count());
        Assert.True(asOf.Nodes.Count < (await JsonExport()).Nodes.Count, "the demo has meetings after 2020");
    }

    [Fact]
    public async Task A_viewer_of_one_region_may_not_export_the_whole_graph_nor_another_region()
    {
        using var viewer = await Server.ClientAs(new Core.Accounts.RoleGrant(Core.Accounts.Role.Viewer, "region-zuid-west-vlaanderen"));
        using var whole = await viewer.GetAsync("/api/export/gexf");
        using var own = await viewer.GetAsync("/api/export/gexf?region=region-zuid-west-vlaanderen");
        using var view = await viewer.PostAsJsonAsync("/api/export/gexf", new { nodes = OneNode });

        Assert.Equal(HttpStatusCode.Forbidden, whole.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, view.StatusCode);
    }

    [Theory]
    [InlineData("/api/export/csv", "kind")]
    [InlineData("/api/export/csv?kind=Nope", "kind")]
    [InlineData("/api/export/csv?type=NOPE", "type")]
    [InlineData("/api/export/csv?kind=Person&type=WORKS_FOR", "type")]
    [InlineData("/api/export/csv?kind=Person&delimiter=tab", "delimiter")]
    [InlineData("/api/export/gexf?asOf=gisteren", "asOf")]
    public async Task A_bad_export_request_is_a_400_naming_the_field(string path, string field)
    {
        using var response = await Server.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync());
    }
}
