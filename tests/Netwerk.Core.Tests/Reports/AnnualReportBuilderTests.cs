using Netwerk.Core.Analysis;
using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Reports;
using Netwerk.Core.Schema;
using Netwerk.Core.Tests.Analysis;

namespace Netwerk.Core.Tests.Reports;

/// <summary>The annual report's figures on small graphs whose right answer is plain from the graph.</summary>
public sealed class AnnualReportBuilderTests
{
    private static readonly DateOnly Today = new(2024, 3, 1);

    private static GraphBuilder Region(GraphBuilder b) => b
        .Node("region", "Region", new { name = "Regio" })
        .Node("mun-a", "Municipality", new { name = "Aalbeke" }).Rel("PART_OF", "mun-a", "region")
        .Node("mun-b", "Municipality", new { name = "Bissegem" }).Rel("PART_OF", "mun-b", "region")
        .Node("mun-c", "Municipality", new { name = "Courcelles" });

    private static GraphBuilder Org(GraphBuilder b, string id, string type = "ocmw", string? municipality = null)
    {
        b.Node(id, "Organisation", new { name = id, type, sector = "overheid" });
        return municipality is null ? b : b.Rel("ACTIVE_IN", id, municipality);
    }

    private static GraphBuilder Meeting(GraphBuilder b, string id, string start, string? platform = null, string status = "held",
        string type = "overleg", string? priority = null, int? attendeeCount = null, string? recurrence = null, string? exceptions = null)
    {
        b.Node(id, "Meeting", new { title = id, type, start, end = start[..11] + "23:00:00" + start[19..], status, priority, attendeeCount, recurrence, exceptions });
        return platform is null ? b : b.Rel("OF", id, platform);
    }

    private static AnnualReport Build(GraphBuilder b, int year = 2023, BlindSpotReport? findings = null, IReadOnlyList<FindingMeeting>? planned = null) =>
        new AnnualReportBuilder().Build(GraphSnapshot.Build(b.Build()), year, Today, "region", findings, planned);

    private static PlatformYear PlatformRow(AnnualReport report, string id) =>
        Assert.Single(report.Priorities.SelectMany(p => p.Platforms), p => p.Id == id);

    [Fact]
    public void Counts_meetings_held_in_the_year_only_and_never_drafts_or_cancelled_ones()
    {
        var b = Region(new GraphBuilder()).Node("p", "Platform", new { name = "Lerend netwerk", priority = "wse-lr1", cadencePerYear = 6 });
        Meeting(b, "m2022", "2022-12-31T23:30:00+01:00", "p");
        Meeting(b, "m1", "2023-01-01T00:30:00+01:00", "p");
        Meeting(b, "m2", "2023-05-10T10:00:00+02:00", "p", status: "planned");
        Meeting(b, "m-draft", "2023-06-10T10:00:00+02:00", "p", status: "draft");
        Meeting(b, "m-cancelled", "2023-07-10T10:00:00+02:00", "p", status: "cancelled");
        Meeting(b, "m2024", "2024-01-01T00:30:00+01:00", "p");

        var row = PlatformRow(Build(b), "p");

        Assert.Equal(2, row.MeetingsHeld);
        Assert.Equal([new DateOnly(2023, 1, 1), new DateOnly(2023, 5, 10)], row.Dates);
        Assert.Equal(6, row.CadencePerYear);
    }

    [Fact]
    public void A_planned_meeting_after_the_reference_day_is_planned_not_held()
    {
        var b = Region(new GraphBuilder()).Node("p", "Platform", new { name = "P", priority = "wse-lr2" });
        Meeting(b, "past", "2024-02-01T10:00:00+01:00", "p", status: "planned");
        Meeting(b, "future", "2024-04-01T10:00:00+02:00", "p", status: "planned");

        var report = Build(b, year: 2024);

        var row = PlatformRow(report, "p");
        Assert.Equal((1, 1), (row.MeetingsHeld, row.MeetingsPlanned));
        Assert.Equal((1, 1), (report.Totals.MeetingsHeld, report.Totals.MeetingsPlanned));
    }

    [Fact]
    public void Recurring_meeting_counts_each_occurrence_in_the_year_less_the_cancelled_one_with_attendance_per_occurrence()
    {
        var b = Region(new GraphBuilder()).Node("p", "Platform", new { name = "P", priority = "wse-lr1" });
        Org(b, "ocmw", "ocmw", "mun-a");
        b.Node("ann", "Person", new { name = "Ann" }).Rel("WORKS_FOR", "ann", "ocmw");
        b.Node("bert", "Person", new { name = "Bert" }).Rel("WORKS_FOR", "bert", "ocmw");
        // Sep, Oct, Nov, Dec 2023, Jan, Feb 2024; October cancelled, December moved into January.
        const string exceptions = """[{"originalStart":"2023-10-03T10:00:00+02:00","cancelled":true},{"originalStart":"2023-12-05T10:00:00+01:00","start":"2024-01-09T10:00:00+01:00"}]""";
        Meeting(b, "series", "2023-09-05T10:00:00+02:00", "p", recurrence: "FREQ=MONTHLY;BYDAY=1TU;COUNT=6", exceptions: exceptions);
        b.Rel("ATTENDED", "ann", "series", properties: new { occurrence = "2023-09-05T10:00:00+02:00" });
        b.Rel("ATTENDED", "bert", "series", properties: new { occurrence = "2023-09-05T10:00:00+02:00" });
        b.Rel("ATTENDED", "ann", "series", properties: new { occurrence = "2023-11-07T10:00:00+01:00" });

        var row = PlatformRow(Build(b), "p");

        Assert.Equal([new DateOnly(2023, 9, 5), new DateOnly(2023, 11, 7)], row.Dates);
        Assert.Equal(3, row.Attendance);
        Assert.Equal(1.5, row.AverageAttendance);
        Assert.Equal(3, PlatformRow(Build(b, year: 2024), "p").MeetingsHeld);
    }

    [Fact]
    public void Met_the_partner_means_an_attendee_worked_for_one_on_that_day()
    {
        var b = Region(new GraphBuilder()).Node("p", "Platform", new { name = "Lerend netwerk", priority = "wse-lr1" });
        Org(b, "ocmw", "ocmw", "mun-a");
        Org(b, "vdab", "vdab");
        // Sarah moves from the OCMW to VDAB on 1 July.
        b.Node("sarah", "Person", new { name = "Sarah" })
            .Rel("WORKS_FOR", "sarah", "ocmw", validUntil: new DateOnly(2023, 6, 30))
            .Rel("WORKS_FOR", "sarah", "vdab", validFrom: new DateOnly(2023, 7, 1));
        Meeting(b, "march", "2023-03-09T10:00:00+01:00", "p");
        Meeting(b, "september", "2023-09-28T10:00:00+02:00", "p");
        Meeting(b, "november", "2023-11-30T10:00:00+01:00", "p");
        b.Rel("ATTENDED", "sarah", "march").Rel("ATTENDED", "sarah", "september");

        var row = PlatformRow(Build(b), "p");

        Assert.Equal(3, row.MeetingsHeld);
        Assert.Equal(1, row.MeetingsWithPartner);
        Assert.Equal(1, row.MeetingsWithoutPartner);
        Assert.Equal(1, row.MeetingsWithoutAttendance);
        Assert.Equal(2, row.Organisations);
    }

    [Fact]
    public void Head_count_wins_over_the_named_attendees_when_higher()
    {
        var b = Region(new GraphBuilder());
        Org(b, "ocmw", "ocmw", "mun-a");
        b.Node("ann", "Person", new { name = "Ann" }).Rel("WORKS_FOR", "ann", "ocmw");
        Meeting(b, "im", "2023-12-12T13:00:00+01:00", type: "inspiratiemoment", priority: "wse-lr1", attendeeCount: 40);
        b.Rel("ATTENDED", "ann", "im");

        var report = Build(b);

        var lr1 = report.Priorities[0];
        var ev = Assert.Single(lr1.Events);
        Assert.Equal((40, 1, new DateOnly(2023, 12, 12)), (ev.Attendance, ev.Registered, ev.Date));
        Assert.Equal(40, lr1.Attendance);
        Assert.Equal(40, report.Totals.Attendance);
        Assert.Equal(1, report.Totals.People);
    }

    [Fact]
    public void Meetings_take_their_platforms_priority_unless_they_have_their_own_and_unassigned_ones_get_a_section()
    {
        var b = Region(new GraphBuilder()).Node("p", "Platform", new { name = "Stuurgroep VDAB", priority = "wse-lr4" });
        Meeting(b, "overleg", "2023-02-28T10:00:00+01:00", "p");
        Meeting(b, "mg", "2023-05-12T10:00:00+02:00", "p", type: "meet-and-greet", priority: "wse-lr2");
        Meeting(b, "loose", "2023-06-01T10:00:00+02:00", type: "studiedag");

        var report = Build(b);

        Assert.Equal(["wse-lr1", "wse-lr2", "wse-lr3", "wse-lr4", "none"], report.Priorities.Select(p => p.Code));
        Assert.Equal([0, 1, 0, 1, 1], report.Priorities.Select(p => p.MeetingsHeld));
        Assert.Equal(2, PlatformRow(report, "p").MeetingsHeld);
        Assert.Equal("mg", Assert.Single(report.Priorities[1].Events).Id);
        Assert.Empty(report.Priorities[3].Events);
        Assert.Equal("loose", Assert.Single(report.Priorities[4].Events).Id);
        Assert.Contains("WSE-LR4", report.Priorities[3].Title.Nl, StringComparison.Ordinal);
    }

    [Fact]
    public void Unassigned_section_is_left_out_when_everything_has_a_priority()
    {
        var b = Region(new GraphBuilder()).Node("p", "Platform", new { name = "P", priority = "wse-lr3" });
        Meeting(b, "m", "2023-02-28T10:00:00+01:00", "p");

        Assert.Equal(4, Build(b).Priorities.Count);
    }

    [Fact]
    public void Reaches_the_region_municipalities_attendees_employers_work_in_and_names_the_ones_not_reached()
    {
        var b = Region(new GraphBuilder()).Node("p", "Platform", new { name = "P", priority = "wse-lr1" });
        Org(b, "ocmw-a", "ocmw", "mun-a");
        Org(b, "elsewhere", "ocmw", "mun-c");
        Org(b, "regional", "intergemeentelijke-vereniging", "region");
        foreach (var (person, org) in new[] { ("ann", "ocmw-a"), ("carl", "elsewhere"), ("rita", "regional") })
        {
            b.Node(person, "Person", new { name = person }).Rel("WORKS_FOR", person, org);
        }
        Meeting(b, "m", "2023-02-28T10:00:00+01:00", "p");
        b.Rel("ATTENDED", "ann", "m").Rel("ATTENDED", "carl", "m").Rel("ATTENDED", "rita", "m");

        var report = Build(b);

        Assert.Equal((3, 3, 1, 2), (report.Totals.People, report.Totals.Organisations, report.Totals.MunicipalitiesReached, report.Totals.MunicipalitiesInRegion));
        Assert.Equal(["Bissegem"], report.Totals.MunicipalitiesNotReached.Select(m => m.Name));
        Assert.Equal(["Aalbeke"], report.Priorities[0].Municipalities.Select(m => m.Name));
        Assert.Equal(3, report.Priorities[0].Organisations.Count);
    }

    [Fact]
    public void Themes_covered_come_from_the_meeting_and_its_platform()
    {
        var b = Region(new GraphBuilder()).Node("p", "Platform", new { name = "P", priority = "wse-lr2" })
            .Node("taal", "Theme", new { name = "Taal" }).Node("mobiliteit", "Theme", new { name = "Mobiliteit" })
            .Rel("ADDRESSES", "p", "taal");
        Meeting(b, "m1", "2023-02-28T10:00:00+01:00", "p");
        Meeting(b, "m2", "2023-03-28T10:00:00+02:00", "p");
        b.Rel("ADDRESSES", "m2", "mobiliteit");

        var lr2 = Build(b).Priorities[1];

        Assert.Equal([("Taal", 2), ("Mobiliteit", 1)], lr2.Themes.Select(t => (t.Name, t.Meetings)));
    }

    [Fact]
    public void Agreements_in_force_with_their_follow_up()
    {
        var b = Region(new GraphBuilder())
            .Node("sg", "Platform", new { name = "Stuurgroep", priority = "wse-lr4" })
            .Node("samen", "Agreement", new { title = "Samen sterk", type = "samenwerkingsovereenkomst", startDate = "2023-01-01", endDate = "2025-12-31", priority = "wse-lr4" })
            .Node("loose", "Agreement", new { title = "Engagement", type = "engagementsverklaring", startDate = "2019-10-11", priority = "wse-lr4" })
            .Node("old", "Agreement", new { title = "Oud", startDate = "2017-01-01", endDate = "2019-12-31", priority = "wse-lr4" })
            .Rel("FOLLOWS_UP", "sg", "samen");
        Org(b, "vdab", "vdab").Rel("PARTY_TO", "vdab", "samen");
        Meeting(b, "m1", "2023-02-28T10:00:00+01:00", "sg");
        Meeting(b, "m2", "2023-06-06T10:00:00+02:00", "sg");

        var agreements = Build(b).Priorities[3].Agreements;

        Assert.Equal(["Engagement", "Samen sterk"], agreements.Select(a => a.Title));
        var samen = agreements[1];
        Assert.True(samen.FollowedUp);
        Assert.Equal(["Stuurgroep"], samen.FollowedUpBy.Select(p => p.Name));
        Assert.Equal(2, samen.FollowUpMeetings);
        Assert.Equal(["vdab"], samen.Parties.Select(p => p.Name));
        Assert.False(agreements[0].FollowedUp);
    }

    [Fact]
    public void Findings_are_acted_on_when_a_meeting_that_still_stands_was_planned_from_them()
    {
        var b = Region(new GraphBuilder());
        static BlindSpotFinding Finding(string id) => new()
        {
            Id = id, Kind = BlindSpotKinds.SectorGap, Severity = Severity.Medium,
            Title = new(id, id), Explanation = new("", ""), Suggestion = new("", ""), Evidence = BlindSpotEvidence.Of([]),
        };
        var findings = new BlindSpotReport(new DateOnly(2023, 12, 31), "region", [Finding("f1"), Finding("f2"), Finding("f3")]);
        var planned = new List<FindingMeeting>
        {
            new("f1", "mg", "Meet & greet", new DateTimeOffset(2024, 1, 30, 10, 0, 0, TimeSpan.FromHours(1)), "draft"),
            new("f2", "off", "Afgelast", null, "cancelled"),
        };

        var summary = Build(b, findings: findings, planned: planned).BlindSpots;

        Assert.Equal((3, 1), (summary.Found, summary.ActedOn));
        Assert.Equal("mg", Assert.Single(summary.Findings[0].Meetings).MeetingId);
        Assert.False(summary.Findings[1].ActedOn);
    }

    [Fact]
    public void Schema_priority_values_are_the_report_priorities()
    {
        var schema = GraphSchema.Default;
        foreach (var kind in new[] { "Platform", "Meeting", "Agreement" })
        {
            var values = schema.NodeKinds.Single(k => k.Code == kind).Property("priority")!.Values!.Select(v => v.Value);
            Assert.Equal(PolicyPriorities.All.Select(p => p.Code).Where(PolicyPriorities.IsKnown), values);
        }
    }
}
