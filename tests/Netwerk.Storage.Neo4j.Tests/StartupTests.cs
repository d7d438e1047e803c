using System.Net;
using System.Net.Sockets;
using Netwerk.Core.Schema;
using Xunit;

namespace Netwerk.Storage.Neo4j.Tests;

/// <summary>What a host sees when the configured Neo4j cannot be used: one sentence naming what to fix.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly RecordedNeo4jServer _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Neo4jStartupException> StartAsync(Uri address)
    {
        var options = new Neo4jOptions { Uri = address, Username = "neo4j", Password = "wrong", MaxRetryAttempts = 0 };
        using var store = new Neo4jGraphStore(new Neo4jQueryClient(options), GraphSchema.Default, TimeProvider.System);
        return await Assert.ThrowsAsync<Neo4jStartupException>(() => Neo4jStartup.InitializeAsync(store, options, Ct));
    }

    [Fact]
    public async Task Nothing_listening_names_the_address_setting()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var closed = new Uri($"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}/");
        socket.Stop();

        var error = await StartAsync(closed);

        Assert.Contains($"Neo4j at {closed} (Storage:Neo4j:Uri)", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_name_the_credential_settings()
    {
        _server.Answer("POST", "/db/neo4j/query/v2", "auth-failure");

        var error = await StartAsync(_server.Address);

        Assert.Contains("refused the credentials: check Storage:Neo4j:Username and Storage:Neo4j:Password", error.Message, StringComparison.Ordinal);
        Assert.IsType<Neo4jAuthenticationException>(error.InnerException);
    }

    [Fact]
    public async Task A_server_without_the_query_api_says_how_to_enable_it()
    {
        // The recorded server answers 404 to a path it has nothing queued for, as Neo4j does with the module disabled.
        var error = await StartAsync(_server.Address);

        Assert.Contains("has no Query API", error.Message, StringComparison.Ordinal);
        Assert.Contains("QUERY_API_ENDPOINTS", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _server.Dispose();
}
