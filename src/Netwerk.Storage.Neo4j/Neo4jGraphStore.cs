using System.Globalization;
using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;

namespace Netwerk.Storage.Neo4j;

/// <summary>
/// The graph store on a Neo4j 5.26+ server through the Query API. NOT COMPLETE (see docs/neo4j-status.md): node CRUD,
/// the change feed, history, audit and status work; every other member throws <see cref="NotSupportedException"/>
/// naming itself, so it is not registered in the web host yet.
/// <para>Layout: a node has labels <c>:GraphNode</c> and its kind, property <c>id</c>, its schema properties as native
/// Neo4j values (for Browser/Bloom), and the adapter's fields <c>_version</c>, <c>_createdAt</c>, <c>_updatedAt</c>,
/// <c>_name</c> and <c>_document</c> (the canonical JSON document it is read back from, so values round-trip exactly).
/// The change feed is one <c>:Change</c> node per change numbered from the <c>:Sequence {name: 'changes'}</c> counter,
/// incremented in the writing statement itself, so every write with its changes is one implicit transaction (which
/// also works on a cluster, unlike explicit transactions).</para>
/// </summary>
public sealed class Neo4jGraphStore : IGraphStore, IDisposable
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
        var result = await _client.RunAsync(CypherStatements.Get("get-node"), new { id }, cancellationToken);
        if (result.Rows.Count == 0) return null;
        var draft = JsonSerializer.Deserialize<NodeDraft>(result.Value(0, "document").GetString()!, GraphJson.Options)!;
        return new Node
        {
            Id = draft.Id!,
            Kind = draft.Kind!,
            Properties = draft.Properties ?? new Dictionary<string, JsonElement>(),
            Version = result.Value(0, "version").GetInt64(),
            CreatedAt = Timestamp(result.Value(0, "createdAt")),
            UpdatedAt = Timestamp(result.Value(0, "updatedAt")),
        };
    }

    public async Task<Node> CreateNodeAsync(NodeDraft draft, CancellationToken cancellationToken = default)
    {
        ThrowIfInvalid(_validator.ValidateNode(draft));
        var kind = Schema.Kind(draft.Kind)!;
        var now = _time.GetUtcNow();
        var node = new Node
        {
            Id = draft.Id ?? $"{kind.Code.ToLowerInvariant()}-{Guid.CreateVersion7():N}",
            Kind = kind.Code, Properties = Canonical(draft.Properties), Version = 1, CreatedAt = now, UpdatedAt = now,
        };
        try
        {
            await _client.RunAsync(CypherStatements.Get("create-node"), WriteParameters(node, null), cancellationToken);
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
        if (existing.Version != expectedVersion) throw new VersionConflictException(ChangeEntity.Node, id, expectedVersion, existing.Version);
        var errors = _validator.ValidateNode(draft with { Id = null, Kind = draft.Kind ?? existing.Kind });
        if (draft.Kind is not null && draft.Kind != existing.Kind) errors.Add(new("kind", "immutable", "kind", existing.Kind));
        if (draft.Id is not null && draft.Id != id) errors.Add(new("id", "id-mismatch"));
        ThrowIfInvalid(errors);
        var node = existing with { Properties = Canonical(draft.Properties), Version = existing.Version + 1, UpdatedAt = _time.GetUtcNow() };
        var result = await _client.RunAsync(CypherStatements.Get("update-node"), WriteParameters(node, expectedVersion), cancellationToken);
        if (result.Rows.Count == 0) await ThrowMissingOrStaleAsync(id, expectedVersion, cancellationToken);
        return node;
    }

    public async Task DeleteNodeAsync(string id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        var existing = await GetNodeAsync(id, cancellationToken) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        var result = await _client.RunAsync(CypherStatements.Get("delete-node"),
            new { id, expectedVersion, kind = existing.Kind, at = Text(_time.GetUtcNow()), actor = _actor.Actor }, cancellationToken);
        if (result.Rows.Count == 0) await ThrowMissingOrStaleAsync(id, expectedVersion, cancellationToken);
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
        var result = await _client.RunAsync(CypherStatements.Get("latest-sequence"), null, cancellationToken);
        return result.Value(0, "seq").GetInt64();
    }

    public async Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await _client.RunAsync(CypherStatements.Get("status"), null, cancellationToken);
            return new StoreStatus("neo4j", true, result.Value(0, "nodes").GetInt64(), result.Value(0, "relationships").GetInt64(), result.Value(0, "seq").GetInt64());
        }
        catch (Exception exception) when (exception is Neo4jQueryException or Neo4jUnavailableException)
        {
            return new StoreStatus("neo4j", false, 0, 0, 0, exception.Message);
        }
    }

    public Task<Relationship?> GetRelationshipAsync(string id, CancellationToken cancellationToken = default) => throw NotYet();

    public Task<Relationship> CreateRelationshipAsync(RelationshipDraft draft, CancellationToken cancellationToken = default) => throw NotYet();

    public Task<Relationship> UpdateRelationshipAsync(string id, RelationshipDraft draft, long expectedVersion, CancellationToken cancellationToken = default) => throw NotYet();

    public Task DeleteRelationshipAsync(string id, long expectedVersion, CancellationToken cancellationToken = default) => throw NotYet();

    public Task<Page<Node>> FindNodesAsync(NodeQuery query, CancellationToken cancellationToken = default) => throw NotYet();

    public Task<Page<Relationship>> FindRelationshipsAsync(RelationshipQuery query, CancellationToken cancellationToken = default) => throw NotYet();

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken cancellationToken = default) => throw NotYet();

    public Task<Subgraph> GetNeighbourhoodAsync(string nodeId, int depth, DateOnly? asOf, CancellationToken cancellationToken = default) => throw NotYet();

    public Task<Subgraph> GetGraphAsync(GraphScope scope, CancellationToken cancellationToken = default) => throw NotYet();

    public Task<ImportResult> ImportAsync(GraphDocument document, CancellationToken cancellationToken = default) => throw NotYet();

    public Task<ErasureResult> EraseNodeAsync(string id, CancellationToken cancellationToken = default) => throw NotYet();

    public void Dispose() => _client.Dispose();

    private static NotSupportedException NotYet([System.Runtime.CompilerServices.CallerMemberName] string member = "") =>
        new($"The Neo4j store does not implement {nameof(IGraphStore)}.{member} yet (see docs/neo4j-status.md).");

    /// <summary>The conditional write matched nothing: tell "gone" from "changed meanwhile".</summary>
    private async Task ThrowMissingOrStaleAsync(string id, long expectedVersion, CancellationToken cancellationToken)
    {
        var current = await GetNodeAsync(id, cancellationToken) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        throw new VersionConflictException(ChangeEntity.Node, id, expectedVersion, current.Version);
    }

    /// <summary>The parameters of create-node/update-node: the whole stored record, so <c>SET n = $record</c> drops removed properties.</summary>
    private object WriteParameters(Node node, long? expectedVersion)
    {
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in node.Properties) record[name] = value;
        record["id"] = node.Id;
        record["_version"] = node.Version;
        record["_createdAt"] = Text(node.CreatedAt);
        record["_updatedAt"] = Text(node.UpdatedAt);
        record["_name"] = Schema.NameOf(node) ?? node.Id;
        record["_document"] = JsonSerializer.Serialize(GraphDocument.ToDraft(node), GraphJson.Options);
        return new { record, kind = node.Kind, expectedVersion, at = Text(_time.GetUtcNow()), actor = _actor.Actor };
    }

    private async Task<List<Change>> ChangesAsync(string statement, object parameters, CancellationToken cancellationToken)
    {
        var result = await _client.RunAsync(CypherStatements.Get(statement), parameters, cancellationToken);
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

    private static string? OptionalString(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void ThrowIfInvalid(List<ValidationError> errors)
    {
        if (errors.Count > 0) throw new GraphValidationException(errors);
    }

    private static IReadOnlyDictionary<string, JsonElement> Canonical(IReadOnlyDictionary<string, JsonElement>? properties) =>
        GraphJson.ParseProperties(GraphJson.CanonicalProperties(properties));

    private static string Text(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Timestamp(JsonElement value) =>
        DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
