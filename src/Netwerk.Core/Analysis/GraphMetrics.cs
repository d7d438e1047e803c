namespace Netwerk.Core.Analysis;

/// <summary>What <see cref="GraphMetrics.Compute"/> computes and how.</summary>
public sealed record MetricsOptions
{
    public BetweennessOptions Betweenness { get; init; } = new();

    /// <summary>Seed of the Louvain node order.</summary>
    public int CommunitySeed { get; init; } = 42;

    /// <summary>Whether to compute closeness (one breadth-first search per node); free when betweenness is exact.</summary>
    public bool IncludeCloseness { get; init; } = true;
}

/// <summary>Every per-node metric and structural fact of one snapshot, indexed by node index.</summary>
public sealed record GraphMetrics
{
    public required int[] Degree { get; init; }
    public required BetweennessResult Betweenness { get; init; }
    /// <summary>Null when not asked for (<see cref="MetricsOptions.IncludeCloseness"/>).</summary>
    public required double[]? Closeness { get; init; }
    public required PageRankResult PageRank { get; init; }
    public required int[] CoreNumber { get; init; }
    public required ConnectivityResult Connectivity { get; init; }
    public required CommunityResult Communities { get; init; }

    /// <summary>All metrics of a snapshot; exact betweenness and closeness share their breadth-first searches.</summary>
    public static GraphMetrics Compute(GraphSnapshot graph, MetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new MetricsOptions();
        var exact = graph.NodeCount <= options.Betweenness.ExactUpToNodeCount;
        BetweennessResult betweenness;
        double[]? closeness = null;
        if (exact && options.IncludeCloseness)
        {
            var (b, c) = Centrality.ExactBetweennessAndCloseness(graph, options.Betweenness.MaxDegreeOfParallelism);
            betweenness = new BetweennessResult(b, false, graph.NodeCount);
            closeness = c;
        }
        else
        {
            betweenness = Centrality.Betweenness(graph, options.Betweenness);
            if (options.IncludeCloseness) closeness = Centrality.Closeness(graph, options.Betweenness.MaxDegreeOfParallelism);
        }
        return new GraphMetrics
        {
            Degree = Centrality.Degree(graph),
            Betweenness = betweenness,
            Closeness = closeness,
            PageRank = Centrality.PageRank(graph),
            CoreNumber = Analysis.Connectivity.CoreNumbers(graph),
            Connectivity = Analysis.Connectivity.Analyse(graph),
            Communities = Analysis.Communities.Louvain(graph, options.CommunitySeed),
        };
    }
}
