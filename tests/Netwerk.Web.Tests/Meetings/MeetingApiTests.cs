using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Netwerk.Core.Accounts;

namespace Netwerk.Web.Tests.Meetings;

/// <summary>The meeting planner's server through real HTTP: CRUD, recurrence, cancellation and bad input.</summary>
public sealed class MeetingApiTests : IAsyncLifetime
{
    private readonly NetwerkServer _server = new();

    public async ValueTask InitializeAsync() => await PlanningGraphFixture.LoadAsync(_server);

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    private static object Meeting(
        string kind = "overleg", string? platform = PlanningGraphFixture.Platform, string start = "2025-03-04T10:00:00+01:00", string end = "2025-03-04T12:00:00+01:00",
        string? recurrence = null, string[]? themes = null, string title = "ROSE-overleg", object? speedDates = null) => new
    {
        kind, title, start, end, platform, recurrence, themes = themes ?? [], speedDates,
        venue = new { name = "Stadhuis Kortrijk", address = "Grote Markt 54, 8500 Kortrijk", room = "Raadzaal" },
        organisers = new[] { PlanningGraphFixture.An },
        capacity = 40,
    };

    private async Task<JsonElement> Create(object body)
    {
        using var response = await _server.PostJson("/api/meetings", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await NetwerkServer.Json(response);
    }

    [Fact]
    public async Task Created_meeting_is_read_back_replaced_with_if_match_and_a_stale_version_is_refused_with_412()
    {
        using var created = await _server.PostJson("/api/meetings", Meeting(themes: [PlanningGraphFixture.Theme]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());
        var meeting = await NetwerkServer.Json(created);
        var id = meeting.GetProperty("id").GetString()!;
        Assert.Equal($"/api/meetings/{id}", created.Headers.Location?.ToString());
        Assert.Equal(PlanningGraphFixture.Platform, meeting.GetProperty("platform").GetString());
        Assert.Equal(PlanningGraphFixture.Theme, meeting.GetProperty("themes")[0].GetString());
        Assert.Equal("Raadzaal", meeting.GetProperty("venue").GetProperty("room").GetString());
        Assert.Equal(0, meeting.GetProperty("sequence").GetInt32());
        Assert.Equal("2025-03-04T10:00:00+01:00", meeting.GetProperty("start").GetString());

        // The meeting is in the graph: OF its platform, ADDRESSES its theme.
        var platformLinks = await _server.Get<JsonElement>($"/api/relationships?type=OF&from={id}");
        Assert.Equal(PlanningGraphFixture.Platform, platformLinks.GetProperty("items")[0].GetProperty("to").GetString());

        // A new title is no news for attendees; a new room is.
        using var renamed = await _server.Send(HttpMethod.Put, $"/api/meetings/{id}", Meeting(title: "ROSE", themes: [PlanningGraphFixture.Theme]), ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("\"2\"", renamed.Headers.ETag?.ToString());
        Assert.Equal(0, (await NetwerkServer.Json(renamed)).GetProperty("sequence").GetInt32());
        using var moved = await _server.Send(HttpMethod.Put, $"/api/meetings/{id}", Meeting(title: "ROSE", start: "2025-03-05T10:00:00+01:00", end: "2025-03-05T12:00:00+01:00"), ifMatch: "\"2\"");
        var movedBody = await NetwerkServer.Json(moved);
        Assert.Equal(1, movedBody.GetProperty("sequence").GetInt32());
        Assert.Empty(movedBody.GetProperty("themes").EnumerateArray());

        using var stale = await _server.Send(HttpMethod.Put, $"/api/meetings/{id}", Meeting(title: "Overschreven?"), ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ROSE", (await _server.Get<JsonElement>($"/api/meetings/{id}")).GetProperty("title").GetString());

        using var noVersion = await _server.Send(HttpMethod.Delete, $"/api/meetings/{id}");
        Assert.Equal((HttpStatusCode)428, noVersion.StatusCode);
        using var deleted = await _server.Send(HttpMethod.Delete, $"/api/meetings/{id}", ifMatch: "\"3\"");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await _server.Http.GetAsync($"/api/meetings/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task The_planner_sets_keeps_and_clears_the_policy_priority_and_refuses_an_unknown_one()
    {
        static object WithPriority(string? priority) => new
        {
            kind = "overleg", title = "ROSE-overleg", start = "2025-03-04T10:00:00+01:00", end = "2025-03-04T12:00:00+01:00",
            platform = PlanningGraphFixture.Platform, priority,
        };
        var meeting = await Create(WithPriority("wse-lr3"));
        var id = meeting.GetProperty("id").GetString()!;
        Assert.Equal("wse-lr3", meeting.GetProperty("priority").GetString());
        Assert.Equal("wse-lr3", (await _server.Get<JsonElement>($"/api/nodes/{id}")).GetProperty("properties").GetProperty("priority").GetString());

        // A client that does not know the field keeps it; an empty value clears it.
        using (var kept = await _server.Send(HttpMethod.Put, $"/api/meetings/{id}", WithPriority(null), ifMatch: "\"1\""))
        {
            Assert.Equal("wse-lr3", (await NetwerkServer.Json(kept)).GetProperty("priority").GetString());
        }
        using (var cleared = await _server.Send(HttpMethod.Put, $"/api/meetings/{id}", WithPriority(""), ifMatch: "\"2\""))
        {
            var body = await NetwerkServer.Json(cleared);
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
            Assert.False(body.TryGetProperty("priority", out var priority) && priority.ValueKind != JsonValueKind.Null);
        }

        using var unknown = await _server.PostJson("/api/meetings", WithPriority("wse-lr9"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        var fields = (await NetwerkServer.Json(unknown)).GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("field").GetString());
        Assert.Contains("priority", fields);
    }

    private static readonly string[] Nobody = ["nobody"];
    private static readonly string[] Maandag = ["maandag"];

    public static TheoryData<string, string, string, object> BadInput() => new()
    {
        { "/api/meetings", "422", "recurrence", Meeting(recurrence: "FREQ=SOMETIMES;COUNT=3") },
        { "/api/meetings", "422", "recurrence", Meeting(recurrence: "FREQ=HOURLY;COUNT=3") },
        { "/api/meetings", "422", "recurrence", Meeting(recurrence: "FREQ=WEEKLY") },
        { "/api/meetings", "422", "recurrence", Meeting(recurrence: "FREQ=MONTHLY;UNTIL=20400101T000000Z") },
        { "/api/meetings", "422", "end", Meeting(end: "2025-03-04T09:00:00+01:00") },
        { "/api/meetings", "422", "start", Meeting(start: "2025-03-04T10:00:00") },
        { "/api/meetings", "422", "platform", Meeting(platform: "no-such-platform") },
        { "/api/meetings", "422", "platform", Meeting(platform: PlanningGraphFixture.Theme) },
        { "/api/meetings", "422", "themes[0]", Meeting(themes: ["no-such-theme"]) },
        { "/api/meetings", "422", "platform", Meeting(platform: null) },
        { "/api/meetings", "422", "themes", Meeting(kind: "inspiratiemoment", platform: null) },
        { "/api/meetings", "422", "kind", Meeting(kind: "feest") },
        { "/api/meetings", "422", "speedDates", Meeting(speedDates: new { groupA = new[] { PlanningGraphFixture.An }, groupB = new[] { PlanningGraphFixture.Cas }, tables = 1, rounds = 1 }) },
        { "/api/meetings", "400", "", Meeting(kind: "businessmixer", platform: null, speedDates: new { groupA = Array.Empty<string>(), groupB = new[] { PlanningGraphFixture.Cas }, tables = 2, rounds = 2 }) },
        { "/api/planning/speeddates", "400", "", new { settings = new { groupA = Array.Empty<string>(), groupB = Array.Empty<string>(), tables = 3, rounds = 3 } } },
        { "/api/planning/speeddates", "400", "", new { settings = new { groupA = new[] { PlanningGraphFixture.An }, groupB = new[] { PlanningGraphFixture.Cas }, tables = 0, rounds = 3 } } },
        { "/api/planning/speeddates", "400", "", new { settings = new { groupA = new[] { PlanningGraphFixture.An }, groupB = new[] { PlanningGraphFixture.Cas }, tables = 1, rounds = 0 } } },
        { "/api/planning/speeddates", "400", "", new { settings = new { groupA = new[] { PlanningGraphFixture.An }, groupB = new[] { PlanningGraphFixture.An }, tables = 1, rounds = 2 } } },
        { "/api/planning/speeddates", "400", "", new { settings = new { groupA = new[] { PlanningGraphFixture.An }, groupB = new[] { PlanningGraphFixture.Cas }, tables = 1, totalMinutes = 5, roundMinutes = 10 } } },
        { "/api/planning/speeddates", "422", "settings.groupB[0]", new { settings = new { groupA = new[] { PlanningGraphFixture.An }, groupB = Nobody, tables = 1, rounds = 1 } } },
        { "/api/planning/slots", "400", "", new { firstDay = "2025-03-10", lastDay = "2025-03-01", durationMinutes = 60 } },
        { "/api/planning/slots", "422", "firstDay", new { firstDay = "10-03-2025", lastDay = "2025-03-01", durationMinutes = 60 } },
        { "/api/planning/slots", "422", "weekdays[0]", new { firstDay = "2025-03-01", lastDay = "2025-03-10", durationMinutes = 60, weekdays = Maandag } },
        { "/api/planning/invitees", "422", "rule.platform", new { rule = new { type = "platform-members", platform = "nowhere" } } },
        { "/api/planning/invitees", "400", "", new { rule = new { type = "everybody" } } },
        { "/api/meetings/from-finding", "404", "", new { findingId = "sector-gap-000000000000" } },
        { "/api/meetings/from-finding", "400", "asOf", new { findingId = "sector-gap-000000000000", asOf = "9999-12-31" } },
        { "/api/meetings", "422", "start", Meeting(start: "9999-12-31T10:00:00+01:00", end: "9999-12-31T12:00:00+01:00", recurrence: "FREQ=DAILY;COUNT=3") },
        { "/api/planning/slots", "422", "lastDay", new { firstDay = "9999-12-01", lastDay = "9999-12-31", durationMinutes = 60 } },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_problem_naming_the_field_and_the_store_is_unchanged(string path, string status, string field, object body)
    {
        var before = await _server.StoreStatus();

        using var response = await _server.PostJson(path, body);

        Assert.Equal(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await NetwerkServer.Json(response);
        if (field.Length > 0) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        Assert.Equal(before, await _server.StoreStatus());
    }

    [Fact]
    public async Task Malformed_json_is_400_and_a_meeting_with_several_problems_reports_them_all()
    {
        using var malformed = await _server.PostRaw("/api/meetings", "{ \"kind\": ");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        using var response = await _server.PostJson("/api/meetings", new { kind = "overleg", start = "gisteren", venue = new { onlineUrl = "teams" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await NetwerkServer.Json(response)).GetProperty("errors");
        foreach (var field in new[] { "title", "start", "end", "platform", "venue.onlineUrl" }) Assert.True(errors.TryGetProperty(field, out _), field);
    }

    [Fact]
    public async Task Listing_expands_a_series_with_a_cancelled_and_a_moved_occurrence_and_this_and_following_splits_it()
    {
        var meeting = await Create(Meeting(recurrence: "FREQ=WEEKLY;COUNT=6"));
        var id = meeting.GetProperty("id").GetString()!;

        using (var cancelled = await _server.Send(HttpMethod.Post, $"/api/meetings/{id}/cancel", new { occurrence = "2025-03-11T10:00:00+01:00" }, ifMatch: "\"1\""))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
            Assert.Equal(1, (await NetwerkServer.Json(cancelled)).GetProperty("sequence").GetInt32());
        }
        using (var moved = await _server.Send(HttpMethod.Post, $"/api/meetings/{id}/occurrences",
                   new { originalStart = "2025-03-18T09:00:00Z", start = "2025-03-19T14:00:00+01:00", venue = new { room = "Zaal 2" } }, ifMatch: "\"2\""))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }
        using (var notOne = await _server.Send(HttpMethod.Post, $"/api/meetings/{id}/occurrences", new { originalStart = "2025-03-18T11:00:00+01:00" }, ifMatch: "\"3\""))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, notOne.StatusCode);
        }

        var list = await _server.Get<JsonElement>("/api/meetings?from=2025-03-01&to=2025-04-30");
        var occurrences = list.GetProperty("occurrences").EnumerateArray().ToList();
        Assert.Equal(6, occurrences.Count);
        Assert.True(occurrences[1].GetProperty("cancelled").GetBoolean());
        Assert.Equal("2025-03-19T14:00:00+01:00", occurrences[2].GetProperty("start").GetString());
        Assert.Equal("2025-03-19T16:00:00+01:00", occurrences[2].GetProperty("end").GetString());
        Assert.Equal("2025-03-18T10:00:00+01:00", occurrences[2].GetProperty("originalStart").GetString());
        Assert.True(occurrences[2].GetProperty("changed").GetBoolean());
        Assert.Equal("Zaal 2", occurrences[2].GetProperty("venue").GetProperty("room").GetString());
        Assert.Equal("Stadhuis Kortrijk", occurrences[2].GetProperty("venue").GetProperty("name").GetString());
        // After the change to summer time the series stays at 10:00 Brussels time.
        Assert.Equal("2025-04-01T10:00:00+02:00", occurrences[4].GetProperty("start").GetString());

        using var split = await _server.Send(HttpMethod.Post, $"/api/meetings/{id}/occurrences",
            new { originalStart = "2025-04-01T10:00:00+02:00", scope = "following", venue = new { name = "VDAB Kortrijk" } }, ifMatch: "\"3\"");
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        var result = await NetwerkServer.Json(split);
        Assert.StartsWith("FREQ=WEEKLY;UNTIL=20250401T075959Z", result.GetProperty("meeting").GetProperty("recurrence").GetString());
        var rest = result.GetProperty("split");
        Assert.Equal("2025-04-01T10:00:00+02:00", rest.GetProperty("start").GetString());
        Assert.Equal("FREQ=WEEKLY;COUNT=2", rest.GetProperty("recurrence").GetString());
        Assert.Equal(PlanningGraphFixture.Platform, rest.GetProperty("platform").GetString());

        var after = (await _server.Get<JsonElement>("/api/meetings?from=2025-03-01&to=2025-04-30")).GetProperty("occurrences").EnumerateArray().ToList();
        Assert.Equal(6, after.Count);
        Assert.Equal(4, after.Count(o => o.GetProperty("meetingId").GetString() == id));
        Assert.All(after.Skip(4), o => Assert.Equal("VDAB Kortrijk", o.GetProperty("venue").GetProperty("name").GetString()));

        // Filters: by platform, kind, theme.
        Assert.Equal(6, (await _server.Get<JsonElement>($"/api/meetings?from=2025-03-01&to=2025-04-30&platform={PlanningGraphFixture.Platform}")).GetProperty("occurrences").GetArrayLength());
        Assert.Equal(0, (await _server.Get<JsonElement>("/api/meetings?from=2025-03-01&to=2025-04-30&kind=studiedag")).GetProperty("occurrences").GetArrayLength());
        Assert.Equal(0, (await _server.Get<JsonElement>($"/api/meetings?from=2025-03-01&to=2025-04-30&theme={PlanningGraphFixture.Theme}")).GetProperty("occurrences").GetArrayLength());
        using var edge = await _server.Http.GetAsync("/api/meetings?from=9999-12-31");
        Assert.Equal(HttpStatusCode.BadRequest, edge.StatusCode);
    }

    [Fact]
    public async Task Cancelling_the_whole_meeting_raises_its_sequence_and_lists_it_cancelled()
    {
        var id = (await Create(Meeting())).GetProperty("id").GetString()!;

        using var cancelled = await _server.Send(HttpMethod.Post, $"/api/meetings/{id}/cancel", new { }, ifMatch: "\"1\"");

        var body = await NetwerkServer.Json(cancelled);
        Assert.Equal("cancelled", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("sequence").GetInt32());
        var listed = (await _server.Get<JsonElement>("/api/meetings?from=2025-03-01&to=2025-03-31")).GetProperty("occurrences")[0];
        Assert.True(listed.GetProperty("cancelled").GetBoolean());
    }

    [Fact]
    public async Task A_viewer_cannot_plan_an_organiser_can_and_an_organiser_elsewhere_cannot()
    {
        using var viewer = await _server.ClientAs(new RoleGrant(Role.Viewer, RoleGrant.AllRegions));
        using var organiser = await _server.ClientAs(new RoleGrant(Role.Organiser, RoleGrant.AllRegions));
        using var elsewhere = await _server.ClientAs(new RoleGrant(Role.Organiser, "region-other"));

        using var refused = await viewer.PostAsJsonAsync("/api/meetings", Meeting());
        using var planned = await organiser.PostAsJsonAsync("/api/meetings", Meeting());
        using var outside = await elsewhere.PostAsJsonAsync("/api/meetings", Meeting());
        using var read = await viewer.GetAsync("/api/meetings?from=2025-03-01&to=2025-03-31");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
