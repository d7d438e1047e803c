using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Netwerk.Web.Tests.Access;

/// <summary>
/// Sign-in through an OpenID Connect provider. No real provider (Entra ID) can run here, so a minimal stand-in
/// provider on a loopback port serves discovery, keys and a token endpoint that signs real id_tokens; everything
/// on Netwerk's side (the ASP.NET Core handler, PKCE, nonce, signature checks, account mapping) is the real code.
/// </summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private static readonly string[] Code = ["code"];
    private static readonly string[] Public = ["public"];
    private static readonly string[] Rs256 = ["RS256"];
    private readonly RSA _key = RSA.Create(2048);
    private WebApplication? _provider;
    private string _issuer = "";
    private string? _nonce;
    private string _email = "";
    private NetwerkServer? _server;

    public async ValueTask InitializeAsync()
    {
        // Netwerk's test host starts first (the test server factory takes the first host built in the process);
        // the provider only has to answer once a challenge asks for its metadata.
        _issuer = $"http://127.0.0.1:{FreePort()}";
        _server = new NetwerkServer(settings: new Dictionary<string, string>
        {
            ["Netwerk:Auth:Oidc:Authority"] = _issuer, ["Netwerk:Auth:Oidc:ClientId"] = "netwerk-test",
            ["Netwerk:Auth:Oidc:ClientSecret"] = "secret", ["Netwerk:Auth:Oidc:RequireHttpsMetadata"] = "false",
        });
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(_issuer);
        _provider = builder.Build();
        var signingKey = new RsaSecurityKey(_key) { KeyId = "test-key" };
        _provider.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _issuer,
            ["authorization_endpoint"] = _issuer + "/authorize",
            ["token_endpoint"] = _issuer + "/token",
            ["jwks_uri"] = _issuer + "/jwks",
            ["response_types_supported"] = Code,
            ["subject_types_supported"] = Public,
            ["id_token_signing_alg_values_supported"] = Rs256,
        }));
        _provider.MapGet("/jwks", () => Results.Json(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.ExportParameters(false)) { KeyId = "test-key" }) } }));
        _provider.MapPost("/token", () =>
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = _issuer, Audience = "netwerk-test", IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5),
                Claims = new Dictionary<string, object> { ["sub"] = "entra-123", ["email"] = _email, ["nonce"] = _nonce! },
                SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
            });
            return Results.Json(new { access_token = "unused", token_type = "Bearer", expires_in = 300, id_token = token });
        });
        await _provider.StartAsync(TestContext.Current.CancellationToken);
        using var created = await _server!.PostJson("/api/accounts", new { email = "gekend@example.org", name = "Gekende Gebruiker", grants = new[] { new { role = "viewer", region = "*" } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _server?.Dispose();
        if (_provider is not null) await _provider.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task A_provider_sign_in_for_a_known_address_starts_a_session()
    {
        using var browser = _server!.Anonymous();
        Assert.True((await NetwerkServer.Json(await browser.GetAsync("/api/auth/me"))).GetProperty("oidc").GetBoolean());
        _email = "gekend@example.org";

        var landing = await SignInAtProvider(browser);

        Assert.Equal("/", landing);
        var me = await NetwerkServer.Json(await browser.GetAsync("/api/auth/me"));
        Assert.True(me.GetProperty("signedIn").GetBoolean());
        Assert.Equal("gekend@example.org", me.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/schema")).StatusCode);
    }

    [Fact]
    public async Task A_provider_account_without_a_Netwerk_account_gets_no_session()
    {
        using var browser = _server!.Anonymous();
        _email = "onbekend@example.org";

        var landing = await SignInAtProvider(browser);

        Assert.Contains("signin=oidc-failed", landing, StringComparison.Ordinal);
        Assert.False((await NetwerkServer.Json(await browser.GetAsync("/api/auth/me"))).GetProperty("signedIn").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/schema")).StatusCode);
    }

    /// <summary>Plays the browser: start the challenge, "log in" at the provider, post the code back (form_post). Returns where Netwerk sends the browser.</summary>
    private async Task<string> SignInAtProvider(HttpClient browser)
    {
        using var challenge = await browser.GetAsync("/api/auth/oidc?returnUrl=/");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(_issuer + "/authorize", authorize.ToString(), StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal("netwerk-test", query["client_id"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        _nonce = query["nonce"];

        using var callback = await browser.PostAsync(new Uri(query["redirect_uri"]!).PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = "code-123", ["state"] = query["state"]!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return callback.Headers.Location!.ToString();
    }
}
