using Microsoft.Extensions.Options;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Storage.Sqlite;
using Netwerk.Web.DemoData;

namespace Netwerk.Web.Storage;

/// <summary>Settings of the graph store (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (embedded, default). The Neo4j adapter is tracked separately.</summary>
    public string Provider { get; set; } = "sqlite";
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
            .Validate(o => o.Provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase),
                "Storage:Provider must be 'sqlite' (the only store in this version).")
            .ValidateOnStart();
        services.AddOptions<SqliteStoreOptions>().Bind(configuration.GetSection(SqliteStoreOptions.Section))
            .PostConfigure(o => o.Path = Path.GetFullPath(o.Path, environment.ContentRootPath))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Storage:Sqlite:Path must name a file.")
            .ValidateOnStart();
        services.AddOptions<NetwerkOptions>().Bind(configuration.GetSection(NetwerkOptions.Section));
        services.AddSingleton(sp => new SqliteGraphStore(
            sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, sp.GetRequiredService<GraphSchema>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IActorContext>()));
        services.AddSingleton<IGraphStore>(sp => sp.GetRequiredService<SqliteGraphStore>());
        services.AddSingleton<DemoNetworkSeeder>();
        services.AddHostedService<StoreInitializer>();
        return services;
    }

    /// <summary>Migrates the store and seeds the demo network before the server accepts requests.</summary>
    private sealed class StoreInitializer(
        SqliteGraphStore store, DemoNetworkSeeder seeder, IOptions<NetwerkOptions> options, ILogger<StoreInitializer> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await store.InitializeAsync(cancellationToken);
            logger.LogInformation("Graph store: SQLite file {Path}", store.FilePath);
            if (options.Value.SeedDemoData) await seeder.SeedIfEmptyAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
