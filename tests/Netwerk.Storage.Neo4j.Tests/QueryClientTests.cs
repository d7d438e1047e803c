using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Netwerk.Storage.Neo4j;
using Xunit;

namespace Netwerk.Storage.Neo4j.Tests;

/// <summary>The Query API client against Neo4j's documented answers, served over real HTTP on loopback.</summary>
public sealed class QueryClientTests : IDisposable
{
    private const string Query = "/db/neo4j/query/v2";
    private readonly RecordedNeo4jServer _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Neo4jQueryClient Client(int retries = 2) => new(new Neo4jOptions
    {
        Uri = _server.Address, Username = "neo4j", Password = "verysecret", MaxRetryAttempts = retries, RetryDelay = TimeSpan.FromMilliseconds(10),
    });

    [Fact]
    public async Task A_statement_is_sent_with_its_parameters_and_basic_auth_and_its_rows_are_read()
    {
        _server.Answer("POST", Query, "success");
        using var client = Client();
        var result = await client.RunAsync("MERGE (n:Person {name: $name, age: $age}) RETURN n AS alice", new { name = "Alice", age = 42 }, Ct);

        Assert.Equal(["alice"], result.Fields);
        Assert.Equal("Alice", result.Value(0, "alice").GetProperty("properties").GetProperty("name").GetString());
        var sent = Assert.Single(_server.Received);
        Assert.Equal("Basic bmVvNGo6dmVyeXNlY3JldA==", sent.Authorization); // neo4j:verysecret, as in the documentation
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("MERGE (n:Person {name: $name, age: $age}) RETURN n AS alice", body.RootElement.GetProperty("statement").GetString());
        Assert.Equal(42, body.RootElement.GetProperty("parameters").GetProperty("age").GetInt32());
    }

    [Fact]
    public async Task A_syntax_error_is_a_syntax_exception_with_the_servers_code_and_is_not_retried()
    {
        _server.Answer("POST", Query, "syntax-error");
        using var client = Client();
        var error = await Assert.ThrowsAsync<Neo4jSyntaxException>(() => client.RunAsync("MATCHH (n) RETURN n", cancellationToken: Ct));
        Assert.Equal("Neo.ClientError.Statement.SyntaxError", error.Code);
        Assert.Contains("MATCHH", error.ServerMessage, StringComparison.Ordinal);
        Assert.Single(_server.Received);
    }

    [Fact]
    public async Task A_constraint_violation_is_its_own_exception()
    {
        _server.Answer("POST", Query, "constraint-violation");
        using var client = Client();
        var error = await Assert.ThrowsAsync<Neo4jConstraintViolationException>(
            () => client.RunAsync("CREATE (n:GraphNode {id: $id})", new { id = "org-1" }, Ct));
        Assert.Contains("org-1", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_are_an_authentication_exception()
    {
        _server.Answer("POST", Query, "auth-failure");
        using var client = Client();
        var error = await Assert.ThrowsAsync<Neo4jAuthenticationException>(() => client.RunAsync("RETURN 1", cancellationToken: Ct));
        Assert.Equal("Neo.ClientError.Security.Unauthorized", error.Code);
        Assert.Single(_server.Received);
    }

    [Fact]
    public async Task A_transient_error_is_retried_until_the_statement_succeeds()
    {
        _server.Answer("POST", Query, "transient-error").Answer("POST", Query, "transient-error").Answer("POST", Query, "success");
        using var client = Client(retries: 3);
        var result = await client.RunAsync("MATCH (n) RETURN n AS alice", cancellationToken: Ct);
        Assert.Single(result.Rows);
        Assert.Equal(3, _server.Received.Count);
    }

    [Fact]
    public async Task A_transient_error_that_outlasts_the_retries_is_reported_as_transient()
    {
        for (var i = 0; i < 3; i++) _server.Answer("POST", Query, "transient-error");
        using var client = Client(retries: 2);
        var error = await Assert.ThrowsAsync<Neo4jQueryException>(() => client.RunAsync("RETURN 1", cancellationToken: Ct));
        Assert.True(error.IsTransient);
        Assert.Equal(3, _server.Received.Count);
    }

    [Fact]
    public async Task A_transaction_replays_the_cluster_affinity_header_and_commits()
    {
        _server.Answer("POST", Query + "/tx", "transaction-begin")
            .Answer("POST", Query + "/tx/lyU", "success")
            .Answer("POST", Query + "/tx/lyU/commit", "transaction-commit");
        using var client = Client();
        await using var tx = await client.BeginTransactionAsync("MERGE (n:Person {name: $name}) RETURN n AS alice", new { name = "Alice" }, Ct);
        Assert.Single(tx.FirstResult.Rows);
        await tx.RunAsync("MERGE (n:Person {name: $name}) RETURN n AS alice", new { name = "Bob" }, Ct);
        await tx.CommitAsync(Ct);

        var routes = _server.Received.Select(r => r.Route).ToList();
        Assert.Equal(["POST /db/neo4j/query/v2/tx", "POST /db/neo4j/query/v2/tx/lyU", "POST /db/neo4j/query/v2/tx/lyU/commit"], routes);
        Assert.All(_server.Received.Skip(1), r => Assert.Equal("MTAuOC41Ljc6MTc0NzQ=", r.Affinity));
    }

    [Fact]
    public async Task An_expired_transaction_is_reported_as_not_found_and_not_retried()
    {
        _server.Answer("POST", Query + "/tx", "transaction-begin").Answer("POST", Query + "/tx/lyU", "transaction-expired");
        using var client = Client();
        await using var tx = await client.BeginTransactionAsync(cancellationToken: Ct);
        var error = await Assert.ThrowsAsync<Neo4jTransactionNotFoundException>(() => tx.RunAsync("RETURN 1", cancellationToken: Ct));
        Assert.Contains("lyU", error.ServerMessage, StringComparison.Ordinal);
        Assert.Equal(2, _server.Received.Count);
    }

    [Fact]
    public async Task A_disposed_open_transaction_is_rolled_back_with_DELETE()
    {
        _server.Answer("POST", Query + "/tx", "transaction-begin").Answer("DELETE", Query + "/tx/lyU", "transaction-commit");
        using var client = Client();
        await using (await client.BeginTransactionAsync(cancellationToken: Ct))
        {
        }
        Assert.Equal("DELETE /db/neo4j/query/v2/tx/lyU", _server.Received.Last().Route);
    }

    [Fact]
    public async Task An_unreachable_server_is_an_unavailable_exception_naming_the_address()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop(); // nothing listens there now
        using var client = new Neo4jQueryClient(new Neo4jOptions
        {
            Uri = new Uri($"http://127.0.0.1:{port}"), MaxRetryAttempts = 1, RetryDelay = TimeSpan.FromMilliseconds(10),
        });
        var error = await Assert.ThrowsAsync<Neo4jUnavailableException>(() => client.RunAsync("RETURN 1", cancellationToken: Ct));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _server.Dispose();
}
