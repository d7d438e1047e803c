using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;

namespace Netwerk.Storage.Neo4j;

public sealed partial class Neo4jGraphStore
{
    public async Task<Page<Node>> FindNodesAsync(NodeQuery query, CancellationToken cancellationToken = default)
    {
        var errors = new List<ValidationError>();
        var kind = query.Kind is null ? null : Schema.Kind(query.Kind);
        if (query.Kind is not null && kind is null) errors.Add(new("kind", "unknown-kind", query.Kind));
        var equals = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, text) in query.PropertyEquals)
        {
            var definition = kind?.Property(name);
            if (definition is null) errors.Add(new(name, "unknown-filter", name));
            else if (!SchemaValidator.TryParseFilterValue(definition, text, out var value)) errors.Add(new(name, "wrong-type", definition.Type.ToString().ToLowerInvariant()));
            else equals[name] = value;
        }
        StoreWrites.ThrowIfInvalid(errors);
        var match = string.IsNullOrWhiteSpace(query.Text) ? null : LuceneQuery.PrefixMatch(query.Text);
        // Text without a single word (only punctuation) matches nothing rather than everything, as in the SQLite store.
        if (!string.IsNullOrWhiteSpace(query.Text) && match is null) return new Page<Node>([], 0, query.Offset, query.Limit);
        var result = await RunAsync("find-nodes",
            new { kind = query.Kind, match, equals, offset = query.Offset, limit = query.Limit }, cancellationToken);
        return ReadPage(result, query.Offset, query.Limit, ReadNode);
    }

    public async Task<Page<Relationship>> FindRelationshipsAsync(RelationshipQuery query, CancellationToken cancellationToken = default)
    {
        if (query.Type is not null && Schema.RelationshipType(query.Type) is null)
        {
            throw new GraphValidationException([new("type", "unknown-type", query.Type)]);
        }
        var result = await RunAsync("find-relationships", new
        {
            type = query.Type, node = query.NodeId, from = query.From, to = query.To, asOf = DateText(query.AsOf),
            offset = query.Offset, limit = query.Limit,
        }, cancellationToken);
        return ReadPage(result, query.Offset, query.Limit, ReadRelationship);
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken cancellationToken = default)
    {
        if (LuceneQuery.PrefixMatch(text) is not { } match) return [];
        var result = await RunAsync("search", new { match, limit }, cancellationToken);
        return [.. Enumerable.Range(0, result.Rows.Count).Select(i => new SearchHit(
            result.Value(i, "id").GetString()!, result.Value(i, "kind").GetString()!, result.Value(i, "name").GetString()!,
            result.Value(i, "score").GetDouble()))];
    }

    public async Task<Subgraph> GetNeighbourhoodAsync(string nodeId, int depth, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        if (await GetNodeAsync(nodeId, cancellationToken) is null) throw new GraphItemNotFoundException(ChangeEntity.Node, nodeId);
        var visited = new HashSet<string>(StringComparer.Ordinal) { nodeId };
        var frontier = new List<string> { nodeId };
        // Breadth first, one statement per level: a Cypher variable-length pattern cannot take the depth as a parameter,
        // and a node that does not exist yet on asOf (a later meeting) is no way through, which the schema decides.
        for (var level = 0; level < depth && frontier.Count > 0; level++)
        {
            var result = await RunAsync("neighbours", new { ids = frontier, asOf = DateText(asOf) }, cancellationToken);
            frontier = Enumerable.Range(0, result.Rows.Count).Select(i => ReadNode(result.Value(i, "item")))
                .Where(n => ExistsOn(n, asOf)).Select(n => n.Id).Where(visited.Add).ToList();
        }
        return await SubgraphAsync(visited, asOf, cancellationToken);
    }

    public async Task<Subgraph> GetGraphAsync(GraphScope scope, CancellationToken cancellationToken = default)
    {
        if (scope.RegionId is null) return await SubgraphAsync(null, scope.AsOf, cancellationToken);
        var result = await RunAsync("region-members", new
        {
            region = scope.RegionId, asOf = DateText(scope.AsOf),
            regionKind = RegionScope.RegionKind, municipalityKind = RegionScope.MunicipalityKind, personKind = RegionScope.PersonKind,
            partOf = RegionScope.PartOf, worksFor = RegionScope.WorksFor,
        }, cancellationToken);
        var ids = result.Value(0, "ids").EnumerateArray().Select(id => id.GetString()!).ToList();
        // The region itself is always a member, so no ids means no such region.
        if (ids.Count == 0) throw new GraphItemNotFoundException(ChangeEntity.Node, scope.RegionId);
        return await SubgraphAsync(ids, scope.AsOf, cancellationToken);
    }

    /// <summary>
    /// The nodes of <paramref name="ids"/> (all when null) and the relationships among them valid on
    /// <paramref name="asOf"/>, as of that date: nodes that did not exist yet (see <see cref="NodeKindDefinition.ExistsFrom"/>)
    /// go, with their relationships. Ordered by id.
    /// </summary>
    private async Task<Subgraph> SubgraphAsync(IReadOnlyCollection<string>? ids, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var result = await RunAsync("subgraph", new { ids, asOf = DateText(asOf) }, cancellationToken);
        var nodes = result.Value(0, "nodes").EnumerateArray().Select(ReadNode)
            .Where(n => ExistsOn(n, asOf)).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        var existing = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var relationships = result.Value(0, "relationships").EnumerateArray().Select(ReadRelationship)
            .Where(r => existing.Contains(r.From) && existing.Contains(r.To)).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        return new Subgraph(nodes, relationships);
    }

    private bool ExistsOn(Node node, DateOnly? asOf) => Schema.Kind(node.Kind)?.ExistsOn(node.Properties, asOf) ?? true;

    /// <summary>A page as find-nodes/find-relationships return it: one row with the total and the page's items.</summary>
    private static Page<T> ReadPage<T>(QueryResult result, int offset, int limit, Func<JsonElement, T> read) =>
        new([.. result.Value(0, "items").EnumerateArray().Select(read)], result.Value(0, "total").GetInt32(), offset, limit);
}
