using System.Text.Json;
using Netwerk.Core.Graph;

namespace Netwerk.Core.Tests.Analysis;

/// <summary>Builds small subgraphs for tests: nodes with properties, relationships with optional validity.</summary>
internal sealed class GraphBuilder
{
    private static readonly DateTimeOffset Stamp = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<Node> _nodes = [];
    private readonly List<Relationship> _relationships = [];

    public GraphBuilder Node(string id, string kind, object? properties = null)
    {
        _nodes.Add(new Node
        {
            Id = id,
            Kind = kind,
            Properties = ToProperties(properties ?? new { name = id }),
            Version = 1,
            CreatedAt = Stamp,
            UpdatedAt = Stamp,
        });
        return this;
    }

    public GraphBuilder Rel(string type, string from, string to, DateOnly? validFrom = null, DateOnly? validUntil = null, object? properties = null, string? id = null)
    {
        _relationships.Add(new Relationship
        {
            Id = id ?? $"r{_relationships.Count:D4}-{type}-{from}-{to}",
            Type = type,
            From = from,
            To = to,
            Properties = ToProperties(properties ?? new { }),
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            Version = 1,
            CreatedAt = Stamp,
            UpdatedAt = Stamp,
        });
        return this;
    }

    public Subgraph Build() => new(_nodes.ToList(), _relationships.ToList());

    private static Dictionary<string, JsonElement> ToProperties(object properties) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(properties, GraphJson.Options), GraphJson.Options)!;
}
