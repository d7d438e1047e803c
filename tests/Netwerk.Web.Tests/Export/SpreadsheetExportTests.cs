using System.Net;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;

namespace Netwerk.Web.Tests.Export;

/// <summary>CSV per kind and the meeting lists as .xlsx, with the messy text real networks have.</summary>
public sealed class SpreadsheetExportTests : IAsyncLifetime
{
    private readonly NetwerkServer _server = new();

    private const string Cafe = "Café \"De Zon\"; Kortrijk\nTweede lijn";
    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"klik\")";

    public async ValueTask InitializeAsync()
    {
        var document = new
        {
            nodes = new object[]
            {
                ApiFixtures.Organisation("org-cafe", Cafe),
                ApiFixtures.Organisation("org-plain", "Maatwerkbedrijf Élan"),
                new { id = "person-formula", kind = "Person", properties = new { name = Formula, email = "formula@example.org", phone = "+32 56 12 34 56" } },
                new { id = "person-plus", kind = "Person", properties = new { name = "+Plus Peeters", email = "plus@example.org" } },
                new { id = "person-minus", kind = "Person", properties = new { name = "-Min Maes", email = "min@example.org", function = "jobcoach" } },
                new { id = "person-at", kind = "Person", properties = new { name = "@Sum Smets", email = "at@example.org" } },
                new { id = "person-walkin", kind = "Person", properties = new { name = "Ingrid Çelik", email = "ingrid@example.org" } },
                new { id = "meeting-taal", kind = "Meeting", properties = new { title = "Inspiratiemoment taal", type = "inspiratiemoment", start = "2024-03-12T13:30:00+01:00", end = "2024-03-12T16:00:00+01:00", status = "held" } },
            },
            relationships = new object[]
            {
                ApiFixtures.Relationship("rel-works-formula", "WORKS_FOR", "person-formula", "org-cafe", new { function = "trajectbegeleider" }, "2023-01-01"),
                ApiFixtures.Relationship("rel-works-plus", "WORKS_FOR", "person-plus", "org-plain", new { function = "accountmanager" }),
                ApiFixtures.Relationship("rel-inv-formula", "INVITED", "person-formula", "meeting-taal", new { status = "accepted", sequence = 0 }),
                ApiFixtures.Relationship("rel-inv-plus", "INVITED", "person-plus", "meeting-taal", new { status = "declined", sequence = 0 }),
                ApiFixtures.Relationship("rel-inv-minus", "INVITED", "person-minus", "meeting-taal", new { status = "needs-action", sequence = 0 }),
                ApiFixtures.Relationship("rel-inv-at", "INVITED", "person-at", "meeting-taal", new { status = "tentative", sequence = 0 }),
                ApiFixtures.Relationship("rel-att-formula", "ATTENDED", "person-formula", "meeting-taal"),
                ApiFixtures.Relationship("rel-att-walkin", "ATTENDED", "person-walkin", "meeting-taal"),
            },
        };
        using var response = await _server.PostJson("/api/import", document);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Organisations_CSV_is_UTF8_with_BOM_semicolons_and_reads_back_exactly()
    {
        using var response = await _server.Http.GetAsync("/api/export/csv?kind=Organisation");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^netwerk-alles-\d{4}-\d{2}-\d{2}-Organisation\.csv$", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("id;name;type;sector;", Encoding.UTF8.GetString(bytes[3..]));

        var rows = Read(bytes, ';');
        Assert.Equal(["id", "name", "type", "sector", "website", "address", "email", "phone", "description"], rows[0]);
        Assert.Equal(["org-cafe", Cafe, "maatwerkbedrijf", "sociale-economie", "", "", "", "", ""], rows[1]);
        Assert.Equal("Maatwerkbedrijf Élan", rows[2][1]);
    }

    [Fact]
    public async Task Names_that_look_like_formulas_are_escaped_in_CSV()
    {
        var rows = Read(await _server.Http.GetByteArrayAsync("/api/export/csv?kind=Person"), ';');
        var byId = rows.Skip(1).ToDictionary(r => r[0], r => r);

        Assert.Equal("'" + Formula, byId["person-formula"][1]);
        Assert.Equal("'+32 56 12 34 56", byId["person-formula"][3]);
        Assert.Equal("'+Plus Peeters", byId["person-plus"][1]);
        Assert.Equal("'-Min Maes", byId["person-minus"][1]);
        Assert.Equal("'@Sum Smets", byId["person-at"][1]);
        Assert.Equal("Ingrid Çelik", byId["person-walkin"][1]);
    }

    [Fact]
    public async Task Relationships_CSV_names_both_ends_and_may_use_commas()
    {
        var rows = Read(await _server.Http.GetByteArrayAsync("/api/export/csv?type=WORKS_FOR&delimiter=comma"), ',');

        Assert.Equal(["id", "type", "from", "fromName", "to", "toName", "validFrom", "validUntil", "function"], rows[0]);
        Assert.Equal(["rel-works-formula", "WORKS_FOR", "person-formula", "'" + Formula, "org-cafe", Cafe, "2023-01-01", "", "trajectbegeleider"], rows[1]);
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task The_invitee_list_is_a_spreadsheet_with_a_frozen_filtered_header_and_text_cells()
    {
        using var response = await _server.Http.GetAsync("/api/meetings/meeting-taal/invitees.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("genodigden-2024-03-12-meeting-taal.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);

        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = book.Worksheet(1);
        Assert.Equal("Genodigden", sheet.Name);
        Assert.Equal(["Naam", "Organisatie", "Functie", "E-mail", "Antwoord"], Row(sheet, 3, 5));
        Assert.Equal(3, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        var rows = Enumerable.Range(4, 4).Select(r => Row(sheet, r, 5)).ToDictionary(r => r[3]);
        Assert.Equal([Formula, Cafe, "Trajectbegeleider", "formula@example.org", "Komt"], rows["formula@example.org"]);
        Assert.Equal(["+Plus Peeters", "Maatwerkbedrijf Élan", "Accountmanager", "plus@example.org", "Komt niet"], rows["plus@example.org"]);
        Assert.Equal(["-Min Maes", "", "Jobcoach", "min@example.org", "Nog geen antwoord"], rows["min@example.org"]);
        Assert.Equal("Misschien", rows["at@example.org"][4]);
        Assert.True(sheet.Cell(5, 1).IsEmpty() is false);
        foreach (var cell in sheet.CellsUsed())
        {
            Assert.False(cell.HasFormula, $"{cell.Address} became a formula");
            Assert.Equal(XLDataType.Text, cell.DataType);
        }
    }

    [Fact]
    public async Task The_attendance_list_marks_who_came_including_people_not_invited()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/meetings/meeting-taal/attendance.xlsx");
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await _server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = book.Worksheet(1);
        Assert.Equal(["Name", "Organisation", "Function", "E-mail", "Answer", "Present", "Dates present"], Row(sheet, 3, 7));
        var rows = Enumerable.Range(4, 5).Select(r => Row(sheet, r, 7)).ToDictionary(r => r[3]);
        Assert.Equal(("Accepted", "yes"), (rows["formula@example.org"][4], rows["formula@example.org"][5]));
        Assert.Equal(("Declined", "no"), (rows["plus@example.org"][4], rows["plus@example.org"][5]));
        Assert.Equal(["Ingrid Çelik", "", "", "ingrid@example.org", "Not invited", "yes", ""], rows["ingrid@example.org"]);
    }

    [Fact]
    public async Task Meeting_lists_need_an_organiser_where_the_meeting_lives_and_an_existing_meeting()
    {
        using var viewer = await _server.ClientAs(new Core.Accounts.RoleGrant(Core.Accounts.Role.Viewer, Core.Accounts.RoleGrant.AllRegions));
        using var organiser = await _server.ClientAs(new Core.Accounts.RoleGrant(Core.Accounts.Role.Organiser, Core.Accounts.RoleGrant.AllRegions));

        using var refused = await viewer.GetAsync("/api/meetings/meeting-taal/invitees.xlsx");
        using var allowed = await organiser.GetAsync("/api/meetings/meeting-taal/attendance.xlsx");
        using var missing = await organiser.GetAsync("/api/meetings/no-such-meeting/invitees.xlsx");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static List<string[]> Read(byte[] bytes, char separator)
    {
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { Separator = separator });
        var rows = new List<string[]>();
        reader.ReadHeader();
        rows.Add([.. reader.Headers]);
        while (reader.Read()) rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        return rows;
    }

    private static string[] Row(IXLWorksheet sheet, int row, int columns) =>
        [.. Enumerable.Range(1, columns).Select(c => sheet.Cell(row, c).GetString())];
}
