using System.Text.Json;

namespace Netwerk.Core.Graph;

/// <summary>
/// A node as a client writes it (create, replace, import). Fields are nullable because they come from
/// untrusted input; <see cref="Schema.SchemaValidator"/> reports what is missing.
/// </summary>
public sealed record NodeDraft
{
    public string? Id { get; init; }
    public string? Kind { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Properties { get; init; }
}

/// <summary>A relationship as a client writes it. Dates are strings (yyyy-MM-dd) so a bad one is reported per field.</summary>
public sealed record RelationshipDraft
{
    public string? Id { get; init; }
    public string? Type { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Properties { get; init; }
    public string? ValidFrom { get; init; }
    public string? ValidUntil { get; init; }
}

/// <summary>The import/export format: the whole graph (or a region) in one document; round-trips exactly.</summary>
public sealed record GraphDocument
{
    public IReadOnlyList<NodeDraft> Nodes { get; init; } = [];
    public IReadOnlyList<RelationshipDraft> Relationships { get; init; } = [];

    /// <summary>The document form of a subgraph, ordered by id so exports are deterministic.</summary>
    public static GraphDocument From(Subgraph graph) => new()
    {
        Nodes = graph.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal).Select(ToDraft).ToList(),
        Relationships = graph.Relationships.OrderBy(r => r.Id, StringComparer.Ordinal).Select(ToDraft).ToList(),
    };

    public static NodeDraft ToDraft(Node node) => new() { Id = node.Id, Kind = node.Kind, Properties = node.Properties };

    public static RelationshipDraft ToDraft(Relationship rel) => new()
    {
        Id = rel.Id,
        Type = rel.Type,
        From = rel.From,
        To = rel.To,
        Properties = rel.Properties,
        ValidFrom = rel.ValidFrom?.ToString(GraphDates.DateFormat),
        ValidUntil = rel.ValidUntil?.ToString(GraphDates.DateFormat),
    };
}

/// <summary>What an import did, per item kind.</summary>
public sealed record ImportResult(
    int NodesCreated, int NodesUpdated, int NodesUnchanged,
    int RelationshipsCreated, int RelationshipsUpdated, int RelationshipsUnchanged,
    long LatestSequence);
