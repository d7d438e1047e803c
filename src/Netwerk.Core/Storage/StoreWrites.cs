using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;

namespace Netwerk.Core.Storage;

/// <summary>
/// What every store adapter does alike around a write: ids for new items, the version check, the checks of an update
/// (kind, type, endpoints and id unchanged), canonical property JSON. One place, so the SQLite and Neo4j stores
/// cannot drift apart on what the contract suite expects of both.
/// </summary>
public static class StoreWrites
{
    /// <summary>A new item's id: its kind or type in lower case, then a time-ordered GUID.</summary>
    public static string NewId(string label) => $"{label.ToLowerInvariant().Replace('_', '-')}-{Guid.CreateVersion7():N}";

    public static void CheckVersion(ChangeEntity entity, string id, long expected, long current)
    {
        if (expected != current) throw new VersionConflictException(entity, id, expected, current);
    }

    public static void ThrowIfInvalid(List<ValidationError> errors)
    {
        if (errors.Count > 0) throw new GraphValidationException(errors);
    }

    public static IReadOnlyDictionary<string, JsonElement> Canonical(IReadOnlyDictionary<string, JsonElement>? properties) =>
        GraphJson.ParseProperties(GraphJson.CanonicalProperties(properties));

    /// <summary>The node an update of <paramref name="existing"/> makes: version checked, draft valid, kind and id unchanged.</summary>
    public static Node UpdatedNode(SchemaValidator validator, Node existing, NodeDraft draft, long expectedVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(draft);
        CheckVersion(ChangeEntity.Node, existing.Id, expectedVersion, existing.Version);
        var errors = validator.ValidateNode(draft with { Id = null, Kind = draft.Kind ?? existing.Kind });
        if (draft.Kind is not null && draft.Kind != existing.Kind) errors.Add(new("kind", "immutable", "kind", existing.Kind));
        if (draft.Id is not null && draft.Id != existing.Id) errors.Add(new("id", "id-mismatch"));
        ThrowIfInvalid(errors);
        return existing with { Properties = Canonical(draft.Properties), Version = existing.Version + 1, UpdatedAt = now };
    }

    /// <summary>What an update of <paramref name="existing"/> amounts to: a type or endpoint the draft leaves out keeps its value.</summary>
    public static RelationshipDraft CompleteUpdate(Relationship existing, RelationshipDraft draft)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(draft);
        return draft with { Id = null, Type = draft.Type ?? existing.Type, From = draft.From ?? existing.From, To = draft.To ?? existing.To };
    }

    /// <summary>
    /// The relationship an update of <paramref name="existing"/> makes: version checked, draft valid against the
    /// kinds <paramref name="kindOf"/> reads, type, endpoints and id unchanged.
    /// </summary>
    public static Relationship UpdatedRelationship(
        SchemaValidator validator, Relationship existing, RelationshipDraft draft, SchemaValidator.KindLookup kindOf, long expectedVersion, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(validator);
        CheckVersion(ChangeEntity.Relationship, existing.Id, expectedVersion, existing.Version);
        var complete = CompleteUpdate(existing, draft);
        var errors = validator.ValidateRelationship(complete, kindOf);
        errors.AddRange(SchemaValidator.ImmutableRelationshipFields(existing, draft));
        if (draft.Id is not null && draft.Id != existing.Id) errors.Add(new("id", "id-mismatch"));
        ThrowIfInvalid(errors);
        return Relationship.FromDraft(existing.Id, complete, existing.Version + 1, existing.CreatedAt, now);
    }
}
