using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Netwerk.Core.Graph;

namespace Netwerk.Web.Tests;

/// <summary>
/// The real app on Kestrel at a loopback port with its own SQLite file: requests go through the whole
/// HTTP pipeline, body limits included.
/// </summary>
public sealed class NetwerkServer : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "netwerk-tests", Guid.NewGuid().ToString("N"));
    private readonly bool _seedDemoData;

    public NetwerkServer(bool seedDemoData = false)
    {
        _seedDemoData = seedDemoData;
        UseKestrel(0);
        StartServer();
        Http = CreateClient();
    }

    public HttpClient Http { get; }

    public string DatabasePath => Path.Combine(_directory, "netwerk.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Sqlite:Path", DatabasePath);
        builder.UseSetting("Netwerk:SeedDemoData", _seedDemoData ? "true" : "false");
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
        Http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // best effort: a temp folder
    }
}
