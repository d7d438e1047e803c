using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Netwerk.Core.Accounts;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Tests.Spreadsheets;

public sealed class SpreadsheetImportTests : IAsyncLifetime
{
    private readonly NetwerkServer _server = new();

    /// <summary>The network the sheets meet: Kortrijk and Menen, Wonderwerk vzw in Kortrijk with An Peeters, Jan Vermeulen, ROSE.</summary>
    public async ValueTask InitializeAsync()
    {
        using var response = await _server.PostJson("/api/import", new
        {
            nodes = new object[]
            {
                new { id = "gem-kortrijk", kind = "Municipality", properties = new { name = "Kortrijk" } },
                new { id = "gem-menen", kind = "Municipality", properties = new { name = "Menen" } },
                ApiFixtures.Organisation("org-wonderwerk", "Wonderwerk vzw"),
                ApiFixtures.Organisation("org-ocmw-menen", "OCMW", "ocmw", "overheid"),
                ApiFixtures.Person("person-an", "An Peeters", "an.peeters@example.org"),
                new { id = "person-jan", kind = "Person", properties = new { name = "Jan Vermeulen" } },
                ApiFixtures.Platform("platform-rose", "ROSE"),
            },
            relationships = new object[]
            {
                ApiFixtures.Relationship("rel-ww-kortrijk", "ACTIVE_IN", "org-wonderwerk", "gem-kortrijk"),
                ApiFixtures.Relationship("rel-ocmw-menen", "ACTIVE_IN", "org-ocmw-menen", "gem-menen"),
                ApiFixtures.Relationship("rel-an-ww", "WORKS_FOR", "person-an", "org-wonderwerk"),
                ApiFixtures.Relationship("rel-jan-ww", "WORKS_FOR", "person-jan", "org-wonderwerk"),
            },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    private static readonly Dictionary<string, string> PeopleMapping = new()
    {
        ["Naam"] = "name", ["E-mail"] = "email", ["GSM"] = "phone", ["Functie"] = "function", ["Organisatie"] = "organisation", ["Gemeente"] = "municipality",
    };

    private static async Task<HttpResponseMessage> Upload(HttpClient client, byte[] bytes, string fileName, string language = "nl", bool expectContinue = false)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/spreadsheets") { Content = content };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        // A refused large body is answered before it is read; without 100-continue the client may still be sending it.
        request.Headers.ExpectContinue = expectContinue;
        return await client.SendAsync(request);
    }

    private async Task<JsonElement> Uploaded(byte[] bytes, string fileName)
    {
        using var response = await Upload(_server.Http, bytes, fileName);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await NetwerkServer.Json(response);
    }

    private async Task<JsonElement> Preview(string id, object request)
    {
        using var response = await _server.PostJson($"/api/spreadsheets/{id}/preview", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await NetwerkServer.Json(response);
    }

    [Fact]
    public async Task Erasing_a_person_drops_the_uploaded_sheets_that_hold_them()
    {
        using (var created = await _server.PostJson("/api/nodes", ApiFixtures.Person("person-wis-mij", "Wanda Wismij", "wanda.wismij@example.org")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var holding = (await Uploaded(MessySheets.Utf8Csv(false, "Naam;E-mail", "Wanda Wismij;WANDA.WISMIJ@example.org"), "met-wanda.csv")).GetProperty("id").GetString();
        var other = (await Uploaded(MessySheets.Utf8Csv(false, "Naam;E-mail", "Iemand Anders;iemand@example.org"), "zonder.csv")).GetProperty("id").GetString();

        using (var erased = await _server.Http.PostAsync("/api/people/person-wis-mij/erase", null))
        {
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        }

        using var gone = await _server.PostJson($"/api/spreadsheets/{holding}/preview", new { target = "people", mapping = PeopleMapping });
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(1, (await Preview(other!, new { target = "people", mapping = new Dictionary<string, string> { ["Naam"] = "name", ["E-mail"] = "email" } })).GetProperty("rows").GetArrayLength());
    }

    private static JsonElement Row(JsonElement preview, int number) =>
        preview.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("row").GetInt32() == number);

    private static string Value(JsonElement row, string property) => row.GetProperty("values").GetProperty(property).ToString();

    [Fact]
    public async Task A_messy_xlsx_reads_as_a_person_reads_it_with_a_suggested_mapping()
    {
        var upload = await Uploaded(MessySheets.PeopleXlsx(), "contacten.xlsx");

        Assert.Equal("xlsx", upload.GetProperty("format").GetString());
        Assert.Equal(["Naam", "E-mail", "GSM", "Functie", "Organisatie", "Gemeente"], upload.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));
        // Title and blank rows skipped; row numbers are Excel's.
        Assert.Equal(6, upload.GetProperty("rowCount").GetInt32());
        var sample = upload.GetProperty("sample").EnumerateArray().ToList();
        Assert.Equal(4, sample[0].GetProperty("number").GetInt32());
        // The merged organisation cell reads on both rows it covers; Excel's number keeps its digits.
        Assert.Equal("Wonderwerk vzw", sample[1].GetProperty("cells")[4].GetString());
        Assert.Equal("475987654", sample[1].GetProperty("cells")[2].GetString());
        var people = upload.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetString() == "people");
        var suggested = people.GetProperty("suggested").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(PeopleMapping, suggested);
    }

    [Fact]
    public async Task Preview_normalises_phones_flags_errors_merges_duplicates_and_matches_existing_people()
    {
        var id = (await Uploaded(MessySheets.PeopleXlsx(), "contacten.xlsx")).GetProperty("id").GetString();

        var preview = await Preview(id!, new { target = "people", mapping = PeopleMapping });

        var eleonore = Row(preview, 4);
        Assert.Equal("new", eleonore.GetProperty("status").GetString());
        Assert.Equal("Éléonore Dufrêne", Value(eleonore, "name"));
        Assert.Equal("+32 475 12 34 56", Value(eleonore, "phone"));
        Assert.Equal("trajectbegeleider", Value(eleonore, "function"));
        Assert.Equal("org-wonderwerk", eleonore.GetProperty("links")[0].GetProperty("nodeId").GetString());
        Assert.Equal("+32 475 98 76 54", Value(Row(preview, 5), "phone"));
        Assert.Equal("org-wonderwerk", Row(preview, 5).GetProperty("links")[0].GetProperty("nodeId").GetString());
        // "Wonderwerk" without the legal form is the same organisation; the near-miss name needs the user's word.
        var jan = Row(preview, 7);
        Assert.Equal("+32 56 23 45 67", Value(jan, "phone"));
        Assert.Equal("needs-decision", jan.GetProperty("status").GetString());
        var candidate = jan.GetProperty("candidates")[0];
        Assert.Equal("person-jan", candidate.GetProperty("nodeId").GetString());
        Assert.InRange(candidate.GetProperty("score").GetDouble(), 0.88, 0.999);
        var piet = Row(preview, 8);
        Assert.Equal("error", piet.GetProperty("status").GetString());
        var error = piet.GetProperty("errors")[0];
        Assert.Equal(("E-mail", "bad-email", "Geen geldig e-mailadres."),
            (error.GetProperty("column").GetString(), error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));
        var twice = Row(preview, 9);
        Assert.Equal(("duplicate", 4), (twice.GetProperty("status").GetString(), twice.GetProperty("duplicateOf").GetInt32()));
        var an = Row(preview, 10);
        Assert.Equal(("matched", "person-an", "email"),
            (an.GetProperty("status").GetString(), an.GetProperty("match").GetProperty("nodeId").GetString(), an.GetProperty("match").GetProperty("reason").GetString()));
        Assert.Equal("+32 56 11 22 33", Value(an, "phone"));
        var summary = preview.GetProperty("summary");
        Assert.Equal((6, 2, 1, 1, 1, 1), (summary.GetProperty("rows").GetInt32(), summary.GetProperty("new").GetInt32(), summary.GetProperty("matched").GetInt32(),
            summary.GetProperty("needsDecision").GetInt32(), summary.GetProperty("errors").GetInt32(), summary.GetProperty("duplicates").GetInt32()));
    }

    [Fact]
    public async Task A_bad_row_refuses_the_whole_import_and_nothing_is_written()
    {
        var id = (await Uploaded(MessySheets.PeopleXlsx(), "contacten.xlsx")).GetProperty("id").GetString();
        var before = await _server.StoreStatus();

        using var response = await _server.PostJson($"/api/spreadsheets/{id}/import",
            new { target = "people", mapping = PeopleMapping, decisions = new Dictionary<string, string> { ["7"] = "person-jan" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await NetwerkServer.Json(response);
        Assert.Equal("rows-invalid", problem.GetProperty("code").GetString());
        var row = Assert.Single(problem.GetProperty("rows").EnumerateArray());
        Assert.Equal(8, row.GetProperty("row").GetInt32());
        Assert.Equal(before, await _server.StoreStatus());
    }

    [Fact]
    public async Task Undecided_fuzzy_matches_refuse_the_import_until_the_user_confirms()
    {
        var id = (await Uploaded(MessySheets.PeopleXlsx(), "contacten.xlsx")).GetProperty("id").GetString();
        var before = await _server.StoreStatus();

        using var response = await _server.PostJson($"/api/spreadsheets/{id}/import", new { target = "people", mapping = PeopleMapping, skipBadRows = true });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await NetwerkServer.Json(response);
        Assert.Equal("decisions-required", problem.GetProperty("code").GetString());
        Assert.Equal(7, Assert.Single(problem.GetProperty("rows").EnumerateArray()).GetProperty("row").GetInt32());
        Assert.Equal(before, await _server.StoreStatus());
    }

    [Fact]
    public async Task Import_with_decisions_and_skipped_bad_rows_writes_people_and_their_employers_once()
    {
        var id = (await Uploaded(MessySheets.PeopleXlsx(), "contacten.xlsx")).GetProperty("id").GetString();

        using var response = await _server.PostJson($"/api/spreadsheets/{id}/import", new
        {
            target = "people", mapping = PeopleMapping, skipBadRows = true, decisions = new Dictionary<string, string> { ["7"] = "person-jan" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await NetwerkServer.Json(response);
        // Éléonore (twice in the sheet) and Bram are new; Jan (confirmed) and An (by e-mail) are updated; Piet is skipped.
        Assert.Equal((2, 2, 5, 1), (result.GetProperty("nodesCreated").GetInt32(), result.GetProperty("nodesUpdated").GetInt32(),
            result.GetProperty("rowsImported").GetInt32(), result.GetProperty("rowsSkipped").GetInt32()));
        Assert.Equal(2, result.GetProperty("relationshipsCreated").GetInt32()); // Éléonore and Bram work for Wonderwerk; Jan and An already did
        var people = await _server.Get<Page<Node>>("/api/nodes?kind=Person&limit=100");
        Assert.Single(people.Items, p => p.Properties["name"].GetString() == "Éléonore Dufrêne");
        var jan = await _server.Get<Node>("/api/nodes/person-jan");
        Assert.Equal("Jan Vermeulen", jan.Properties["name"].GetString()); // filled in, not overwritten
        Assert.Equal("jan.v@example.org", jan.Properties["email"].GetString());
        Assert.Equal("+32 56 23 45 67", jan.Properties["phone"].GetString());
        var progress = await NetwerkServer.Json(await _server.Http.GetAsync($"/api/spreadsheets/{id}/progress"));
        Assert.Equal(("done", 6), (progress.GetProperty("phase").GetString(), progress.GetProperty("done").GetInt32()));
    }

    [Fact]
    public async Task A_semicolon_cp1252_csv_of_organisations_matches_by_name_and_municipality()
    {
        var csv = MessySheets.Cp1252Csv(
            "Organisatie;Type;Sector;Gemeente;Website",
            "Wonderwerk VZW;Maatwerkbedrijf;Sociale economie;Kortrijk;www.wonderwerk.be",
            "OCMW;OCMW;Overheid;Kortrijk;",
            ";;;;",
            "Café Solidair;Arbeidszorginitiatief;Sociale economie;Menen, Kortrijk;",
            "Zorg & Co;Onbekend type;Zorg & welzijn;Brugge;");
        var upload = await Uploaded(csv, "organisaties.csv");
        Assert.Equal("csv", upload.GetProperty("format").GetString());
        Assert.Equal("Windows-1252, ';'", upload.GetProperty("detail").GetString());
        var suggested = upload.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetString() == "organisations").GetProperty("suggested");
        Assert.Equal("name", suggested.GetProperty("Organisatie").GetString());

        var mapping = new Dictionary<string, string> { ["Organisatie"] = "name", ["Type"] = "type", ["Sector"] = "sector", ["Gemeente"] = "municipality", ["Website"] = "website" };
        var preview = await Preview(upload.GetProperty("id").GetString()!, new { target = "organisations", mapping });

        var wonderwerk = Row(preview, 2);
        Assert.Equal(("org-wonderwerk", "name-municipality"), (wonderwerk.GetProperty("match").GetProperty("nodeId").GetString(), wonderwerk.GetProperty("match").GetProperty("reason").GetString()));
        Assert.Equal("https://www.wonderwerk.be", Value(wonderwerk, "website"));
        // The OCMW of the network is Menen's: an OCMW in Kortrijk may be another one, so the user decides.
        var ocmw = Row(preview, 3);
        Assert.Equal("needs-decision", ocmw.GetProperty("status").GetString());
        Assert.Equal("org-ocmw-menen", ocmw.GetProperty("candidates")[0].GetProperty("nodeId").GetString());
        var cafe = Row(preview, 5);
        Assert.Equal(("new", "Café Solidair"), (cafe.GetProperty("status").GetString(), Value(cafe, "name")));
        Assert.Equal(["gem-menen", "gem-kortrijk"], cafe.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("nodeId").GetString()!));
        var zorg = Row(preview, 6);
        Assert.Equal(["not-allowed", "unknown-municipality"], zorg.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).Order());

        using var response = await _server.PostJson($"/api/spreadsheets/{upload.GetProperty("id").GetString()}/import",
            new { target = "organisations", mapping, skipBadRows = true, decisions = new Dictionary<string, string> { ["3"] = "new" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await NetwerkServer.Json(response);
        Assert.Equal((2, 1, 3), (result.GetProperty("nodesCreated").GetInt32(), result.GetProperty("nodesUpdated").GetInt32(), result.GetProperty("relationshipsCreated").GetInt32()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_comma_utf8_csv_with_or_without_bom_keeps_its_accents(bool bom)
    {
        var upload = await Uploaded(MessySheets.Utf8Csv(bom, "Voornaam,Achternaam,E-mail", "Zoë,Van den Brûle,\"zoe@example.org\"", "\"Dirk\",\"De Smet, jr.\",dirk@example.org"), "p.csv");
        Assert.Equal("UTF-8, ','", upload.GetProperty("detail").GetString());
        var mapping = upload.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetString() == "people").GetProperty("suggested");
        var preview = await Preview(upload.GetProperty("id").GetString()!, new { target = "people", mapping });
        Assert.Equal("Zoë Van den Brûle", Value(Row(preview, 2), "name"));
        Assert.Equal("Dirk De Smet, jr.", Value(Row(preview, 3), "name"));
    }

    [Fact]
    public async Task A_membership_sheet_ties_members_to_platforms_and_lists_unknown_ones()
    {
        var csv = MessySheets.Utf8Csv(false, "Lid;Platform;Rol;Vanaf", "an.peeters@example.org;ROSE;Trekker;01/02/2024", "Wonderwerk vzw;rose;lid;", "Onbekende Persoon;ROSE;;", "An Peeters;Stuurgroep X;;");
        var upload = await Uploaded(csv, "leden.csv");
        var id = upload.GetProperty("id").GetString()!;
        var mapping = new Dictionary<string, string> { ["Lid"] = "member", ["Platform"] = "platform", ["Rol"] = "role", ["Vanaf"] = "validFrom" };

        var preview = await Preview(id, new { target = "memberships", mapping });
        Assert.Equal(["matched", "matched", "error", "error"], preview.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("status").GetString()!));
        Assert.Equal("unknown-member", Row(preview, 4).GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal("unknown-platform", Row(preview, 5).GetProperty("errors")[0].GetProperty("code").GetString());

        using var response = await _server.PostJson($"/api/spreadsheets/{id}/import", new { target = "memberships", mapping = new Dictionary<string, string>(mapping) { ["Lid"] = "member" }, skipBadRows = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await NetwerkServer.Json(response)).GetProperty("relationshipsCreated").GetInt32());
        var memberships = await _server.Get<Page<Relationship>>("/api/relationships?type=MEMBER_OF&to=platform-rose");
        var an = memberships.Items.Single(r => r.From == "person-an");
        Assert.Equal(("trekker", new DateOnly(2024, 2, 1)), (an.Properties["role"].GetString(), an.ValidFrom!.Value));
        Assert.Contains(memberships.Items, r => r.From == "org-wonderwerk");
    }

    [Fact]
    public async Task Five_thousand_rows_import_in_seconds()
    {
        var lines = new List<string> { "Naam;E-mail;Telefoon;Functie;Organisatie" };
        for (var i = 0; i < 5000; i++) lines.Add($"Persoon {i:D4} Van Test;persoon{i}@example.org;0475 {i / 100:D2} {i % 100:D2} 00;Jobcoach;Wonderwerk vzw");
        var watch = Stopwatch.StartNew();
        var upload = await Uploaded(MessySheets.Cp1252Csv([.. lines]), "groot.csv");
        var uploaded = watch.Elapsed;
        var mapping = upload.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetString() == "people").GetProperty("suggested");
        var preview = await Preview(upload.GetProperty("id").GetString()!, new { target = "people", mapping });
        var previewed = watch.Elapsed;
        Assert.Equal(5000, preview.GetProperty("summary").GetProperty("new").GetInt32());

        using var response = await _server.PostJson($"/api/spreadsheets/{upload.GetProperty("id").GetString()}/import", new { target = "people", mapping });
        var imported = watch.Elapsed;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await NetwerkServer.Json(response);
        Assert.Equal((5000, 5000), (result.GetProperty("nodesCreated").GetInt32(), result.GetProperty("relationshipsCreated").GetInt32()));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"5,000-row sheet: upload {uploaded.TotalMilliseconds:F0} ms, preview {(previewed - uploaded).TotalMilliseconds:F0} ms, import {(imported - previewed).TotalMilliseconds:F0} ms");
        Console.WriteLine($"BENCHMARK spreadsheet 5,000 rows: upload {uploaded.TotalMilliseconds:F0} ms, preview {(previewed - uploaded).TotalMilliseconds:F0} ms, import {(imported - previewed).TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Bad_inputs_get_problem_details_not_errors()
    {
        async Task Refused(HttpResponseMessage response, HttpStatusCode status, string code)
        {
            using (response)
            {
                Assert.Equal(status, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(code, (await NetwerkServer.Json(response)).GetProperty("code").GetString());
            }
        }
        await Refused(await Upload(_server.Http, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "foto.csv"), HttpStatusCode.UnsupportedMediaType, "not-a-spreadsheet");
        await Refused(await Upload(_server.Http, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "oud.xls"), HttpStatusCode.UnsupportedMediaType, "old-excel-format");
        await Refused(await Upload(_server.Http, "PK\u0003\u0004 not really a zip"u8.ToArray(), "kapot.xlsx"), HttpStatusCode.UnsupportedMediaType, "not-a-spreadsheet");
        await Refused(await Upload(_server.Http, MessySheets.Utf8Csv(false, "", "  ;  ", ""), "leeg.csv"), HttpStatusCode.UnprocessableEntity, "empty-file");
        await Refused(await Upload(_server.Http, new byte[11 * 1024 * 1024], "groot.csv", expectContinue: true), HttpStatusCode.RequestEntityTooLarge, "file-too-large");
        await Refused(await _server.PostJson("/api/spreadsheets", new { }), HttpStatusCode.UnsupportedMediaType, "file-required");
        await Refused(await _server.PostJson("/api/spreadsheets/no-such-upload/preview", new { target = "people", mapping = new { } }), HttpStatusCode.NotFound, "upload-not-found");
        await Refused(await _server.Http.GetAsync("/api/spreadsheets/no-such-upload/progress"), HttpStatusCode.NotFound, "upload-not-found");

        var id = (await Uploaded(MessySheets.PeopleXlsx(), "contacten.xlsx")).GetProperty("id").GetString();
        await Refused(await _server.PostJson($"/api/spreadsheets/{id}/preview", new { target = "people", mapping = new Dictionary<string, string> { ["Naam"] = "name", ["GSM"] = "salary", ["Bestaat niet"] = "email" } }),
            HttpStatusCode.BadRequest, "bad-mapping");
        await Refused(await _server.PostJson($"/api/spreadsheets/{id}/preview", new { target = "people", mapping = new Dictionary<string, string> { ["GSM"] = "phone" } }),
            HttpStatusCode.BadRequest, "bad-mapping");
        await Refused(await _server.PostJson($"/api/spreadsheets/{id}/preview", new { target = "planets", mapping = new { } }), HttpStatusCode.BadRequest, "malformed-json");
        // A decision for a node that was not proposed for the row is that row's error.
        using var wrongDecision = await _server.PostJson($"/api/spreadsheets/{id}/import", new { target = "people", mapping = PeopleMapping, decisions = new Dictionary<string, string> { ["7"] = "person-an" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongDecision.StatusCode);
        var rows = (await NetwerkServer.Json(wrongDecision)).GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32(), r => r.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(new Dictionary<int, string?> { [7] = "bad-decision", [8] = "bad-email" }, rows);
    }

    [Fact]
    public async Task Viewers_and_organisers_are_refused_and_an_upload_belongs_to_its_uploader()
    {
        foreach (var role in new[] { Role.Viewer, Role.Organiser })
        {
            var client = await _server.ClientAs(new RoleGrant(role, RoleGrant.AllRegions));
            using var response = await Upload(client, MessySheets.PeopleXlsx(), "contacten.xlsx");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        // A regisseur of one region cannot import into the whole network.
        var regional = await _server.ClientAs(new RoleGrant(Role.Regisseur, "region-w13"));
        using (var response = await Upload(regional, MessySheets.PeopleXlsx(), "contacten.xlsx")) Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var id = (await Uploaded(MessySheets.PeopleXlsx(), "contacten.xlsx")).GetProperty("id").GetString();
        var other = await _server.ClientAs(new RoleGrant(Role.Regisseur, RoleGrant.AllRegions));
        using var theirs = await other.PostAsJsonAsync($"/api/spreadsheets/{id}/preview", new { target = "people", mapping = PeopleMapping });
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }

    [Fact]
    public async Task Messages_follow_the_requested_language()
    {
        using var response = await Upload(_server.Http, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "oud.xls", "en");
        var detail = (await NetwerkServer.Json(response)).GetProperty("detail").GetString();
        Assert.StartsWith("This is an old Excel file", detail);
    }

    [Fact]
    public async Task Committed_fixture_csv_from_a_flemish_excel_reads_cleanly()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Spreadsheets", "Fixtures", "contactlijst-excel-nl.csv"));
        var upload = await Uploaded(bytes, "contactlijst-excel-nl.csv");
        Assert.Equal("Windows-1252, ';'", upload.GetProperty("detail").GetString());
        var mapping = upload.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("target").GetString() == "people").GetProperty("suggested");
        var preview = await Preview(upload.GetProperty("id").GetString()!, new { target = "people", mapping });
        var names = preview.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains("Françoise Vandenbroucke", names);
        Assert.Contains("Zoë De Clercq", names);
        Assert.Equal(1, preview.GetProperty("summary").GetProperty("duplicates").GetInt32());
        Assert.All(preview.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("values").TryGetProperty("phone", out _)),
            r => Assert.StartsWith("+32 ", Value(r, "phone")));
    }
}
