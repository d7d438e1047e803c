using Netwerk.Core.Graph;

namespace Netwerk.Core.Schema;

public sealed partial class SchemaValidator
{
    /// <summary>
    /// Validates an import document against the schema and what the store holds, as every store must: each item on
    /// its own, ids required and not repeated within the document, a stored node's kind and a stored relationship's
    /// type and endpoints unchanged, and relationship endpoints resolved against the document's nodes first and then
    /// the store. <paramref name="storedNode"/> and <paramref name="storedRelationship"/> read the store (null: none).
    /// </summary>
    public List<ValidationError> ValidateImport(
        GraphDocument document, Func<string, Node?> storedNode, Func<string, Relationship?> storedRelationship)
    {
        var errors = new List<ValidationError>();
        var documentKinds = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < document.Nodes.Count; i++)
        {
            var draft = document.Nodes[i];
            var path = $"nodes[{i}]";
            errors.AddRange(ValidateNode(draft, path));
            if (draft.Id is null)
            {
                errors.Add(new($"{path}.id", "required"));
                continue;
            }
            if (!documentKinds.TryAdd(draft.Id, draft.Kind ?? ""))
            {
                errors.Add(new($"{path}.id", "duplicate-id", draft.Id));
                continue;
            }
            if (storedNode(draft.Id) is { } existing && draft.Kind is not null && draft.Kind != existing.Kind)
            {
                errors.Add(new($"{path}.kind", "immutable", "kind", existing.Kind));
            }
        }

        var relationshipIds = new HashSet<string>(StringComparer.Ordinal);
        string? KindOfEndpoint(string id) => documentKinds.TryGetValue(id, out var kind) ? kind : storedNode(id)?.Kind;
        for (var i = 0; i < document.Relationships.Count; i++)
        {
            var draft = document.Relationships[i];
            var path = $"relationships[{i}]";
            errors.AddRange(ValidateRelationship(draft, KindOfEndpoint, path));
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
            if (storedRelationship(draft.Id) is { } existing) errors.AddRange(ImmutableRelationshipFields(existing, draft, path));
        }
        return errors;
    }

    /// <summary>The refusals of a write that would change a stored relationship's type or endpoints (null in the draft: unchanged).</summary>
    public static IEnumerable<ValidationError> ImmutableRelationshipFields(Relationship existing, RelationshipDraft draft, string path = "")
    {
        if (draft.Type is not null && draft.Type != existing.Type) yield return new(Join(path, "type"), "immutable", "type", existing.Type);
        if (draft.From is not null && draft.From != existing.From) yield return new(Join(path, "from"), "immutable", "from", existing.From);
        if (draft.To is not null && draft.To != existing.To) yield return new(Join(path, "to"), "immutable", "to", existing.To);
    }
}
