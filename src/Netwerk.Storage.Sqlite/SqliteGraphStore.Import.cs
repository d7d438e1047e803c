using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;

namespace Netwerk.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    public Task<ImportResult> ImportAsync(GraphDocument document, CancellationToken cancellationToken = default)
    {
        using var session = Write();
        // Stored items as validation reads them, kept for the writes below.
        var existingNodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var existingRelationships = new Dictionary<string, Relationship>(StringComparer.Ordinal);
        Node? StoredNode(string id) => existingNodes.TryGetValue(id, out var node) ? node
            : LoadNode(session, id) is { } loaded ? existingNodes[id] = loaded : null;
        Relationship? StoredRelationship(string id) => existingRelationships.TryGetValue(id, out var relationship) ? relationship
            : LoadRelationship(session, id) is { } loaded ? existingRelationships[id] = loaded : null;
        StoreWrites.ThrowIfInvalid(_validator.ValidateImport(document, StoredNode, StoredRelationship));

        var now = _time.GetUtcNow();
        int nodesCreated = 0, nodesUpdated = 0, relationshipsCreated = 0, relationshipsUpdated = 0;
        foreach (var draft in document.Nodes)
        {
            var properties = StoreWrites.Canonical(draft.Properties);
            if (!existingNodes.TryGetValue(draft.Id!, out var existing))
            {
                var node = new Node { Id = draft.Id!, Kind = draft.Kind!, Properties = properties, Version = 1, CreatedAt = now, UpdatedAt = now };
                InsertNode(session, node);
                RecordChange(session, ChangeEntity.Node, ChangeOperation.Created, node.Id, node.Kind, 1, "import", GraphDocument.ToDraft(node));
                nodesCreated++;
            }
            else if (GraphJson.CanonicalProperties(properties) != GraphJson.CanonicalProperties(existing.Properties))
            {
                var node = existing with { Properties = properties, Version = existing.Version + 1, UpdatedAt = now };
                UpdateNode(session, node);
                RecordChange(session, ChangeEntity.Node, ChangeOperation.Updated, node.Id, node.Kind, node.Version, "import", GraphDocument.ToDraft(node));
                nodesUpdated++;
            }
        }
        foreach (var draft in document.Relationships)
        {
            if (!existingRelationships.TryGetValue(draft.Id!, out var existing))
            {
                var relationship = Relationship.FromDraft(draft.Id!, draft, 1, now, now);
                InsertRelationship(session, relationship);
                RecordChange(session, ChangeEntity.Relationship, ChangeOperation.Created, relationship.Id, relationship.Type, 1, "import", GraphDocument.ToDraft(relationship));
                relationshipsCreated++;
                continue;
            }
            var candidate = Relationship.FromDraft(existing.Id, draft, existing.Version + 1, existing.CreatedAt, now);
            if (candidate.ValidFrom != existing.ValidFrom || candidate.ValidUntil != existing.ValidUntil
                || GraphJson.CanonicalProperties(candidate.Properties) != GraphJson.CanonicalProperties(existing.Properties))
            {
                UpdateRelationship(session, candidate);
                RecordChange(session, ChangeEntity.Relationship, ChangeOperation.Updated, candidate.Id, candidate.Type, candidate.Version, "import", GraphDocument.ToDraft(candidate));
                relationshipsUpdated++;
            }
        }
        var latest = LatestSequence(session);
        session.Commit();
        return Task.FromResult(new ImportResult(
            nodesCreated, nodesUpdated, document.Nodes.Count - nodesCreated - nodesUpdated,
            relationshipsCreated, relationshipsUpdated, document.Relationships.Count - relationshipsCreated - relationshipsUpdated,
            latest));
    }
}
