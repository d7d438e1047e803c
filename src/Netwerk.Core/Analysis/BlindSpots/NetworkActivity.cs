namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>The kind, relationship and property names of the schema the detectors read.</summary>
internal static class Vocabulary
{
    public const string Organisation = "Organisation";
    public const string Person = "Person";
    public const string Platform = "Platform";
    public const string Agreement = "Agreement";
    public const string Theme = "Theme";
    public const string Municipality = "Municipality";
    public const string Region = "Region";
    public const string Project = "Project";
    public const string Signal = "Signal";
    public const string Meeting = "Meeting";

    public const string WorksFor = "WORKS_FOR";
    public const string MemberOf = "MEMBER_OF";
    public const string PartyTo = "PARTY_TO";
    public const string FollowsUp = "FOLLOWS_UP";
    public const string Addresses = "ADDRESSES";
    public const string ActiveIn = "ACTIVE_IN";
    public const string PartOf = "PART_OF";
    public const string CollaboratesWith = "COLLABORATES_WITH";
    public const string Supplies = "SUPPLIES";
    public const string About = "ABOUT";
    public const string Of = "OF";
    public const string Invited = "INVITED";
    public const string Attended = "ATTENDED";
}

/// <summary>
/// Facts every detector needs, computed once per report: when each meeting took place, which meetings count as
/// held in the activity window, who works where.
/// </summary>
internal sealed class NetworkActivity
{
    public NetworkActivity(GraphSnapshot graph, DateOnly asOf, string? regionId, BlindSpotOptions options)
    {
        Graph = graph;
        AsOf = asOf;
        RegionId = regionId;
        Options = options;
        WindowStart = AddMonths(asOf, -options.ActivityWindowMonths);
        var n = graph.NodeCount;
        MeetingDate = new DateOnly?[n];
        Held = new bool[n];
        HeldInWindow = new bool[n];
        foreach (var meeting in graph.NodesOfKind(Vocabulary.Meeting))
        {
            var date = graph.DateOfDateTime(meeting, "start");
            MeetingDate[meeting] = date;
            // A meeting took place when its date has passed and it was neither cancelled nor left a draft; "planned"
            // meetings in the past count because attendance is often registered late or not at all.
            var status = graph.Text(meeting, "status");
            Held[meeting] = date is { } d && d <= asOf && status is not ("cancelled" or "draft");
            HeldInWindow[meeting] = Held[meeting] && date > WindowStart;
        }
    }

    public GraphSnapshot Graph { get; }
    public DateOnly AsOf { get; }
    public string? RegionId { get; }
    public BlindSpotOptions Options { get; }

    /// <summary>First day not in the activity window; the window is (WindowStart, AsOf].</summary>
    public DateOnly WindowStart { get; }

    public DateOnly?[] MeetingDate { get; }
    public bool[] Held { get; }
    public bool[] HeldInWindow { get; }

    public List<int> Employers(int person) => Graph.Related(person, Vocabulary.WorksFor, Direction.Outgoing);

    public List<int> Staff(int organisation) => Graph.Related(organisation, Vocabulary.WorksFor, Direction.Incoming);

    /// <summary>Meetings of a platform (Meeting OF Platform).</summary>
    public List<int> MeetingsOf(int platform) => Graph.Related(platform, Vocabulary.Of, Direction.Incoming);

    public bool IsActivePlatform(int platform) => Graph.Boolean(platform, "active") != false;

    public string Name(int node) => Graph.NameOf(node);

    public string Id(int node) => Graph.IdOf(node);

    /// <summary>A readable list of names: "A, B en C" / "A, B and C", at most <paramref name="max"/> named.</summary>
    public Schema.LocalizedText Names(IEnumerable<int> nodes, int max = 4)
    {
        // Ordinal, not culture-aware: a report must not change with the server's culture.
        var names = nodes.Select(Name).Distinct().Order(StringComparer.Ordinal).ToList();
        return new(Join(names, max, "en", "andere"), Join(names, max, "and", "others"));
    }

    private static string Join(List<string> names, int max, string and, string others)
    {
        if (names.Count == 0) return "";
        if (names.Count > max) return string.Join(", ", names.Take(max)) + $" {and} {names.Count - max} {others}";
        if (names.Count == 1) return names[0];
        return string.Join(", ", names.Take(names.Count - 1)) + $" {and} " + names[^1];
    }

    /// <summary>Calendar months added, clamped to the representable range so that no reference date makes a detector throw.</summary>
    public static DateOnly AddMonths(DateOnly date, int months)
    {
        var target = date.Year * 12L + date.Month - 1 + months;
        if (target < 12) return DateOnly.MinValue;
        if (target >= 10_000 * 12L) return DateOnly.MaxValue;
        return date.AddMonths(months);
    }

    /// <summary>The day after <paramref name="date"/>, or the date itself at the end of the calendar.</summary>
    public static DateOnly NextDay(DateOnly date) => date == DateOnly.MaxValue ? date : date.AddDays(1);

    /// <summary>A date as the UI writes it in Dutch (31-12-2023) and English (2023-12-31).</summary>
    public static Schema.LocalizedText Date(DateOnly date) =>
        new(date.ToString("d-M-yyyy", System.Globalization.CultureInfo.InvariantCulture), date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
