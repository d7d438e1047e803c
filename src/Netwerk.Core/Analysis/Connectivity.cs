namespace Netwerk.Core.Analysis;

/// <summary>
/// Connected components, articulation points and bridges of the undirected simple graph (NetworkX's
/// <c>connected_components</c>, <c>articulation_points</c>, <c>bridges</c>), plus for each articulation point how
/// many nodes its removal would cut off from the rest of its component.
/// </summary>
public sealed record ConnectivityResult
{
    /// <summary>Component number of each node; components are numbered by their lowest node index.</summary>
    public required int[] Component { get; init; }
    public required int[] ComponentSizes { get; init; }
    public int ComponentCount => ComponentSizes.Length;
    public required bool[] IsArticulationPoint { get; init; }

    /// <summary>
    /// For each node: the number of nodes that lose their connection to the largest remaining part of the
    /// component when the node is removed (0 for a node that is not an articulation point).
    /// </summary>
    public required int[] CutOffCount { get; init; }

    /// <summary>Bridges as (lower index, higher index), ascending.</summary>
    public required (int A, int B)[] Bridges { get; init; }

    /// <summary>For each bridge, the size of the smaller side once it is removed.</summary>
    public required int[] BridgeSmallerSide { get; init; }
}

/// <summary>Structural analysis of a <see cref="GraphSnapshot"/>: components, cut vertices and edges, k-cores.</summary>
public static class Connectivity
{
    /// <summary>Iterative Hopcroft–Tarjan depth-first search (no recursion, so deep paths cannot overflow the stack).</summary>
    public static ConnectivityResult Analyse(GraphSnapshot graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var offsets = graph.Offsets;
        var targets = graph.Targets;
        var component = new int[n];
        var discovery = new int[n];
        var low = new int[n];
        var parent = new int[n];
        var subtree = new int[n];
        var next = new int[n];
        var stack = new int[n];
        var isArticulation = new bool[n];
        // Sizes of the parts a node's removal creates below it in the DFS tree (children with low >= discovery).
        var separatedSum = new int[n];
        var separatedMax = new int[n];
        var rootChildren = new int[n];
        Array.Fill(discovery, -1);
        var sizes = new List<int>();
        var bridges = new List<(int, int)>();
        var bridgeSubtree = new List<int>();
        var bridgeComponent = new List<int>();
        var time = 0;
        for (var root = 0; root < n; root++)
        {
            if (discovery[root] >= 0) continue;
            var componentId = sizes.Count;
            var depth = 0;
            stack[depth++] = root;
            parent[root] = -1;
            discovery[root] = low[root] = time++;
            next[root] = offsets[root];
            subtree[root] = 1;
            component[root] = componentId;
            while (depth > 0)
            {
                var v = stack[depth - 1];
                if (next[v] < offsets[v + 1])
                {
                    var w = targets[next[v]++];
                    if (discovery[w] < 0)
                    {
                        parent[w] = v;
                        discovery[w] = low[w] = time++;
                        next[w] = offsets[w];
                        subtree[w] = 1;
                        component[w] = componentId;
                        stack[depth++] = w;
                    }
                    else if (w != parent[v] && discovery[w] < low[v])
                    {
                        low[v] = discovery[w];
                    }
                    continue;
                }
                depth--;
                var p = parent[v];
                if (p < 0) continue;
                subtree[p] += subtree[v];
                if (low[v] < low[p]) low[p] = low[v];
                if (low[v] >= discovery[p])
                {
                    separatedSum[p] += subtree[v];
                    separatedMax[p] = Math.Max(separatedMax[p], subtree[v]);
                    if (parent[p] >= 0) isArticulation[p] = true;
                    else rootChildren[p]++;
                }
                if (low[v] > discovery[p])
                {
                    bridges.Add(p < v ? (p, v) : (v, p));
                    bridgeSubtree.Add(subtree[v]);
                    bridgeComponent.Add(componentId);
                }
            }
            if (rootChildren[root] >= 2) isArticulation[root] = true;
            sizes.Add(subtree[root]);
        }

        var cutOff = new int[n];
        for (var v = 0; v < n; v++)
        {
            if (!isArticulation[v]) continue;
            // Parts after removing v: each separated child subtree, plus (unless v is a root) everything else.
            var rest = sizes[component[v]] - 1 - separatedSum[v];
            var largest = Math.Max(separatedMax[v], rest);
            cutOff[v] = sizes[component[v]] - 1 - largest;
        }
        var bridgeOrder = Enumerable.Range(0, bridges.Count).OrderBy(i => bridges[i]).ToArray();
        return new ConnectivityResult
        {
            Component = component,
            ComponentSizes = [.. sizes],
            IsArticulationPoint = isArticulation,
            CutOffCount = cutOff,
            Bridges = [.. bridgeOrder.Select(i => bridges[i])],
            BridgeSmallerSide = [.. bridgeOrder.Select(i => Math.Min(bridgeSubtree[i], sizes[bridgeComponent[i]] - bridgeSubtree[i]))],
        };
    }

    /// <summary>
    /// <c>networkx.core_number(G)</c>: the largest k such that the node belongs to the k-core, by Batagelj and
    /// Zaveršnik's O(m) bucket algorithm.
    /// </summary>
    public static int[] CoreNumbers(GraphSnapshot graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var offsets = graph.Offsets;
        var targets = graph.Targets;
        var degree = new int[n];
        var maxDegree = 0;
        for (var v = 0; v < n; v++)
        {
            degree[v] = offsets[v + 1] - offsets[v];
            maxDegree = Math.Max(maxDegree, degree[v]);
        }
        var bin = new int[maxDegree + 1];
        foreach (var d in degree) bin[d]++;
        var start = 0;
        for (var d = 0; d <= maxDegree; d++)
        {
            var count = bin[d];
            bin[d] = start;
            start += count;
        }
        var position = new int[n];
        var vertices = new int[n];
        for (var v = 0; v < n; v++)
        {
            position[v] = bin[degree[v]]++;
            vertices[position[v]] = v;
        }
        for (var d = maxDegree; d > 0; d--) bin[d] = bin[d - 1];
        if (maxDegree >= 0 && n > 0) bin[0] = 0;
        for (var i = 0; i < n; i++)
        {
            var v = vertices[i];
            for (var e = offsets[v]; e < offsets[v + 1]; e++)
            {
                var u = targets[e];
                if (degree[u] <= degree[v]) continue;
                var du = degree[u];
                var pu = position[u];
                var pw = bin[du];
                var w = vertices[pw];
                if (u != w)
                {
                    position[u] = pw;
                    vertices[pu] = w;
                    position[w] = pu;
                    vertices[pw] = u;
                }
                bin[du]++;
                degree[u]--;
            }
        }
        return degree;
    }
}
