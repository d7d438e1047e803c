namespace Netwerk.Storage.Sqlite;

/// <summary>Settings of the embedded store (configuration section <c>Storage:Sqlite</c>).</summary>
public sealed class SqliteStoreOptions
{
    public const string Section = "Storage:Sqlite";

    /// <summary>The database file; relative paths are resolved against the content root by the host.</summary>
    public string Path { get; set; } = "data/netwerk.db";

    /// <summary>How long a writer waits for another process's write lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
