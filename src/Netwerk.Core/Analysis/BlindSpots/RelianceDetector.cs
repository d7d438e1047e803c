using System.Globalization;

namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>
/// over-reliance (DESIGN.md §3.5): people whose brokerage (betweenness) is so high the network depends on them, and
/// people invited to far more meetings than their peers.
/// </summary>
internal static class RelianceDetector
{
    public static IEnumerable<BlindSpotFinding> Find(NetworkActivity a, GraphMetrics metrics)
    {
        var g = a.Graph;
        var o = a.Options;
        var people = g.NodesOfKind(Vocabulary.Person);
        if (people.Count == 0) yield break;
        var betweenness = metrics.Betweenness.Values;
        var mean = people.Average(p => betweenness[p]);
        var estimate = metrics.Betweenness.Sampled ? " (schatting)" : "";
        var estimateEn = metrics.Betweenness.Sampled ? " (estimate)" : "";
        foreach (var person in people)
        {
            var b = betweenness[person];
            if (b < o.OverRelianceMinimumBetweenness || b < o.OverRelianceFactor * mean) continue;
            var name = a.Name(person);
            var platforms = g.Related(person, Vocabulary.MemberOf, Direction.Outgoing);
            var employers = a.Employers(person);
            var percent = (b * 100).ToString("0.#", CultureInfo.InvariantCulture);
            var ratio = mean > 0 ? (b / mean).ToString("0.#", CultureInfo.InvariantCulture) : "∞";
            yield return new BlindSpotFinding
            {
                Id = BlindSpotFinding.StableId(BlindSpotKinds.OverReliance, "betweenness:" + a.Id(person)),
                Kind = BlindSpotKinds.OverReliance,
                Severity = b >= o.OverRelianceHighBetweenness ? Severity.High : Severity.Medium,
                Title = new($"Het netwerk steunt sterk op {name}", $"The network leans heavily on {name}"),
                Explanation = new(
                    $"{name}{(employers.Count > 0 ? $" ({a.Names(employers, 2).Nl})" : "")} ligt op {percent}% van alle kortste verbindingen in het netwerk{estimate}, {ratio} keer het gemiddelde van een persoon. Valt {name} weg, dan lopen veel contacten langer of niet meer.",
                    $"{name}{(employers.Count > 0 ? $" ({a.Names(employers, 2).En})" : "")} lies on {percent}% of all shortest connections in the network{estimateEn}, {ratio} times a person's average. Without {name} many contacts get longer or break."),
                Suggestion = platforms.Count > 0
                    ? new($"Verdeel de verbindende rol: laat collega's of andere trekkers mee aansluiten bij {a.Names(platforms, 3).Nl}.",
                        $"Share the broker role: have colleagues or other leads join {a.Names(platforms, 3).En} too.")
                    : new($"Verdeel de verbindende rol van {name} over meer mensen, bv. door collega's te introduceren bij de partners.",
                        $"Spread {name}'s broker role over more people, e.g. by introducing colleagues to the partners."),
                Evidence = BlindSpotEvidence.Of(new[] { person }.Concat(employers).Concat(platforms).Select(a.Id)),
            };
        }

        var invitations = new Dictionary<int, List<int>>();
        foreach (var person in people)
        {
            var meetings = g.Related(person, Vocabulary.Invited, Direction.Outgoing)
                .Where(m => a.MeetingDate[m] is { } d && d > a.WindowStart && d <= a.AsOf && g.Text(m, "status") != "cancelled")
                .Distinct().ToList();
            if (meetings.Count > 0) invitations[person] = meetings;
        }
        if (invitations.Count == 0) yield break;
        // Peers are measured by the upper quartile, not the median: most people are invited to one big event, so the
        // median would make every regular member of a busy platform look over-invited.
        var counts = invitations.Values.Select(m => m.Count).Order().ToArray();
        var quartile = counts[(int)Math.Floor(0.75 * (counts.Length - 1))];
        foreach (var (person, meetings) in invitations.OrderBy(x => x.Key))
        {
            if (meetings.Count < o.OverInvitationMinimum || meetings.Count < o.OverInvitationFactor * quartile) continue;
            var name = a.Name(person);
            var quartileText = quartile.ToString(CultureInfo.InvariantCulture);
            yield return new BlindSpotFinding
            {
                Id = BlindSpotFinding.StableId(BlindSpotKinds.OverReliance, "invitations:" + a.Id(person)),
                Kind = BlindSpotKinds.OverReliance,
                Severity = Severity.Low,
                Title = new($"{name} wordt veel vaker uitgenodigd dan anderen", $"{name} is invited far more often than others"),
                Explanation = new(
                    $"{name} kreeg {meetings.Count} uitnodigingen in de voorbije {o.ActivityWindowMonths} maanden, terwijl drie kwart van wie uitgenodigd werd er hoogstens {quartileText} kreeg.",
                    $"{name} got {meetings.Count} invitations in the last {o.ActivityWindowMonths} months, while three quarters of invited people got {quartileText} or fewer."),
                Suggestion = new(
                    $"Kijk of een collega of vervanger een deel van deze activiteiten kan opnemen.",
                    $"See whether a colleague or deputy can take over some of these meetings."),
                Evidence = BlindSpotEvidence.Of(new[] { person }.Concat(meetings).Select(a.Id), dates: meetings.Select(m => a.MeetingDate[m]).OfType<DateOnly>()),
            };
        }
    }
}
