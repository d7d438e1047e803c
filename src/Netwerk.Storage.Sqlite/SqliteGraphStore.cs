using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;

namespace Netwerk.Storage.Sqlite;

/// <summary>
/// The embedded graph store: one SQLite file in WAL mode. Writes run in <c>BEGIN IMMEDIATE</c> transactions,
/// so validation, version checks and the change-feed append are atomic even with two processes on one file.
/// </summary>
public sealed partial class SqliteGraphStore : IGraphStore
{
    private const string NodeColumns = "id, kind, properties, version, created_at, updated_at";
    private const string RelationshipColumns = "id, type, from_id, to_id, properties, valid_from, valid_until, version, created_at, updated_at";
    private const string ChangeColumns = "seq, at, entity, operation, id, label, version, cause, data, from_id, to_id, actor";
    private const string ValidOn = "($asOf IS NULL OR ((valid_from IS NULL OR valid_from <= $asOf) AND (valid_until IS NULL OR valid_until >= $asOf)))";

    private readonly string _connectionString;
    private readonly SchemaValidator _validator;
    private readonly TimeProvider _time;
    private readonly IActorContext _actor;

    /// <summary>A store on the file of <paramref name="options"/>; <paramref name="actor"/> (read at each write, the system when null) is recorded on every change.</summary>
    public SqliteGraphStore(SqliteStoreOptions options, GraphSchema schema, TimeProvider time, IActorContext? actor = null)
    {
        FilePath = Path.GetFullPath(options.Path);
        _connectionString = ConnectionString(options);
        _validator = new SchemaValidator(schema);
        _time = time;
        _actor = actor ?? SystemActor.Instance;
    }

    public GraphSchema Schema => _validator.Schema;

    public string FilePath { get; }

    /// <summary>Creates the file and folder when missing, switches to WAL and applies pending migrations.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL; PRAGMA secure_delete = ON;";
            wal.ExecuteNonQuery();
        }
        SqliteMigrations.Apply(connection);
        // An erasure whose checkpoint was blocked by readers left old page images in the WAL; at start there are
        // usually no readers, so they go now (best effort: another process may have the file open).
        TryTruncateWriteAheadLog(connection);
        return Task.CompletedTask;
    }

    public Task<Node?> GetNodeAsync(string id, CancellationToken cancellationToken = default)
    {
        using var session = Read();
        return Task.FromResult(LoadNode(session, id));
    }

    public Task<Node> CreateNodeAsync(NodeDraft draft, CancellationToken cancellationToken = default)
    {
        StoreWrites.ThrowIfInvalid(_validator.ValidateNode(draft));
        var kind = Schema.Kind(draft.Kind)!;
        var id = draft.Id ?? StoreWrites.NewId(kind.Code);
        using var session = Write();
        if (LoadNode(session, id) is not null) throw new DuplicateIdException(ChangeEntity.Node, id);
        var now = _time.GetUtcNow();
        var node = new Node
        {
            Id = id, Kind = kind.Code, Properties = StoreWrites.Canonical(draft.Properties), Version = 1, CreatedAt = now, UpdatedAt = now,
        };
        InsertNode(session, node);
        RecordChange(session, ChangeEntity.Node, ChangeOperation.Created, node.Id, node.Kind, node.Version, null, GraphDocument.ToDraft(node));
        session.Commit();
        return Task.FromResult(node);
    }

    public Task<Node> UpdateNodeAsync(string id, NodeDraft draft, long expectedVersion, CancellationToken cancellationToken = default)
    {
        using var session = Write();
        var existing = LoadNode(session, id) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        var node = StoreWrites.UpdatedNode(_validator, existing, draft, expectedVersion, _time.GetUtcNow());
        UpdateNode(session, node);
        RecordChange(session, ChangeEntity.Node, ChangeOperation.Updated, node.Id, node.Kind, node.Version, null, GraphDocument.ToDraft(node));
        session.Commit();
        return Task.FromResult(node);
    }

    public Task DeleteNodeAsync(string id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        using var session = Write();
        var existing = LoadNode(session, id) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        StoreWrites.CheckVersion(ChangeEntity.Node, id, expectedVersion, existing.Version);
        var touching = session.Query(
            $"SELECT {RelationshipColumns} FROM relationships WHERE from_id = $id OR to_id = $id ORDER BY id", ReadRelationship, ("$id", id));
        foreach (var relationship in touching)
        {
            session.Execute("DELETE FROM relationships WHERE id = $id", ("$id", relationship.Id));
            RecordChange(session, ChangeEntity.Relationship, ChangeOperation.Deleted, relationship.Id, relationship.Type,
                relationship.Version + 1, $"cascade:{id}", GraphDocument.ToDraft(relationship));
        }
        session.Execute("DELETE FROM nodes WHERE id = $id", ("$id", id));
        RecordChange(session, ChangeEntity.Node, ChangeOperation.Deleted, id, existing.Kind, existing.Version + 1, null, GraphDocument.ToDraft(existing));
        session.Commit();
        return Task.CompletedTask;
    }

    public Task<Relationship?> GetRelationshipAsync(string id, CancellationToken cancellationToken = default)
    {
        using var session = Read();
        return Task.FromResult(LoadRelationship(session, id));
    }

    public Task<Relationship> CreateRelationshipAsync(RelationshipDraft draft, CancellationToken cancellationToken = default)
    {
        using var session = Write();
        StoreWrites.ThrowIfInvalid(_validator.ValidateRelationship(draft, nodeId => KindOf(session, nodeId)));
        var id = draft.Id ?? StoreWrites.NewId(draft.Type!);
        if (LoadRelationship(session, id) is not null) throw new DuplicateIdException(ChangeEntity.Relationship, id);
        var now = _time.GetUtcNow();
        var relationship = Relationship.FromDraft(id, draft, 1, now, now);
        InsertRelationship(session, relationship);
        RecordChange(session, ChangeEntity.Relationship, ChangeOperation.Created, id, relationship.Type, 1, null, GraphDocument.ToDraft(relationship));
        session.Commit();
        return Task.FromResult(relationship);
    }

    public Task<Relationship> UpdateRelationshipAsync(string id, RelationshipDraft draft, long expectedVersion, CancellationToken cancellationToken = default)
    {
        using var session = Write();
        var existing = LoadRelationship(session, id) ?? throw new GraphItemNotFoundException(ChangeEntity.Relationship, id);
        var relationship = StoreWrites.UpdatedRelationship(_validator, existing, draft, nodeId => KindOf(session, nodeId), expectedVersion, _time.GetUtcNow());
        UpdateRelationship(session, relationship);
        RecordChange(session, ChangeEntity.Relationship, ChangeOperation.Updated, id, relationship.Type, relationship.Version, null, GraphDocument.ToDraft(relationship));
        session.Commit();
        return Task.FromResult(relationship);
    }

    public Task DeleteRelationshipAsync(string id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        using var session = Write();
        var existing = LoadRelationship(session, id) ?? throw new GraphItemNotFoundException(ChangeEntity.Relationship, id);
        StoreWrites.CheckVersion(ChangeEntity.Relationship, id, expectedVersion, existing.Version);
        session.Execute("DELETE FROM relationships WHERE id = $id", ("$id", id));
        RecordChange(session, ChangeEntity.Relationship, ChangeOperation.Deleted, id, existing.Type, existing.Version + 1, null, GraphDocument.ToDraft(existing));
        session.Commit();
        return Task.CompletedTask;
    }

    public Task<ChangePage> GetChangesAsync(long since, int limit, CancellationToken cancellationToken = default)
    {
        using var session = Read();
        var rows = session.Query(
            $"SELECT {ChangeColumns} FROM changes WHERE seq > $since ORDER BY seq LIMIT $limit",
            ReadChange, ("$since", since), ("$limit", limit + 1));
        var hasMore = rows.Count > limit;
        return Task.FromResult(new ChangePage(hasMore ? rows[..limit] : rows, LatestSequence(session), hasMore));
    }

    public Task<IReadOnlyList<Change>> GetHistoryAsync(string nodeId, int limit, CancellationToken cancellationToken = default)
    {
        using var session = Read();
        var rows = session.Query(
            $"""
            SELECT {ChangeColumns} FROM changes WHERE id = $id AND entity = 'Node'
            UNION SELECT {ChangeColumns} FROM changes WHERE from_id = $id
            UNION SELECT {ChangeColumns} FROM changes WHERE to_id = $id
            ORDER BY seq DESC LIMIT $limit
            """,
            ReadChange, ("$id", nodeId), ("$limit", limit));
        return Task.FromResult<IReadOnlyList<Change>>(rows);
    }

    public Task<IReadOnlyList<Change>> GetAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        // Built per query rather than "($actor IS NULL OR actor = $actor)" so SQLite can walk changes_by_actor backwards.
        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("$limit", query.Limit) };
        if (query.Actor is not null)
        {
            where.Add("actor = $actor");
            parameters.Add(("$actor", query.Actor));
        }
        if (query.Before is not null)
        {
            where.Add("seq < $before");
            parameters.Add(("$before", query.Before));
        }
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        using var session = Read();
        var rows = session.Query($"SELECT {ChangeColumns} FROM changes {filter} ORDER BY seq DESC LIMIT $limit", ReadChange, [.. parameters]);
        return Task.FromResult<IReadOnlyList<Change>>(rows);
    }

    public Task<long> GetLatestSequenceAsync(CancellationToken cancellationToken = default)
    {
        using var session = Read();
        return Task.FromResult(LatestSequence(session));
    }

    public Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var session = Read();
            var nodes = (long)session.Scalar("SELECT COUNT(*) FROM nodes")!;
            var relationships = (long)session.Scalar("SELECT COUNT(*) FROM relationships")!;
            return Task.FromResult(new StoreStatus("sqlite", true, nodes, relationships, LatestSequence(session)));
        }
        catch (SqliteException exception)
        {
            return Task.FromResult(new StoreStatus("sqlite", false, 0, 0, 0, exception.Message));
        }
    }

    private SqlSession Read() => SqlSession.Open(_connectionString, write: false);

    private SqlSession Write() => SqlSession.Open(_connectionString, write: true);

    private static long LatestSequence(SqlSession session) =>
        session.Scalar("SELECT seq FROM sqlite_sequence WHERE name = 'changes'") is long seq ? seq : 0;

    private static string? KindOf(SqlSession session, string nodeId) =>
        session.Scalar("SELECT kind FROM nodes WHERE id = $id", ("$id", nodeId)) as string;

    private string NameOf(Node node) => Schema.NameOf(node) ?? node.Id;

    private void InsertNode(SqlSession session, Node node) => session.Execute(
        "INSERT INTO nodes (id, kind, name, properties, version, created_at, updated_at) VALUES ($id, $kind, $name, $properties, $version, $created, $updated)",
        ("$id", node.Id), ("$kind", node.Kind), ("$name", NameOf(node)), ("$properties", GraphJson.CanonicalProperties(node.Properties)),
        ("$version", node.Version), ("$created", Timestamp(node.CreatedAt)), ("$updated", Timestamp(node.UpdatedAt)));

    private void UpdateNode(SqlSession session, Node node) => session.Execute(
        "UPDATE nodes SET name = $name, properties = $properties, version = $version, updated_at = $updated WHERE id = $id",
        ("$id", node.Id), ("$name", NameOf(node)), ("$properties", GraphJson.CanonicalProperties(node.Properties)),
        ("$version", node.Version), ("$updated", Timestamp(node.UpdatedAt)));

    private static void InsertRelationship(SqlSession session, Relationship r) => session.Execute(
        $"INSERT INTO relationships ({RelationshipColumns}) VALUES ($id, $type, $from, $to, $properties, $validFrom, $validUntil, $version, $created, $updated)",
        RelationshipParameters(r));

    private static void UpdateRelationship(SqlSession session, Relationship r) => session.Execute(
        "UPDATE relationships SET properties = $properties, valid_from = $validFrom, valid_until = $validUntil, version = $version, updated_at = $updated WHERE id = $id",
        RelationshipParameters(r));

    private static (string, object?)[] RelationshipParameters(Relationship r) =>
    [
        ("$id", r.Id), ("$type", r.Type), ("$from", r.From), ("$to", r.To), ("$properties", GraphJson.CanonicalProperties(r.Properties)),
        ("$validFrom", DateText(r.ValidFrom)), ("$validUntil", DateText(r.ValidUntil)), ("$version", r.Version),
        ("$created", Timestamp(r.CreatedAt)), ("$updated", Timestamp(r.UpdatedAt)),
    ];

    private void RecordChange(SqlSession session, ChangeEntity entity, ChangeOperation operation, string id, string label, long version, string? cause, object data) =>
        AppendChange(session, entity, operation, id, label, version, cause, JsonSerializer.Serialize(data, GraphJson.Options),
            (data as RelationshipDraft)?.From, (data as RelationshipDraft)?.To);

    private void AppendChange(
        SqlSession session, ChangeEntity entity, ChangeOperation operation, string id, string label, long version, string? cause,
        string? data, string? from, string? to) =>
        session.Execute(
            """
            INSERT INTO changes (at, entity, operation, id, label, version, cause, data, from_id, to_id, actor)
            VALUES ($at, $entity, $operation, $id, $label, $version, $cause, $data, $from, $to, $actor)
            """,
            ("$at", Timestamp(_time.GetUtcNow())), ("$entity", entity.ToString()), ("$operation", operation.ToString()), ("$id", id),
            ("$label", label), ("$version", version), ("$cause", cause), ("$data", data), ("$from", from), ("$to", to),
            ("$actor", _actor.Actor));

    private static Node? LoadNode(SqlSession session, string id) =>
        session.Query($"SELECT {NodeColumns} FROM nodes WHERE id = $id", ReadNode, ("$id", id)).SingleOrDefault();

    private static Relationship? LoadRelationship(SqlSession session, string id) =>
        session.Query($"SELECT {RelationshipColumns} FROM relationships WHERE id = $id", ReadRelationship, ("$id", id)).SingleOrDefault();

    private static Node ReadNode(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Kind = r.GetString(1),
        Properties = GraphJson.ParseProperties(r.GetString(2)),
        Version = r.GetInt64(3),
        CreatedAt = ParseTimestamp(r.GetString(4)),
        UpdatedAt = ParseTimestamp(r.GetString(5)),
    };

    private static Relationship ReadRelationship(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Type = r.GetString(1),
        From = r.GetString(2),
        To = r.GetString(3),
        Properties = GraphJson.ParseProperties(r.GetString(4)),
        ValidFrom = r.IsDBNull(5) ? null : DateOnly.ParseExact(r.GetString(5), GraphDates.DateFormat, CultureInfo.InvariantCulture),
        ValidUntil = r.IsDBNull(6) ? null : DateOnly.ParseExact(r.GetString(6), GraphDates.DateFormat, CultureInfo.InvariantCulture),
        Version = r.GetInt64(7),
        CreatedAt = ParseTimestamp(r.GetString(8)),
        UpdatedAt = ParseTimestamp(r.GetString(9)),
    };

    private static Change ReadChange(SqliteDataReader r) => new()
    {
        Sequence = r.GetInt64(0),
        At = ParseTimestamp(r.GetString(1)),
        Entity = Enum.Parse<ChangeEntity>(r.GetString(2)),
        Operation = Enum.Parse<ChangeOperation>(r.GetString(3)),
        Id = r.GetString(4),
        Label = r.GetString(5),
        Version = r.GetInt64(6),
        Cause = r.IsDBNull(7) ? null : r.GetString(7),
        Data = r.IsDBNull(8) ? null : JsonDocument.Parse(r.GetString(8)).RootElement.Clone(),
        From = r.IsDBNull(9) ? null : r.GetString(9),
        To = r.IsDBNull(10) ? null : r.GetString(10),
        Actor = r.IsDBNull(11) ? null : r.GetString(11),
    };

    /// <summary>How every store class of this adapter opens the one file (the account store shares it).</summary>
    internal static string ConnectionString(SqliteStoreOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
    }.ToString();

    internal static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTimestamp(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string? DateText(DateOnly? date) => date?.ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture);
}
