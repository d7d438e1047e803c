using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Calendar = Ical.Net.Calendar;
using Microsoft.Extensions.DependencyInjection;
using Netwerk.Core.Accounts;
using Netwerk.Web.Invitations;
using Netwerk.Web.Mail;
using Netwerk.Web.Tests.Invitations.Sending;
using Netwerk.Web.Tests.Meetings;

namespace Netwerk.Web.Tests.Feeds;

/// <summary>Calendar feeds through real HTTP: who may make which feed, what a feed holds, how it reads in two parsers, revocation and caching.</summary>
public sealed class FeedApiTests : IAsyncLifetime
{
    private readonly NetwerkServer _server = new(settings: new Dictionary<string, string> { ["Netwerk:Auth:CalendarFeedRequestsPerMinute"] = "1000" });
    private HttpClient _organiser = null!;

    public async ValueTask InitializeAsync()
    {
        await PlanningGraphFixture.LoadAsync(_server);
        _organiser = await _server.ClientAs(new RoleGrant(Role.Organiser, PlanningGraphFixture.Region));
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Today in Brussels at a wall-clock hour, <paramref name="days"/> from now, written with its offset.</summary>
    private static string Brussels(int days, int hour, int minute = 0)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        var local = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), zone).Date.AddDays(days).AddHours(hour).AddMinutes(minute);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private async Task<JsonElement> Meeting(
        string title, int days, string? platform = PlanningGraphFixture.Platform, string? recurrence = null, string[]? organisers = null, string status = "planned")
    {
        using var response = await _server.PostJson("/api/meetings", new
        {
            kind = platform is null ? "andere" : "overleg", title, start = Brussels(days, 10), end = Brussels(days, 12), platform, recurrence, status,
            venue = new { name = "Stadhuis Kortrijk", address = "Grote Markt 54, 8500 Kortrijk" },
            organisers = organisers ?? [PlanningGraphFixture.An],
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await NetwerkServer.Json(response);
    }

    private static async Task<JsonElement> CreateFeed(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/feeds", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await NetwerkServer.Json(response);
    }

    /// <summary>The feed's path on this server, from the https address the API gave.</summary>
    private static string PathOf(JsonElement created) => new Uri(created.GetProperty("url").GetString()!).AbsolutePath;

    private async Task<string> Fetch(string path)
    {
        using var anonymous = _server.Anonymous();
        using var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return await response.Content.ReadAsStringAsync();
    }

    private string Uid(string meetingId) => InvitationCalendar.Uid(meetingId, _server.Services.GetRequiredService<MailAddresses>().FromAddress);

    [Fact]
    public async Task Platform_feed_is_a_PUBLISH_calendar_without_people_listed_for_its_owner_and_gone_with_404_once_revoked()
    {
        var meeting = await Meeting("ROSE-overleg", 7);
        var created = await CreateFeed(_organiser, new { kind = "platform", platform = PlanningGraphFixture.Platform });
        var url = created.GetProperty("url").GetString()!;
        var webcal = created.GetProperty("webcalUrl").GetString()!;
        Assert.Matches(@"^http://[^/]+/feeds/nwf_[A-Za-z0-9_-]{43}\.ics$", url);
        Assert.Equal("webcal://" + url["http://".Length..], webcal);
        Assert.Equal("ROSE", created.GetProperty("feed").GetProperty("name").GetString());
        Assert.Equal("platform", created.GetProperty("feed").GetProperty("kind").GetString());

        var text = await Fetch(PathOf(created));
        Assert.Contains("METHOD:PUBLISH\r\n", text, StringComparison.Ordinal);
        Assert.Contains("X-WR-CALNAME:ROSE\r\n", text, StringComparison.Ordinal);
        Assert.Contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n", text, StringComparison.Ordinal);
        Assert.Contains("X-PUBLISHED-TTL:PT1H\r\n", text, StringComparison.Ordinal);
        Assert.Contains("TZID:Europe/Brussels", text, StringComparison.Ordinal);
        // Nobody's address: no attendees, no organiser, none of the invitees' or the organiser's e-mail addresses.
        Assert.DoesNotContain("ATTENDEE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ORGANIZER", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.org", text, StringComparison.OrdinalIgnoreCase);

        // The UID is the one the meeting's invitations carry.
        var ical = await SendingScenario.ReadWithIcalJsAsync(text);
        Assert.Equal("PUBLISH", ical.GetProperty("method").GetString());
        Assert.Equal("ROSE", ical.GetProperty("name").GetString());
        Assert.Equal("PT1H", ical.GetProperty("refreshInterval").GetString());
        var only = Assert.Single(ical.GetProperty("events").EnumerateArray());
        Assert.Equal(Uid(meeting.GetProperty("id").GetString()!), only.GetProperty("uid").GetString());
        Assert.Equal("Europe/Brussels", only.GetProperty("startZone").GetString());
        Assert.Equal(DateTimeOffset.Parse(meeting.GetProperty("start").GetString()!, CultureInfo.InvariantCulture).UtcDateTime,
            DateTimeOffset.Parse(only.GetProperty("start").GetString()!, CultureInfo.InvariantCulture).UtcDateTime);

        var listed = Assert.Single((await _organiser.GetFromJsonAsync<JsonElement>("/api/feeds")).EnumerateArray());
        Assert.Equal(created.GetProperty("feed").GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);
        Assert.DoesNotContain("nwf_", listed.GetRawText(), StringComparison.Ordinal);

        using (var revoked = await _organiser.DeleteAsync($"/api/feeds/{listed.GetProperty("id").GetString()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }
        using var anonymous = _server.Anonymous();
        using var gone = await anonymous.GetAsync(PathOf(created));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("VCALENDAR", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await _organiser.GetFromJsonAsync<JsonElement>("/api/feeds")).EnumerateArray());
        using var guessed = await anonymous.GetAsync("/feeds/nwf_" + new string('A', 43) + ".ics");
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
    }

    [Fact]
    public async Task Another_account_neither_lists_nor_revokes_a_feed_and_a_viewer_makes_only_personal_feeds()
    {
        var created = await CreateFeed(_organiser, new { kind = "platform", platform = PlanningGraphFixture.Platform });
        var id = created.GetProperty("feed").GetProperty("id").GetString()!;
        var other = await _server.ClientAs(new RoleGrant(Role.Regisseur, RoleGrant.AllRegions));
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/feeds")).EnumerateArray());
        using (var refused = await other.DeleteAsync($"/api/feeds/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }
        await Fetch(PathOf(created));

        var viewer = await _server.ClientAs(new RoleGrant(Role.Viewer, PlanningGraphFixture.Region));
        using (var platform = await viewer.PostAsJsonAsync("/api/feeds", new { kind = "platform", platform = PlanningGraphFixture.Platform }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, platform.StatusCode);
        }
        var personal = await CreateFeed(viewer, new { kind = "personal" });
        Assert.Equal("personal", personal.GetProperty("feed").GetProperty("kind").GetString());
        await Fetch(PathOf(personal));

        // An organiser elsewhere does not see the platform at all; a platform id must be a platform.
        var elsewhere = await _server.ClientAs(new RoleGrant(Role.Organiser, "region-elsewhere"));
        using (var hidden = await elsewhere.PostAsJsonAsync("/api/feeds", new { kind = "platform", platform = PlanningGraphFixture.Platform }))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }
        using (var notPlatform = await _organiser.PostAsJsonAsync("/api/feeds", new { kind = "platform", platform = PlanningGraphFixture.An }))
        {
            Assert.Equal(HttpStatusCode.NotFound, notPlatform.StatusCode);
        }
        using (var badKind = await _organiser.PostAsJsonAsync("/api/feeds", new { kind = "everything" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        }
        using (var bootstrap = await _server.PostJson("/api/feeds", new { kind = "personal" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bootstrap.StatusCode);
        }
    }

    [Fact]
    public async Task Personal_feed_holds_what_people_with_the_accounts_address_organise_or_are_invited_to_from_30_days_back()
    {
        var organised = await Meeting("Door An georganiseerd", 3);
        var invited = await Meeting("An uitgenodigd", 4, organisers: [PlanningGraphFixture.Cas]);
        var declined = await Meeting("An zegt nee", 5, organisers: [PlanningGraphFixture.Cas]);
        var unrelated = await Meeting("Niets met An", 6, organisers: [PlanningGraphFixture.Cas]);
        var cancelled = await Meeting("Afgelast", 8, status: "cancelled");
        var draft = await Meeting("Ontwerp", 9, status: "draft");
        var recent = await Meeting("Vorige week", -10);
        var old = await Meeting("Lang geleden", -45);
        // Fien's node carries An's address in capitals: the same person, as far as a feed goes.
        foreach (var (id, person, status) in new[] { (invited, PlanningGraphFixture.Fien, "accepted"), (declined, PlanningGraphFixture.An, "declined") })
        {
            using var link = await _server.PostJson("/api/relationships", new
            {
                type = "INVITED", from = person, to = id.GetProperty("id").GetString(), properties = new { status },
            });
            Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        }

        var an = await _server.ClientFor("an@example.org", new RoleGrant(Role.Viewer, PlanningGraphFixture.Region));
        var created = await CreateFeed(an, new { kind = "personal", name = "Mijn agenda" });
        var ical = await SendingScenario.ReadWithIcalJsAsync(await Fetch(PathOf(created)));
        Assert.Equal("Mijn agenda", ical.GetProperty("name").GetString());
        var uids = ical.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("uid").GetString()!).ToHashSet();
        Assert.Equal(new[] { recent, organised, invited }.Select(m => Uid(m.GetProperty("id").GetString()!)).ToHashSet(), uids);
        Assert.DoesNotContain(Uid(declined.GetProperty("id").GetString()!), uids);
        Assert.DoesNotContain(Uid(unrelated.GetProperty("id").GetString()!), uids);
        Assert.DoesNotContain(Uid(cancelled.GetProperty("id").GetString()!), uids);
        Assert.DoesNotContain(Uid(draft.GetProperty("id").GetString()!), uids);
        Assert.DoesNotContain(Uid(old.GetProperty("id").GetString()!), uids);

        // Someone whose address no node carries gets a valid, empty calendar.
        var stranger = await _server.ClientAs(new RoleGrant(Role.Viewer, PlanningGraphFixture.Region));
        var empty = await SendingScenario.ReadWithIcalJsAsync(await Fetch(PathOf(await CreateFeed(stranger, new { kind = "personal" }))));
        Assert.Empty(empty.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Recurring_platform_meeting_expands_in_ical_js_and_Ical_Net_with_its_cancelled_and_moved_dates()
    {
        // Weekly for 8 weeks from next week: crosses a change of summer time in about half the year.
        var series = await Meeting("Lerend netwerk", 7, recurrence: "FREQ=WEEKLY;COUNT=8");
        var id = series.GetProperty("id").GetString()!;
        var starts = Enumerable.Range(0, 8).Select(i => DateTimeOffset.Parse(Brussels(7 + 7 * i, 10), CultureInfo.InvariantCulture)).ToList();
        using (var cancel = await _server.Send(HttpMethod.Post, $"/api/meetings/{id}/cancel", new { occurrence = starts[1] }, ifMatch: "\"1\""))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }
        var version = (await _server.Get<JsonElement>($"/api/meetings/{id}")).GetProperty("version").GetInt64();
        var moved = DateTimeOffset.Parse(Brussels(7 + 14 + 1, 14, 30), CultureInfo.InvariantCulture);
        using (var move = await _server.Send(HttpMethod.Post, $"/api/meetings/{id}/occurrences", new
        {
            originalStart = starts[2], scope = "this", start = moved, end = moved.AddHours(2), title = "Lerend netwerk (verplaatst)",
        }, ifMatch: $"\"{version}\""))
        {
            Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        }

        var text = await Fetch(PathOf(await CreateFeed(_organiser, new { kind = "platform", platform = PlanningGraphFixture.Platform })));
        Assert.Contains("RRULE:FREQ=WEEKLY;COUNT=8", text, StringComparison.Ordinal);
        Assert.Contains("EXDATE;TZID=Europe/Brussels:", text, StringComparison.Ordinal);
        Assert.Contains("RECURRENCE-ID;TZID=Europe/Brussels:", text, StringComparison.Ordinal);

        var expected = starts.Where((_, i) => i != 1).Select(s => s == starts[2] ? moved : s).Select(s => s.UtcDateTime).Order().ToList();
        var ical = await SendingScenario.ReadWithIcalJsAsync(text);
        var occurrences = Assert.Single(ical.GetProperty("series").EnumerateArray()).GetProperty("occurrences").EnumerateArray().ToList();
        Assert.Equal(expected, occurrences.Select(o => DateTimeOffset.Parse(o.GetProperty("start").GetString()!, CultureInfo.InvariantCulture).UtcDateTime).Order().ToList());
        Assert.Contains(occurrences, o => o.GetProperty("summary").GetString() == "Lerend netwerk (verplaatst)");

        var parsed = Calendar.Load(text)!;
        var netStarts = parsed.GetOccurrences<Ical.Net.CalendarComponents.CalendarEvent>(null, null)
            .Select(o => o.Period.StartTime.AsUtc).Order().ToList();
        Assert.Equal(expected, netStarts);
    }

    [Fact]
    public async Task Names_with_markup_newlines_commas_and_semicolons_are_escaped_and_read_back_unchanged()
    {
        const string title = "Overleg <b>ROSE</b>, deel 2; \"taal\" \\ C:\\map";
        const string description = "Agenda:\n1. <script>alert(1)</script>, welkom;\n2. Varia";
        const string name = "ROSE <script>alert(1)</script>, W13; agenda";
        using (var response = await _server.PostJson("/api/meetings", new
        {
            kind = "overleg", title, description, start = Brussels(2, 10), end = Brussels(2, 12), platform = PlanningGraphFixture.Platform,
            organisers = new[] { PlanningGraphFixture.An },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        // A calendar's name is one line: the line break the organiser typed becomes a space.
        var created = await CreateFeed(_organiser, new { kind = "platform", platform = PlanningGraphFixture.Platform, name = "ROSE <script>alert(1)</script>, W13;\nagenda" });
        Assert.Equal(name, created.GetProperty("feed").GetProperty("name").GetString());
        var text = await Fetch(PathOf(created));
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains(@"X-WR-CALNAME:ROSE <script>alert(1)</script>\, W13\; agenda", unfolded, StringComparison.Ordinal);
        Assert.Contains(@"SUMMARY:Overleg <b>ROSE</b>\, deel 2\; ""taal"" \\ C:\\map", unfolded, StringComparison.Ordinal);
        Assert.Contains(@"DESCRIPTION:Agenda:\n1. <script>alert(1)</script>\, welkom\;\n2. Varia", unfolded, StringComparison.Ordinal);
        var ical = await SendingScenario.ReadWithIcalJsAsync(text);
        Assert.Equal(name, ical.GetProperty("name").GetString());
        var only = Assert.Single(ical.GetProperty("events").EnumerateArray());
        Assert.Equal(title, only.GetProperty("summary").GetString());
        Assert.Equal(description, only.GetProperty("description").GetString());
        var parsed = Calendar.Load(text)!;
        Assert.Equal(title, parsed.Events.Single().Summary);
        Assert.Equal(description, parsed.Events.Single().Description);
    }

    [Fact]
    public async Task Unchanged_feed_answers_304_to_its_ETag_or_date_and_a_changed_meeting_gives_a_new_ETag()
    {
        var meeting = await Meeting("ROSE", 5);
        var path = PathOf(await CreateFeed(_organiser, new { kind = "platform", platform = PlanningGraphFixture.Platform }));
        using var client = _server.Anonymous();
        using var first = await client.GetAsync(path);
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;
        Assert.False(etag.IsWeak);
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(first.Headers.CacheControl!.Private);

        using (var request = new HttpRequestMessage(HttpMethod.Get, path))
        {
            request.Headers.IfNoneMatch.Add(etag);
            using var unchanged = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
            Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, unchanged.Headers.ETag);
        }
        using (var request = new HttpRequestMessage(HttpMethod.Get, path))
        {
            request.Headers.IfModifiedSince = lastModified;
            using var unchanged = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var id = meeting.GetProperty("id").GetString()!;
        using (var rename = await _server.Send(HttpMethod.Put, $"/api/meetings/{id}", new
        {
            kind = "overleg", title = "ROSE (nieuwe titel)", start = meeting.GetProperty("start").GetString(), end = meeting.GetProperty("end").GetString(),
            platform = PlanningGraphFixture.Platform, organisers = new[] { PlanningGraphFixture.An },
        }, ifMatch: "\"1\""))
        {
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        }
        using (var request = new HttpRequestMessage(HttpMethod.Get, path))
        {
            request.Headers.IfNoneMatch.Add(etag);
            using var changed = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.NotEqual(etag, changed.Headers.ETag);
            Assert.True(changed.Content.Headers.LastModified > lastModified);
            Assert.Contains("ROSE (nieuwe titel)", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Feeds_are_rate_limited_per_feed()
    {
        using var server = new NetwerkServer(settings: new Dictionary<string, string> { ["Netwerk:Auth:CalendarFeedRequestsPerMinute"] = "3" });
        await PlanningGraphFixture.LoadAsync(server);
        var organiser = await server.ClientAs(new RoleGrant(Role.Organiser, PlanningGraphFixture.Region));
        var path = PathOf(await CreateFeed(organiser, new { kind = "platform", platform = PlanningGraphFixture.Platform }));
        using var client = server.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync(path);
            statuses.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
    }
}
