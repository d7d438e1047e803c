using System.Globalization;
using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;

namespace Netwerk.Storage.Neo4j;

/// <summary>
/// The graph store on a Neo4j 5.26+ server through the Query API, with the SQLite store's semantics (the contract suite
/// in tests/Netwerk.Testing runs against both). Every statement is a file of cypher/adapter/, every value a parameter.
/// <para>Layout: a node has labels <c>:GraphNode</c> and its kind, property <c>id</c>, its schema properties as native
/// Neo4j values (for Browser/Bloom), and the adapter's fields <c>_version</c>, <c>_createdAt</c>, <c>_updatedAt</c>,
/// <c>_name</c> and <c>_document</c> (the canonical JSON document it is read back from, so values round-trip exactly).
/// A relationship has its type, <c>id</c>, its schema properties, its validity as <c>validFrom</c>/<c>validUntil</c>
/// (yyyy-MM-dd strings, which order as dates) and the same <c>_</c> fields but <c>_name</c>.
/// The change feed is one <c>:Change</c> node per change numbered from the <c>:Sequence {name: 'changes'}</c> counter,
/// incremented in the writing statement itself, so every write with its changes is one implicit transaction (which
/// also works on a cluster, unlike explicit transactions); an import is one <c>UNWIND</c> statement too.</para>
/// <para>Every writer takes the write lock of the <c>:Sequence</c> node before it commits. Statements that must see
/// a stable store (a relationship id unused by every type, an import's plan still valid) take it before they look.</para>
/// </summary>
public sealed partial class Neo4jGraphStore : IGraphStore, IDisposable
{
    private readonly Neo4jQueryClient _client;
    private readonly SchemaValidator _validator;
    private readonly TimeProvider _time;
    private readonly IActorContext _actor;

    public Neo4jGraphStore(Neo4jQueryClient client, GraphSchema schema, TimeProvider time, IActorContext? actor = null)
    {
        _client = client;
        _validator = new SchemaValidator(schema);
        _time = time;
        _actor = actor ?? SystemActor.Instance;
    }

    public GraphSchema Schema => _validator.Schema;

    /// <summary>Applies cypher/schema.cypher (idempotent). Fails with a clear exception when Neo4j is unreachable or refuses the credentials.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        foreach (var statement in CypherStatements.SchemaStatements) await _client.RunAsync(statement, null, cancellationToken);
    }

    /// <summary>Removes every node, relationship and change the adapter wrote (contract tests start from an empty store).</summary>
    public Task ClearAsync(CancellationToken cancellationToken = default) => _client.RunAsync(CypherStatements.Get("clear"), null, cancellationToken);

    public async Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync("get-node", new { id }, cancellationToken);
        return result.Rows.Count == 0 ? null : ReadNode(result.Value(0, "item"));
    }

    public async Task<Node> CreateNodeAsync(NodeDraft draft, CancellationToken cancellationToken = default)
    {
        StoreWrites.ThrowIfInvalid(_validator.ValidateNode(draft));
        var kind = Schema.Kind(draft.Kind)!;
        var now = _time.GetUtcNow();
        var node = new Node
        {
            Id = draft.Id ?? StoreWrites.NewId(kind.Code),
            Kind = kind.Code, Properties = StoreWrites.Canonical(draft.Properties), Version = 1, CreatedAt = now, UpdatedAt = now,
        };
        try
        {
            await RunAsync("create-node", WriteParameters(node, null), cancellationToken);
        }
        catch (Neo4jConstraintViolationException)
        {
            throw new DuplicateIdException(ChangeEntity.Node, node.Id);
        }
        return node;
    }

    public async Task<Node> UpdateNodeAsync(string id, NodeDraft draft, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var existing = await GetNodeAsync(id, cancellationToken) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        var node = StoreWrites.UpdatedNode(_validator, existing, draft, expectedVersion, _time.GetUtcNow());
        var result = await RunAsync("update-node", WriteParameters(node, expectedVersion), cancellationToken);
        if (result.Rows.Count == 0) await ThrowMissingOrStaleAsync(ChangeEntity.Node, id, expectedVersion, cancellationToken);
        return node;
    }

    public async Task DeleteNodeAsync(string id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var existing = await GetNodeAsync(id, cancellationToken) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        var result = await RunAsync("delete-node",
            new { id, expectedVersion, kind = existing.Kind, at = Text(_time.GetUtcNow()), actor = _actor.Actor }, cancellationToken);
        if (result.Rows.Count == 0) await ThrowMissingOrStaleAsync(ChangeEntity.Node, id, expectedVersion, cancellationToken);
    }

    public async Task<Relationship?> GetRelationshipAsync(string id, CancellationToken cancellationToken = default) =>
        (await GetItemsAsync([], [id], cancellationToken)).Relationships.GetValueOrDefault(id);

    public async Task<Relationship> CreateRelationshipAsync(RelationshipDraft draft, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var relationship = (Relationship?)null;
        for (var attempt = 1; ; attempt++)
        {
            var endpoints = await GetItemsAsync(Endpoints(draft), [], cancellationToken);
            StoreWrites.ThrowIfInvalid(_validator.ValidateRelationship(draft, endpoints.KindOf));
            relationship ??= Relationship.FromDraft(draft.Id ?? StoreWrites.NewId(draft.Type!), draft, 1, now, now);
            QueryResult result;
            try
            {
                result = await RunAsync("create-relationship", WriteParameters(relationship, null), cancellationToken);
            }
            catch (Neo4jConstraintViolationException)
            {
                throw new DuplicateIdException(ChangeEntity.Relationship, relationship.Id);
            }
            if (result.Value(0, "duplicate").GetBoolean()) throw new DuplicateIdException(ChangeEntity.Relationship, relationship.Id);
            if (!result.Value(0, "dangling").GetBoolean()) return relationship;
            // An endpoint was deleted between validation and the write: validating again reports it as dangling.
            if (attempt == 3) throw new GraphValidationException([new("from", "dangling-endpoint", draft.From ?? ""), new("to", "dangling-endpoint", draft.To ?? "")]);
        }
    }

    public async Task<Relationship> UpdateRelationshipAsync(string id, RelationshipDraft draft, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var stored = await GetItemsAsync(Endpoints(draft), [id], cancellationToken);
        var existing = stored.Relationships.GetValueOrDefault(id) ?? throw new GraphItemNotFoundException(ChangeEntity.Relationship, id);
        StoreWrites.CheckVersion(ChangeEntity.Relationship, id, expectedVersion, existing.Version);
        var complete = StoreWrites.CompleteUpdate(existing, draft);
        if (!stored.Nodes.ContainsKey(complete.From!) || !stored.Nodes.ContainsKey(complete.To!))
        {
            stored = await GetItemsAsync(Endpoints(complete), [], cancellationToken);
        }
        var relationship = StoreWrites.UpdatedRelationship(_validator, existing, draft, stored.KindOf, expectedVersion, _time.GetUtcNow());
        var result = await RunAsync("update-relationship", WriteParameters(relationship, expectedVersion), cancellationToken);
        if (result.Rows.Count == 0) await ThrowMissingOrStaleAsync(ChangeEntity.Relationship, id, expectedVersion, cancellationToken);
        return relationship;
    }

    public async Task DeleteRelationshipAsync(string id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync("delete-relationship",
            new { id, expectedVersion, at = Text(_time.GetUtcNow()), actor = _actor.Actor }, cancellationToken);
        if (result.Rows.Count == 0) await ThrowMissingOrStaleAsync(ChangeEntity.Relationship, id, expectedVersion, cancellationToken);
    }

    public async Task<ChangePage> GetChangesAsync(long since, int limit, CancellationToken cancellationToken = default)
    {
        var rows = await ChangesAsync("changes-since", new { since, limit = limit + 1 }, cancellationToken);
        var hasMore = rows.Count > limit;
        return new ChangePage(hasMore ? rows[..limit] : rows, await GetLatestSequenceAsync(cancellationToken), hasMore);
    }

    public async Task<IReadOnlyList<Change>> GetHistoryAsync(string nodeId, int limit, CancellationToken cancellationToken = default) =>
        await ChangesAsync("node-history", new { id = nodeId, limit }, cancellationToken);

    public async Task<IReadOnlyList<Change>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        await ChangesAsync("audit", new { actor = query.Actor, before = query.Before, limit = query.Limit }, cancellationToken);

    public async Task<long> GetLatestSequenceAsync(CancellationToken cancellationToken = default)
    {
        var result = await RunAsync("latest-sequence", null, cancellationToken);
        return result.Value(0, "seq").GetInt64();
    }

    public async Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await RunAsync("status", null, cancellationToken);
            return new StoreStatus("neo4j", true, result.Value(0, "nodes").GetInt64(), result.Value(0, "relationships").GetInt64(), result.Value(0, "seq").GetInt64());
        }
        catch (Exception exception) when (exception is Neo4jQueryException or Neo4jUnavailableException)
        {
            return new StoreStatus("neo4j", false, 0, 0, 0, exception.Message);
        }
    }

    public void Dispose() => _client.Dispose();

    private Task<QueryResult> RunAsync(string statement, object? parameters, CancellationToken cancellationToken) =>
        _client.RunAsync(CypherStatements.Get(statement), parameters, cancellationToken);

    /// <summary>The conditional write matched nothing: tell "gone" from "changed meanwhile".</summary>
    private async Task ThrowMissingOrStaleAsync(ChangeEntity entity, string id, long expectedVersion, CancellationToken cancellationToken)
    {
        long? current = entity == ChangeEntity.Node
            ? (await GetNodeAsync(id, cancellationToken))?.Version
            : (await GetRelationshipAsync(id, cancellationToken))?.Version;
        if (current is null) throw new GraphItemNotFoundException(entity, id);
        throw new VersionConflictException(entity, id, expectedVersion, current.Value);
    }

    /// <summary>Stored nodes and relationships by id, in one read (get-items.cypher).</summary>
    private async Task<StoredItems> GetItemsAsync(IReadOnlyCollection<string> nodeIds, IReadOnlyCollection<string> relationshipIds, CancellationToken cancellationToken)
    {
        var result = await RunAsync("get-items", new { nodeIds, relationshipIds }, cancellationToken);
        return new StoredItems(
            result.Value(0, "nodes").EnumerateArray().Select(ReadNode).ToDictionary(n => n.Id, StringComparer.Ordinal),
            result.Value(0, "relationships").EnumerateArray().Select(ReadRelationship).ToDictionary(r => r.Id, StringComparer.Ordinal));
    }

    private sealed record StoredItems(IReadOnlyDictionary<string, Node> Nodes, IReadOnlyDictionary<string, Relationship> Relationships)
    {
        public string? KindOf(string nodeId) => Nodes.GetValueOrDefault(nodeId)?.Kind;
    }

    private static List<string> Endpoints(RelationshipDraft draft) =>
        new[] { draft.From, draft.To }.Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The parameters of create-node/update-node: the whole stored record, so <c>SET n = $record</c> drops removed properties.</summary>
    private object WriteParameters(Node node, long? expectedVersion) =>
        new { record = NodeRecord(node), kind = node.Kind, expectedVersion, at = Text(_time.GetUtcNow()), actor = _actor.Actor };

    /// <summary>The parameters of create-relationship/update-relationship, shaped like the node ones.</summary>
    private object WriteParameters(Relationship relationship, long? expectedVersion) => new
    {
        record = RelationshipRecord(relationship), type = relationship.Type, from = relationship.From, to = relationship.To,
        expectedVersion, at = Text(_time.GetUtcNow()), actor = _actor.Actor,
    };

    /// <summary>A node's stored properties: schema properties (JSON values become native Neo4j values), id and the adapter's fields.</summary>
    internal Dictionary<string, object?> NodeRecord(Node node)
    {
        var record = Record(node.Id, node.Properties, node.Version, node.CreatedAt, node.UpdatedAt, GraphDocument.ToDraft(node));
        record["_name"] = Schema.NameOf(node) ?? node.Id;
        return record;
    }

    /// <summary>A relationship's stored properties; validity only when set (Neo4j stores no nulls, and <c>IS NULL</c> reads a missing one as open).</summary>
    internal static Dictionary<string, object?> RelationshipRecord(Relationship relationship)
    {
        var draft = GraphDocument.ToDraft(relationship);
        var record = Record(relationship.Id, relationship.Properties, relationship.Version, relationship.CreatedAt, relationship.UpdatedAt, draft);
        if (draft.ValidFrom is not null) record["validFrom"] = draft.ValidFrom;
        if (draft.ValidUntil is not null) record["validUntil"] = draft.ValidUntil;
        return record;
    }

    private static Dictionary<string, object?> Record(
        string id, IReadOnlyDictionary<string, JsonElement> properties, long version, DateTimeOffset createdAt, DateTimeOffset updatedAt, object document)
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in properties) record[name] = value;
        record["id"] = id;
        record["_version"] = version;
        record["_createdAt"] = Text(createdAt);
        record["_updatedAt"] = Text(updatedAt);
        record["_document"] = JsonSerializer.Serialize(document, GraphJson.Options);
        return record;
    }

    private async Task<List<Change>> ChangesAsync(string statement, object parameters, CancellationToken cancellationToken)
    {
        var result = await RunAsync(statement, parameters, cancellationToken);
        return [.. Enumerable.Range(0, result.Rows.Count).Select(i => ReadChange(result.Value(i, "change")))];
    }

    private static Change ReadChange(JsonElement c) => new()
    {
        Sequence = c.GetProperty("seq").GetInt64(),
        At = Timestamp(c.GetProperty("at")),
        Entity = Enum.Parse<ChangeEntity>(c.GetProperty("entity").GetString()!),
        Operation = Enum.Parse<ChangeOperation>(c.GetProperty("operation").GetString()!),
        Id = c.GetProperty("id").GetString()!,
        Label = c.GetProperty("label").GetString()!,
        Version = c.GetProperty("version").GetInt64(),
        Cause = OptionalString(c, "cause"),
        Data = OptionalString(c, "data") is { } data ? JsonDocument.Parse(data).RootElement.Clone() : null,
        From = OptionalString(c, "from"),
        To = OptionalString(c, "to"),
        Actor = OptionalString(c, "actor"),
    };

    /// <summary>A stored item as every statement returns it: <c>x {._document, ._version, ._createdAt, ._updatedAt}</c>.</summary>
    private static (T Document, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt) ReadStored<T>(JsonElement item) => (
        JsonSerializer.Deserialize<T>(item.GetProperty("_document").GetString()!, GraphJson.Options)!,
        item.GetProperty("_version").GetInt64(),
        Timestamp(item.GetProperty("_createdAt")),
        Timestamp(item.GetProperty("_updatedAt")));

    private static Node ReadNode(JsonElement item)
    {
        var (draft, version, createdAt, updatedAt) = ReadStored<NodeDraft>(item);
        return new Node
        {
            Id = draft.Id!, Kind = draft.Kind!, Properties = draft.Properties ?? new Dictionary<string, JsonElement>(),
            Version = version, CreatedAt = createdAt, UpdatedAt = updatedAt,
        };
    }

    private static Relationship ReadRelationship(JsonElement item)
    {
        var (draft, version, createdAt, updatedAt) = ReadStored<RelationshipDraft>(item);
        return Relationship.FromDraft(draft.Id!, draft, version, createdAt, updatedAt);
    }

    private static string? OptionalString(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Text(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string? DateText(DateOnly? date) => date?.ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Timestamp(JsonElement value) =>
        DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
