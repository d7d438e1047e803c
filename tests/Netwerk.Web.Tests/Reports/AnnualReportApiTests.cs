using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Netwerk.Core.Accounts;

namespace Netwerk.Web.Tests.Reports;

/// <summary>
/// The jaarverslag of the demo network for Zuid-West-Vlaanderen 2023 gives the counts W13's own 2023 report gives by
/// hand (seed 002, DemoData/README.md), as JSON and as a Word document.
/// </summary>
public sealed class AnnualReportApiTests(DemoNetworkServer demo) : IClassFixture<DemoNetworkServer>
{
    private const string Region = "region-zuid-west-vlaanderen";
    private const string Query = $"region={Region}&year=2023";

    [Fact]
    public async Task Platforms_met_as_often_as_w13_reports_for_2023()
    {
        var report = await Report();

        Assert.Equal(1, Platform(report, "platform-rose").GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(4, Platform(report, "platform-rose").GetProperty("cadencePerYear").GetInt32());
        Assert.Equal(3, Platform(report, "platform-actiegroep-rose").GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(4, Platform(report, "platform-regionaal-overleg-activering").GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(3, Platform(report, "platform-stuurgroep-samenwerkingsovereenkomst-vdab").GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(2, Platform(report, "platform-stuurgroep-langdurig-zieken").GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(2, Platform(report, "platform-overleg-w13-stam").GetProperty("meetingsHeld").GetInt32());
        Assert.Equal(2, Platform(report, "platform-overlegtafel-arbeidszorg-zwvl").GetProperty("meetingsHeld").GetInt32());
        Assert.Equal("VDAB", report.GetProperty("partner").GetProperty("label").GetString());
    }

    [Fact]
    public async Task Lerend_netwerk_met_six_times_three_with_vdab_and_three_without()
    {
        var lerend = Platform(await Report(), "platform-lerend-netwerk-trajectbegeleiders");

        Assert.Equal(6, lerend.GetProperty("meetingsHeld").GetInt32());
        // Sarah Claeys joined VDAB on 1 July 2023: her March attendance is the OCMW's, not VDAB's.
        Assert.Equal(3, lerend.GetProperty("meetingsWithPartner").GetInt32());
        Assert.Equal(3, lerend.GetProperty("meetingsWithoutPartner").GetInt32());
        Assert.Equal(0, lerend.GetProperty("meetingsWithoutAttendance").GetInt32());
        Assert.Equal(74, lerend.GetProperty("attendance").GetInt32());
    }

    [Fact]
    public async Task Events_carry_their_head_counts_under_their_priority()
    {
        var report = await Report();

        var lr1 = Section(report, "wse-lr1");
        var inspiratie = Assert.Single(Events(lr1), e => e.GetProperty("type").GetString() == "inspiratiemoment");
        Assert.Equal(("2023-12-12", 40), (inspiratie.GetProperty("date").GetString(), inspiratie.GetProperty("attendance").GetInt32()));
        Assert.Contains(Events(lr1), e => e.GetProperty("date").GetString() == "2023-03-31" && e.GetProperty("type").GetString() == "studiedag");

        var greets = Events(Section(report, "wse-lr4")).Where(e => e.GetProperty("type").GetString() == "meet-and-greet")
            .Select(e => (e.GetProperty("date").GetString(), e.GetProperty("attendance").GetInt32())).ToList();
        Assert.Equal([("2023-05-12", 30), ("2023-10-09", 30), ("2023-11-21", 100)], greets);

        Assert.Contains(Events(Section(report, "wse-lr3")), e => e.GetProperty("id").GetString() == "meeting-businessmixer-sociale-economie-zorg");
    }

    [Fact]
    public async Task Agreements_show_their_follow_up_and_the_one_nobody_follows_up()
    {
        var report = await Report();

        var samen = Assert.Single(Section(report, "wse-lr4").GetProperty("agreements").EnumerateArray(),
            a => a.GetProperty("id").GetString() == "agreement-samen-sterk-voor-lokaal-werk");
        Assert.Equal(["platform-stuurgroep-samenwerkingsovereenkomst-vdab", "platform-werkgroep-taal"],
            samen.GetProperty("followedUpBy").EnumerateArray().Select(p => p.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(6, samen.GetProperty("followUpMeetings").GetInt32());

        var engagement = Assert.Single(Section(report, "wse-lr1").GetProperty("agreements").EnumerateArray(),
            a => a.GetProperty("id").GetString() == "agreement-stam-4werk-engagementsverklaring");
        Assert.False(engagement.GetProperty("followedUp").GetBoolean());
        Assert.DoesNotContain(report.GetProperty("priorities").EnumerateArray().SelectMany(s => s.GetProperty("agreements").EnumerateArray()),
            a => a.GetProperty("id").GetString() == "agreement-stam-provincie-professionalisering");
    }

    [Fact]
    public async Task Spiere_helkijn_is_the_one_municipality_not_reached_and_blind_spots_are_those_of_year_end()
    {
        var report = await Report();

        var totals = report.GetProperty("totals");
        Assert.Equal(13, totals.GetProperty("municipalitiesInRegion").GetInt32());
        Assert.Equal(12, totals.GetProperty("municipalitiesReached").GetInt32());
        Assert.Equal(["mun-spiere-helkijn"], totals.GetProperty("municipalitiesNotReached").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.Equal(0, totals.GetProperty("meetingsPlanned").GetInt32());
        // The 59 meetings of 2023 less the 3 of Perspectief and the 3 of Leuven.
        Assert.Equal(53, totals.GetProperty("meetingsHeld").GetInt32());
        Assert.Equal([35, 10, 2, 6], report.GetProperty("priorities").EnumerateArray().Select(s => s.GetProperty("meetingsHeld").GetInt32()));

        var blind = report.GetProperty("blindSpots");
        Assert.Equal("2023-12-31", blind.GetProperty("asOf").GetString());
        var analysis = await demo.Server.Get<JsonElement>($"/api/analysis/blindspots?region={Region}&asOf=2023-12-31");
        Assert.Equal(analysis.GetProperty("findings").GetArrayLength(), blind.GetProperty("found").GetInt32());
        Assert.Contains(blind.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "platform-behind-cadence");
    }

    [Fact]
    public async Task A_finding_a_meeting_was_planned_for_counts_as_acted_on()
    {
        var before = (await Report()).GetProperty("blindSpots");
        var rose = Assert.Single(before.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "platform-behind-cadence");
        var id = rose.GetProperty("id").GetString()!;

        using var created = await demo.Server.PostJson("/api/meetings/from-finding", new { findingId = id, region = Region, asOf = "2023-12-31" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var meetingId = (await NetwerkServer.Json(created)).GetProperty("id").GetString();

        var after = (await Report()).GetProperty("blindSpots");
        var acted = Assert.Single(after.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString() == id);
        Assert.True(acted.GetProperty("actedOn").GetBoolean());
        Assert.Equal(meetingId, Assert.Single(acted.GetProperty("meetings").EnumerateArray()).GetProperty("meetingId").GetString());
        Assert.True(after.GetProperty("actedOn").GetInt32() >= 1);
    }

    [Fact]
    public async Task Word_document_has_the_headings_per_priority_the_sentences_and_tables_and_is_valid()
    {
        using var response = await demo.Server.Http.GetAsync($"/api/reports/annual.docx?{Query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("jaarverslag-2023-zuid-west-vlaanderen.docx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document.Body!;
        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));

        var headings = body.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal("Kerncijfers", headings[0]);
        Assert.StartsWith("1. Het opnemen van de lokale regierol", headings[1]);
        Assert.EndsWith("(WSE-LR4)", headings[4]);
        Assert.Equal("Jaarverslag 2023", body.Elements<Paragraph>().First().InnerText);

        var text = string.Join("\n", body.Elements<Paragraph>().Select(p => p.InnerText));
        Assert.Contains("Lerend netwerk trajectbegeleiders kwam in 2023 6 keer samen: 3 keer met VDAB, 3 keer zonder.", text);
        Assert.Contains("Algemene vergadering ROSE (regionaal overleg sociale economie) kwam in 2023 één keer samen, met VDAB (gepland ritme: 4 keer per jaar). Er waren 20 aanwezigen.", text);
        Assert.Contains("In kaart brengen van blinde vlekken in ons netwerk", text);
        Assert.Contains("Niet bereikt in 2023: Spiere-Helkijn.", text);

        var tables = body.Elements<Table>().ToList();
        Assert.All(tables, t => Assert.Equal("TableGrid", t.GetFirstChild<TableProperties>()!.TableStyle!.Val!.Value));
        var greets = tables.SelectMany(t => t.Elements<TableRow>()).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList())
            .Where(cells => cells.Count == 5 && cells[2] == "Meet & greet").ToList();
        Assert.Equal(["30", "30", "100"], greets.Select(c => c[3]));
        Assert.Equal("21 november 2023", greets[2][0]);
    }

    [Theory]
    [InlineData("year=2023", 400, "region")]
    [InlineData($"region={Region}&year=twintig", 400, "year")]
    [InlineData($"region={Region}&year=1850", 400, "year")]
    [InlineData($"region={Region}&year=3000", 400, "year")]
    [InlineData($"region={Region}&year=2023&partner=bank", 400, "partner")]
    [InlineData("region=region-nowhere&year=2023", 404, null)]
    [InlineData("region=org-w13&year=2023", 404, null)]
    public async Task Bad_region_or_year_is_a_clear_problem(string query, int status, string? field)
    {
        foreach (var path in new[] { "/api/reports/annual", "/api/reports/annual.docx" })
        {
            using var response = await demo.Server.Http.GetAsync($"{path}?{query}");
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await NetwerkServer.Json(response);
            if (field is not null) Assert.Contains(field, problem.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_viewer_of_another_region_is_refused()
    {
        using var viewer = await demo.Server.ClientAs(new RoleGrant(Role.Viewer, "region-leuven"));

        using var refused = await viewer.GetAsync($"/api/reports/annual?{Query}");
        using var allowed = await viewer.GetAsync("/api/reports/annual?region=region-leuven&year=2023");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    private async Task<JsonElement> Report() => await demo.Server.Get<JsonElement>($"/api/reports/annual?{Query}");

    private static JsonElement Section(JsonElement report, string code) =>
        Assert.Single(report.GetProperty("priorities").EnumerateArray(), s => s.GetProperty("code").GetString() == code);

    private static List<JsonElement> Events(JsonElement section) => [.. section.GetProperty("events").EnumerateArray()];

    private static JsonElement Platform(JsonElement report, string id) =>
        Assert.Single(report.GetProperty("priorities").EnumerateArray().SelectMany(s => s.GetProperty("platforms").EnumerateArray()),
            p => p.GetProperty("id").GetString() == id);
}

/// <summary>Names in the report are data: a platform called like a script comes back as that text, in JSON and in Word.</summary>
public sealed class AnnualReportNamesTests : IDisposable
{
    private const string Script = "<script>alert('x')</script> & overleg";
    private readonly NetwerkServer _server = new();

    [Fact]
    public async Task A_name_with_markup_is_text_in_the_json_and_the_word_document()
    {
        using var imported = await _server.PostJson("/api/import", new
        {
            nodes = new object[]
            {
                new { id = "region-r", kind = "Region", properties = new { name = "Regio <b>R</b>" } },
                new { id = "mun-r", kind = "Municipality", properties = new { name = "Gemeente" } },
                new { id = "org-r", kind = "Organisation", properties = new { name = "OCMW", type = "ocmw", sector = "overheid" } },
                new { id = "person-r", kind = "Person", properties = new { name = "Ria" } },
                new { id = "platform-r", kind = "Platform", properties = new { name = Script, type = "werkgroep", priority = "wse-lr2" } },
                new { id = "meeting-r", kind = "Meeting", properties = new { title = "Overleg", type = "overleg", start = "2023-03-01T10:00:00+01:00", end = "2023-03-01T12:00:00+01:00", status = "held" } },
            },
            relationships = new object[]
            {
                new { id = "rel-r1", type = "PART_OF", from = "mun-r", to = "region-r" },
                new { id = "rel-r2", type = "ACTIVE_IN", from = "org-r", to = "mun-r" },
                new { id = "rel-r3", type = "WORKS_FOR", from = "person-r", to = "org-r" },
                new { id = "rel-r4", type = "ACTIVE_IN", from = "platform-r", to = "mun-r" },
                new { id = "rel-r5", type = "OF", from = "meeting-r", to = "platform-r" },
                new { id = "rel-r6", type = "ATTENDED", from = "person-r", to = "meeting-r" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var report = await _server.Get<JsonElement>("/api/reports/annual?region=region-r&year=2023");
        var platform = Assert.Single(report.GetProperty("priorities")[1].GetProperty("platforms").EnumerateArray());
        Assert.Equal(Script, platform.GetProperty("name").GetString());
        Assert.Equal(1, platform.GetProperty("meetingsHeld").GetInt32());

        using var response = await _server.Http.GetAsync("/api/reports/annual.docx?region=region-r&year=2023");
        using var document = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var body = document.MainDocumentPart!.Document.Body!;
        Assert.Contains(body.Descendants<Text>(), t => t.Text.StartsWith(Script + " kwam in 2023 één keer samen", StringComparison.Ordinal));
        Assert.Contains(body.Descendants<Text>(), t => t.Text == "Regierol sociale economie en werk — Regio <b>R</b>");
        Assert.Equal("jaarverslag-2023-regio-b-r-b.docx", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    public void Dispose() => _server.Dispose();
}
