namespace Netwerk.Core.Analysis;

/// <summary>One shortest path: the node indexes from start to end and, per hop, the relationship it uses.</summary>
public sealed record GraphPath(int[] Nodes, int[] Relationships);

/// <summary>Shortest paths between two nodes of the undirected simple graph (every relationship counts one hop).</summary>
public static class ShortestPaths
{
    /// <summary>
    /// All shortest paths from <paramref name="from"/> to <paramref name="to"/>, at most <paramref name="limit"/>,
    /// in lexicographic order of node index. Each hop names the lowest-id relationship joining its two nodes.
    /// Empty when the nodes are not connected; one single-node path when they are the same node.
    /// </summary>
    public static IReadOnlyList<GraphPath> Between(GraphSnapshot graph, int from, int to, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegative(to);
        if (from == to) return [new GraphPath([from], [])];
        var n = graph.NodeCount;
        // Search from the target so that walking forward from the source along decreasing distance enumerates
        // paths in source-to-target order without reversing.
        var dist = new int[n];
        Array.Fill(dist, -1);
        var queue = new int[n];
        dist[to] = 0;
        queue[0] = to;
        int head = 0, tail = 1;
        while (head < tail && dist[from] < 0)
        {
            var v = queue[head++];
            foreach (var w in graph.Neighbours(v))
            {
                if (dist[w] >= 0) continue;
                dist[w] = dist[v] + 1;
                queue[tail++] = w;
            }
        }
        if (dist[from] < 0) return [];

        var length = dist[from];
        var paths = new List<GraphPath>();
        var current = new int[length + 1];
        var cursor = new int[length + 1];
        current[0] = from;
        var depth = 0;
        cursor[0] = graph.Offsets[from];
        // Depth-first enumeration over the shortest-path DAG, neighbours ascending.
        while (depth >= 0 && paths.Count < limit)
        {
            if (depth == length)
            {
                var relationships = new int[length];
                for (var i = 0; i < length; i++) relationships[i] = graph.RelationshipBetween(current[i], current[i + 1]);
                paths.Add(new GraphPath((int[])current.Clone(), relationships));
                depth--;
                continue;
            }
            var v = current[depth];
            var advanced = false;
            while (cursor[depth] < graph.Offsets[v + 1])
            {
                var w = graph.Targets[cursor[depth]++];
                if (dist[w] != length - depth - 1) continue;
                current[depth + 1] = w;
                depth++;
                cursor[depth] = graph.Offsets[w];
                advanced = true;
                break;
            }
            if (!advanced) depth--;
        }
        return paths;
    }
}
