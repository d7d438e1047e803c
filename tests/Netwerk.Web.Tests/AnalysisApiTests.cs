using System.Net;
using System.Text.Json;

namespace Netwerk.Web.Tests;

/// <summary>The analysis API over real HTTP: metrics, blind spots and paths of a small region, and every refusal as ProblemDetails.</summary>
public sealed class AnalysisApiTests : IAsyncLifetime
{
    private readonly NetwerkServer _server = new();

    public async ValueTask InitializeAsync()
    {
        var document = new
        {
            nodes = new object[]
            {
                new { id = "region-test", kind = "Region", properties = new { name = "Testregio" } },
                new { id = "mun-a", kind = "Municipality", properties = new { name = "Aadorp" } },
                new { id = "mun-b", kind = "Municipality", properties = new { name = "Bedorp" } },
                ApiFixtures.Organisation("org-se", "Maatwerkbedrijf De Schakel"),
                ApiFixtures.Organisation("org-care", "WZC Zonnebloem", "zorgvoorziening", "zorg-welzijn"),
                ApiFixtures.Person("p-se", "An Peeters", "an@example.org"),
                ApiFixtures.Person("p-care", "Bart Claes", "bart@example.org"),
                new { id = "platform-rose", kind = "Platform", properties = new { name = "ROSE", type = "algemene-vergadering", cadencePerYear = 4 } },
                new { id = "meeting-rose", kind = "Meeting", properties = new { title = "ROSE algemene vergadering", type = "overleg", start = "2023-06-20T14:00:00+02:00", status = "held" } },
            },
            relationships = new object[]
            {
                ApiFixtures.Relationship("rel-mun-a", "PART_OF", "mun-a", "region-test"),
                ApiFixtures.Relationship("rel-mun-b", "PART_OF", "mun-b", "region-test"),
                ApiFixtures.Relationship("rel-se-in-a", "ACTIVE_IN", "org-se", "mun-a"),
                ApiFixtures.Relationship("rel-care-in-a", "ACTIVE_IN", "org-care", "mun-a"),
                ApiFixtures.Relationship("rel-p-se", "WORKS_FOR", "p-se", "org-se"),
                ApiFixtures.Relationship("rel-p-care", "WORKS_FOR", "p-care", "org-care"),
                ApiFixtures.Relationship("rel-se-rose", "MEMBER_OF", "p-se", "platform-rose"),
                ApiFixtures.Relationship("rel-rose-meeting", "OF", "meeting-rose", "platform-rose"),
                ApiFixtures.Relationship("rel-se-attended", "ATTENDED", "p-se", "meeting-rose"),
            },
        };
        using var response = await _server.PostJson("/api/import", document);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Metrics_list_every_node_of_the_region_with_its_measures()
    {
        var json = await GetJson("/api/analysis/metrics?region=region-test&asOf=2023-12-31");

        var nodes = json.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!);
        Assert.Contains("org-se", nodes.Keys);
        Assert.Contains("meeting-rose", nodes.Keys);
        var se = nodes["p-se"];
        foreach (var field in new[] { "degree", "betweenness", "closeness", "pagerank", "coreNumber", "community" })
        {
            Assert.True(se.TryGetProperty(field, out _), $"missing {field}");
        }
        Assert.Equal(3, se.GetProperty("degree").GetInt32());
        Assert.Equal(1, json.GetProperty("components").GetInt32());
        Assert.InRange(json.GetProperty("modularity").GetDouble(), -0.5, 1);
        Assert.Equal(1.0, nodes.Values.Sum(n => n.GetProperty("pagerank").GetDouble()), 6);
    }

    [Fact]
    public async Task Metrics_follow_the_change_feed_instead_of_a_stale_snapshot()
    {
        var before = await GetJson("/api/analysis/metrics?region=region-test&asOf=2023-12-31");
        Assert.DoesNotContain(before.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == "org-new");

        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-new", "Nieuw bedrijf"))).Dispose();
        (await _server.PostJson("/api/relationships", ApiFixtures.Relationship("rel-new", "ACTIVE_IN", "org-new", "mun-b"))).Dispose();

        var after = await GetJson("/api/analysis/metrics?region=region-test&asOf=2023-12-31");
        Assert.Contains(after.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == "org-new");
    }

    [Fact]
    public async Task Blind_spots_are_in_dutch_by_default_and_in_english_on_request()
    {
        var dutch = await GetJson("/api/analysis/blindspots?region=region-test&asOf=2023-12-31");
        using var englishResponse = await _server.Send(HttpMethod.Get, "/api/analysis/blindspots?region=region-test&asOf=2023-12-31", language: "en");
        var english = await NetwerkServer.Json(englishResponse);

        var rose = Assert.Single(dutch.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "platform-behind-cadence");
        Assert.Equal("ROSE kwam minder samen dan gepland (1 van 4 keer)", rose.GetProperty("title").GetString());
        Assert.Equal("high", rose.GetProperty("severity").GetString());
        Assert.Contains("platform-rose", rose.GetProperty("evidence").GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(JsonValueKind.Array, rose.GetProperty("evidence").GetProperty("paths").ValueKind);
        Assert.False(string.IsNullOrEmpty(rose.GetProperty("suggestion").GetString()));
        var roseEn = Assert.Single(english.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString() == rose.GetProperty("id").GetString());
        Assert.Equal("ROSE met less often than intended (1 of 4 times)", roseEn.GetProperty("title").GetString());

        var kinds = dutch.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).ToList();
        Assert.Contains("uncovered-municipality", kinds);
        Assert.Contains("sector-gap", kinds);
    }

    [Fact]
    public async Task Path_lists_every_shortest_path_with_its_relationships()
    {
        var json = await GetJson("/api/analysis/path?from=p-se&to=org-care&asOf=2023-12-31");

        Assert.Equal(3, json.GetProperty("length").GetInt32());
        Assert.False(json.GetProperty("truncated").GetBoolean());
        var path = Assert.Single(json.GetProperty("paths").EnumerateArray());
        Assert.Equal(["p-se", "org-se", "mun-a", "org-care"], path.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(["rel-p-se", "rel-se-in-a", "rel-care-in-a"], path.GetProperty("relationships").EnumerateArray().Select(n => n.GetString()));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task Dates_at_the_ends_of_the_calendar_are_answered_not_a_500(string asOf)
    {
        await GetJson($"/api/analysis/blindspots?region=region-test&asOf={asOf}");
        await GetJson($"/api/analysis/metrics?asOf={asOf}");
    }

    [Theory]
    [InlineData("/api/analysis/metrics?region=nope")]
    [InlineData("/api/analysis/blindspots?region=nope")]
    [InlineData("/api/analysis/path?from=nope&to=p-se")]
    [InlineData("/api/analysis/path?from=p-se&to=nope")]
    public async Task Unknown_region_or_node_is_a_404_problem(string path)
    {
        using var response = await _server.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/analysis/metrics?asOf=2023-02-30", "asOf")]
    [InlineData("/api/analysis/blindspots?region=region-test&asOf=31/12/2023", "asOf")]
    [InlineData("/api/analysis/path?from=p-se&to=org-care&asOf=gisteren", "asOf")]
    [InlineData("/api/analysis/path?to=org-care", "from")]
    [InlineData("/api/analysis/path?from=p-se", "to")]
    [InlineData("/api/analysis/path?from=p-se&to=org-care&limit=0", "limit")]
    public async Task Bad_query_value_is_a_400_problem_naming_the_field(string path, string field)
    {
        using var response = await _server.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await NetwerkServer.Json(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}'");
    }

    [Fact]
    public async Task Node_outside_the_region_is_a_404_problem_saying_so()
    {
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-elsewhere", "Elders"))).Dispose();

        using var response = await _server.Http.GetAsync("/api/analysis/path?from=p-se&to=org-elsewhere&region=region-test");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-in-region", (await NetwerkServer.Json(response)).GetProperty("code").GetString());
    }

    private async Task<JsonElement> GetJson(string path)
    {
        using var response = await _server.Http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await NetwerkServer.Json(response);
    }
}
