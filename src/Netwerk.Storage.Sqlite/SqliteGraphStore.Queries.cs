using System.Globalization;
using System.Text;
using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;

namespace Netwerk.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    public Task<Page<Node>> FindNodesAsync(NodeQuery query, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        var errors = new List<ValidationError>();
        var kind = query.Kind is null ? null : Schema.Kind(query.Kind);
        if (query.Kind is not null)
        {
            if (kind is null) errors.Add(new("kind", "unknown-kind", query.Kind));
            where.Add("kind = $kind");
            parameters.Add(("$kind", query.Kind));
        }
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var match = PrefixMatchQuery(query.Text);
            // Text without a single word (only punctuation) matches nothing rather than everything.
            where.Add(match.Length == 0 ? "0" : "node_key IN (SELECT rowid FROM node_names WHERE node_names MATCH $match)");
            parameters.Add(("$match", match));
        }
        var index = 0;
        foreach (var (name, text) in query.PropertyEquals)
        {
            var definition = kind?.Property(name);
            if (definition is null)
            {
                errors.Add(new(name, "unknown-filter", name));
                continue;
            }
            if (!SchemaValidator.TryParseFilterValue(definition, text, out var value))
            {
                errors.Add(new(name, "wrong-type", definition.Type.ToString().ToLowerInvariant()));
                continue;
            }
            where.Add($"json_extract(properties, $path{index}) = $value{index}");
            parameters.Add(($"$path{index}", $"$.\"{name}\""));
            parameters.Add(($"$value{index}", SqlValue(value)));
            index++;
        }
        StoreWrites.ThrowIfInvalid(errors);

        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        using var session = Read();
        var total = Convert.ToInt32(session.Scalar($"SELECT COUNT(*) FROM nodes {filter}", [.. parameters]), CultureInfo.InvariantCulture);
        var items = session.Query($"SELECT {NodeColumns} FROM nodes {filter} ORDER BY id LIMIT $limit OFFSET $offset", ReadNode,
            [.. parameters, ("$limit", query.Limit), ("$offset", query.Offset)]);
        return Task.FromResult(new Page<Node>(items, total, query.Offset, query.Limit));
    }

    public Task<Page<Relationship>> FindRelationshipsAsync(RelationshipQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Type is not null && Schema.RelationshipType(query.Type) is null)
        {
            throw new GraphValidationException([new("type", "unknown-type", query.Type)]);
        }
        const string filter = $"""
            WHERE ($type IS NULL OR type = $type)
              AND ($node IS NULL OR from_id = $node OR to_id = $node)
              AND ($from IS NULL OR from_id = $from)
              AND ($to IS NULL OR to_id = $to)
              AND {ValidOn}
            """;
        (string, object?)[] parameters =
        [
            ("$type", query.Type), ("$node", query.NodeId), ("$from", query.From), ("$to", query.To), ("$asOf", DateText(query.AsOf)),
        ];
        using var session = Read();
        var total = Convert.ToInt32(session.Scalar($"SELECT COUNT(*) FROM relationships {filter}", parameters), CultureInfo.InvariantCulture);
        var items = session.Query($"SELECT {RelationshipColumns} FROM relationships {filter} ORDER BY id LIMIT $limit OFFSET $offset",
            ReadRelationship, [.. parameters, ("$limit", query.Limit), ("$offset", query.Offset)]);
        return Task.FromResult(new Page<Relationship>(items, total, query.Offset, query.Limit));
    }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken cancellationToken = default)
    {
        var match = PrefixMatchQuery(text);
        if (match.Length == 0) return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        using var session = Read();
        var hits = session.Query(
            """
            SELECT n.id, n.kind, n.name, bm25(node_names) AS score
            FROM node_names JOIN nodes n ON n.node_key = node_names.rowid
            WHERE node_names MATCH $match
            ORDER BY score, n.name
            LIMIT $limit
            """,
            r => new SearchHit(r.GetString(0), r.GetString(1), r.GetString(2), -r.GetDouble(3)),
            ("$match", match), ("$limit", limit));
        return Task.FromResult<IReadOnlyList<SearchHit>>(hits);
    }

    public Task<Subgraph> GetNeighbourhoodAsync(string nodeId, int depth, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        using var session = Read();
        if (LoadNode(session, nodeId) is null) throw new GraphItemNotFoundException(ChangeEntity.Node, nodeId);
        var visited = new HashSet<string>(StringComparer.Ordinal) { nodeId };
        var frontier = new List<string> { nodeId };
        for (var level = 0; level < depth && frontier.Count > 0; level++)
        {
            var next = session.Query(
                $"""
                SELECT {NodeColumns} FROM nodes WHERE id IN (
                    SELECT to_id FROM relationships WHERE from_id IN (SELECT value FROM json_each($ids)) AND {ValidOn}
                    UNION
                    SELECT from_id FROM relationships WHERE to_id IN (SELECT value FROM json_each($ids)) AND {ValidOn})
                """,
                ReadNode, ("$ids", JsonSerializer.Serialize(frontier)), ("$asOf", DateText(asOf)));
            // A node that does not exist yet on asOf (a later meeting) is no way through either.
            frontier = next.Where(n => ExistsOn(n, asOf)).Select(n => n.Id).Where(visited.Add).ToList();
        }
        return Task.FromResult(InducedSubgraph(session, visited, asOf));
    }

    public Task<Subgraph> GetGraphAsync(GraphScope scope, CancellationToken cancellationToken = default)
    {
        using var session = Read();
        if (scope.RegionId is null)
        {
            var nodes = session.Query($"SELECT {NodeColumns} FROM nodes ORDER BY id", ReadNode);
            var relationships = session.Query($"SELECT {RelationshipColumns} FROM relationships WHERE {ValidOn} ORDER BY id",
                ReadRelationship, ("$asOf", DateText(scope.AsOf)));
            return Task.FromResult(AsOf(nodes, relationships, scope.AsOf));
        }
        if (KindOf(session, scope.RegionId) != RegionScope.RegionKind)
        {
            throw new GraphItemNotFoundException(ChangeEntity.Node, scope.RegionId);
        }
        var members = session.Query(RegionMembersSql, r => r.GetString(0),
            ("$region", scope.RegionId), ("$asOf", DateText(scope.AsOf)),
            ("$regionKind", RegionScope.RegionKind), ("$municipalityKind", RegionScope.MunicipalityKind),
            ("$personKind", RegionScope.PersonKind), ("$partOf", RegionScope.PartOf), ("$worksFor", RegionScope.WorksFor));
        return Task.FromResult(InducedSubgraph(session, members, scope.AsOf));
    }

    /// <summary>The node ids of a region's graph, step by step as <see cref="RegionScope"/> defines them.</summary>
    private const string RegionMembersSql = $"""
        WITH valid AS (
            SELECT from_id, to_id, type FROM relationships WHERE {ValidOn}
        ),
        base AS (
            SELECT $region AS id
            UNION
            SELECT v.from_id FROM valid v JOIN nodes n ON n.id = v.from_id
            WHERE v.type = $partOf AND v.to_id = $region AND n.kind = $municipalityKind
        ),
        anchors AS (
            SELECT n.id FROM nodes n
            WHERE n.kind NOT IN ($regionKind, $municipalityKind)
              AND n.id IN (SELECT v.from_id FROM valid v WHERE v.to_id IN (SELECT id FROM base)
                           UNION SELECT v.to_id FROM valid v WHERE v.from_id IN (SELECT id FROM base))
        ),
        people AS (
            SELECT v.from_id AS id FROM valid v JOIN nodes n ON n.id = v.from_id
            WHERE v.type = $worksFor AND n.kind = $personKind AND v.to_id IN (SELECT id FROM anchors)
        ),
        core AS (SELECT id FROM anchors UNION SELECT id FROM people),
        context AS (
            SELECT v.to_id AS id FROM valid v WHERE v.from_id IN (SELECT id FROM core)
            UNION SELECT v.from_id FROM valid v WHERE v.to_id IN (SELECT id FROM core)
        )
        SELECT id FROM base UNION SELECT id FROM core UNION SELECT id FROM context
        """;

    private Subgraph InducedSubgraph(SqlSession session, IReadOnlyCollection<string> ids, DateOnly? asOf)
    {
        var json = JsonSerializer.Serialize(ids);
        var nodes = session.Query($"SELECT {NodeColumns} FROM nodes WHERE id IN (SELECT value FROM json_each($ids)) ORDER BY id",
            ReadNode, ("$ids", json));
        var relationships = session.Query(
            $"""
            SELECT {RelationshipColumns} FROM relationships
            WHERE from_id IN (SELECT value FROM json_each($ids)) AND to_id IN (SELECT value FROM json_each($ids)) AND {ValidOn}
            ORDER BY id
            """,
            ReadRelationship, ("$ids", json), ("$asOf", DateText(asOf)));
        return AsOf(nodes, relationships, asOf);
    }

    /// <summary>
    /// The graph as it was on <paramref name="asOf"/>: relationships are already filtered by validity; here the
    /// nodes that did not exist yet (see <see cref="NodeKindDefinition.ExistsFrom"/>) go, with their relationships.
    /// </summary>
    private Subgraph AsOf(List<Node> nodes, List<Relationship> relationships, DateOnly? asOf)
    {
        if (asOf is null) return new Subgraph(nodes, relationships);
        var existing = nodes.Where(n => ExistsOn(n, asOf)).ToList();
        if (existing.Count == nodes.Count) return new Subgraph(nodes, relationships);
        var ids = existing.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return new Subgraph(existing, relationships.Where(r => ids.Contains(r.From) && ids.Contains(r.To)).ToList());
    }

    private bool ExistsOn(Node node, DateOnly? asOf) => Schema.Kind(node.Kind)?.ExistsOn(node.Properties, asOf) ?? true;

    /// <summary>Turns what a user typed into an FTS5 query where every word must match as a prefix.</summary>
    private static string PrefixMatchQuery(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c)) word.Append(c);
            else if (word.Length > 0)
            {
                words.Add($"\"{word}\"*");
                word.Clear();
            }
        }
        return string.Join(' ', words.Take(16));
    }

    private static object? SqlValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => 1L,
        JsonValueKind.False => 0L,
        JsonValueKind.Number when value.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetString(),
    };
}
