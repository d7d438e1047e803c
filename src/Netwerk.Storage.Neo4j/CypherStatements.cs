using System.Collections.Concurrent;

namespace Netwerk.Storage.Neo4j;

/// <summary>
/// The Cypher the adapter sends, read from the files of cypher/ embedded in this assembly (linted with Neo4j's parser
/// by test.sh). Statements take every value as a parameter; labels and relationship types go in as dynamic labels
/// (<c>$($kind)</c>, Neo4j 5.26+) after the schema has accepted them, so no text is ever pasted into a statement.
/// </summary>
public static class CypherStatements
{
    private const string Prefix = "Netwerk.Storage.Neo4j.Cypher.";
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>cypher/schema.cypher: constraints and indexes, statements separated by semicolons.</summary>
    public static string SchemaScript => Get("schema");

    /// <summary>The statements of schema.cypher one by one, without comments (the Query API takes one per request).</summary>
    public static IReadOnlyList<string> SchemaStatements =>
        string.Join('\n', SchemaScript.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => string.Join(' ', s.Split('\n', StringSplitOptions.TrimEntries)))
            .ToList();

    /// <summary>The statement in cypher/adapter/<paramref name="name"/>.cypher, on one line.</summary>
    public static string Get(string name) => Cache.GetOrAdd(name, Load);

    private static string Load(string name)
    {
        using var stream = typeof(CypherStatements).Assembly.GetManifestResourceStream(Prefix + name + ".cypher")
            ?? throw new InvalidOperationException($"No embedded Cypher file '{name}.cypher'.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n')
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0);
        // Literal line breaks are not allowed in a Query API statement (it is a JSON string); Cypher reads spaces the same.
        return string.Join(' ', lines).TrimEnd(';');
    }
}
