namespace Netwerk.Core.Analysis;

/// <summary>A partition of the nodes into communities and its modularity.</summary>
/// <param name="Community">Community number of each node; communities are numbered by their lowest node index.</param>
/// <param name="Count">Number of communities.</param>
/// <param name="Modularity">Newman's modularity of this partition, equal to <c>networkx.community.modularity</c>.</param>
public sealed record CommunityResult(int[] Community, int Count, double Modularity);

/// <summary>
/// Community detection by modularity optimisation (Louvain, Blondel et al. 2008) on the undirected simple graph,
/// deterministic for a seed, and the modularity of any partition.
/// </summary>
public static class Communities
{
    /// <summary>
    /// Louvain as NetworkX's <c>louvain_communities</c> does it: nodes visited in a seeded random order, each moved to
    /// the neighbouring community with the largest strictly positive modularity gain until no move helps, then
    /// communities are merged into nodes and the process repeats until a level gains no more than
    /// <paramref name="threshold"/>. The partition may differ from NetworkX's (different random streams); its
    /// <see cref="CommunityResult.Modularity"/> is computed on the original graph by <see cref="Modularity"/>.
    /// </summary>
    public static CommunityResult Louvain(GraphSnapshot graph, int seed = 42, double resolution = 1.0, double threshold = 1e-7)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var membership = new int[n];
        for (var v = 0; v < n; v++) membership[v] = v;
        if (graph.EdgeCount == 0) return Finish(graph, membership, resolution);

        // The working graph is weighted with self-loops once communities are merged: CSR with weights and a
        // per-node self-loop weight (counted once in the loop, twice in the node's strength as NetworkX does).
        var offsets = (int[])graph.Offsets.Clone();
        var targets = (int[])graph.Targets.Clone();
        var weights = new double[targets.Length];
        Array.Fill(weights, 1.0);
        var selfLoops = new double[n];
        var m = graph.EdgeCount;
        var random = new Random(seed);
        var modularity = LevelModularity(offsets, targets, weights, selfLoops, Identity(n), m, resolution);

        while (true)
        {
            var size = selfLoops.Length;
            var community = Identity(size);
            var moved = OneLevel(offsets, targets, weights, selfLoops, community, m, resolution, random);
            if (!moved) break;
            var newModularity = LevelModularity(offsets, targets, weights, selfLoops, community, m, resolution);
            var count = Renumber(community);
            for (var v = 0; v < n; v++) membership[v] = community[membership[v]];
            if (newModularity - modularity <= threshold) break;
            modularity = newModularity;
            (offsets, targets, weights, selfLoops) = Aggregate(offsets, targets, weights, selfLoops, community, count);
        }
        return Finish(graph, membership, resolution);
    }

    /// <summary>
    /// Newman's modularity of a partition of the undirected simple graph, exactly as
    /// <c>networkx.algorithms.community.modularity(G, communities, resolution)</c>: Σ_c L_c/m − γ·(d_c/2m)², with L_c the
    /// edges inside c and d_c the sum of its degrees. 0 for a graph without edges (where NetworkX divides by zero).
    /// </summary>
    public static double Modularity(GraphSnapshot graph, ReadOnlySpan<int> community, double resolution = 1.0)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        if (community.Length != n) throw new ArgumentException("One community number per node is needed.", nameof(community));
        var m = (double)graph.EdgeCount;
        if (m == 0) return 0;
        var count = 0;
        foreach (var c in community) count = Math.Max(count, c + 1);
        var inside = new long[count];
        var degreeSum = new long[count];
        for (var v = 0; v < n; v++)
        {
            var c = community[v];
            degreeSum[c] += graph.Offsets[v + 1] - graph.Offsets[v];
            foreach (var w in graph.Neighbours(v))
            {
                if (w > v && community[w] == c) inside[c]++;
            }
        }
        var norm = 1.0 / ((2 * m) * (2 * m));
        var q = 0.0;
        for (var c = 0; c < count; c++)
        {
            q += inside[c] / m - resolution * degreeSum[c] * (double)degreeSum[c] * norm;
        }
        return q;
    }

    private static CommunityResult Finish(GraphSnapshot graph, int[] membership, double resolution)
    {
        var count = Renumber(membership);
        return new CommunityResult(membership, count, Modularity(graph, membership, resolution));
    }

    private static int[] Identity(int size)
    {
        var result = new int[size];
        for (var i = 0; i < size; i++) result[i] = i;
        return result;
    }

    /// <summary>Renumbers communities 0..k−1 in order of first appearance (lowest member index); returns k.</summary>
    private static int Renumber(int[] community)
    {
        var map = new int[community.Length];
        Array.Fill(map, -1);
        var count = 0;
        for (var v = 0; v < community.Length; v++)
        {
            var c = community[v];
            if (map[c] < 0) map[c] = count++;
            community[v] = map[c];
        }
        return count;
    }

    private static double Strength(int[] offsets, double[] weights, double[] selfLoops, int v)
    {
        var s = 2 * selfLoops[v];
        for (var e = offsets[v]; e < offsets[v + 1]; e++) s += weights[e];
        return s;
    }

    /// <summary>One Louvain pass: local moves until a full sweep moves nobody. Returns whether any node moved.</summary>
    private static bool OneLevel(int[] offsets, int[] targets, double[] weights, double[] selfLoops, int[] community, double m, double resolution, Random random)
    {
        var size = selfLoops.Length;
        var strength = new double[size];
        var total = new double[size];
        for (var v = 0; v < size; v++) total[v] = strength[v] = Strength(offsets, weights, selfLoops, v);
        var order = Identity(size);
        random.Shuffle(order);
        var neighbourWeight = new double[size];
        var touched = new int[size];
        Array.Fill(neighbourWeight, -1);
        var anyMove = false;
        var improvement = true;
        while (improvement)
        {
            improvement = false;
            foreach (var u in order)
            {
                var degree = strength[u];
                var own = community[u];
                var touchedCount = 0;
                neighbourWeight[own] = 0;
                touched[touchedCount++] = own;
                for (var e = offsets[u]; e < offsets[u + 1]; e++)
                {
                    var c = community[targets[e]];
                    if (neighbourWeight[c] < 0)
                    {
                        neighbourWeight[c] = 0;
                        touched[touchedCount++] = c;
                    }
                    neighbourWeight[c] += weights[e];
                }
                total[own] -= degree;
                // Gains in units of 1/(2m²): 2m·k_in − γ·Σtot·k, relative to staying. With integer weights and γ = 1 these
                // are exact integers, so a tie is a tie; a move must beat staying by more than rounding could explain.
                // Counting a rounding error as a gain lets two tied communities trade a node back and forth for ever.
                var stay = 2 * m * neighbourWeight[own] - resolution * total[own] * degree;
                var tolerance = 1e-10 * Math.Max(1.0, Math.Abs(stay) + 2 * m * degree);
                var bestGain = tolerance;
                var best = own;
                for (var i = 0; i < touchedCount; i++)
                {
                    var c = touched[i];
                    var gain = 2 * m * neighbourWeight[c] - resolution * total[c] * degree - stay;
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        best = c;
                    }
                }
                total[best] += degree;
                if (best != own)
                {
                    community[u] = best;
                    improvement = true;
                    anyMove = true;
                }
                for (var i = 0; i < touchedCount; i++) neighbourWeight[touched[i]] = -1;
            }
        }
        return anyMove;
    }

    private static double LevelModularity(int[] offsets, int[] targets, double[] weights, double[] selfLoops, int[] community, double m, double resolution)
    {
        var size = selfLoops.Length;
        var inside = new double[size];
        var degreeSum = new double[size];
        for (var v = 0; v < size; v++)
        {
            var c = community[v];
            degreeSum[c] += Strength(offsets, weights, selfLoops, v);
            inside[c] += selfLoops[v];
            for (var e = offsets[v]; e < offsets[v + 1]; e++)
            {
                if (targets[e] > v && community[targets[e]] == c) inside[c] += weights[e];
            }
        }
        var q = 0.0;
        for (var c = 0; c < size; c++) q += inside[c] / m - resolution * degreeSum[c] * degreeSum[c] / (4 * m * m);
        return q;
    }

    /// <summary>Merges each community into one node: internal edges become a self-loop, parallel edges one weighted edge.</summary>
    private static (int[] Offsets, int[] Targets, double[] Weights, double[] SelfLoops) Aggregate(
        int[] offsets, int[] targets, double[] weights, double[] selfLoops, int[] community, int count)
    {
        var newSelf = new double[count];
        var edges = new Dictionary<long, double>();
        for (var v = 0; v < selfLoops.Length; v++)
        {
            var cv = community[v];
            newSelf[cv] += selfLoops[v];
            for (var e = offsets[v]; e < offsets[v + 1]; e++)
            {
                var w = targets[e];
                if (w < v) continue;
                var cw = community[w];
                if (cv == cw)
                {
                    newSelf[cv] += weights[e];
                    continue;
                }
                var key = cv < cw ? ((long)cv << 32) | (uint)cw : ((long)cw << 32) | (uint)cv;
                edges[key] = edges.GetValueOrDefault(key) + weights[e];
            }
        }
        var keys = edges.Keys.ToArray();
        Array.Sort(keys);
        var newOffsets = new int[count + 1];
        foreach (var key in keys)
        {
            newOffsets[(int)(key >> 32) + 1]++;
            newOffsets[(int)(key & 0xFFFFFFFF) + 1]++;
        }
        for (var c = 0; c < count; c++) newOffsets[c + 1] += newOffsets[c];
        var newTargets = new int[newOffsets[count]];
        var newWeights = new double[newOffsets[count]];
        var fill = newOffsets[..count];
        foreach (var key in keys)
        {
            var a = (int)(key >> 32);
            var b = (int)(key & 0xFFFFFFFF);
            var w = edges[key];
            newTargets[fill[a]] = b;
            newWeights[fill[a]++] = w;
            newTargets[fill[b]] = a;
            newWeights[fill[b]++] = w;
        }
        return (newOffsets, newTargets, newWeights, newSelf);
    }
}
