using System.Text.Json;

namespace Netwerk.Core.Graph;

/// <summary>A stored node: one kind, schema-typed properties, and a version for optimistic concurrency.</summary>
public sealed record Node
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required IReadOnlyDictionary<string, JsonElement> Properties { get; init; }
    public required long Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A stored directed relationship, optionally valid only between two dates (inclusive).</summary>
public sealed record Relationship
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required IReadOnlyDictionary<string, JsonElement> Properties { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidUntil { get; init; }
    public required long Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The stored form of a validated draft: canonical properties (unset values dropped), parsed validity dates.</summary>
    public static Relationship FromDraft(string id, RelationshipDraft draft, long version, DateTimeOffset createdAt, DateTimeOffset updatedAt) => new()
    {
        Id = id,
        Type = draft.Type!,
        From = draft.From!,
        To = draft.To!,
        Properties = GraphJson.ParseProperties(GraphJson.CanonicalProperties(draft.Properties)),
        ValidFrom = GraphDates.ParseOptionalDate(draft.ValidFrom),
        ValidUntil = GraphDates.ParseOptionalDate(draft.ValidUntil),
        Version = version,
        CreatedAt = createdAt,
        UpdatedAt = updatedAt,
    };

    /// <summary>Whether the relationship holds on <paramref name="date"/>; a null date means "regardless of validity".</summary>
    public bool IsValidOn(DateOnly? date) =>
        date is not { } d || ((ValidFrom is null || ValidFrom <= d) && (ValidUntil is null || d <= ValidUntil));
}

/// <summary>A set of nodes and the relationships among them (a region, a neighbourhood, an export).</summary>
public sealed record Subgraph(IReadOnlyList<Node> Nodes, IReadOnlyList<Relationship> Relationships);
