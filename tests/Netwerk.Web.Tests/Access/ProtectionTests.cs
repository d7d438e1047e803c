using System.Net;
using System.Net.Http.Json;
using System.Text;
using Netwerk.Core.Accounts;

namespace Netwerk.Web.Tests.Access;

/// <summary>Security headers, rate limits and the local development sign-in.</summary>
public sealed class ProtectionTests
{
    [Fact]
    public async Task Every_response_carries_a_strict_content_security_policy_and_no_framing()
    {
        using var server = new NetwerkServer();
        using var anonymous = server.Anonymous();
        foreach (var path in new[] { "/health", "/api/nodes", "/api/auth/me", "/no-such-page" })
        {
            using var response = await anonymous.GetAsync(path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            var scriptSources = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
            Assert.Equal("script-src 'self'", scriptSources);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task Sign_in_requests_are_rate_limited_per_client_with_the_same_answer_for_every_address()
    {
        using var server = new NetwerkServer(settings: new Dictionary<string, string> { ["Netwerk:Auth:SignInRequestsPerMinute"] = "3" });
        using var browser = server.Anonymous();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = $"iemand{i}@example.org" });
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }
        using var limited = await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = "nog-iemand@example.org" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Equal("rate-limited", (await NetwerkServer.Json(limited)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Api_token_use_is_rate_limited_per_token()
    {
        using var server = new NetwerkServer(settings: new Dictionary<string, string> { ["Netwerk:Auth:ApiTokenRequestsPerMinute"] = "5" });
        var first = await server.ClientAs(new RoleGrant(Role.Viewer, RoleGrant.AllRegions));
        var second = await server.ClientAs(new RoleGrant(Role.Viewer, RoleGrant.AllRegions));
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/schema")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await first.GetAsync("/api/schema")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/schema")).StatusCode);
    }

    [Fact]
    public async Task In_development_on_localhost_the_local_user_is_signed_in_as_regisseur_without_mail()
    {
        using var server = new NetwerkServer(environment: "Development");
        using var browser = server.Anonymous();
        var me = await NetwerkServer.Json(await browser.GetAsync("/api/auth/me"));
        Assert.False(me.GetProperty("signedIn").GetBoolean());
        Assert.True(me.GetProperty("developmentSignIn").GetBoolean());

        using var signIn = await browser.PostAsync("/api/auth/development", null);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var account = (await NetwerkServer.Json(signIn)).GetProperty("account");
        Assert.EndsWith("@example.org", account.GetProperty("email").GetString(), StringComparison.Ordinal);
        Assert.Equal("regisseur", account.GetProperty("grants")[0].GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/graph")).StatusCode);
    }

    [Fact]
    public async Task Outside_development_there_is_no_sign_in_without_mail()
    {
        using var server = new NetwerkServer();
        using var browser = server.Anonymous();
        Assert.False((await NetwerkServer.Json(await browser.GetAsync("/api/auth/me"))).GetProperty("developmentSignIn").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync("/api/auth/development", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/graph")).StatusCode);
    }

    [Fact]
    public async Task Random_bad_input_never_yields_a_500()
    {
        using var server = new NetwerkServer();
        var random = new Random(20261130);
        string[] paths = ["/api/nodes", "/api/relationships", "/api/import", "/api/accounts", "/api/tokens", "/api/auth/sign-in", "/api/auth/sign-in/complete"];
        for (var i = 0; i < 400; i++)
        {
            var body = RandomJson(random, depth: 0);
            // Stay under the 1 MB body limit: a bigger body is refused with 413 while the client is still sending.
            if (body.Length > 300_000) body = body[..300_000];
            var path = paths[random.Next(paths.Length)];
            using var response = await server.PostRaw(path, body);
            Assert.True((int)response.StatusCode < 500, $"POST {path} with {Shorten(body)} answered {(int)response.StatusCode}");
            var query = Uri.EscapeDataString(RandomString(random));
            foreach (var get in new[] { $"/api/nodes/{query}", $"/api/search?q={query}", $"/api/graph?region={query}&asOf={query}", $"/api/nodes?kind={query}&limit={query}" })
            {
                using var read = await server.Http.GetAsync(get);
                Assert.True((int)read.StatusCode < 500, $"GET {Shorten(get)} answered {(int)read.StatusCode}");
            }
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>JSON-ish text: mostly valid JSON of plausible shapes with hostile strings, sometimes broken.</summary>
    private static string RandomJson(Random random, int depth)
    {
        if (depth == 0 && random.Next(10) == 0) return RandomString(random);
        return random.Next(depth > 2 ? 4 : 7) switch
        {
            0 => "null",
            1 => random.Next(2) == 0 ? "true" : "false",
            2 => (random.NextDouble() * 1e12 - 5e11).ToString(System.Globalization.CultureInfo.InvariantCulture),
            3 => System.Text.Json.JsonSerializer.Serialize(RandomString(random)),
            4 => "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomJson(random, depth + 1))) + "]",
            _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(6)).Select(_ =>
                System.Text.Json.JsonSerializer.Serialize(Keys[random.Next(Keys.Length)]) + ":" + RandomJson(random, depth + 1))) + "}",
        };
    }

    private static readonly string[] Keys =
        ["id", "kind", "type", "from", "to", "properties", "name", "email", "grants", "role", "region", "token", "nodes", "relationships", "validFrom", "validUntil", "language", "x"];

    private const string Hostile = "<script>é\u202E'\"{}[]&\\";

    private static string RandomString(Random random)
    {
        var builder = new StringBuilder();
        var length = random.Next(8) == 0 ? random.Next(10_000, 200_000) : random.Next(0, 40);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(6) switch
            {
                0 => (char)random.Next(0, 32),
                1 => Hostile[random.Next(Hostile.Length)],
                2 => (char)random.Next(0xD800, 0xDFFF),
                _ => (char)random.Next('a', 'z' + 1),
            });
        }
        return builder.ToString();
    }
}
