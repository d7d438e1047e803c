using System.Text.Json;

namespace Netwerk.Core.Graph;

public enum ChangeEntity { Node, Relationship }

public enum ChangeOperation { Created, Updated, Deleted }

/// <summary>
/// One committed change in the store's change feed. Sequences increase monotonically across all writers.
/// <see cref="Data"/> is the item in document form after the change, or as it was when deleted, so the feed
/// alone tells a node's history and lets a client undo a change. Once a node has been erased (GDPR), the changes
/// about it and its relationships keep their place in the feed but carry no data, and name it by a tombstone id.
/// </summary>
public sealed record Change
{
    public required long Sequence { get; init; }
    public required DateTimeOffset At { get; init; }
    public required ChangeEntity Entity { get; init; }
    public required ChangeOperation Operation { get; init; }
    public required string Id { get; init; }
    /// <summary>The node kind or relationship type.</summary>
    public required string Label { get; init; }
    public required long Version { get; init; }
    /// <summary>Why a change happened when it was not asked for directly, e.g. "cascade:org-x" when a node's deletion removed its relationships.</summary>
    public string? Cause { get; init; }
    public JsonElement? Data { get; init; }
    /// <summary>For relationship changes: the endpoints, so a node's history includes its relationships.</summary>
    public string? From { get; init; }
    public string? To { get; init; }
    /// <summary>The account that made the change (see <see cref="Storage.IActorContext"/>); null for the system.</summary>
    public string? Actor { get; init; }
}

/// <summary>Changes after a sequence number, and the latest sequence the store has committed.</summary>
public sealed record ChangePage(IReadOnlyList<Change> Changes, long LatestSequence, bool HasMore);
