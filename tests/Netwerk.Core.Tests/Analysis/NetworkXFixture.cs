using System.Text.Json;
using Netwerk.Core.Analysis;
using Netwerk.Core.Graph;

namespace Netwerk.Core.Tests.Analysis;

/// <summary>One graph and NetworkX's answers for it, as written by Fixtures/generate_fixtures.py.</summary>
public sealed record NetworkXFixture
{
    public required string Name { get; init; }
    public required string[] Nodes { get; init; }
    public required string[][] Edges { get; init; }
    public required Dictionary<string, int> Degree { get; init; }
    public required Dictionary<string, double> Betweenness { get; init; }
    public required Dictionary<string, double> Closeness { get; init; }
    public required Dictionary<string, double> Pagerank { get; init; }
    public required Dictionary<string, int> CoreNumber { get; init; }
    public required string[] ArticulationPoints { get; init; }
    public required string[][] Bridges { get; init; }
    public required string[][] Components { get; init; }
    public required FixturePartition[] Partitions { get; init; }
    /// <summary>Modularity of NetworkX's Louvain partition for seeds 0..29, ascending.</summary>
    public required double[] LouvainModularityOverSeeds { get; init; }

    public static readonly string[] Names = ["karate", "disconnected", "path", "star", "random", "bridges", "two-nodes"];

    public static TheoryData<string> All() => new(Names);

    public static NetworkXFixture Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "Fixtures", name + ".json");
        return JsonSerializer.Deserialize<NetworkXFixture>(File.ReadAllText(path), GraphJson.Options)!;
    }

    /// <summary>The fixture graph as a snapshot; edges alternate direction and some are doubled to prove they collapse.</summary>
    public GraphSnapshot Snapshot()
    {
        var builder = new GraphBuilder();
        foreach (var id in Nodes) builder.Node(id, "Organisation");
        for (var i = 0; i < Edges.Length; i++)
        {
            var (a, b) = i % 2 == 0 ? (Edges[i][0], Edges[i][1]) : (Edges[i][1], Edges[i][0]);
            builder.Rel("COLLABORATES_WITH", a, b);
            if (i % 5 == 0) builder.Rel("SUPPLIES", b, a);
        }
        if (Nodes.Length > 0) builder.Rel("PART_OF", Nodes[0], Nodes[0]);
        return GraphSnapshot.Build(builder.Build());
    }
}

public sealed record FixturePartition(string[][] Communities, double Modularity);
