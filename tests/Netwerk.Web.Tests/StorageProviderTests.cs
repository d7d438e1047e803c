using System.Net;
using System.Net.Sockets;

namespace Netwerk.Web.Tests;

/// <summary>Choosing the graph store by configuration, and the sentence a host stops with when the choice cannot work.</summary>
public sealed class StorageProviderTests
{
    private static string StartFailure(params (string Key, string Value)[] settings)
    {
        var error = Record.Exception(() => new NetwerkServer(settings: settings.ToDictionary(s => s.Key, s => s.Value)).Dispose());
        Assert.NotNull(error);
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException) messages.Add(e.Message);
        return string.Join(" | ", messages);
    }

    [Fact]
    public void An_unknown_provider_is_refused_naming_both_choices()
    {
        Assert.Contains("Storage:Provider must be 'sqlite' (embedded, the default) or 'neo4j'", StartFailure(("Storage:Provider", "mongo")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Neo4j_without_an_address_is_refused()
    {
        Assert.Contains("Storage:Neo4j:Uri must be the server's http(s) address", StartFailure(("Storage:Provider", "neo4j")), StringComparison.Ordinal);
        Assert.Contains("Storage:Neo4j:Uri must be the server's http(s) address",
            StartFailure(("Storage:Provider", "neo4j"), ("Storage:Neo4j:Uri", "bolt://localhost:7687")), StringComparison.Ordinal);
    }

    [Fact]
    public void Neo4j_that_does_not_answer_stops_the_host_with_the_address_to_check()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var closed = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}/";
        socket.Stop();

        var message = StartFailure(("Storage:Provider", "Neo4j"), ("Storage:Neo4j:Uri", closed), ("Storage:Neo4j:MaxRetryAttempts", "0"));

        Assert.Contains($"Neo4j at {closed} (Storage:Neo4j:Uri), database 'neo4j' (Storage:Neo4j:Database) cannot be reached", message, StringComparison.Ordinal);
    }
}
