namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>
/// Runs every blind-spot detector of DESIGN.md §3 over a snapshot for a reference date. Pure: the same snapshot,
/// options, date and region give the same findings with the same ids, in the same order (most severe first).
/// </summary>
public sealed class BlindSpotFinder(BlindSpotOptions? options = null)
{
    private static readonly Dictionary<string, int> KindOrder = BlindSpotKinds.All.Select((kind, i) => (kind, i)).ToDictionary(x => x.kind, x => x.i);

    public BlindSpotOptions Options { get; } = options ?? new BlindSpotOptions();

    /// <param name="graph">The region's (or whole) graph as of <paramref name="asOf"/>.</param>
    /// <param name="asOf">The reference date: windows end here, later meetings do not count.</param>
    /// <param name="regionId">The region whose municipalities must be covered; null for every municipality.</param>
    /// <param name="metrics">Metrics of <paramref name="graph"/> when already computed; computed here otherwise.</param>
    public BlindSpotReport Find(GraphSnapshot graph, DateOnly asOf, string? regionId = null, GraphMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        metrics ??= GraphMetrics.Compute(graph, Options.Metrics);
        var activity = new NetworkActivity(graph, asOf, regionId, Options);
        var findings = NeedDetector.Find(activity)
            .Concat(CoverageDetector.Find(activity))
            .Concat(SectorGapDetector.Find(activity))
            .Concat(ActorDetector.Find(activity))
            .Concat(StructureDetector.ArticulationPoints(activity, metrics))
            .Concat(RelianceDetector.Find(activity, metrics))
            .Concat(DormancyDetector.DormantMembers(activity))
            .Concat(DormancyDetector.PlatformsBehindCadence(activity))
            .Concat(AgreementDetector.Expiring(activity))
            .Concat(AgreementDetector.WithoutFollowUp(activity))
            .Concat(StructureDetector.Silos(activity, metrics))
            .GroupBy(f => f.Id).Select(g => g.First())
            .OrderBy(f => f.Severity)
            .ThenBy(f => KindOrder[f.Kind])
            .ThenBy(f => f.Title.Nl, StringComparer.Ordinal)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();
        return new BlindSpotReport(asOf, regionId, findings);
    }
}
