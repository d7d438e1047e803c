using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Netwerk.Core.Analysis;

/// <summary>How betweenness is computed: exact Brandes up to a size, source-sampled above it.</summary>
public sealed record BetweennessOptions
{
    /// <summary>Graphs with at most this many nodes get exact betweenness (the default covers every region graph).</summary>
    public int ExactUpToNodeCount { get; init; } = 10_000;

    /// <summary>Number of sampled sources above <see cref="ExactUpToNodeCount"/>.</summary>
    public int SampleSources { get; init; } = 1_000;

    /// <summary>Seed of the source sample, so a sampled result is reproducible.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Threads used; the result does not depend on it (work is split into fixed partitions summed in order).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>Betweenness values and how they were obtained.</summary>
public sealed record BetweennessResult(double[] Values, bool Sampled, int Sources)
{
    /// <summary>
    /// For a sampled result, the additive error bound ε that holds for every node at once with probability
    /// 1 − <paramref name="failureProbability"/> (see <see cref="Centrality.SampledBetweennessErrorBound"/>); 0 when exact.
    /// </summary>
    public double ErrorBound(int nodeCount, double failureProbability = 0.05) =>
        Sampled ? Centrality.SampledBetweennessErrorBound(nodeCount, Sources, failureProbability) : 0;
}

/// <summary>
/// Centrality measures on the undirected simple graph of a <see cref="GraphSnapshot"/>, each equal to the
/// NetworkX function of the same name with default arguments (up to floating-point summation order).
/// </summary>
public static class Centrality
{
    // Fixed number of work partitions: each sums its sources into its own array and the partitions are added in
    // order, so results are bit-identical whatever the thread count or scheduling.
    private const int Partitions = 8;

    /// <summary>Number of neighbours (<c>G.degree</c>).</summary>
    public static int[] Degree(GraphSnapshot graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var degree = new int[graph.NodeCount];
        for (var v = 0; v < degree.Length; v++) degree[v] = graph.Offsets[v + 1] - graph.Offsets[v];
        return degree;
    }

    /// <summary>
    /// <c>networkx.betweenness_centrality(G, normalized=True)</c> for an undirected graph: Brandes' algorithm over
    /// every source, scaled by 1/((n−1)(n−2)). Above <see cref="BetweennessOptions.ExactUpToNodeCount"/> nodes,
    /// <see cref="BetweennessOptions.SampleSources"/> sources are drawn without replacement and the sum is scaled
    /// by n/k as NetworkX does with <c>k=</c>; the error bound is <see cref="SampledBetweennessErrorBound"/>.
    /// </summary>
    public static BetweennessResult Betweenness(GraphSnapshot graph, BetweennessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new BetweennessOptions();
        var n = graph.NodeCount;
        int[] sources;
        var sampled = n > options.ExactUpToNodeCount && options.SampleSources < n;
        if (sampled)
        {
            sources = new int[n];
            for (var i = 0; i < n; i++) sources[i] = i;
            var random = new Random(options.Seed);
            for (var i = 0; i < options.SampleSources; i++)
            {
                var j = random.Next(i, n);
                (sources[i], sources[j]) = (sources[j], sources[i]);
            }
            sources = sources[..options.SampleSources];
            Array.Sort(sources);
        }
        else
        {
            sources = new int[n];
            for (var i = 0; i < n; i++) sources[i] = i;
        }

        var values = BrandesSum(graph, sources, options.MaxDegreeOfParallelism, closeness: null);
        if (n > 2)
        {
            var scale = 1.0 / ((n - 1) * (double)(n - 2));
            if (sampled) scale = scale * n / sources.Length;
            for (var v = 0; v < n; v++) values[v] *= scale;
        }
        return new BetweennessResult(values, sampled, sources.Length);
    }

    /// <summary>
    /// Exact betweenness and closeness in one pass: the breadth-first searches Brandes needs give the distance
    /// sums closeness needs for free. Equal to <see cref="Betweenness"/> (exact) and <see cref="Closeness"/>.
    /// </summary>
    public static (double[] Betweenness, double[] Closeness) ExactBetweennessAndCloseness(GraphSnapshot graph, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var sources = new int[n];
        for (var i = 0; i < n; i++) sources[i] = i;
        var closeness = new double[n];
        var betweenness = BrandesSum(graph, sources, maxDegreeOfParallelism <= 0 ? Environment.ProcessorCount : maxDegreeOfParallelism, closeness);
        if (n > 2)
        {
            var scale = 1.0 / ((n - 1) * (double)(n - 2));
            for (var v = 0; v < n; v++) betweenness[v] *= scale;
        }
        return (betweenness, closeness);
    }

    /// <summary>
    /// Hoeffding bound for source-sampled normalised betweenness: each sampled source contributes a value in
    /// [0, n/(n−1)] whose mean is the exact betweenness, so with k sources every one of the n estimates is within
    /// ε = n/(n−1) · √(ln(2n/δ) / (2k)) of its exact value with probability at least 1 − δ (union bound over nodes).
    /// Conservative: real errors are usually an order of magnitude smaller.
    /// </summary>
    public static double SampledBetweennessErrorBound(int nodeCount, int sources, double failureProbability = 0.05)
    {
        if (nodeCount < 3 || sources <= 0) return 0;
        return nodeCount / (nodeCount - 1.0) * Math.Sqrt(Math.Log(2.0 * nodeCount / failureProbability) / (2.0 * sources));
    }

    /// <summary>
    /// Sum over sources of Brandes' dependencies (unscaled). When <paramref name="closeness"/> is given, the
    /// NetworkX closeness of each source is written into it as a by-product.
    /// </summary>
    private static double[] BrandesSum(GraphSnapshot graph, int[] sources, int maxDegreeOfParallelism, double[]? closeness)
    {
        var n = graph.NodeCount;
        var offsets = graph.Offsets;
        var targets = graph.Targets;
        var partitions = Math.Min(Partitions, Math.Max(1, sources.Length));
        var partial = new double[partitions][];
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxDegreeOfParallelism) }, part =>
        {
            var start = (int)((long)sources.Length * part / partitions);
            var end = (int)((long)sources.Length * (part + 1) / partitions);
            partial[part] = BrandesPartition(offsets, targets, n, sources.AsSpan(start, end - start), closeness);
        });
        var total = partial[0];
        for (var p = 1; p < partitions; p++)
        {
            var other = partial[p];
            for (var v = 0; v < n; v++) total[v] += other[v];
        }
        return total;
    }

    /// <summary>
    /// Brandes' two phases for a run of sources, summed into one array. This is the hot loop of the whole analysis:
    /// array reads go through <see cref="Unsafe.Add{T}(ref T, int)"/> because every index is in range by construction
    /// (offsets and targets come from <see cref="GraphSnapshot.Build"/>), and bounds checks cost about a third of the time.
    /// </summary>
    private static double[] BrandesPartition(int[] offsetArray, int[] targetArray, int n, ReadOnlySpan<int> sources, double[]? closeness)
    {
        var sum = new double[n];
        var sigmaArray = new double[n];
        var deltaArray = new double[n];
        var distArray = new int[n];
        var orderArray = new int[n];
        Array.Fill(distArray, -1);
        ref var offsets = ref MemoryMarshal.GetArrayDataReference(offsetArray);
        ref var targets = ref MemoryMarshal.GetArrayDataReference(targetArray);
        ref var sigma = ref MemoryMarshal.GetArrayDataReference(sigmaArray);
        ref var delta = ref MemoryMarshal.GetArrayDataReference(deltaArray);
        ref var dist = ref MemoryMarshal.GetArrayDataReference(distArray);
        ref var order = ref MemoryMarshal.GetArrayDataReference(orderArray);
        foreach (var s in sources)
        {
            // Breadth-first search; `order` doubles as the queue and, read backwards, as Brandes' stack.
            Unsafe.Add(ref sigma, s) = 1;
            Unsafe.Add(ref dist, s) = 0;
            order = s;
            int head = 0, tail = 1;
            long distanceSum = 0;
            while (head < tail)
            {
                var v = Unsafe.Add(ref order, head++);
                var dv = Unsafe.Add(ref dist, v);
                var next = dv + 1;
                distanceSum += dv;
                var sv = Unsafe.Add(ref sigma, v);
                var edgeEnd = Unsafe.Add(ref offsets, v + 1);
                for (var e = Unsafe.Add(ref offsets, v); e < edgeEnd; e++)
                {
                    var w = Unsafe.Add(ref targets, e);
                    ref var dw = ref Unsafe.Add(ref dist, w);
                    if (dw < 0)
                    {
                        dw = next;
                        Unsafe.Add(ref order, tail++) = w;
                    }
                    if (dw == next) Unsafe.Add(ref sigma, w) += sv;
                }
            }
            if (closeness is not null) closeness[s] = ClosenessValue(tail, distanceSum, n);
            // Dependencies, in order of non-increasing distance; predecessors are the neighbours one step closer.
            for (var i = tail - 1; i > 0; i--)
            {
                var w = Unsafe.Add(ref order, i);
                var coefficient = (1 + Unsafe.Add(ref delta, w)) / Unsafe.Add(ref sigma, w);
                var previous = Unsafe.Add(ref dist, w) - 1;
                var edgeEnd = Unsafe.Add(ref offsets, w + 1);
                for (var e = Unsafe.Add(ref offsets, w); e < edgeEnd; e++)
                {
                    var v = Unsafe.Add(ref targets, e);
                    if (Unsafe.Add(ref dist, v) == previous) Unsafe.Add(ref delta, v) += Unsafe.Add(ref sigma, v) * coefficient;
                }
                sum[w] += Unsafe.Add(ref delta, w);
            }
            for (var i = 0; i < tail; i++)
            {
                var v = Unsafe.Add(ref order, i);
                Unsafe.Add(ref sigma, v) = 0;
                Unsafe.Add(ref delta, v) = 0;
                Unsafe.Add(ref dist, v) = -1;
            }
        }
        return sum;
    }

    /// <summary>
    /// <c>networkx.closeness_centrality(G)</c> with the default Wasserman–Faust correction: for a node reaching r
    /// nodes (itself included) at total distance d, ((r−1)/d)·((r−1)/(n−1)); 0 for a node reaching nobody.
    /// </summary>
    public static double[] Closeness(GraphSnapshot graph, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        var offsets = graph.Offsets;
        var targets = graph.Targets;
        var closeness = new double[n];
        var partitions = Math.Min(Partitions, Math.Max(1, n));
        var parallelism = maxDegreeOfParallelism <= 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        // Each source writes only its own value, so the split cannot change the result.
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, part =>
        {
            var dist = new int[n];
            var queue = new int[n];
            Array.Fill(dist, -1);
            var end = (int)((long)n * (part + 1) / partitions);
            for (var s = (int)((long)n * part / partitions); s < end; s++)
            {
                dist[s] = 0;
                queue[0] = s;
                int head = 0, tail = 1;
                long distanceSum = 0;
                while (head < tail)
                {
                    var v = queue[head++];
                    var dv = dist[v];
                    distanceSum += dv;
                    for (var e = offsets[v]; e < offsets[v + 1]; e++)
                    {
                        var w = targets[e];
                        if (dist[w] >= 0) continue;
                        dist[w] = dv + 1;
                        queue[tail++] = w;
                    }
                }
                closeness[s] = ClosenessValue(tail, distanceSum, n);
                for (var i = 0; i < tail; i++) dist[queue[i]] = -1;
            }
        });
        return closeness;
    }

    // Same operations in the same order as NetworkX, so results agree to the last bits.
    private static double ClosenessValue(int reached, long distanceSum, int n)
    {
        if (distanceSum <= 0 || n <= 1) return 0;
        var value = (reached - 1.0) / distanceSum;
        return value * ((reached - 1.0) / (n - 1));
    }

    /// <summary>
    /// <c>networkx.pagerank(G, alpha)</c> on the undirected graph (each edge both ways, weight 1): power iteration from
    /// the uniform vector, uniform teleport, dangling (isolated) nodes' rank spread uniformly, stopping when the L1
    /// change is below n·<paramref name="tolerance"/>. NetworkX raises after <paramref name="maxIterations"/>
    /// without convergence; here the last iterate is returned with <see cref="PageRankResult.Converged"/> false.
    /// </summary>
    public static PageRankResult PageRank(GraphSnapshot graph, double alpha = 0.85, int maxIterations = 100, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.NodeCount;
        if (n == 0) return new PageRankResult([], true, 0);
        var offsets = graph.Offsets;
        var targets = graph.Targets;
        var inverseDegree = new double[n];
        for (var v = 0; v < n; v++)
        {
            var d = offsets[v + 1] - offsets[v];
            inverseDegree[v] = d == 0 ? 0 : 1.0 / d;
        }
        var x = new double[n];
        var next = new double[n];
        var share = new double[n];
        Array.Fill(x, 1.0 / n);
        var p = 1.0 / n;
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            var dangling = 0.0;
            for (var v = 0; v < n; v++)
            {
                share[v] = x[v] * inverseDegree[v];
                if (inverseDegree[v] == 0) dangling += x[v];
            }
            var error = 0.0;
            for (var v = 0; v < n; v++)
            {
                var incoming = 0.0;
                for (var e = offsets[v]; e < offsets[v + 1]; e++) incoming += share[targets[e]];
                next[v] = alpha * (incoming + dangling * p) + (1 - alpha) * p;
                error += Math.Abs(next[v] - x[v]);
            }
            (x, next) = (next, x);
            if (error < n * tolerance) return new PageRankResult(x, true, iteration);
        }
        return new PageRankResult(x, false, maxIterations);
    }
}

/// <summary>PageRank values, whether the power iteration converged within its limit, and after how many steps.</summary>
public sealed record PageRankResult(double[] Values, bool Converged, int Iterations);
