using System.Net;
using System.Net.Http.Json;
using System.Text;
using Netwerk.Core.Accounts;

namespace Netwerk.Web.Tests.Access;

/// <summary>GDPR: a person's data as one file, and erasure as one action that leaves no trace; the audit log.</summary>
public sealed class PersonalDataTests : IAsyncLifetime
{
    private const string Name = "Zoë Wisbaar-Testpersoon";
    private const string Email = "zoe.wisbaar@example.org";
    private readonly NetwerkServer _server = new();

    public async ValueTask InitializeAsync()
    {
        await TwoRegions.LoadAsync(_server);
        var document = new
        {
            nodes = new object[]
            {
                ApiFixtures.Person("person-zoe", Name, Email),
                ApiFixtures.Platform("platform-x", "Lerend netwerk X"),
                new { id = "meeting-x", kind = "Meeting", properties = new { title = "Inspiratiemoment X", type = "inspiratiemoment", start = "2025-03-10T09:30:00+01:00" } },
            },
            relationships = new object[]
            {
                ApiFixtures.Relationship("r-zoe-works", "WORKS_FOR", "person-zoe", TwoRegions.OrgA, new { function = "jobcoach" }),
                ApiFixtures.Relationship("r-zoe-member", "MEMBER_OF", "person-zoe", "platform-x", new { role = "lid" }),
                ApiFixtures.Relationship("r-zoe-attended", "ATTENDED", "person-zoe", "meeting-x"),
            },
        };
        Assert.Equal(HttpStatusCode.OK, (await _server.PostJson("/api/import", document)).StatusCode);
        // A second change to the person, so the history holds more than the creation.
        using var update = await _server.Send(HttpMethod.Put, "/api/nodes/person-zoe",
            new { properties = new { name = Name, email = Email, phone = "+32 470 12 34 56" } }, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Export_holds_everything_about_the_person()
    {
        using var response = await _server.Http.GetAsync("/api/people/person-zoe/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var export = await NetwerkServer.Json(response);
        Assert.Equal(Name, export.GetProperty("person").GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal(3, export.GetProperty("relationships").GetArrayLength());
        Assert.Contains(export.GetProperty("relationships").EnumerateArray(), r => r.GetProperty("otherName").GetString() == "Alfa Maatwerk");
        Assert.True(export.GetProperty("history").GetArrayLength() >= 5);
    }

    [Fact]
    public async Task Erasure_is_one_action_that_leaves_no_trace()
    {
        using (var create = await _server.PostJson("/api/accounts", new { email = Email, name = Name, grants = new[] { new { role = "viewer", region = "*" } } }))
            Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        using var browser = _server.Anonymous();
        await browser.PostAsJsonAsync("/api/auth/sign-in", new { email = Email });
        await WaitUntil(() => Directory.Exists(_server.OutboxPath) && Directory.GetFiles(_server.OutboxPath, "*.eml").Length > 0);

        using var erase = await _server.Http.PostAsync("/api/people/person-zoe/erase", null);
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        var result = await NetwerkServer.Json(erase);
        Assert.Equal(3, result.GetProperty("relationshipsRemoved").GetInt32());
        Assert.Equal(1, result.GetProperty("meetingsCounted").GetInt32());
        Assert.Equal(1, result.GetProperty("outboxFilesRemoved").GetInt32());
        Assert.True(result.GetProperty("accountRemoved").GetBoolean());

        Assert.Equal(HttpStatusCode.NotFound, (await _server.Http.GetAsync("/api/nodes/person-zoe")).StatusCode);
        var meeting = await NetwerkServer.Json(await _server.Http.GetAsync("/api/nodes/meeting-x"));
        Assert.Equal(1, meeting.GetProperty("properties").GetProperty("anonymousAttendees").GetInt32());
        Assert.Empty(await _server.Get<List<object>>("/api/search?q=zoe"));

        foreach (var path in new[] { "/api/export", "/api/changes?since=0&limit=5000", "/api/audit?limit=1000", "/api/accounts", $"/api/nodes/{TwoRegions.OrgA}/history", "/api/nodes/meeting-x/history" })
            AssertNoTrace(await _server.Http.GetStringAsync(path), path);
        foreach (var file in Directory.GetFiles(_server.OutboxPath)) AssertNoTrace(await File.ReadAllTextAsync(file), file);
        foreach (var file in new[] { _server.DatabasePath, _server.DatabasePath + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new MemoryStream();
            await stream.CopyToAsync(reader);
            AssertNoTrace(Encoding.UTF8.GetString(reader.ToArray()), file);
        }
    }

    [Fact]
    public async Task Erasure_needs_a_regisseur_of_the_persons_region()
    {
        var other = await _server.ClientAs(new RoleGrant(Role.Regisseur, TwoRegions.RegionB));
        var viewer = await _server.ClientAs(new RoleGrant(Role.Viewer, TwoRegions.RegionA));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync("/api/people/person-zoe/erase", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/people/person-zoe/erase", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _server.Http.PostAsync($"/api/people/{TwoRegions.OrgA}/erase", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/api/nodes/person-zoe")).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_names_who_changed_what()
    {
        var regisseur = await _server.ClientAs(new RoleGrant(Role.Regisseur, TwoRegions.RegionA));
        using var created = await regisseur.PostAsJsonAsync("/api/nodes", ApiFixtures.Organisation("org-audit", "Audit Maatwerk"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var page = await NetwerkServer.Json(await _server.Http.GetAsync("/api/audit?limit=5"));
        var newest = page.GetProperty("entries")[0];
        Assert.Equal("org-audit", newest.GetProperty("id").GetString());
        Assert.StartsWith("Test Regisseur", newest.GetProperty("actorName").GetString(), StringComparison.Ordinal);
        var actor = newest.GetProperty("actorId").GetString();

        var bootstrap = await NetwerkServer.Json(await _server.Http.GetAsync("/api/audit?actor=bootstrap&limit=1000"));
        Assert.All(bootstrap.GetProperty("entries").EnumerateArray(), e => Assert.Equal("Bootstrap-token", e.GetProperty("actorName").GetString()));
        var mine = await NetwerkServer.Json(await _server.Http.GetAsync($"/api/audit?actor={actor}"));
        Assert.Single(mine.GetProperty("entries").EnumerateArray());

        // Pages follow each other without gaps or overlaps.
        var first = await NetwerkServer.Json(await _server.Http.GetAsync("/api/audit?limit=4"));
        var second = await NetwerkServer.Json(await _server.Http.GetAsync($"/api/audit?limit=4&before={first.GetProperty("next").GetInt64()}"));
        var sequences = first.GetProperty("entries").EnumerateArray().Concat(second.GetProperty("entries").EnumerateArray()).Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => sequences[0] - i), sequences);
    }

    private static void AssertNoTrace(string text, string where)
    {
        Assert.False(text.Contains("Wisbaar", StringComparison.Ordinal), $"{where} still names the person");
        Assert.False(text.Contains(Email, StringComparison.OrdinalIgnoreCase), $"{where} still holds the e-mail address");
        Assert.False(text.Contains("person-zoe", StringComparison.Ordinal), $"{where} still holds the person's id");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(100);
        Assert.True(condition());
    }
}
