using Netwerk.Core.Schema;

namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>
/// sector-gap (DESIGN.md §3.3): pairs of sectors (all pairs) and of organisation types (the configured pairs) whose
/// organisations share no active platform — as members themselves or through their people — and met at no meeting in
/// the activity window; and pairs whose only common ground is one meeting (care × social economy before the
/// businessmixer became a platform is the textbook case).
/// </summary>
internal static class SectorGapDetector
{
    private sealed record Group(string Property, string Value, LocalizedText Label, List<int> Organisations, HashSet<int> Platforms, HashSet<int> Meetings);

    public static IEnumerable<BlindSpotFinding> Find(NetworkActivity a)
    {
        var g = a.Graph;
        var organisations = g.NodesOfKind(Vocabulary.Organisation);
        var platformsOf = new Dictionary<int, HashSet<int>>();
        var meetingsOf = new Dictionary<int, HashSet<int>>();
        foreach (var organisation in organisations)
        {
            var people = a.Staff(organisation);
            platformsOf[organisation] = g.Related(organisation, Vocabulary.MemberOf, Direction.Outgoing)
                .Concat(people.SelectMany(p => g.Related(p, Vocabulary.MemberOf, Direction.Outgoing)))
                .Where(p => g.IsKind(p, Vocabulary.Platform) && a.IsActivePlatform(p))
                .ToHashSet();
            meetingsOf[organisation] = people.SelectMany(p => g.Related(p, Vocabulary.Attended, Direction.Outgoing))
                .Where(m => a.HeldInWindow[m])
                .ToHashSet();
        }

        var groups = new Dictionary<(string, string), Group?>();
        Group? GroupOf(string property, string value) =>
            groups.TryGetValue((property, value), out var known) ? known : groups[(property, value)] = NewGroup(property, value);

        Group? NewGroup(string property, string value)
        {
            var members = organisations.Where(o => g.Text(o, property) == value).ToList();
            if (members.Count == 0) return null;
            return new Group(property, value, Label(property, value), members,
                members.SelectMany(o => platformsOf[o]).ToHashSet(), members.SelectMany(o => meetingsOf[o]).ToHashSet());
        }

        var pairs = new List<(Group Left, Group Right)>();
        var sectors = organisations.Select(o => g.Text(o, "sector")).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < sectors.Count; i++)
        {
            for (var j = i + 1; j < sectors.Count; j++) pairs.Add((GroupOf("sector", sectors[i])!, GroupOf("sector", sectors[j])!));
        }
        var sectorPairs = pairs.Count;
        foreach (var (typeA, typeB) in a.Options.SectorGapTypePairs)
        {
            if (typeA == typeB) continue;
            if (GroupOf("type", typeA) is { } ga && GroupOf("type", typeB) is { } gb) pairs.Add((ga, gb));
        }

        var reportedSectorPairs = new HashSet<string>();
        for (var p = 0; p < pairs.Count; p++)
        {
            var (left, right) = pairs[p];
            // A type pair whose two types each sit in one sector says nothing new once that sector pair is reported.
            if (p >= sectorPairs && SingleSector(g, left.Organisations) is { } sa && SingleSector(g, right.Organisations) is { } sb
                && reportedSectorPairs.Contains(PairKey(sa, sb))) continue;
            var sharedPlatforms = left.Platforms.Intersect(right.Platforms).ToList();
            if (sharedPlatforms.Count > 0) continue;
            var sharedMeetings = left.Meetings.Intersect(right.Meetings).Order().ToList();
            if (sharedMeetings.Count > 1) continue;
            var key = $"{left.Property}:{PairKey(left.Value, right.Value)}";
            if (p < sectorPairs) reportedSectorPairs.Add(PairKey(left.Value, right.Value));
            var big = left.Organisations.Count >= a.Options.SectorGapHighSeverityOrganisations && right.Organisations.Count >= a.Options.SectorGapHighSeverityOrganisations;
            var since = NetworkActivity.Date(NetworkActivity.NextDay(a.WindowStart));
            var nodes = left.Organisations.Concat(right.Organisations).Concat(sharedMeetings).Select(a.Id);
            if (sharedMeetings.Count == 1)
            {
                var meeting = sharedMeetings[0];
                var when = a.MeetingDate[meeting] is { } d ? NetworkActivity.Date(d) : new LocalizedText("?", "?");
                var meetingName = a.Name(meeting);
                yield return new BlindSpotFinding
                {
                    Id = BlindSpotFinding.StableId(BlindSpotKinds.SectorGap, key),
                    Kind = BlindSpotKinds.SectorGap,
                    Severity = big ? Severity.Medium : Severity.Low,
                    Title = new($"{left.Label.Nl} × {right.Label.Nl}: enkel verbonden via {meetingName}",
                        $"{left.Label.En} × {right.Label.En}: only bridged by {meetingName}"),
                    Explanation = new(
                        $"De {left.Organisations.Count} organisaties uit {left.Label.Nl.ToLowerInvariant()} en de {right.Organisations.Count} uit {right.Label.Nl.ToLowerInvariant()} zitten samen in geen enkel overlegplatform. De enige plek waar ze elkaar sinds {since.Nl} ontmoetten, is '{meetingName}' op {when.Nl}. Eén activiteit is nog geen duurzame verbinding.",
                        $"The {left.Organisations.Count} {left.Label.En.ToLowerInvariant()} organisations and the {right.Organisations.Count} {right.Label.En.ToLowerInvariant()} ones share no platform. The only place they met since {since.En} is '{meetingName}' on {when.En}. One meeting is not yet a lasting tie."),
                    Suggestion = new(
                        $"Bouw verder op '{meetingName}': plan een vervolg of richt een gezamenlijke werkgroep op met de deelnemers van beide kanten.",
                        $"Build on '{meetingName}': plan a follow-up or set up a joint working group with participants from both sides."),
                    Evidence = BlindSpotEvidence.Of(nodes, dates: a.MeetingDate[meeting] is { } date ? [date] : null),
                };
            }
            else
            {
                yield return new BlindSpotFinding
                {
                    Id = BlindSpotFinding.StableId(BlindSpotKinds.SectorGap, key),
                    Kind = BlindSpotKinds.SectorGap,
                    Severity = big ? Severity.High : Severity.Medium,
                    Title = new($"{left.Label.Nl} en {right.Label.Nl.ToLowerInvariant()} ontmoeten elkaar nergens",
                        $"{left.Label.En} and {right.Label.En.ToLowerInvariant()} never meet"),
                    Explanation = new(
                        $"De {left.Organisations.Count} organisaties uit {left.Label.Nl.ToLowerInvariant()} ({a.Names(left.Organisations, 3).Nl}) en de {right.Organisations.Count} uit {right.Label.Nl.ToLowerInvariant()} ({a.Names(right.Organisations, 3).Nl}) zitten samen in geen enkel actief overlegplatform en ontmoetten elkaar sinds {since.Nl} op geen enkele activiteit.",
                        $"The {left.Organisations.Count} {left.Label.En.ToLowerInvariant()} organisations ({a.Names(left.Organisations, 3).En}) and the {right.Organisations.Count} {right.Label.En.ToLowerInvariant()} ones ({a.Names(right.Organisations, 3).En}) share no active platform and met at no meeting since {since.En}."),
                    Suggestion = new(
                        $"Plan een meet & greet of businessmixer tussen beide groepen; de uitnodigingslijst volgt uit de organisaties hierboven.",
                        $"Plan a meet & greet or business mixer between both groups; the invite list follows from the organisations above."),
                    Evidence = BlindSpotEvidence.Of(nodes),
                };
            }
        }
    }

    private static string PairKey(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? a + "|" + b : b + "|" + a;

    private static string? SingleSector(GraphSnapshot g, List<int> organisations)
    {
        var sectors = organisations.Select(o => g.Text(o, "sector")).Distinct().ToList();
        return sectors.Count == 1 ? sectors[0] : null;
    }

    private static LocalizedText Label(string property, string value) =>
        GraphSchema.Default.Kind(Vocabulary.Organisation)?.Property(property)?.Values?.FirstOrDefault(v => v.Value == value)?.Label
        ?? new LocalizedText(value, value);
}
