using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;

namespace Netwerk.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    public Task<ImportResult> ImportAsync(GraphDocument document, CancellationToken cancellationToken = default)
    {
        using var session = Write();
        var errors = new List<ValidationError>();
        var existingNodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var documentKinds = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var i = 0; i < document.Nodes.Count; i++)
        {
            var draft = document.Nodes[i];
            var path = $"nodes[{i}]";
            errors.AddRange(_validator.ValidateNode(draft, path));
            if (draft.Id is null)
            {
                errors.Add(new($"{path}.id", "required"));
                continue;
            }
            if (documentKinds.ContainsKey(draft.Id))
            {
                errors.Add(new($"{path}.id", "duplicate-id", draft.Id));
                continue;
            }
            documentKinds[draft.Id] = draft.Kind ?? "";
            if (LoadNode(session, draft.Id) is { } existing)
            {
                existingNodes[draft.Id] = existing;
                if (draft.Kind is not null && draft.Kind != existing.Kind) errors.Add(new($"{path}.kind", "immutable", "kind", existing.Kind));
            }
        }

        var existingRelationships = new Dictionary<string, Relationship>(StringComparer.Ordinal);
        var relationshipIds = new HashSet<string>(StringComparer.Ordinal);
        string? KindOfEndpoint(string id) => documentKinds.TryGetValue(id, out var kind) ? kind : KindOf(session, id);
        for (var i = 0; i < document.Relationships.Count; i++)
        {
            var draft = document.Relationships[i];
            var path = $"relationships[{i}]";
            errors.AddRange(_validator.ValidateRelationship(draft, KindOfEndpoint, path));
            if (draft.Id is null)
            {
                errors.Add(new($"{path}.id", "required"));
                continue;
            }
            if (!relationshipIds.Add(draft.Id))
            {
                errors.Add(new($"{path}.id", "duplicate-id", draft.Id));
                continue;
            }
            if (LoadRelationship(session, draft.Id) is { } existing)
            {
                existingRelationships[draft.Id] = existing;
                errors.AddRange(ImmutableRelationshipFields(existing, draft, path));
            }
        }
        ThrowIfInvalid(errors);

        var now = _time.GetUtcNow();
        int nodesCreated = 0, nodesUpdated = 0, relationshipsCreated = 0, relationshipsUpdated = 0;
        foreach (var draft in document.Nodes)
        {
            var properties = Canonical(draft.Properties);
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
                var relationship = NewRelationship(draft.Id!, draft, 1, now, now);
                InsertRelationship(session, relationship);
                RecordChange(session, ChangeEntity.Relationship, ChangeOperation.Created, relationship.Id, relationship.Type, 1, "import", GraphDocument.ToDraft(relationship));
                relationshipsCreated++;
                continue;
            }
            var candidate = NewRelationship(existing.Id, draft, existing.Version + 1, existing.CreatedAt, now);
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
