using System.Globalization;
using System.Text.Json;
using Netwerk.Core.Graph;

namespace Netwerk.Core.Analysis;

/// <summary>
/// An immutable, array-based copy of a graph for analysis, as of a reference date. Nodes are numbered
/// 0..n-1 in ordinal id order. It holds two views:
/// <list type="bullet">
/// <item>the undirected simple graph of every relationship valid on <see cref="AsOf"/> (direction and type
/// dropped, self-loops removed, parallel relationships collapsed) in CSR form — what the metrics run on;</item>
/// <item>the typed, directed relationships with each node's incident relationships — what the blind-spot
/// detectors read (who is MEMBER_OF what, which meeting is OF which platform).</item>
/// </list>
/// Building costs O((n + m) log m); every metric then runs on plain int arrays.
/// </summary>
public sealed class GraphSnapshot
{
    // Undirected simple graph: neighbours of node v are Targets[Offsets[v]..Offsets[v + 1]], ascending.
    internal readonly int[] Offsets;
    internal readonly int[] Targets;

    private readonly string[] _ids;
    private readonly string[] _kinds;
    private readonly IReadOnlyDictionary<string, JsonElement>[] _properties;
    private readonly Dictionary<string, int> _index;

    // Typed relationships (only those whose both ends are in the snapshot), ordered by id.
    private readonly string[] _relationshipIds;
    private readonly string[] _relationshipTypes;
    private readonly int[] _relationshipFrom;
    private readonly int[] _relationshipTo;
    private readonly DateOnly?[] _relationshipValidFrom;
    private readonly DateOnly?[] _relationshipValidUntil;
    private readonly IReadOnlyDictionary<string, JsonElement>[] _relationshipProperties;
    // Incident relationships of node v: IncidentRelationships[IncidentOffsets[v]..IncidentOffsets[v + 1]].
    private readonly int[] _incidentOffsets;
    private readonly int[] _incidentRelationships;

    private GraphSnapshot(
        DateOnly? asOf, string[] ids, string[] kinds, IReadOnlyDictionary<string, JsonElement>[] properties, Dictionary<string, int> index,
        int[] offsets, int[] targets, string[] relationshipIds, string[] relationshipTypes, int[] relationshipFrom, int[] relationshipTo,
        DateOnly?[] relationshipValidFrom, DateOnly?[] relationshipValidUntil, IReadOnlyDictionary<string, JsonElement>[] relationshipProperties, int[] incidentOffsets, int[] incidentRelationships)
    {
        AsOf = asOf;
        _ids = ids;
        _kinds = kinds;
        _properties = properties;
        _index = index;
        Offsets = offsets;
        Targets = targets;
        _relationshipIds = relationshipIds;
        _relationshipTypes = relationshipTypes;
        _relationshipFrom = relationshipFrom;
        _relationshipTo = relationshipTo;
        _relationshipValidFrom = relationshipValidFrom;
        _relationshipValidUntil = relationshipValidUntil;
        _relationshipProperties = relationshipProperties;
        _incidentOffsets = incidentOffsets;
        _incidentRelationships = incidentRelationships;
    }

    /// <summary>The date the relationships were filtered on; null when every relationship was taken.</summary>
    public DateOnly? AsOf { get; }

    public int NodeCount => _ids.Length;

    /// <summary>Edges of the undirected simple graph.</summary>
    public int EdgeCount => Targets.Length / 2;

    public int RelationshipCount => _relationshipIds.Length;

    /// <summary>
    /// Builds a snapshot from a subgraph. Relationships not valid on <paramref name="asOf"/> and relationships
    /// with an end outside the subgraph are left out.
    /// </summary>
    public static GraphSnapshot Build(Subgraph graph, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var nodes = graph.Nodes.OrderBy(n => n.Id, StringComparer.Ordinal).ToArray();
        var n = nodes.Length;
        var ids = new string[n];
        var kinds = new string[n];
        var properties = new IReadOnlyDictionary<string, JsonElement>[n];
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var kindNames = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            ids[i] = nodes[i].Id;
            // One string instance per kind, so kind comparisons on the hot path are cheap.
            kinds[i] = kindNames.TryGetValue(nodes[i].Kind, out var kind) ? kind : kindNames[nodes[i].Kind] = nodes[i].Kind;
            properties[i] = nodes[i].Properties;
            if (!index.TryAdd(ids[i], i)) throw new ArgumentException($"Node '{ids[i]}' appears twice.", nameof(graph));
        }

        var relationships = graph.Relationships
            .Where(r => r.IsValidOn(asOf) && index.ContainsKey(r.From) && index.ContainsKey(r.To))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToArray();
        var relCount = relationships.Length;
        var relIds = new string[relCount];
        var relTypes = new string[relCount];
        var relFrom = new int[relCount];
        var relTo = new int[relCount];
        var relValidFrom = new DateOnly?[relCount];
        var relValidUntil = new DateOnly?[relCount];
        var relProperties = new IReadOnlyDictionary<string, JsonElement>[relCount];
        var typeNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var pairs = new long[relCount];
        var pairCount = 0;
        var incidentCounts = new int[n + 1];
        for (var r = 0; r < relCount; r++)
        {
            var rel = relationships[r];
            relIds[r] = rel.Id;
            relTypes[r] = typeNames.TryGetValue(rel.Type, out var type) ? type : typeNames[rel.Type] = rel.Type;
            relFrom[r] = index[rel.From];
            relTo[r] = index[rel.To];
            relValidFrom[r] = rel.ValidFrom;
            relValidUntil[r] = rel.ValidUntil;
            relProperties[r] = rel.Properties;
            incidentCounts[relFrom[r]]++;
            if (relTo[r] != relFrom[r])
            {
                incidentCounts[relTo[r]]++;
                var (low, high) = relFrom[r] < relTo[r] ? (relFrom[r], relTo[r]) : (relTo[r], relFrom[r]);
                pairs[pairCount++] = ((long)low << 32) | (uint)high;
            }
        }

        // Undirected simple graph: sort the (low, high) pairs, drop duplicates, count degrees, fill both directions.
        Array.Sort(pairs, 0, pairCount);
        var unique = 0;
        for (var p = 0; p < pairCount; p++)
        {
            if (unique == 0 || pairs[p] != pairs[unique - 1]) pairs[unique++] = pairs[p];
        }
        var offsets = new int[n + 1];
        for (var p = 0; p < unique; p++)
        {
            offsets[(int)(pairs[p] >> 32) + 1]++;
            offsets[(int)(pairs[p] & 0xFFFFFFFF) + 1]++;
        }
        for (var v = 0; v < n; v++) offsets[v + 1] += offsets[v];
        var targets = new int[2 * unique];
        var fill = offsets[..n];
        for (var p = 0; p < unique; p++)
        {
            var low = (int)(pairs[p] >> 32);
            var high = (int)(pairs[p] & 0xFFFFFFFF);
            targets[fill[low]++] = high;
            targets[fill[high]++] = low;
        }
        // Pairs are sorted by (low, high), so each row's "higher" neighbours arrive in order but the "lower" ones
        // interleave; a per-row sort keeps every neighbour list ascending, which makes every traversal deterministic.
        for (var v = 0; v < n; v++) Array.Sort(targets, offsets[v], offsets[v + 1] - offsets[v]);

        var incidentOffsets = new int[n + 1];
        for (var v = 0; v < n; v++) incidentOffsets[v + 1] = incidentOffsets[v] + incidentCounts[v];
        var incident = new int[incidentOffsets[n]];
        var incidentFill = incidentOffsets[..n];
        for (var r = 0; r < relCount; r++)
        {
            incident[incidentFill[relFrom[r]]++] = r;
            if (relTo[r] != relFrom[r]) incident[incidentFill[relTo[r]]++] = r;
        }

        return new GraphSnapshot(asOf, ids, kinds, properties, index, offsets, targets,
            relIds, relTypes, relFrom, relTo, relValidFrom, relValidUntil, relProperties, incidentOffsets, incident);
    }

    public string IdOf(int node) => _ids[node];

    public string KindOf(int node) => _kinds[node];

    public bool IsKind(int node, string kind) => string.Equals(_kinds[node], kind, StringComparison.Ordinal);

    public IReadOnlyDictionary<string, JsonElement> PropertiesOf(int node) => _properties[node];

    public bool TryGetIndex(string id, out int node) => _index.TryGetValue(id, out node);

    public int IndexOf(string id) => _index.TryGetValue(id, out var node) ? node : -1;

    /// <summary>Neighbours in the undirected simple graph, ascending.</summary>
    public ReadOnlySpan<int> Neighbours(int node) => Targets.AsSpan(Offsets[node], Offsets[node + 1] - Offsets[node]);

    public int Degree(int node) => Offsets[node + 1] - Offsets[node];

    /// <summary>Indexes of the typed relationships touching a node, in relationship id order.</summary>
    public ReadOnlySpan<int> RelationshipsOf(int node) =>
        _incidentRelationships.AsSpan(_incidentOffsets[node], _incidentOffsets[node + 1] - _incidentOffsets[node]);

    public string RelationshipId(int relationship) => _relationshipIds[relationship];

    public string RelationshipType(int relationship) => _relationshipTypes[relationship];

    public int RelationshipFrom(int relationship) => _relationshipFrom[relationship];

    public int RelationshipTo(int relationship) => _relationshipTo[relationship];

    public DateOnly? RelationshipValidFrom(int relationship) => _relationshipValidFrom[relationship];

    public DateOnly? RelationshipValidUntil(int relationship) => _relationshipValidUntil[relationship];

    /// <summary>Whether a relationship holds at some point between two dates (inclusive); open ends hold forever.</summary>
    public bool RelationshipValidDuring(int relationship, DateOnly from, DateOnly until) =>
        (_relationshipValidFrom[relationship] is not { } f || f <= until) && (_relationshipValidUntil[relationship] is not { } u || from <= u);

    public IReadOnlyDictionary<string, JsonElement> RelationshipProperties(int relationship) => _relationshipProperties[relationship];

    /// <summary>Nodes at the other end of <paramref name="node"/>'s relationships of one type, in the given direction.</summary>
    public List<int> Related(int node, string type, Direction direction)
    {
        var result = new List<int>();
        foreach (var r in RelationshipsOf(node))
        {
            if (!string.Equals(_relationshipTypes[r], type, StringComparison.Ordinal)) continue;
            if (direction != Direction.Incoming && _relationshipFrom[r] == node) result.Add(_relationshipTo[r]);
            else if (direction != Direction.Outgoing && _relationshipTo[r] == node) result.Add(_relationshipFrom[r]);
        }
        return result;
    }

    /// <summary>The lowest-id relationship between two nodes, either direction; -1 when there is none.</summary>
    public int RelationshipBetween(int a, int b)
    {
        foreach (var r in RelationshipsOf(a))
        {
            if ((_relationshipFrom[r] == a && _relationshipTo[r] == b) || (_relationshipFrom[r] == b && _relationshipTo[r] == a)) return r;
        }
        return -1;
    }

    /// <summary>Nodes of one kind, ascending.</summary>
    public List<int> NodesOfKind(string kind)
    {
        var result = new List<int>();
        for (var v = 0; v < _kinds.Length; v++) if (IsKind(v, kind)) result.Add(v);
        return result;
    }

    /// <summary>The node's display name: its <c>name</c> or <c>title</c> property, else its id.</summary>
    public string NameOf(int node) => Text(node, "name") ?? Text(node, "title") ?? _ids[node];

    public string? Text(int node, string property) =>
        _properties[node].TryGetValue(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public int? Integer(int node, string property) =>
        _properties[node].TryGetValue(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;

    public bool? Boolean(int node, string property) =>
        _properties[node].TryGetValue(property, out var value) ? value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        } : null;

    public DateOnly? Date(int node, string property) =>
        GraphDates.TryParseDate(Text(node, property), out var date) ? date : null;

    /// <summary>
    /// The calendar date of a date-time property as written (its own offset, i.e. Brussels wall-clock time for
    /// meetings), or of a plain date.
    /// </summary>
    public DateOnly? DateOfDateTime(int node, string property)
    {
        var text = Text(node, property);
        if (GraphDates.TryParseDateTime(text, out var value)) return DateOnly.FromDateTime(value.DateTime);
        return text is { Length: >= 10 } && DateOnly.TryParseExact(text.AsSpan(0, 10), GraphDates.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;
    }
}

/// <summary>Which way a typed relationship is followed from a node.</summary>
public enum Direction { Outgoing, Incoming, Both }
