using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Storage.Neo4j;

/// <summary>
/// Import, atomic in one statement (DESIGN.md §5): the document is validated and planned against what the store holds
/// (read in one statement), then import.cypher applies the whole plan as ONE parameterised statement in one implicit
/// transaction, after checking under the sequence lock that nothing it was planned from has changed. If something has
/// (a concurrent writer), it writes nothing and the import is planned again from a fresh read.
/// </summary>
public sealed partial class Neo4jGraphStore
{
    private const int ImportAttempts = 5;

    public async Task<ImportResult> ImportAsync(GraphDocument document, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await GetItemsAsync(ImportNodeIds(document), ImportRelationshipIds(document), cancellationToken);
            var plan = PlanImport(document, stored);
            var result = await RunAsync("import", plan.Parameters, cancellationToken);
            if (result.Value(0, "ok").GetBoolean())
            {
                return plan.Result with { LatestSequence = result.Value(0, "seq").GetInt64() };
            }
            if (attempt == ImportAttempts)
            {
                throw new Neo4jQueryException("Netwerk.Neo4j.ImportRaced",
                    $"Other writers changed the imported items {ImportAttempts} times while the import was planned; nothing was imported.");
            }
        }
    }

    /// <summary>The document's node ids and every relationship endpoint: what validation and the plan read.</summary>
    private static List<string> ImportNodeIds(GraphDocument document) =>
        document.Nodes.Select(n => n.Id).Concat(document.Relationships.SelectMany(r => new[] { r.From, r.To }))
            .Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();

    private static List<string> ImportRelationshipIds(GraphDocument document) =>
        document.Relationships.Select(r => r.Id).Where(id => id is not null).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();

    private sealed record ImportPlan(object Parameters, ImportResult Result);

    /// <summary>
    /// Validates the document as the SQLite store does (every problem reported, nothing written) and plans it: which
    /// items are created, updated (changed properties or validity) or unchanged, with versions, and each change's place
    /// in the feed (nodes in document order, then relationships).
    /// </summary>
    private ImportPlan PlanImport(GraphDocument document, StoredItems stored)
    {
        StoreWrites.ThrowIfInvalid(_validator.ValidateImport(document, stored.Nodes.GetValueOrDefault, stored.Relationships.GetValueOrDefault));

        var now = _time.GetUtcNow();
        var createdNodes = new List<object>();
        var updatedNodes = new List<object>();
        var createdRelationships = new List<object>();
        var updatedRelationships = new List<object>();
        var seq = 0;
        foreach (var draft in document.Nodes)
        {
            var properties = StoreWrites.Canonical(draft.Properties);
            if (stored.Nodes.GetValueOrDefault(draft.Id!) is not { } existing)
            {
                var node = new Node { Id = draft.Id!, Kind = draft.Kind!, Properties = properties, Version = 1, CreatedAt = now, UpdatedAt = now };
                createdNodes.Add(new { seq = ++seq, kind = node.Kind, record = NodeRecord(node) });
            }
            else if (GraphJson.CanonicalProperties(properties) != GraphJson.CanonicalProperties(existing.Properties))
            {
                var node = existing with { Properties = properties, Version = existing.Version + 1, UpdatedAt = now };
                updatedNodes.Add(new { seq = ++seq, kind = node.Kind, record = NodeRecord(node) });
            }
        }
        foreach (var draft in document.Relationships)
        {
            if (stored.Relationships.GetValueOrDefault(draft.Id!) is not { } existing)
            {
                var relationship = Relationship.FromDraft(draft.Id!, draft, 1, now, now);
                createdRelationships.Add(RelationshipItem(++seq, relationship));
                continue;
            }
            var candidate = Relationship.FromDraft(existing.Id, draft, existing.Version + 1, existing.CreatedAt, now);
            if (candidate.ValidFrom != existing.ValidFrom || candidate.ValidUntil != existing.ValidUntil
                || GraphJson.CanonicalProperties(candidate.Properties) != GraphJson.CanonicalProperties(existing.Properties))
            {
                updatedRelationships.Add(RelationshipItem(++seq, candidate));
            }
        }

        var parameters = new
        {
            nodeIds = ImportNodeIds(document),
            relationshipIds = ImportRelationshipIds(document),
            expectedNodes = stored.Nodes.Values.Select(n => VersionKey(n.Id, n.Version)).ToList(),
            expectedRelationships = stored.Relationships.Values.Select(r => VersionKey(r.Id, r.Version)).ToList(),
            createdNodes, updatedNodes, createdRelationships, updatedRelationships,
            changeCount = seq,
            at = Text(now),
            actor = _actor.Actor,
        };
        var result = new ImportResult(
            createdNodes.Count, updatedNodes.Count, document.Nodes.Count - createdNodes.Count - updatedNodes.Count,
            createdRelationships.Count, updatedRelationships.Count,
            document.Relationships.Count - createdRelationships.Count - updatedRelationships.Count, 0);
        return new ImportPlan(parameters, result);
    }

    private static object RelationshipItem(int seq, Relationship relationship) =>
        new { seq, type = relationship.Type, from = relationship.From, to = relationship.To, record = RelationshipRecord(relationship) };

    /// <summary>How import.cypher names a stored item's state: <c>id:version</c> (the version is digits, so it is unambiguous).</summary>
    private static string VersionKey(string id, long version) => $"{id}:{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
