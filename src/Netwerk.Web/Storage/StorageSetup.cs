using Microsoft.Extensions.Options;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Storage.Neo4j;
using Netwerk.Storage.Sqlite;
using Netwerk.Web.DemoData;

namespace Netwerk.Web.Storage;

/// <summary>Settings of the graph store (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string Sqlite = "sqlite";
    public const string Neo4j = "neo4j";

    /// <summary><c>sqlite</c> (embedded file, default) or <c>neo4j</c> (a Neo4j 5.26+ server, <c>Storage:Neo4j:*</c>).</summary>
    public string Provider { get; set; } = Sqlite;

    public bool UsesNeo4j => Provider.Equals(Neo4j, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Settings under <c>Netwerk</c>.</summary>
public sealed class NetwerkOptions
{
    public const string Section = "Netwerk";

    /// <summary>Load the demo network from DemoData/demo-network.json when the store is empty at start.</summary>
    public bool SeedDemoData { get; set; } = true;
}

public static class StorageSetup
{
    public static IServiceCollection AddGraphStore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(GraphSchema.Default);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => o.UsesNeo4j || o.Provider.Equals(StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase),
                "Storage:Provider must be 'sqlite' (embedded, the default) or 'neo4j' (a Neo4j server, Storage:Neo4j:Uri).")
            .ValidateOnStart();
        // The SQLite file is there with either provider: accounts, sign-in links, API tokens and calendar feeds live in it.
        services.AddOptions<SqliteStoreOptions>().Bind(configuration.GetSection(SqliteStoreOptions.Section))
            .PostConfigure(o => o.Path = Path.GetFullPath(o.Path, environment.ContentRootPath))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Storage:Sqlite:Path must name a file.")
            .ValidateOnStart();
        services.AddOptions<NetwerkOptions>().Bind(configuration.GetSection(NetwerkOptions.Section));
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(sp => new SqliteGraphStore(
            sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, sp.GetRequiredService<GraphSchema>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IActorContext>()));
        if (storage.UsesNeo4j) AddNeo4jStore(services, configuration);
        else AddSqliteStore(services);
        services.AddSingleton<DemoNetworkSeeder>();
        services.AddHostedService<StoreInitializer>();
        return services;
    }

    private static void AddSqliteStore(IServiceCollection services)
    {
        services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<SqliteGraphStore>());
        services.AddSingleton(sp =>
        {
            var store = sp.GetRequiredService<SqliteGraphStore>();
            return new StoreStartup($"SQLite file {store.FilePath}", store.InitializeAsync);
        });
    }

    private static void AddNeo4jStore(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Neo4jOptions>().Bind(configuration.GetSection($"{StorageOptions.Section}:Neo4j"))
            .Validate(o => o.Uri is { IsAbsoluteUri: true } uri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
                "Storage:Neo4j:Uri must be the server's http(s) address, e.g. http://localhost:7474.")
            .ValidateOnStart();
        services.AddSingleton(sp => new Neo4jGraphStore(
            new Neo4jQueryClient(sp.GetRequiredService<IOptions<Neo4jOptions>>().Value), sp.GetRequiredService<GraphSchema>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<IActorContext>()));
        services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<Neo4jGraphStore>());
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<Neo4jOptions>>().Value;
            var store = sp.GetRequiredService<Neo4jGraphStore>();
            var accounts = sp.GetRequiredService<SqliteGraphStore>();
            return new StoreStartup($"Neo4j at {options.Uri}, database {options.Database} (accounts in {accounts.FilePath})", async ct =>
            {
                // The SQLite file's migrations create the account, token and feed tables; its graph tables stay empty.
                await accounts.InitializeAsync(ct);
                await Neo4jStartup.InitializeAsync(store, options, ct);
            });
        });
    }

    /// <summary>How the chosen store gets ready at start, and how the log names it.</summary>
    private sealed record StoreStartup(string Description, Func<CancellationToken, Task> InitializeAsync);

    /// <summary>Migrates the store and seeds the demo network before the server accepts requests.</summary>
    private sealed class StoreInitializer(
        StoreStartup store, DemoNetworkSeeder seeder, IOptions<NetwerkOptions> options, ILogger<StoreInitializer> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await store.InitializeAsync(cancellationToken);
            logger.LogInformation("Graph store: {Store}", store.Description);
            if (options.Value.SeedDemoData) await seeder.SeedIfEmptyAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
