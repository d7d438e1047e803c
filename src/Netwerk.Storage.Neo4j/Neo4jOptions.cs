namespace Netwerk.Storage.Neo4j;

/// <summary>Where the Neo4j store lives (<c>Storage:Neo4j</c>): the HTTP address, database and credentials.</summary>
public sealed class Neo4jOptions
{
    /// <summary>The server's HTTP address, e.g. <c>http://localhost:7474</c> (the Query API must be enabled).</summary>
    public Uri? Uri { get; set; }

    public string Database { get; set; } = "neo4j";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a transient error (<c>Neo.TransientError.*</c>, 5xx, a connection that failed).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first delay between retries; it grows exponentially.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
