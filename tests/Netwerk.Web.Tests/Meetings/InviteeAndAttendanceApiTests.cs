using System.Net.Http.Json;
using System.Net;
using System.Text.Json;

namespace Netwerk.Web.Tests.Meetings;

/// <summary>Invite lists, freezing, attendance, slots, speed dates and drafts from findings, through real HTTP.</summary>
public sealed class InviteeAndAttendanceApiTests : IAsyncLifetime
{
    private readonly NetwerkServer _server = new();

    public async ValueTask InitializeAsync() => await PlanningGraphFixture.LoadAsync(_server);

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string> CreateMeeting(string start = "2025-03-04T10:00:00+01:00", string end = "2025-03-04T12:00:00+01:00", string kind = "meet-and-greet", object? speedDates = null)
    {
        using var response = await _server.PostJson("/api/meetings", new
        {
            kind, title = "Meet & greet", start, end, capacity = 3, speedDates, organisers = new[] { PlanningGraphFixture.An },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await NetwerkServer.Json(response)).GetProperty("id").GetString()!;
    }

    private static readonly string[] Ocmw = ["ocmw"];

    private static readonly object Rules = new
    {
        rule = new
        {
            type = "any",
            rules = new object[]
            {
                // "type" need not come first.
                new { platform = PlanningGraphFixture.Platform, type = "platform-members", includeOrganisationStaff = true },
                new { type = "staff-of", organisations = new[] { PlanningGraphFixture.Ocmw, PlanningGraphFixture.Zorg } },
            },
        },
        add = new[] { PlanningGraphFixture.Eva },
        remove = Array.Empty<string>(),
    };

    [Fact]
    public async Task Rules_give_a_list_without_opt_outs_and_duplicates_with_people_without_email_flagged()
    {
        var id = await CreateMeeting();

        using var preview = await _server.PostJson($"/api/meetings/{id}/invitees/preview", Rules);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var list = await NetwerkServer.Json(preview);

        // ROSE: An, Cas (and Eva, opted out) via De Schakel; staff of OCMW and the care home: An, Bart, Fien (An's address).
        Assert.Equal([PlanningGraphFixture.An, PlanningGraphFixture.Bart, PlanningGraphFixture.Cas],
            list.GetProperty("invitees").EnumerateArray().Select(i => i.GetProperty("personId").GetString()!).Order().ToArray());
        var leftOut = list.GetProperty("leftOut").EnumerateArray().ToDictionary(l => l.GetProperty("personId").GetString()!, l => l.GetProperty("reason").GetString());
        Assert.Equal("opt-out", leftOut[PlanningGraphFixture.Eva]);
        Assert.Equal("duplicate-email", leftOut[PlanningGraphFixture.Fien]);
        Assert.Equal([PlanningGraphFixture.Bart], list.GetProperty("withoutEmail").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.False(list.GetProperty("invitees").EnumerateArray().Single(i => i.GetProperty("personId").GetString() == PlanningGraphFixture.Bart).GetProperty("hasEmail").GetBoolean());
        // An by both rules, Eva by a rule and by hand, Fien by her address.
        Assert.Equal(3, list.GetProperty("duplicatesRemoved").GetInt32());
        Assert.Equal(0, list.GetProperty("overCapacity").GetInt32());

        // "all": members of ROSE who also work for the OCMW.
        using var both = await _server.PostJson("/api/planning/invitees", new
        {
            rule = new { type = "all", rules = new object[] { new { type = "platform-members", platform = PlanningGraphFixture.Platform }, new { type = "organisations", types = Ocmw } } },
        });
        Assert.Equal([PlanningGraphFixture.An], (await NetwerkServer.Json(both)).GetProperty("invitees").EnumerateArray().Select(i => i.GetProperty("personId").GetString()!).ToArray());

        // The same preview through the query string.
        var query = Uri.EscapeDataString(JsonSerializer.Serialize(new { rule = new { type = "theme", theme = PlanningGraphFixture.Theme }, remove = new[] { PlanningGraphFixture.Bart } }));
        var byQuery = await _server.Get<JsonElement>($"/api/meetings/{id}/invitees/preview?rules={query}");
        Assert.Equal([PlanningGraphFixture.An], byQuery.GetProperty("invitees").EnumerateArray().Select(i => i.GetProperty("personId").GetString()!).ToArray());
        Assert.Equal("removed", byQuery.GetProperty("leftOut")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Saved_rules_are_re_evaluated_until_frozen_and_freezing_creates_invited_with_the_sequence()
    {
        var id = await CreateMeeting();
        // A change of time raises the sequence to 1 before the list is frozen.
        using (var moved = await _server.Send(HttpMethod.Put, $"/api/meetings/{id}", new
               {
                   kind = "meet-and-greet", title = "Meet & greet", start = "2025-03-05T10:00:00+01:00", end = "2025-03-05T12:00:00+01:00",
                   capacity = 2, organisers = new[] { PlanningGraphFixture.An },
               }, ifMatch: "\"1\""))
        {
            Assert.Equal(1, (await NetwerkServer.Json(moved)).GetProperty("sequence").GetInt32());
        }
        using (var saved = await _server.Send(HttpMethod.Put, $"/api/meetings/{id}/invitees", Rules, ifMatch: "\"2\""))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal("\"3\"", saved.Headers.ETag?.ToString());
            var body = await NetwerkServer.Json(saved);
            Assert.False(body.GetProperty("frozen").GetBoolean());
            Assert.Equal(1, body.GetProperty("overCapacity").GetInt32());
        }
        using (var stale = await _server.Send(HttpMethod.Put, $"/api/meetings/{id}/invitees", Rules, ifMatch: "\"2\""))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        }
        using (var bad = await _server.Send(HttpMethod.Put, $"/api/meetings/{id}/invitees", new { add = new[] { PlanningGraphFixture.Ocmw } }, ifMatch: "\"3\""))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            Assert.True((await NetwerkServer.Json(bad)).GetProperty("errors").TryGetProperty("add[0]", out _));
        }

        // Re-evaluated: a new member of ROSE is on the list at once.
        (await _server.PostJson("/api/relationships", ApiFixtures.Relationship("r-zorg-rose", "MEMBER_OF", PlanningGraphFixture.Zorg, PlanningGraphFixture.Platform))).Dispose();
        (await _server.PostJson("/api/nodes", ApiFixtures.Person("person-gert", "Gert Zorg", "gert@example.org"))).Dispose();
        (await _server.PostJson("/api/relationships", ApiFixtures.Relationship("r-gert", "WORKS_FOR", "person-gert", PlanningGraphFixture.Zorg))).Dispose();
        var current = await _server.Get<JsonElement>($"/api/meetings/{id}/invitees");
        Assert.Equal(4, current.GetProperty("count").GetInt32());

        using var frozen = await _server.Send(HttpMethod.Post, $"/api/meetings/{id}/invitees/freeze", ifMatch: "\"3\"");
        Assert.Equal(HttpStatusCode.OK, frozen.StatusCode);
        var list = await NetwerkServer.Json(frozen);
        Assert.True(list.GetProperty("frozen").GetBoolean());
        Assert.All(list.GetProperty("invitees").EnumerateArray(), i => Assert.Equal("needs-action", i.GetProperty("status").GetString()));

        var invited = (await _server.Get<JsonElement>($"/api/relationships?type=INVITED&to={id}")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, invited.Count);
        Assert.All(invited, r => Assert.Equal(1, r.GetProperty("properties").GetProperty("sequence").GetInt32()));
        Assert.All(invited, r => Assert.Equal("needs-action", r.GetProperty("properties").GetProperty("status").GetString()));

        // A frozen list follows its rules: removing Cas by hand removes his INVITED.
        using var removed = await _server.Send(HttpMethod.Put, $"/api/meetings/{id}/invitees", new { rule = JsonSerializer.SerializeToElement(Rules).GetProperty("rule"), remove = new[] { PlanningGraphFixture.Cas } }, ifMatch: "\"4\"");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var after = (await _server.Get<JsonElement>($"/api/relationships?type=INVITED&to={id}")).GetProperty("items").EnumerateArray().Select(r => r.GetProperty("from").GetString()).ToList();
        Assert.Equal(3, after.Count);
        Assert.DoesNotContain(PlanningGraphFixture.Cas, after);
    }

    [Fact]
    public async Task Attendance_is_idempotent_creates_attended_and_shows_in_the_persons_history()
    {
        var id = await CreateMeeting();

        using var first = await _server.PostJson($"/api/meetings/{id}/attendance", new { present = new[] { PlanningGraphFixture.An, PlanningGraphFixture.Cas } });
        using var again = await _server.PostJson($"/api/meetings/{id}/attendance", new { present = new[] { PlanningGraphFixture.An, PlanningGraphFixture.Cas } });
        using var checklist = await _server.PostJson($"/api/meetings/{id}/attendance", new { present = new[] { PlanningGraphFixture.An }, replace = true });
        using var stranger = await _server.PostJson($"/api/meetings/{id}/attendance", new { present = new[] { PlanningGraphFixture.Ocmw } });

        Assert.Equal(2, (await NetwerkServer.Json(first)).GetProperty("added").GetArrayLength());
        Assert.Equal(0, (await NetwerkServer.Json(again)).GetProperty("added").GetArrayLength());
        var last = await NetwerkServer.Json(checklist);
        Assert.Equal([PlanningGraphFixture.Cas], last.GetProperty("removed").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal([PlanningGraphFixture.An], last.GetProperty("attendees").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stranger.StatusCode);

        var attended = (await _server.Get<JsonElement>($"/api/relationships?type=ATTENDED&to={id}")).GetProperty("items");
        Assert.Equal(PlanningGraphFixture.An, Assert.Single(attended.EnumerateArray()).GetProperty("from").GetString());
        var history = await _server.Get<JsonElement>($"/api/nodes/{PlanningGraphFixture.An}/history");
        Assert.Contains(history.EnumerateArray(), c => c.GetProperty("label").GetString() == "ATTENDED" && c.GetProperty("operation").GetString() == "created");
        var invitees = await _server.Get<JsonElement>($"/api/meetings/{id}/invitees");
        Assert.Equal(0, invitees.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Slots_avoid_the_invitees_other_meetings_and_holidays()
    {
        var busy = await CreateMeeting("2025-03-11T10:00:00+01:00", "2025-03-11T12:00:00+01:00");
        (await _server.PostJson($"/api/meetings/{busy}/attendance", new { present = new[] { PlanningGraphFixture.Cas } })).Dispose();

        using var response = await _server.PostJson("/api/planning/slots", new
        {
            firstDay = "2025-03-11", lastDay = "2025-03-11", durationMinutes = 60, dayStart = "09:00", dayEnd = "13:00", stepMinutes = 60,
            invitees = new[] { PlanningGraphFixture.Cas, PlanningGraphFixture.Bart }, maxResults = 10,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await NetwerkServer.Json(response);
        // Organiser An is not among the invitees asked about; Cas attended the other meeting.
        Assert.Equal(1, body.GetProperty("busyIntervals").GetInt32());
        var candidates = body.GetProperty("result").GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(4, candidates.Count);
        Assert.Equal("2025-03-11T09:00:00+01:00", candidates[0].GetProperty("start").GetString());
        Assert.Equal(100, candidates[0].GetProperty("score").GetInt32());
        var clash = candidates.Single(c => c.GetProperty("start").GetString() == "2025-03-11T10:00:00+01:00");
        Assert.Equal([PlanningGraphFixture.Cas], clash.GetProperty("conflictingInvitees").EnumerateArray().Select(e => e.GetString()!).ToArray());

        // A meeting's own invitees and organisers count, and the meeting itself does not.
        using var forMeeting = await _server.PostJson("/api/planning/slots", new { firstDay = "2025-03-11", lastDay = "2025-03-11", meeting = busy, dayStart = "09:00", dayEnd = "13:00" });
        Assert.Equal(HttpStatusCode.OK, forMeeting.StatusCode);
        Assert.Contains(PlanningGraphFixture.An, (await NetwerkServer.Json(forMeeting)).GetProperty("invitees").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Attendance_is_counted_per_meeting_and_per_platform_per_year()
    {
        string overleg;
        using (var created = await _server.PostJson("/api/meetings", new
        {
            kind = "overleg", title = "Overleg maart", start = "2025-03-18T09:30:00+01:00", end = "2025-03-18T11:30:00+01:00",
            platform = PlanningGraphFixture.Platform, organisers = new[] { PlanningGraphFixture.An },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            overleg = (await NetwerkServer.Json(created)).GetProperty("id").GetString()!;
        }
        var other = await CreateMeeting("2025-06-03T10:00:00+02:00", "2025-06-03T12:00:00+02:00");
        (await _server.PostJson($"/api/meetings/{overleg}/attendance", new { present = new[] { PlanningGraphFixture.An, PlanningGraphFixture.Cas } })).Dispose();
        (await _server.PostJson($"/api/meetings/{other}/attendance", new { present = new[] { PlanningGraphFixture.Bart } })).Dispose();

        var summary = await _server.Get<JsonElement>("/api/meetings/attendance?year=2025");
        var rows = summary.GetProperty("meetings").EnumerateArray().ToDictionary(m => m.GetProperty("meetingId").GetString()!);
        Assert.Equal(2, rows[overleg].GetProperty("total").GetInt32());
        Assert.Equal(1, rows[other].GetProperty("total").GetInt32());
        var platform = Assert.Single(summary.GetProperty("platforms").EnumerateArray());
        Assert.Equal((PlanningGraphFixture.Platform, 1, 2),
            (platform.GetProperty("platformId").GetString(), platform.GetProperty("meetings").GetInt32(), platform.GetProperty("attendance").GetInt32()));
        Assert.Empty((await _server.Get<JsonElement>("/api/meetings/attendance?year=2024")).GetProperty("meetings").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await _server.Http.GetAsync("/api/meetings/attendance?year=twee")).StatusCode);
    }

    [Fact]
    public async Task Holidays_come_from_the_one_set_of_rules_for_any_window_of_up_to_two_years()
    {
        var viewer = await _server.ClientAs(new Netwerk.Core.Accounts.RoleGrant(Netwerk.Core.Accounts.Role.Viewer, "*"));
        var year = await viewer.GetFromJsonAsync<JsonElement>("/api/planning/holidays?from=2026-01-01&to=2026-12-31");
        Assert.Equal(["2026-01-01", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-07-11", "2026-07-21", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"],
            year.GetProperty("publicHolidays").EnumerateArray().Select(h => h.GetProperty("date").GetString()!).ToArray());
        var school = year.GetProperty("schoolHolidays").EnumerateArray().ToDictionary(p => $"{p.GetProperty("schoolYear").GetInt32()}-{p.GetProperty("code").GetString()}");
        Assert.Equal(("2026-02-16", "2026-02-22"), (school["2025-spring"].GetProperty("first").GetString(), school["2025-spring"].GetProperty("last").GetString()));
        Assert.Equal("Herfstvakantie", school["2026-autumn"].GetProperty("name").GetProperty("nl").GetString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await viewer.GetAsync("/api/planning/holidays?from=2026-12-31&to=2026-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await viewer.GetAsync("/api/planning/holidays?from=2020-01-01&to=2026-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await viewer.GetAsync("/api/planning/holidays?from=morgen&to=2026-01-01")).StatusCode);
    }

    [Fact]
    public async Task Slots_skip_times_when_the_venue_is_booked_by_another_meeting()
    {
        using (var booked = await _server.PostJson("/api/meetings", new
        {
            kind = "studiedag", title = "Studiedag jobcoaching", start = "2025-03-11T10:00:00+01:00", end = "2025-03-11T12:00:00+01:00",
            venue = new { name = "Trefpunt", room = "Zaal 1" }, organisers = new[] { PlanningGraphFixture.An },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        }

        async Task<JsonElement> Slots(object venue)
        {
            using var response = await _server.PostJson("/api/planning/slots", new
            {
                firstDay = "2025-03-11", lastDay = "2025-03-11", durationMinutes = 60, dayStart = "09:00", dayEnd = "13:00", stepMinutes = 60, venue,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await NetwerkServer.Json(response)).GetProperty("result");
        }

        // Same place, spelled differently: 10:00 and 11:00 are taken.
        var same = await Slots(new { name = " trefpunt", room = "ZAAL 1" });
        Assert.Equal(["2025-03-11T09:00:00+01:00", "2025-03-11T12:00:00+01:00"],
            same.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("start").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(2, same.GetProperty("slotsBlockedByVenue").GetInt32());
        // Another room of the same building is free.
        Assert.Equal(4, (await Slots(new { name = "Trefpunt", room = "Zaal 2" })).GetProperty("candidates").GetArrayLength());
    }

    [Fact]
    public async Task A_businessmixer_has_a_speed_date_schedule_and_an_ad_hoc_plan_gets_one_too()
    {
        var settings = new { groupA = new[] { PlanningGraphFixture.An, PlanningGraphFixture.Bart }, groupB = new[] { PlanningGraphFixture.Cas, PlanningGraphFixture.Fien }, tables = 2, roundMinutes = 10, totalMinutes = 25, changeoverMinutes = 5 };
        var id = await CreateMeeting("2025-03-04T14:00:00+01:00", "2025-03-04T17:00:00+01:00", "businessmixer", settings);

        var stored = await _server.Get<JsonElement>($"/api/meetings/{id}/speeddates");
        var schedule = stored.GetProperty("schedule");
        Assert.Equal(2, schedule.GetProperty("rounds").GetArrayLength());
        Assert.Equal(4, schedule.GetProperty("pairsMet").GetInt32());
        Assert.Equal("2025-03-04T14:15:00+01:00", schedule.GetProperty("rounds")[1].GetProperty("start").GetString());
        Assert.Equal("An Claeys", stored.GetProperty("names").GetProperty(PlanningGraphFixture.An).GetString());

        using var adHoc = await _server.PostJson("/api/planning/speeddates", new { settings = settings with { tables = 1 } });
        Assert.Equal(HttpStatusCode.OK, adHoc.StatusCode);
        Assert.Equal(2, (await NetwerkServer.Json(adHoc)).GetProperty("schedule").GetProperty("pairsMet").GetInt32());

        var plain = await CreateMeeting();
        using var none = await _server.Http.GetAsync($"/api/meetings/{plain}/speeddates");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task A_sector_gap_becomes_a_draft_meet_and_greet_inviting_both_sides()
    {
        var report = await _server.Get<JsonElement>($"/api/analysis/blindspots?region={PlanningGraphFixture.Region}");
        var gap = report.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("kind").GetString() == "sector-gap");
        var before = await _server.StoreStatus();

        using var created = await _server.PostJson("/api/meetings/from-finding", new { findingId = gap.GetProperty("id").GetString(), region = PlanningGraphFixture.Region });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var meeting = await NetwerkServer.Json(created);
        Assert.Equal("meet-and-greet", meeting.GetProperty("kind").GetString());
        Assert.Equal("draft", meeting.GetProperty("status").GetString());
        Assert.Equal(gap.GetProperty("title").GetString(), meeting.GetProperty("title").GetString());
        Assert.True(meeting.GetProperty("hasInviteRules").GetBoolean());
        var invitees = await _server.Get<JsonElement>($"/api/meetings/{meeting.GetProperty("id").GetString()}/invitees");
        var evidence = gap.GetProperty("evidence").GetProperty("nodes").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        Assert.True(invitees.GetProperty("count").GetInt32() > 0);
        Assert.Equal("staff-of", invitees.GetProperty("definition").GetProperty("rule").GetProperty("type").GetString());
        Assert.All(invitees.GetProperty("definition").GetProperty("rule").GetProperty("organisations").EnumerateArray(), o => Assert.Contains(o.GetString(), evidence));
        Assert.Equal(before.NodeCount + 1, (await _server.StoreStatus()).NodeCount);
    }

    [Fact]
    public async Task Erasing_a_person_removes_them_from_organisers_invite_lists_and_speed_dates()
    {
        var settings = new { groupA = new[] { PlanningGraphFixture.An, PlanningGraphFixture.Bart }, groupB = new[] { PlanningGraphFixture.Cas }, tables = 1, rounds = 2 };
        var id = await CreateMeeting(kind: "businessmixer", speedDates: settings);
        (await _server.Send(HttpMethod.Put, $"/api/meetings/{id}/invitees", new { add = new[] { PlanningGraphFixture.An, PlanningGraphFixture.Cas } }, ifMatch: "\"1\"")).Dispose();

        using var erased = await _server.Http.PostAsync($"/api/people/{PlanningGraphFixture.An}/erase", null);

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var meeting = await _server.Get<JsonElement>($"/api/meetings/{id}");
        Assert.Empty(meeting.GetProperty("organisers").EnumerateArray());
        Assert.Equal([PlanningGraphFixture.Bart], meeting.GetProperty("speedDates").GetProperty("groupA").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var invitees = await _server.Get<JsonElement>($"/api/meetings/{id}/invitees");
        Assert.Equal([PlanningGraphFixture.Cas], invitees.GetProperty("definition").GetProperty("add").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }
}
