using Netwerk.Core.Graph;
using Netwerk.Core.Schema;

namespace Netwerk.Core.Storage;

/// <summary>
/// The port every graph store implements (SQLite embedded, Neo4j server). Every write is validated against
/// <see cref="Schema"/> inside the store's transaction and either commits whole or throws
/// (<see cref="GraphValidationException"/>, <see cref="GraphItemNotFoundException"/>,
/// <see cref="VersionConflictException"/>, <see cref="DuplicateIdException"/>) leaving the store unchanged.
/// Every committed change is appended to the change feed. The contract suite in tests/Netwerk.Testing
/// states the semantics every adapter must share.
/// </summary>
public interface IGraphStore
{
    GraphSchema Schema { get; }

    Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Creates a node; the id is generated when the draft has none.</summary>
    Task<Node> CreateNodeAsync(NodeDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Replaces a node's properties when <paramref name="expectedVersion"/> is current; the kind cannot change.</summary>
    Task<Node> UpdateNodeAsync(string id, NodeDraft draft, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes a node and every relationship touching it (each recorded in the change feed).</summary>
    Task DeleteNodeAsync(string id, long expectedVersion, CancellationToken cancellationToken = default);

    Task<Relationship?> GetRelationshipAsync(string id, CancellationToken cancellationToken = default);

    Task<Relationship> CreateRelationshipAsync(RelationshipDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Replaces a relationship's properties and validity; type and endpoints cannot change.</summary>
    Task<Relationship> UpdateRelationshipAsync(string id, RelationshipDraft draft, long expectedVersion, CancellationToken cancellationToken = default);

    Task DeleteRelationshipAsync(string id, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Nodes by kind and property values, ordered by id.</summary>
    Task<Page<Node>> FindNodesAsync(NodeQuery query, CancellationToken cancellationToken = default);

    /// <summary>Relationships by type, endpoint and validity date, ordered by id.</summary>
    Task<Page<Relationship>> FindRelationshipsAsync(RelationshipQuery query, CancellationToken cancellationToken = default);

    /// <summary>Full-text search over node names; every word matches as a prefix, accents ignored; best first.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken cancellationToken = default);

    /// <summary>The nodes within <paramref name="depth"/> hops (either direction) of a node and the relationships among them.</summary>
    Task<Subgraph> GetNeighbourhoodAsync(string nodeId, int depth, DateOnly? asOf, CancellationToken cancellationToken = default);

    /// <summary>The whole graph, or a region's graph as defined by <see cref="RegionScope"/>, as of a date.</summary>
    Task<Subgraph> GetGraphAsync(GraphScope scope, CancellationToken cancellationToken = default);

    /// <summary>Upserts a whole document atomically: every item valid and applied, or nothing and every problem reported.</summary>
    Task<ImportResult> ImportAsync(GraphDocument document, CancellationToken cancellationToken = default);

    /// <summary>Changes committed after <paramref name="since"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<ChangePage> GetChangesAsync(long since, int limit, CancellationToken cancellationToken = default);

    /// <summary>A node's history: changes of the node and of relationships touching it, newest first.</summary>
    Task<IReadOnlyList<Change>> GetHistoryAsync(string nodeId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Changes newest first, optionally of one actor and before a sequence: the audit log, read page by page.</summary>
    Task<IReadOnlyList<Change>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>The sequence of the latest committed change (0 for none): cheaper than <see cref="GetStatusAsync"/> for "has anything changed?".</summary>
    Task<long> GetLatestSequenceAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the store answers, and how much it holds.</summary>
    Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases a node without trace (GDPR right to erasure), in one transaction and without a version check (it is an
    /// authority's decision, not an edit): the node and every relationship touching it go, and so does everything the
    /// store keeps about them — the change feed keeps its rows, so sequences stay gap-free and other nodes' histories
    /// still show that a relationship came and went, but those rows lose their data and name the node only by a new
    /// tombstone id. Appends a deletion without data and with cause <c>"erasure"</c> for each removed relationship (so
    /// live maps drop it) and for the node (under the tombstone id). Free text of other items that mentions the person
    /// is not recognised. Throws <see cref="GraphItemNotFoundException"/> for an unknown id.
    /// </summary>
    Task<ErasureResult> EraseNodeAsync(string id, CancellationToken cancellationToken = default);
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);

public static class Pages
{
    /// <summary>One page of a list held whole in memory (e.g. a store's answer filtered afterwards).</summary>
    public static Page<T> Of<T>(IReadOnlyList<T> all, int offset, int limit) => new([.. all.Skip(offset).Take(limit)], all.Count, offset, limit);
}

public sealed record NodeQuery
{
    public string? Kind { get; init; }
    /// <summary>Words that must all match the node's name as prefixes (same rules as <see cref="IGraphStore.SearchAsync"/>).</summary>
    public string? Text { get; init; }
    /// <summary>Property equality filters; names must exist on <see cref="Kind"/>.</summary>
    public IReadOnlyDictionary<string, string> PropertyEquals { get; init; } = new Dictionary<string, string>();
    public int Offset { get; init; }
    public int Limit { get; init; } = 100;
}

public sealed record RelationshipQuery
{
    public string? Type { get; init; }
    /// <summary>Relationships with this node at either end.</summary>
    public string? NodeId { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public DateOnly? AsOf { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; } = 100;
}

public sealed record SearchHit(string Id, string Kind, string Name, double Rank);

/// <summary>Which part of the graph to read: everything, or one region; relationships valid on <see cref="AsOf"/> only when set.</summary>
public sealed record GraphScope(string? RegionId = null, DateOnly? AsOf = null);

/// <summary>Which part of the change feed to read for the audit log; newest first.</summary>
public sealed record AuditQuery
{
    /// <summary>Only the changes of this account; all changes when null.</summary>
    public string? Actor { get; init; }
    /// <summary>Only changes with a lower sequence: the last sequence of the previous page.</summary>
    public long? Before { get; init; }
    public int Limit { get; init; } = 100;
}

/// <summary>
/// What an erasure did. <paramref name="TombstoneId"/> stands for the erased node in the change feed from now on;
/// <paramref name="ChangesScrubbed"/> counts the earlier feed entries that lost their data.
/// <paramref name="StorageScrubbed"/> is false when old copies of the data may linger in the store's files for a
/// while (e.g. SQLite's write-ahead log, held open by concurrent readers) before being overwritten.
/// </summary>
public sealed record ErasureResult(
    string TombstoneId, int RelationshipsRemoved, int ChangesScrubbed, long LatestSequence, bool StorageScrubbed);

public sealed record StoreStatus(string Provider, bool Healthy, long NodeCount, long RelationshipCount, long LatestSequence, string? Detail = null);
