using Netwerk.Core.Analysis;
using Netwerk.Core.Analysis.BlindSpots;

namespace Netwerk.Core.Tests.Analysis;

/// <summary>Each detector fires on a small network built to have the blind spot, and stays silent on one without it.</summary>
public sealed class BlindSpotDetectorTests
{
    private static readonly DateOnly AsOf = new(2023, 12, 31);

    private static GraphBuilder Org(GraphBuilder b, string id, string type = "maatwerkbedrijf", string sector = "sociale-economie") =>
        b.Node(id, "Organisation", new { name = id, type, sector });

    private static GraphBuilder Person(GraphBuilder b, string id, string organisation) =>
        b.Node(id, "Person", new { name = id }).Rel("WORKS_FOR", id, organisation);

    private static GraphBuilder Platform(GraphBuilder b, string id, int? cadencePerYear = null, bool? active = null) =>
        b.Node(id, "Platform", new { name = id, type = "werkgroep", cadencePerYear, active });

    private static GraphBuilder Meeting(GraphBuilder b, string id, string date, string? platform = null, string status = "held", string type = "overleg")
    {
        b.Node(id, "Meeting", new { title = id, type, start = date + "T14:00:00+01:00", status });
        return platform is null ? b : b.Rel("OF", id, platform);
    }

    private static BlindSpotReport Find(GraphBuilder b, string? region = null, BlindSpotOptions? options = null, DateOnly? asOf = null)
    {
        var date = asOf ?? AsOf;
        return new BlindSpotFinder(options).Find(GraphSnapshot.Build(b.Build(), date), date, region);
    }

    private static List<BlindSpotFinding> Of(BlindSpotReport report, string kind) => report.Findings.Where(f => f.Kind == kind).ToList();

    private static BlindSpotFinding About(BlindSpotReport report, string kind, string nodeId) =>
        Assert.Single(report.Findings, f => f.Kind == kind && f.Evidence.Nodes.Contains(nodeId));

    // unaddressed-need

    [Fact]
    public void Signal_nobody_takes_up_is_a_high_unaddressed_need()
    {
        var b = new GraphBuilder()
            .Node("sig-wachtlijst", "Signal", new { title = "Wachtlijsten Nederlands", raisedOn = "2023-03-01", status = "open" })
            .Node("theme-taal", "Theme", new { name = "Taal" })
            .Rel("ABOUT", "sig-wachtlijst", "theme-taal");

        var finding = About(Find(b), BlindSpotKinds.UnaddressedNeed, "sig-wachtlijst");

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains("Wachtlijsten Nederlands", finding.Title.Nl);
        Assert.Contains("theme-taal", finding.Evidence.Nodes);
    }

    [Fact]
    public void Signal_taken_up_by_one_partner_only_is_a_medium_need_and_two_partners_silence_it()
    {
        var b = new GraphBuilder()
            .Node("sig", "Signal", new { title = "Te weinig flexibele kinderopvang", status = "open" })
            .Node("theme", "Theme", new { name = "Kinderopvang" })
            .Rel("ABOUT", "sig", "theme");
        Platform(b, "werkgroep-kinderopvang").Rel("ADDRESSES", "werkgroep-kinderopvang", "theme");

        Assert.Equal(Severity.Medium, About(Find(b), BlindSpotKinds.UnaddressedNeed, "sig").Severity);

        Org(b, "ocmw", "ocmw", "overheid").Rel("ADDRESSES", "ocmw", "sig");
        Assert.Empty(Of(Find(b), BlindSpotKinds.UnaddressedNeed));
    }

    [Fact]
    public void Closed_and_future_signals_are_not_needs()
    {
        var b = new GraphBuilder()
            .Node("closed", "Signal", new { title = "Opgelost", status = "gesloten" })
            .Node("later", "Signal", new { title = "Later", raisedOn = "2024-05-01" });

        Assert.Empty(Of(Find(b), BlindSpotKinds.UnaddressedNeed));
    }

    [Fact]
    public void Theme_discussed_at_meetings_but_owned_by_nobody_is_flagged_until_two_partners_take_it_up()
    {
        var b = new GraphBuilder().Node("theme-mobiliteit", "Theme", new { name = "Mobiliteit" });
        Meeting(b, "m-fiets", "2023-09-12").Rel("ADDRESSES", "m-fiets", "theme-mobiliteit");
        Meeting(b, "m-old", "2021-09-12").Node("theme-old", "Theme", new { name = "Oud thema" }).Rel("ADDRESSES", "m-old", "theme-old");

        var finding = About(Find(b), BlindSpotKinds.UnaddressedNeed, "theme-mobiliteit");
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal([new DateOnly(2023, 9, 12)], finding.Evidence.Dates);
        Assert.DoesNotContain(Find(b).Findings, f => f.Evidence.Nodes.Contains("theme-old"));

        Platform(b, "regionaal-overleg-activering").Rel("ADDRESSES", "regionaal-overleg-activering", "theme-mobiliteit");
        Assert.Equal(Severity.Low, About(Find(b), BlindSpotKinds.UnaddressedNeed, "theme-mobiliteit").Severity);
        b.Node("project-fiets", "Project", new { name = "Fietsen" }).Rel("ADDRESSES", "project-fiets", "theme-mobiliteit");
        Assert.Empty(Of(Find(b), BlindSpotKinds.UnaddressedNeed));
    }

    // uncovered-municipality

    [Fact]
    public void Municipality_without_recent_participation_is_uncovered_and_one_with_it_is_not()
    {
        var b = new GraphBuilder()
            .Node("region", "Region", new { name = "Regio" })
            .Node("mun-active", "Municipality", new { name = "Kortrijk" }).Rel("PART_OF", "mun-active", "region")
            .Node("mun-quiet", "Municipality", new { name = "Spiere-Helkijn" }).Rel("PART_OF", "mun-quiet", "region")
            .Node("mun-empty", "Municipality", new { name = "Lendelede" }).Rel("PART_OF", "mun-empty", "region")
            .Node("mun-elsewhere", "Municipality", new { name = "Brugge" });
        Org(b, "org-active", "ocmw", "overheid").Rel("ACTIVE_IN", "org-active", "mun-active");
        Person(b, "p-active", "org-active");
        Org(b, "org-quiet", "ocmw", "overheid").Rel("ACTIVE_IN", "org-quiet", "mun-quiet");
        Person(b, "p-quiet", "org-quiet");
        Meeting(b, "m-recent", "2023-10-09").Rel("ATTENDED", "p-active", "m-recent");
        Meeting(b, "m-old", "2022-06-01").Rel("ATTENDED", "p-quiet", "m-old");

        var report = Find(b, region: "region");

        Assert.Equal(Severity.Medium, About(report, BlindSpotKinds.UncoveredMunicipality, "mun-quiet").Severity);
        Assert.Equal(Severity.High, About(report, BlindSpotKinds.UncoveredMunicipality, "mun-empty").Severity);
        Assert.DoesNotContain(report.Findings, f => f.Evidence.Nodes.Contains("mun-active") || f.Evidence.Nodes.Contains("mun-elsewhere"));
    }

    [Fact]
    public void Membership_of_a_platform_that_met_counts_as_taking_part()
    {
        var b = new GraphBuilder()
            .Node("region", "Region", new { name = "Regio" })
            .Node("mun", "Municipality", new { name = "Zwevegem" }).Rel("PART_OF", "mun", "region");
        Org(b, "org", "lokaal-bestuur", "overheid").Rel("ACTIVE_IN", "org", "mun").Rel("MEMBER_OF", "org", "platform");
        Platform(b, "platform");
        Meeting(b, "m", "2023-05-12", "platform");

        Assert.Empty(Of(Find(b, region: "region"), BlindSpotKinds.UncoveredMunicipality));
    }

    // sector-gap

    private static GraphBuilder CareAndSocialEconomy()
    {
        var b = new GraphBuilder();
        Org(b, "se-1", "maatwerkbedrijf", "sociale-economie");
        Person(b, "p-se", "se-1");
        Org(b, "care-1", "zorgvoorziening", "zorg-welzijn");
        Person(b, "p-care", "care-1");
        return b;
    }

    [Fact]
    public void Sectors_that_share_no_platform_or_meeting_are_a_gap()
    {
        var finding = Assert.Single(Of(Find(CareAndSocialEconomy()), BlindSpotKinds.SectorGap));

        Assert.Equal("Social economy and care & welfare never meet", finding.Title.En);
        Assert.Equal(["care-1", "se-1"], finding.Evidence.Nodes.Order(StringComparer.Ordinal));
        Assert.Equal(Severity.Medium, finding.Severity);
    }

    [Fact]
    public void Sectors_bridged_by_one_meeting_only_are_flagged_as_such()
    {
        var b = CareAndSocialEconomy();
        Meeting(b, "businessmixer", "2023-06-15", type: "businessmixer").Rel("ATTENDED", "p-se", "businessmixer").Rel("ATTENDED", "p-care", "businessmixer");

        var findings = Of(Find(b), BlindSpotKinds.SectorGap);

        var finding = Assert.Single(findings, f => f.Evidence.Nodes.Contains("businessmixer"));
        Assert.Contains("enkel verbonden via businessmixer", finding.Title.Nl);
        Assert.Equal([new DateOnly(2023, 6, 15)], finding.Evidence.Dates);
    }

    [Fact]
    public void Sectors_sharing_a_platform_are_no_gap()
    {
        var b = CareAndSocialEconomy();
        Platform(b, "proeftuin").Rel("MEMBER_OF", "p-se", "proeftuin").Rel("MEMBER_OF", "care-1", "proeftuin");

        Assert.Empty(Of(Find(b), BlindSpotKinds.SectorGap));
    }

    // isolated-actor, single-person-tie

    [Fact]
    public void Organisation_without_ties_is_isolated_and_a_member_is_not()
    {
        var b = new GraphBuilder().Node("mun", "Municipality", new { name = "Avelgem" });
        Org(b, "alone").Rel("ACTIVE_IN", "alone", "mun");
        Org(b, "member").Rel("MEMBER_OF", "member", "platform");
        Platform(b, "platform");

        var report = Find(b);

        About(report, BlindSpotKinds.IsolatedActor, "alone");
        Assert.DoesNotContain(report.Findings, f => f.Kind == BlindSpotKinds.IsolatedActor && f.Evidence.Nodes.Contains("member"));
    }

    [Fact]
    public void Organisation_tied_through_one_person_is_fragile_and_through_two_is_not()
    {
        var b = new GraphBuilder();
        Org(b, "org");
        Person(b, "anna", "org").Rel("MEMBER_OF", "anna", "lerend-netwerk");
        Person(b, "bert", "org");
        Platform(b, "lerend-netwerk");

        var finding = About(Find(b), BlindSpotKinds.SinglePersonTie, "org");
        Assert.Contains("anna", finding.Evidence.Nodes);
        Assert.Equal(["org", "anna", "lerend-netwerk"], finding.Evidence.Paths[0]);

        Meeting(b, "m", "2023-04-01").Rel("ATTENDED", "bert", "m");
        Assert.Empty(Of(Find(b), BlindSpotKinds.SinglePersonTie));
    }

    // articulation-point

    [Fact]
    public void Person_joining_two_groups_alone_is_an_articulation_point_and_a_cycle_has_none()
    {
        var b = new GraphBuilder();
        Org(b, "a1"); Org(b, "a2"); Org(b, "a3");
        Org(b, "b1"); Org(b, "b2"); Org(b, "b3");
        b.Rel("COLLABORATES_WITH", "a1", "a2").Rel("COLLABORATES_WITH", "a2", "a3").Rel("COLLABORATES_WITH", "a3", "a1");
        b.Rel("COLLABORATES_WITH", "b1", "b2").Rel("COLLABORATES_WITH", "b2", "b3").Rel("COLLABORATES_WITH", "b3", "b1");
        Person(b, "broker", "a1").Rel("WORKS_FOR", "broker", "b1");

        var report = Find(b);

        var finding = About(report, BlindSpotKinds.ArticulationPoint, "broker");
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Contains(finding.Evidence.Paths, p => p.SequenceEqual(["broker", "b1"]));

        b.Rel("COLLABORATES_WITH", "a2", "b2");
        Assert.Empty(Of(Find(b), BlindSpotKinds.ArticulationPoint));
    }

    // over-reliance

    [Fact]
    public void Broker_everyone_depends_on_is_over_relied_on()
    {
        var b = new GraphBuilder();
        Org(b, "hub");
        Person(b, "regisseur", "hub");
        for (var i = 0; i < 6; i++)
        {
            Platform(b, $"platform-{i}").Rel("MEMBER_OF", "regisseur", $"platform-{i}");
            Org(b, $"org-{i}");
            Person(b, $"member-{i}", $"org-{i}").Rel("MEMBER_OF", $"member-{i}", $"platform-{i}");
        }

        var finding = Assert.Single(Of(Find(b), BlindSpotKinds.OverReliance));

        Assert.Equal("regisseur", finding.Evidence.Nodes[0]);
        Assert.Equal(Severity.High, finding.Severity);
    }

    [Fact]
    public void Person_invited_far_more_than_peers_is_flagged()
    {
        var b = new GraphBuilder();
        Org(b, "org");
        Person(b, "busy", "org");
        for (var p = 0; p < 5; p++) Person(b, $"peer-{p}", "org");
        for (var m = 0; m < 8; m++)
        {
            Meeting(b, $"m{m}", $"2023-{m + 2:D2}-10").Rel("INVITED", "busy", $"m{m}");
            if (m < 5) b.Rel("INVITED", $"peer-{m}", $"m{m}");
        }

        var finding = Assert.Single(Of(Find(b), BlindSpotKinds.OverReliance), f => f.Title.En.Contains("invited"));

        Assert.Equal("busy", finding.Evidence.Nodes[0]);
        Assert.Equal(9, finding.Evidence.Nodes.Count);
        Assert.Equal(Severity.Low, finding.Severity);
    }

    // dormant-member

    private static GraphBuilder PlatformWithThreeMeetings()
    {
        var b = new GraphBuilder();
        Org(b, "org");
        Platform(b, "lerend-netwerk");
        Person(b, "regular", "org").Rel("MEMBER_OF", "regular", "lerend-netwerk", validFrom: new DateOnly(2020, 1, 1));
        foreach (var (id, date) in new[] { ("m1", "2023-03-01"), ("m2", "2023-06-01"), ("m3", "2023-10-01") })
        {
            Meeting(b, id, date, "lerend-netwerk").Rel("ATTENDED", "regular", id);
        }
        return b;
    }

    [Fact]
    public void Member_absent_from_every_meeting_for_a_year_is_dormant()
    {
        var b = PlatformWithThreeMeetings();
        Person(b, "absent", "org").Rel("MEMBER_OF", "absent", "lerend-netwerk", properties: new { role = "trekker" });

        var finding = About(Find(b), BlindSpotKinds.DormantMember, "absent");

        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(3, finding.Evidence.Dates.Count);
        Assert.DoesNotContain(Find(b).Findings, f => f.Kind == BlindSpotKinds.DormantMember && f.Evidence.Nodes.Contains("regular"));
    }

    [Fact]
    public void New_member_or_one_who_came_once_is_not_dormant()
    {
        var b = PlatformWithThreeMeetings();
        Person(b, "new", "org").Rel("MEMBER_OF", "new", "lerend-netwerk", validFrom: new DateOnly(2023, 9, 1));
        Person(b, "once", "org").Rel("MEMBER_OF", "once", "lerend-netwerk").Rel("ATTENDED", "once", "m2");

        Assert.Empty(Of(Find(b), BlindSpotKinds.DormantMember));
    }

    // platform-behind-cadence

    [Fact]
    public void Platform_meeting_once_against_a_cadence_of_four_is_far_behind()
    {
        var b = new GraphBuilder();
        Platform(b, "rose", cadencePerYear: 4);
        Meeting(b, "rose-av", "2023-06-20", "rose");
        Meeting(b, "rose-cancelled", "2023-09-20", "rose", status: "cancelled");
        Meeting(b, "rose-2024", "2024-02-20", "rose");

        var finding = About(Find(b), BlindSpotKinds.PlatformBehindCadence, "rose");

        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal([new DateOnly(2023, 6, 20)], finding.Evidence.Dates);
        Assert.Contains("1 van 4", finding.Title.Nl);
    }

    [Fact]
    public void Platform_keeping_its_cadence_or_inactive_is_not_flagged()
    {
        var b = new GraphBuilder();
        Platform(b, "keeps", cadencePerYear: 2);
        Meeting(b, "k1", "2023-03-01", "keeps");
        Meeting(b, "k2", "2023-09-01", "keeps");
        Platform(b, "stopped", cadencePerYear: 6, active: false);

        Assert.Empty(Of(Find(b), BlindSpotKinds.PlatformBehindCadence));
    }

    // agreement-expiring, agreement-without-follow-up

    private static GraphBuilder PomStam(string end)
    {
        var b = new GraphBuilder()
            .Node("agr-pom-stam", "Agreement", new { title = "POM – STAM", type = "samenwerkingsovereenkomst", startDate = "2022-01-01", endDate = end });
        Org(b, "pom", "pom", "overheid").Rel("PARTY_TO", "pom", "agr-pom-stam");
        Org(b, "stam", "koepel", "sociale-economie").Rel("PARTY_TO", "stam", "agr-pom-stam");
        return b;
    }

    [Fact]
    public void Agreement_ending_within_months_without_successor_is_expiring()
    {
        var report = Find(PomStam("2025-12-31"), asOf: new DateOnly(2025, 9, 1));

        var finding = About(report, BlindSpotKinds.AgreementExpiring, "agr-pom-stam");
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal([new DateOnly(2025, 12, 31)], finding.Evidence.Dates);
        Assert.Contains("pom", finding.Evidence.Nodes);
    }

    [Fact]
    public void Agreement_with_a_successor_or_far_from_its_end_is_not_expiring()
    {
        var b = PomStam("2025-12-31")
            .Node("agr-next", "Agreement", new { title = "POM – STAM 2026", type = "samenwerkingsovereenkomst", startDate = "2026-01-01", endDate = "2028-12-31" })
            .Rel("PARTY_TO", "stam", "agr-next").Rel("PARTY_TO", "pom", "agr-next");

        Assert.Empty(Of(Find(b, asOf: new DateOnly(2025, 9, 1)), BlindSpotKinds.AgreementExpiring));
        Assert.Empty(Of(Find(PomStam("2025-12-31"), asOf: new DateOnly(2023, 12, 31)), BlindSpotKinds.AgreementExpiring));
    }

    [Fact]
    public void Later_agreement_sharing_one_party_or_of_another_type_is_no_successor()
    {
        var b = PomStam("2025-12-31")
            .Node("agr-pom-4werk", "Agreement", new { title = "POM – 4Werk", type = "samenwerkingsovereenkomst", startDate = "2022-01-01", endDate = "2026-12-31" })
            .Rel("PARTY_TO", "pom", "agr-pom-4werk");
        Org(b, "4werk", "koepel", "sociale-economie").Rel("PARTY_TO", "4werk", "agr-pom-4werk");
        b.Node("agr-staten-generaal", "Agreement", new { title = "Staten-Generaal Arbeidszorg", type = "engagementsverklaring", startDate = "2023-12-01" })
            .Rel("PARTY_TO", "pom", "agr-staten-generaal").Rel("PARTY_TO", "stam", "agr-staten-generaal");

        About(Find(b, asOf: new DateOnly(2025, 6, 30)), BlindSpotKinds.AgreementExpiring, "agr-pom-stam");
    }

    [Fact]
    public void Running_agreement_without_a_platform_following_it_up_is_flagged_until_one_meets()
    {
        var b = PomStam("2025-12-31");

        About(Find(b), BlindSpotKinds.AgreementWithoutFollowUp, "agr-pom-stam");

        Platform(b, "stuurgroep").Rel("FOLLOWS_UP", "stuurgroep", "agr-pom-stam");
        Assert.Contains("op papier", About(Find(b), BlindSpotKinds.AgreementWithoutFollowUp, "agr-pom-stam").Title.Nl);

        Meeting(b, "sg-1", "2023-11-01", "stuurgroep");
        Assert.Empty(Of(Find(b), BlindSpotKinds.AgreementWithoutFollowUp));
    }

    [Fact]
    public void Agreement_theme_nobody_acts_on_is_flagged()
    {
        var b = PomStam("2025-12-31").Node("theme-arbeidszorg", "Theme", new { name = "Arbeidszorg" }).Rel("ADDRESSES", "agr-pom-stam", "theme-arbeidszorg");
        Platform(b, "stuurgroep").Rel("FOLLOWS_UP", "stuurgroep", "agr-pom-stam");
        Meeting(b, "sg-1", "2023-11-01", "stuurgroep");

        var finding = About(Find(b), BlindSpotKinds.AgreementWithoutFollowUp, "theme-arbeidszorg");
        Assert.Equal(Severity.Low, finding.Severity);

        b.Rel("ADDRESSES", "stuurgroep", "theme-arbeidszorg");
        Assert.Empty(Of(Find(b), BlindSpotKinds.AgreementWithoutFollowUp));
    }

    // silo

    [Fact]
    public void Tight_group_with_one_tie_outside_is_a_silo_and_a_single_clique_is_not()
    {
        var b = new GraphBuilder();
        foreach (var group in new[] { "a", "b" })
        {
            for (var i = 0; i < 6; i++) Org(b, $"{group}{i}");
            for (var i = 0; i < 6; i++) for (var j = i + 1; j < 6; j++) b.Rel("COLLABORATES_WITH", $"{group}{i}", $"{group}{j}");
        }
        b.Rel("COLLABORATES_WITH", "a0", "b0");

        var silos = Of(Find(b), BlindSpotKinds.Silo);

        Assert.Equal(2, silos.Count);
        Assert.All(silos, s => Assert.Equal(Severity.High, s.Severity));
        Assert.All(silos, s => Assert.Equal(["a0", "b0"], s.Evidence.Paths[0].Order(StringComparer.Ordinal)));

        var clique = new GraphBuilder();
        for (var i = 0; i < 6; i++) Org(clique, $"c{i}");
        for (var i = 0; i < 6; i++) for (var j = i + 1; j < 6; j++) clique.Rel("COLLABORATES_WITH", $"c{i}", $"c{j}");
        Assert.Empty(Of(Find(clique), BlindSpotKinds.Silo));
    }

    // the report as a whole

    [Fact]
    public void Report_is_deterministic_with_unique_ids_most_severe_first()
    {
        var b = PomStam("2024-03-31");
        Platform(b, "rose", cadencePerYear: 4);
        Meeting(b, "rose-av", "2023-06-20", "rose");
        Org(b, "alone");

        var first = Find(b);
        var second = Find(b);

        Assert.Equal(first.Findings.Select(f => f.Id), second.Findings.Select(f => f.Id));
        Assert.Equal(first.Findings.Count, first.Findings.Select(f => f.Id).Distinct().Count());
        Assert.Equal(first.Findings.Select(f => f.Severity).Order(), first.Findings.Select(f => f.Severity));
        Assert.All(first.Findings, f =>
        {
            Assert.StartsWith(f.Kind + "-", f.Id);
            Assert.Contains(f.Kind, BlindSpotKinds.All);
            Assert.False(string.IsNullOrWhiteSpace(f.Explanation.Nl));
            Assert.False(string.IsNullOrWhiteSpace(f.Suggestion.En));
        });
    }

    [Fact]
    public void Finding_keeps_its_id_when_its_evidence_grows()
    {
        var b = new GraphBuilder();
        Platform(b, "rose", cadencePerYear: 4);
        Meeting(b, "rose-av", "2023-06-20", "rose");
        var before = About(Find(b), BlindSpotKinds.PlatformBehindCadence, "rose").Id;

        Meeting(b, "rose-ag", "2023-09-20", "rose");
        var after = About(Find(b), BlindSpotKinds.PlatformBehindCadence, "rose");

        Assert.Equal(before, after.Id);
        Assert.Equal(2, after.Evidence.Dates.Count);
    }
}
