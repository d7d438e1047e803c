using Microsoft.Data.Sqlite;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Storage.Sqlite;
using Netwerk.Testing;

namespace Netwerk.Storage.Sqlite.Tests;

/// <summary>The store contract against the SQLite adapter, each test on its own fresh database file.</summary>
public sealed class SqliteGraphStoreContractTests : GraphStoreContract
{
    private readonly List<string> _paths = [];

    protected override async Task<IGraphStore> CreateEmptyStoreAsync(TimeProvider time, IActorContext actor)
    {
        var path = Path.Combine(Path.GetTempPath(), $"netwerk-contract-{Guid.NewGuid():N}.db");
        _paths.Add(path);
        var store = new SqliteGraphStore(new SqliteStoreOptions { Path = path }, GraphSchema.Default, time, actor);
        await store.InitializeAsync();
        return store;
    }

    protected override ValueTask CleanUpAsync()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        foreach (var path in _paths)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // A leftover temp file is harmless; failing the test for it is not.
                }
            }
        }
        return ValueTask.CompletedTask;
    }
}
