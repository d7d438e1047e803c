using System.Net;
using System.Text;

namespace Netwerk.Web.Tests;

/// <summary>No request a client can send produces a 500; every refusal is a ProblemDetails body.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly NetwerkServer _server = new();

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("/api/nodes", "{\"kind\":")]
    [InlineData("/api/nodes", "[1,2,3]")]
    [InlineData("/api/nodes", "{\"kind\":\"Organisation\",\"properties\":[1]}")]
    [InlineData("/api/relationships", "{\"type\":\"WORKS_FOR\",\"from\":5}")]
    [InlineData("/api/import", "{\"nodes\":{}}")]
    [InlineData("/api/import", "not json")]
    public async Task Malformed_json_is_a_400_problem(string path, string body)
    {
        using var response = await _server.PostRaw(path, body);
        await AssertProblem(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/nodes")]
    [InlineData("/api/relationships")]
    [InlineData("/api/import")]
    public async Task Wrong_content_type_is_a_415_problem(string path)
    {
        using var response = await _server.PostRaw(path, "kind=Organisation", "application/x-www-form-urlencoded");
        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Oversized_body_is_a_413_problem()
    {
        var name = new string('x', 2 * 1024 * 1024);
        using var response = await _server.PostRaw("/api/nodes", $"{{\"kind\":\"Organisation\",\"properties\":{{\"name\":\"{name}\"}}}}");
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/api/nodes/nope")]
    [InlineData("/api/relationships/nope")]
    [InlineData("/api/nodes/nope/neighbourhood")]
    [InlineData("/api/graph?region=nope")]
    public async Task Unknown_id_is_a_404_problem(string path)
    {
        using var response = await _server.Http.GetAsync(path);
        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/graph?asOf=2023-02-30")]
    [InlineData("/api/graph?asOf=31/12/2023")]
    [InlineData("/api/relationships?asOf=yesterday")]
    [InlineData("/api/nodes?limit=0")]
    [InlineData("/api/nodes?limit=many")]
    [InlineData("/api/nodes?offset=-1")]
    [InlineData("/api/changes?since=-5")]
    [InlineData("/api/changes?since=abc")]
    [InlineData("/api/search?limit=100000")]
    public async Task Bad_query_value_is_a_400_problem_naming_the_field(string path)
    {
        using var response = await _server.Http.GetAsync(path);
        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        var field = path[(path.IndexOf('?') + 1)..path.IndexOf('=')];
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}'");
    }

    [Fact]
    public async Task Depth_outside_one_to_three_is_refused()
    {
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-a"))).Dispose();
        using var response = await _server.Http.GetAsync("/api/nodes/org-a/neighbourhood?depth=4");
        await AssertProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Random_bodies_on_every_write_endpoint_never_produce_a_server_error()
    {
        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-a"))).Dispose();
        var random = new Random(20231212);
        string[] fragments =
        [
            "{", "}", "[", "]", ",", ":", "null", "true", "1e999", "-0", "\"kind\"", "\"Organisation\"", "\"properties\"", "\"id\"",
            "\"\"", "\"org-a\"", "\"type\"", "\"WORKS_FOR\"", "\"from\"", "\"to\"", "\"validFrom\"", "\"2023-99-99\"", "\"nodes\"",
            "\"relationships\"", "\"\\u0000\"", "\"<script>\"", "12345678901234567890", "{\"name\":[]}",
        ];
        (HttpMethod Method, string Path)[] endpoints =
        [
            (HttpMethod.Post, "/api/nodes"), (HttpMethod.Put, "/api/nodes/org-a"), (HttpMethod.Post, "/api/relationships"),
            (HttpMethod.Put, "/api/relationships/x"), (HttpMethod.Post, "/api/import"),
        ];
        for (var i = 0; i < 300; i++)
        {
            var body = string.Concat(Enumerable.Range(0, random.Next(1, 14)).Select(_ => fragments[random.Next(fragments.Length)]));
            var (method, path) = endpoints[i % endpoints.Length];
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            using var response = await _server.Http.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"{method} {path} with {body} gave {(int)response.StatusCode}");
        }
        Assert.Equal(1, (await _server.StoreStatus()).NodeCount);
    }

    private static async Task<System.Text.Json.JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await NetwerkServer.Json(response);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }
}
