using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Storage.Neo4j;
using Netwerk.Testing;
using Xunit;

namespace Netwerk.Storage.Neo4j.Tests;

/// <summary>
/// The store contract against a real Neo4j 5.26+ named by NETWERK_NEO4J_URI (with NETWERK_NEO4J_USER,
/// NETWERK_NEO4J_PASSWORD and optionally NETWERK_NEO4J_DATABASE); every test is skipped with that reason otherwise.
/// Each store empties the database first (use a throw-away database: this deletes what the adapter wrote).
/// The adapter implements every member; its statements have not yet run against a real Neo4j (docs/neo4j-status.md).
/// </summary>
public sealed class Neo4jGraphStoreContractTests : GraphStoreContract
{
    private static readonly Uri? Address =
        Environment.GetEnvironmentVariable("NETWERK_NEO4J_URI") is { Length: > 0 } uri ? new Uri(uri) : null;

    public override ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Address is null, "NETWERK_NEO4J_URI not set");
        return base.InitializeAsync();
    }

    protected override async Task<IGraphStore> CreateEmptyStoreAsync(TimeProvider time, IActorContext actor)
    {
        var client = new Neo4jQueryClient(new Neo4jOptions
        {
            Uri = Address,
            Database = Environment.GetEnvironmentVariable("NETWERK_NEO4J_DATABASE") ?? "neo4j",
            Username = Environment.GetEnvironmentVariable("NETWERK_NEO4J_USER") ?? "neo4j",
            Password = Environment.GetEnvironmentVariable("NETWERK_NEO4J_PASSWORD"),
        });
        var store = new Neo4jGraphStore(client, GraphSchema.Default, time, actor);
        await store.InitializeAsync();
        await store.ClearAsync();
        return store;
    }
}
