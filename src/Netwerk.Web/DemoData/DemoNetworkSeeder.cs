using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Web.DemoData;

/// <summary>Loads the demo network (a data file in the import format) into an empty store.</summary>
public sealed class DemoNetworkSeeder(IGraphStore store, ILogger<DemoNetworkSeeder> logger)
{
    public static string DefaultFile => Path.Combine(AppContext.BaseDirectory, "DemoData", "demo-network.json");

    public static async Task<GraphDocument> ReadAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        return await JsonSerializer.DeserializeAsync<GraphDocument>(stream, GraphJson.Options, cancellationToken)
            ?? throw new InvalidDataException($"{file} is empty.");
    }

    /// <summary>Imports the demo network when the store holds no nodes; returns whether it did.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        var status = await store.GetStatusAsync(cancellationToken);
        if (status.NodeCount > 0) return false;
        if (!File.Exists(DefaultFile))
        {
            // A build without the data file (a trimmed deployment) still starts, with an empty network.
            logger.LogWarning("Demo network not loaded: {File} is missing", DefaultFile);
            return false;
        }
        var document = await ReadAsync(DefaultFile, cancellationToken);
        var result = await store.ImportAsync(document, cancellationToken);
        logger.LogInformation("Demo network loaded: {Nodes} nodes, {Relationships} relationships",
            result.NodesCreated, result.RelationshipsCreated);
        return true;
    }
}
