using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Netwerk.Core.Accounts;
using Netwerk.Core.Graph;
using Netwerk.Web.Access;

namespace Netwerk.Web.Tests;

/// <summary>
/// The real app on Kestrel at a loopback port with its own SQLite file: requests go through the whole
/// HTTP pipeline, body limits and access control included. <see cref="Http"/> acts with the bootstrap token
/// (regisseur of every region); <see cref="ClientAs"/> gives clients with other roles.
/// </summary>
public sealed class NetwerkServer : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "netwerk-tests", Guid.NewGuid().ToString("N"));
    private readonly bool _seedDemoData;

    private readonly Dictionary<string, string> _settings;
    private readonly List<HttpClient> _clients = [];
    private readonly ServerErrors _errors = new();

    private readonly string _environment;
    private readonly Action<IServiceCollection>? _services;

    // services: more registrations after the app's own (a telemetry exporter, a log capture).
    public NetwerkServer(bool seedDemoData = false, IReadOnlyDictionary<string, string>? settings = null, string environment = "Testing",
        Action<IServiceCollection>? services = null)
    {
        _seedDemoData = seedDemoData;
        _services = services;
        _environment = environment;
        _settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        UseKestrel(0);
        StartServer();
        Http = Anonymous();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BootstrapToken);
    }

    public const string BootstrapToken = "test-bootstrap-token-0123456789abcdef0123456789";

    public HttpClient Http { get; }

    public string DatabasePath => Path.Combine(_directory, "netwerk.db");

    public string OutboxPath => Path.Combine(_directory, "outbox");

    /// <summary>A client without credentials (and without cookies of its own until it signs in).</summary>
    public HttpClient Anonymous()
    {
        // A browser-like client of its own: its own cookie jar, redirects shown rather than followed.
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() };
        var client = new HttpClient(_errors.Reporter(handler))
        {
            BaseAddress = ClientOptions.BaseAddress,
        };
        _clients.Add(client);
        return client;
    }

    /// <summary>A client with an API token of a new account that has these grants.</summary>
    public Task<HttpClient> ClientAs(params RoleGrant[] grants) => ClientFor($"user-{Guid.NewGuid():N}@example.org", grants);

    /// <summary>A client with an API token of a new account with this e-mail address and these grants.</summary>
    public async Task<HttpClient> ClientFor(string email, params RoleGrant[] grants)
    {
        var accounts = Services.GetRequiredService<IAccountStore>();
        var account = await accounts.CreateAsync(new AccountDraft
        {
            Email = email, Name = "Test " + string.Join(", ", grants.Select(g => $"{g.Role}@{g.Region}")), Grants = grants,
        });
        var secret = Secrets.NewApiToken();
        await accounts.CreateApiTokenAsync(account.Id, "test", Secrets.Hash(secret));
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureLogging(logging => logging.AddProvider(_errors));
        builder.UseSetting("Storage:Sqlite:Path", DatabasePath);
        builder.UseSetting("Netwerk:SeedDemoData", _seedDemoData ? "true" : "false");
        builder.UseSetting("Netwerk:Auth:BootstrapToken", BootstrapToken);
        builder.UseSetting("Netwerk:Auth:ApiTokenRequestsPerMinute", "100000");
        builder.UseSetting("Netwerk:Auth:SignInRequestsPerMinute", "1000");
        builder.UseSetting("Smtp:OutboxPath", OutboxPath);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    public Task<HttpResponseMessage> PostJson(string path, object body) => Http.PostAsJsonAsync(path, body, GraphJson.Options);

    public Task<HttpResponseMessage> PostRaw(string path, string body, string contentType = "application/json") =>
        Http.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    public Task<HttpResponseMessage> Send(HttpMethod method, string path, object? body = null, string? ifMatch = null, string? language = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: GraphJson.Options);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (language is not null) request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return Http.SendAsync(request);
    }

    public async Task<T> Get<T>(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<T>(GraphJson.Options))!;
    }

    /// <summary>What the store holds now, as /health reports it; used to prove a refused write changed nothing.</summary>
    public async Task<Netwerk.Core.Storage.StoreStatus> StoreStatus() =>
        (await Get<Netwerk.Web.Health.HealthEndpoints.HealthReport>("/health")).Store;

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        foreach (var client in _clients) client.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }
}
