using System.Diagnostics;
using System.Globalization;
using Netwerk.Benchmarks;
using Netwerk.Core.Analysis;
using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Graph;
using Netwerk.Core.Reports;

// Usage:
//   dotnet run --project tests/Netwerk.Benchmarks -c Release                      Flanders-scale timings
//   dotnet run --project tests/Netwerk.Benchmarks -c Release -- annual            annual report (jaarverslag) build timings
//   dotnet run --project tests/Netwerk.Benchmarks -c Release -- planning          slot finder and speed-date timings
//   dotnet run --project tests/Netwerk.Benchmarks -c Release -- invitations       1,000 invitations composed and sent to maildev
//   dotnet run --project tests/Netwerk.Benchmarks -c Release -- feeds             a platform's calendar feed (2-year weekly series + 50 meetings)
//   dotnet run --project tests/Netwerk.Benchmarks -c Release -- export            GEXF and GraphML writers: demo, 5k/20k and Flanders-scale graphs
//   dotnet run --project tests/Netwerk.Benchmarks -c Release -- betweenness FILE  exact betweenness of an edge list
//                                                   (one "u v" pair per line; writes FILE.csharp.txt with "node value")
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length >= 2 && args[0] == "betweenness") return Betweenness(args[1]);
if (args.Length >= 1 && args[0] == "planning") return PlanningBench.Run();
if (args.Length >= 1 && args[0] == "invitations") return await InvitationBench.Run();
if (args.Length >= 1 && args[0] == "feeds") return await FeedBench.Run();
if (args.Length >= 1 && args[0] == "export") return await ExportBench.Run();
if (args.Length >= 1 && args[0] == "scale") return await ScaleBench.Run(args.Skip(1).ToArray());
if (args.Length >= 1 && args[0] == "report") return Flanders(2023, reportOnly: true);
if (args.Length >= 1 && args[0] == "annual") return Annual(2023);
return Flanders(args.Length > 0 && int.TryParse(args[0], out var seed) ? seed : 2023, reportOnly: false);

static int Flanders(int seed, bool reportOnly)
{
    Console.WriteLine($"Netwerk analysis benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, seed {seed}");
    var clock = Stopwatch.StartNew();
    var network = new FlandersNetwork(seed);
    Console.WriteLine($"generated           {network.Graph.Nodes.Count,8:N0} nodes {network.Graph.Relationships.Count,9:N0} relationships  {clock.Elapsed.TotalMilliseconds,8:F0} ms");
    var asOf = new DateOnly(2023, 12, 31);

    // Warm-up on a small graph so the figures below are steady-state, not JIT time.
    var warm = GraphSnapshot.Build(new FlandersNetwork(seed, regions: 2, scale: 0.5).Graph, asOf);
    GraphMetrics.Compute(warm);
    new BlindSpotFinder().Find(warm, asOf);

    var snapshot = Time("snapshot build", () => GraphSnapshot.Build(network.Graph, asOf));
    Console.WriteLine($"  snapshot: {snapshot.NodeCount:N0} nodes, {snapshot.EdgeCount:N0} undirected edges, {snapshot.RelationshipCount:N0} relationships");
    if (!reportOnly) AllMetrics(snapshot);
    var finder = new BlindSpotFinder();
    var reportMetrics = Time("metrics the report needs (sampled betweenness etc.)", () => GraphMetrics.Compute(snapshot, finder.Options.Metrics));
    Time("blind-spot detectors only", () => finder.Find(snapshot, asOf, metrics: reportMetrics));
    var report = Time("blind-spot report (whole graph, metrics included)", () => new BlindSpotFinder().Find(snapshot, asOf));
    Console.WriteLine($"  {report.Findings.Count} findings: " + string.Join(", ", report.Findings.GroupBy(f => f.Kind).Select(g => $"{g.Key} {g.Count()}")));
    var total = Stopwatch.StartNew();
    var fresh = GraphSnapshot.Build(network.Graph, asOf);
    new BlindSpotFinder().Find(fresh, asOf);
    Console.WriteLine($"{"snapshot + blind-spot report",-52} {total.Elapsed.TotalMilliseconds,8:F0} ms");
    if (reportOnly) return 0;

    // A regisseur works on one region: snapshot, metrics (exact) and report of each region's share.
    var regionTimes = new List<double>();
    var ids = network.RegionMembers.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value.ToHashSet()).ToList();
    foreach (var members in ids)
    {
        var sub = new Subgraph(network.Graph.Nodes.Where(n => members.Contains(n.Id)).ToList(),
            network.Graph.Relationships.Where(r => members.Contains(r.From) && members.Contains(r.To)).ToList());
        var watch = Stopwatch.StartNew();
        var regionSnapshot = GraphSnapshot.Build(sub, asOf);
        var metrics = GraphMetrics.Compute(regionSnapshot);
        new BlindSpotFinder().Find(regionSnapshot, asOf, sub.Nodes.First(n => n.Kind == "Region").Id, metrics);
        regionTimes.Add(watch.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"{"per region: snapshot + all metrics + report",-52} {regionTimes.Average(),8:F0} ms mean, {regionTimes.Max():F0} ms max ({ids.Average(m => m.Count):F0} nodes mean)");
    return 0;
}

// The annual report on a Flanders-scale graph: the whole graph at once (a provincial view) and each region's share,
// from a snapshot without "as of" date (relationships judged per meeting day), blind spots given as computed elsewhere.
static int Annual(int seed)
{
    Console.WriteLine($"Netwerk annual report benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, seed {seed}");
    var network = new FlandersNetwork(seed);
    var today = new DateOnly(2024, 3, 1);
    var builder = new AnnualReportBuilder();
    var warm = GraphSnapshot.Build(new FlandersNetwork(seed, regions: 2, scale: 0.5).Graph);
    builder.Build(warm, 2023, today);
    var snapshot = Time("snapshot build (all dates)", () => GraphSnapshot.Build(network.Graph));
    Console.WriteLine($"  snapshot: {snapshot.NodeCount:N0} nodes, {snapshot.RelationshipCount:N0} relationships");
    var whole = Time("annual report, whole graph", () => builder.Build(snapshot, 2023, today));
    Console.WriteLine($"  {whole.Totals.MeetingsHeld:N0} meetings held, {whole.Totals.Attendance:N0} attendance, {whole.Totals.Organisations:N0} organisations, "
        + $"{whole.Priorities.Sum(p => p.Platforms.Count):N0} platform rows");
    var times = new List<double>();
    foreach (var (region, members) in network.RegionMembers.OrderBy(r => r.Key, StringComparer.Ordinal))
    {
        var set = members.ToHashSet();
        var sub = new Subgraph(network.Graph.Nodes.Where(n => set.Contains(n.Id)).ToList(),
            network.Graph.Relationships.Where(r => set.Contains(r.From) && set.Contains(r.To)).ToList());
        var watch = Stopwatch.StartNew();
        builder.Build(GraphSnapshot.Build(sub), 2023, today, region);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"{"per region: snapshot + annual report",-52} {times.Average(),8:F1} ms mean, {times.Max():F1} ms max ({times.Count} regions)");
    return 0;
}

static void AllMetrics(GraphSnapshot snapshot)
{
    Time("degree", () => Centrality.Degree(snapshot));
    var sampled = Time("betweenness sampled", () => Centrality.Betweenness(snapshot, new BetweennessOptions()));
    Console.WriteLine($"  {sampled.Sources} sources, Hoeffding bound ε = {sampled.ErrorBound(snapshot.NodeCount):F3} (δ = 0.05)");
    var exact = Time("betweenness exact", () => Centrality.Betweenness(snapshot, new BetweennessOptions { ExactUpToNodeCount = int.MaxValue }));
    var maxError = Enumerable.Range(0, snapshot.NodeCount).Max(v => Math.Abs(exact.Values[v] - sampled.Values[v]));
    Console.WriteLine($"  sampled vs exact: max |error| = {maxError:E2}, max exact value = {exact.Values.Max():F4}");
    Time("closeness", () => Centrality.Closeness(snapshot));
    Time("betweenness+closeness exact", () => Centrality.ExactBetweennessAndCloseness(snapshot));
    var pagerank = Time("pagerank", () => Centrality.PageRank(snapshot));
    Console.WriteLine($"  {pagerank.Iterations} iterations, converged {pagerank.Converged}");
    Time("core number", () => Connectivity.CoreNumbers(snapshot));
    var connectivity = Time("components, cut vertices, bridges", () => Connectivity.Analyse(snapshot));
    Console.WriteLine($"  {connectivity.ComponentCount} components, {connectivity.IsArticulationPoint.Count(x => x)} articulation points, {connectivity.Bridges.Length} bridges");
    var communities = Time("louvain", () => Communities.Louvain(snapshot));
    Console.WriteLine($"  {communities.Count} communities, modularity {communities.Modularity:F4}");
    Time("all metrics (default options)", () => GraphMetrics.Compute(snapshot));
}

static int Betweenness(string file)
{
    var lines = File.ReadAllLines(file).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
    var names = lines.SelectMany(l => l).Distinct().ToList();
    var stamp = DateTimeOffset.UnixEpoch;
    var empty = new Dictionary<string, System.Text.Json.JsonElement>();
    var graph = new Subgraph(
        names.Select(n => new Node { Id = n, Kind = "Person", Properties = empty, Version = 1, CreatedAt = stamp, UpdatedAt = stamp }).ToList(),
        lines.Select((l, i) => new Relationship { Id = $"r{i}", Type = "COLLABORATES_WITH", From = l[0], To = l[1], Properties = empty, Version = 1, CreatedAt = stamp, UpdatedAt = stamp }).ToList());
    var snapshot = GraphSnapshot.Build(graph);
    var options = new BetweennessOptions { ExactUpToNodeCount = int.MaxValue };
    Centrality.Betweenness(GraphSnapshot.Build(new Subgraph(graph.Nodes.Take(200).ToList(), graph.Relationships.Take(400).ToList())), options); // JIT warm-up
    var best = double.MaxValue;
    var bestSingle = double.MaxValue;
    BetweennessResult? result = null;
    for (var run = 0; run < 3; run++)
    {
        var watch = Stopwatch.StartNew();
        result = Centrality.Betweenness(snapshot, options);
        best = Math.Min(best, watch.Elapsed.TotalSeconds);
        watch.Restart();
        Centrality.Betweenness(snapshot, options with { MaxDegreeOfParallelism = 1 });
        bestSingle = Math.Min(bestSingle, watch.Elapsed.TotalSeconds);
    }
    File.WriteAllLines(file + ".csharp.txt", Enumerable.Range(0, snapshot.NodeCount).Select(v => $"{snapshot.IdOf(v)} {result!.Values[v]:R}"));
    Console.WriteLine($"nodes={snapshot.NodeCount} edges={snapshot.EdgeCount}");
    Console.WriteLine($"csharp_seconds={best:F4}");
    Console.WriteLine($"csharp_single_thread_seconds={bestSingle:F4}");
    return 0;
}

static T Time<T>(string what, Func<T> action)
{
    var watch = Stopwatch.StartNew();
    var result = action();
    Console.WriteLine($"{what,-52} {watch.Elapsed.TotalMilliseconds,8:F0} ms");
    return result;
}
