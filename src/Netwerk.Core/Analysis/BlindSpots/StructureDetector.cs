namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>
/// articulation-point (DESIGN.md §3.4) and silo (§3.8), read off the graph's structure: actors whose removal cuts a
/// part of the network off (with the bridges they hold), and modularity communities with few ties to the rest.
/// </summary>
internal static class StructureDetector
{
    private const int MaxEvidenceNodes = 100;

    public static IEnumerable<BlindSpotFinding> ArticulationPoints(NetworkActivity a, GraphMetrics metrics)
    {
        var g = a.Graph;
        var c = metrics.Connectivity;
        var bridgesByNode = new Dictionary<int, List<int>>();
        for (var i = 0; i < c.Bridges.Length; i++)
        {
            if (c.BridgeSmallerSide[i] < a.Options.ArticulationMinimumCutOff) continue;
            var (x, y) = c.Bridges[i];
            (bridgesByNode.TryGetValue(x, out var lx) ? lx : bridgesByNode[x] = []).Add(y);
            (bridgesByNode.TryGetValue(y, out var ly) ? ly : bridgesByNode[y] = []).Add(x);
        }
        for (var v = 0; v < g.NodeCount; v++)
        {
            if (!c.IsArticulationPoint[v] || c.CutOffCount[v] < a.Options.ArticulationMinimumCutOff) continue;
            if (!a.Options.ArticulationKinds.Contains(g.KindOf(v))) continue;
            var cutOff = CutOffNodes(g, v);
            var actors = cutOff.Where(x => g.IsKind(x, Vocabulary.Organisation) || g.IsKind(x, Vocabulary.Person) || g.IsKind(x, Vocabulary.Platform)).ToList();
            var share = c.CutOffCount[v] / (double)Math.Max(1, c.ComponentSizes[c.Component[v]] - 1);
            var name = a.Name(v);
            var named = a.Names(actors.Count > 0 ? actors : cutOff, 3);
            yield return new BlindSpotFinding
            {
                Id = BlindSpotFinding.StableId(BlindSpotKinds.ArticulationPoint, a.Id(v)),
                Kind = BlindSpotKinds.ArticulationPoint,
                Severity = share >= a.Options.ArticulationHighShare ? Severity.High : Severity.Medium,
                Title = new($"{name} is een scharnierpunt in het netwerk", $"{name} is a single point of failure"),
                Explanation = new(
                    $"Zonder {name} raken {c.CutOffCount[v]} knopen los van de rest van het netwerk, onder wie {named.Nl}. Er is geen andere verbinding naar hen.",
                    $"Without {name}, {c.CutOffCount[v]} nodes lose their connection to the rest of the network, including {named.En}. There is no other route to them."),
                Suggestion = new(
                    $"Leg een tweede verbinding: breng {named.Nl} rechtstreeks in contact met andere partners, bv. via een gezamenlijk overleg of een meet & greet.",
                    $"Add a second tie: connect {named.En} directly with other partners, e.g. through a joint meeting or a meet & greet."),
                Evidence = BlindSpotEvidence.Of(
                    new[] { v }.Concat(cutOff.Take(MaxEvidenceNodes)).Select(a.Id),
                    bridgesByNode.GetValueOrDefault(v, []).Order().Select(w => (IReadOnlyList<string>)[a.Id(v), a.Id(w)])),
            };
        }
    }

    /// <summary>The nodes cut off from the largest remaining part when <paramref name="v"/> is removed.</summary>
    private static List<int> CutOffNodes(GraphSnapshot g, int v)
    {
        var part = new int[g.NodeCount];
        Array.Fill(part, -1);
        part[v] = int.MaxValue;
        var parts = new List<List<int>>();
        foreach (var start in g.Neighbours(v))
        {
            if (part[start] >= 0) continue;
            var members = new List<int> { start };
            part[start] = parts.Count;
            for (var i = 0; i < members.Count; i++)
            {
                foreach (var w in g.Neighbours(members[i]))
                {
                    if (part[w] >= 0) continue;
                    part[w] = parts.Count;
                    members.Add(w);
                }
            }
            parts.Add(members);
        }
        var largest = parts.OrderByDescending(p => p.Count).ThenBy(p => p.Min()).First();
        return [.. parts.Where(p => p != largest).SelectMany(p => p).Order()];
    }

    public static IEnumerable<BlindSpotFinding> Silos(NetworkActivity a, GraphMetrics metrics)
    {
        var g = a.Graph;
        var community = metrics.Communities.Community;
        var members = new List<int>[metrics.Communities.Count];
        for (var i = 0; i < members.Length; i++) members[i] = [];
        for (var v = 0; v < g.NodeCount; v++) members[community[v]].Add(v);
        foreach (var group in members)
        {
            if (group.Count < a.Options.SiloMinimumSize || group.Count == g.NodeCount) continue;
            var id = community[group[0]];
            long volume = 0;
            var external = new List<(int, int)>();
            foreach (var v in group)
            {
                volume += g.Degree(v);
                foreach (var w in g.Neighbours(v)) if (community[w] != id) external.Add((v, w));
            }
            if (volume == 0) continue;
            var share = external.Count / (double)volume;
            if (share > a.Options.SiloMaximumExternalShare) continue;
            // The community is named after its best-connected actors, which is how a regisseur would recognise it.
            var hubs = group.OrderByDescending(g.Degree).ThenBy(v => v).ToList();
            var anchor = hubs[0];
            var actors = hubs.Where(v => g.IsKind(v, Vocabulary.Organisation) || g.IsKind(v, Vocabulary.Platform)).Take(3).ToList();
            var named = a.Names(actors.Count > 0 ? actors : hubs.Take(3), 3);
            var percent = (share * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            yield return new BlindSpotFinding
            {
                Id = BlindSpotFinding.StableId(BlindSpotKinds.Silo, a.Id(anchor)),
                Kind = BlindSpotKinds.Silo,
                Severity = external.Count <= 1 ? Severity.High : Severity.Medium,
                Title = new($"Silo rond {a.Name(anchor)}", $"Silo around {a.Name(anchor)}"),
                Explanation = new(
                    $"Een groep van {group.Count} knopen rond {named.Nl} heeft amper banden met de rest van het netwerk: {external.Count} van haar {volume} banden ({percent}%) gaan naar buiten.",
                    $"A group of {group.Count} nodes around {named.En} barely connects to the rest of the network: {external.Count} of its {volume} ties ({percent}%) lead outside."),
                Suggestion = new(
                    $"Nodig deze groep uit op een activiteit met partners van buiten, of laat een platform uit de groep input geven aan een ander platform.",
                    $"Invite this group to a meeting with outside partners, or have one of its platforms feed into another platform."),
                Evidence = BlindSpotEvidence.Of(
                    hubs.Take(MaxEvidenceNodes).Select(a.Id),
                    external.Take(10).Select(e => (IReadOnlyList<string>)[a.Id(e.Item1), a.Id(e.Item2)])),
            };
        }
    }
}
