using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Netwerk.Core.Accounts;
using Netwerk.Core.Graph;
using Netwerk.Web.Invitations;
using Netwerk.Web.Tests.Mail;

namespace Netwerk.Web.Tests.Invitations.Sending;

/// <summary>
/// Sending invitations through the real app (Kestrel, SQLite, Hangfire in memory) to a real SMTP server (maildev),
/// and answering them through the links in the mails.
/// </summary>
public sealed class InvitationSendingTests(MailDevServer maildev) : IClassFixture<MailDevServer>, IDisposable
{
    private readonly NetwerkServer _server = new(settings: SendingScenario.Settings(maildev));

    public void Dispose() => _server.Dispose();

    private HttpClient Http => _server.Http;

    [Fact]
    public async Task Sending_mails_every_invitee_one_imip_invitation_that_ical_net_and_ical_js_both_read()
    {
        var scenario = await SendingScenario.CreateAsync(Http, 3);

        var summary = await scenario.SendInvitationsAsync(Http);

        Assert.Equal(3, summary.GetProperty("queued").GetInt32());
        var listing = await scenario.WaitForDeliveryAsync(Http, i => i.GetProperty("delivery").GetString() == "sent");
        var mails = await scenario.MailsAsync(maildev, 3);
        Assert.Equal(3, mails.Count);
        Assert.Equal(scenario.Emails.Order(), mails.Select(m => m.To).Order());
        Assert.All(mails, m => Assert.StartsWith("Uitnodiging: Lerend netwerk", m.Subject));
        var rows = listing.GetProperty("invitations").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal(0, r.GetProperty("deliveredSequence").GetInt32()));
        Assert.All(rows, r => Assert.True(r.GetProperty("upToDate").GetBoolean()));
        Assert.Equal(mails.Select(m => m.MessageId).Order(), rows.Select(r => r.GetProperty("messageId").GetString()!).Order());
        Assert.Equal(3, listing.GetProperty("counts").GetProperty("sent").GetInt32());

        // iMIP: mixed [ alternative [ plain, html, calendar; method=REQUEST ], invite.ics ].
        var message = await SendingScenario.SourceAsync(maildev, mails[0]);
        var mixed = Assert.IsType<MimeKit.Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MimeKit.MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("REQUEST", alternative[2].ContentType.Parameters["method"]);
        Assert.Null(alternative[2].ContentDisposition?.FileName);
        Assert.Equal("invite.ics", ((MimeKit.MimePart)mixed[1]).FileName);
        var calendarText = SendingScenario.CalendarPart(message).Text;

        var calendar = Ical.Net.Calendar.Load(calendarText)!;
        Assert.Equal("REQUEST", calendar.Method);
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal($"{scenario.MeetingId}@w13.example.org", vevent.Uid);
        Assert.Equal(0, vevent.Sequence);
        Assert.Equal("Europe/Brussels", vevent.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 3, 9, 9, 0, 0, DateTimeKind.Utc), vevent.DtStart.AsUtc);
        Assert.Equal("mailto:" + SendingScenario.From, vevent.Organizer!.Value!.ToString());
        var attendee = Assert.Single(vevent.Attendees);
        Assert.True(attendee.Rsvp);
        Assert.Equal("mailto:" + mails[0].To, attendee.Value!.ToString());

        var byMozilla = await SendingScenario.ReadWithIcalJsAsync(calendarText);
        Assert.Equal("REQUEST", byMozilla.GetProperty("method").GetString());
        var zone = Assert.Single(byMozilla.GetProperty("zones").EnumerateArray());
        Assert.Equal("Europe/Brussels", zone.GetProperty("tzid").GetString());
        Assert.True(zone.GetProperty("standard").GetInt32() > 0 && zone.GetProperty("daylight").GetInt32() > 0);
        var read = Assert.Single(byMozilla.GetProperty("events").EnumerateArray());
        Assert.Equal(vevent.Uid, read.GetProperty("uid").GetString());
        Assert.Equal(0, read.GetProperty("sequence").GetInt32());
        Assert.Equal("2027-03-09T09:00:00.000Z", read.GetProperty("start").GetString());
        Assert.Equal("2027-03-09T11:00:00.000Z", read.GetProperty("end").GetString());
        Assert.Equal("Europe/Brussels", read.GetProperty("startZone").GetString());
        Assert.Equal("TRUE", read.GetProperty("attendees")[0].GetProperty("rsvp").GetString());

        // Sending again sends nothing: everyone has sequence 0.
        var again = await scenario.SendInvitationsAsync(Http);
        Assert.Equal(0, again.GetProperty("queued").GetInt32());
        Assert.Equal(3, again.GetProperty("alreadyDelivered").GetInt32());
        await Task.Delay(1500);
        Assert.Equal(3, (await scenario.MailsAsync(maildev, 3)).Count);
    }

    [Fact]
    public async Task A_meeting_moved_by_an_hour_is_sent_again_with_the_same_uid_and_a_higher_sequence_and_cancelling_sends_cancel()
    {
        var scenario = await SendingScenario.CreateAsync(Http, 2);
        await scenario.SendInvitationsAsync(Http);
        await scenario.WaitForDeliveryAsync(Http, i => i.GetProperty("delivery").GetString() == "sent");

        using (var moved = await SendingScenario.Send(Http, HttpMethod.Put, $"/api/meetings/{scenario.MeetingId}", new
               {
                   kind = "andere", title = "Lerend netwerk (verplaatst)", start = "2027-03-09T11:00:00+01:00", end = "2027-03-09T13:00:00+01:00",
                   venue = new { name = "Vormingscentrum Kortrijk", room = "zaal 2", address = "Doorniksesteenweg 1" },
               }, await SendingScenario.VersionAsync(Http, scenario.MeetingId)))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.Equal(1, (await NetwerkServer.Json(moved)).GetProperty("sequence").GetInt32());
        }
        var pending = await scenario.InvitationsAsync(Http);
        Assert.All(pending.GetProperty("invitations").EnumerateArray(), i => Assert.False(i.GetProperty("upToDate").GetBoolean()));
        var update = await scenario.SendInvitationsAsync(Http);
        Assert.Equal(2, update.GetProperty("queued").GetInt32());
        await scenario.WaitForDeliveryAsync(Http, i => i.GetProperty("deliveredSequence").GetInt32() == 1);

        var updates = (await scenario.MailsAsync(maildev, 4)).Where(m => m.Subject.StartsWith("Gewijzigd:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, updates.Count);
        var text = SendingScenario.CalendarPart(await SendingScenario.SourceAsync(maildev, updates[0])).Text;
        var vevent = Assert.Single(Ical.Net.Calendar.Load(text)!.Events);
        Assert.Equal($"{scenario.MeetingId}@w13.example.org", vevent.Uid);
        Assert.Equal(1, vevent.Sequence);
        Assert.Equal(new DateTime(2027, 3, 9, 10, 0, 0, DateTimeKind.Utc), vevent.DtStart!.AsUtc);
        var read = Assert.Single((await SendingScenario.ReadWithIcalJsAsync(text)).GetProperty("events").EnumerateArray());
        Assert.Equal(1, read.GetProperty("sequence").GetInt32());
        Assert.Equal("2027-03-09T10:00:00.000Z", read.GetProperty("start").GetString());

        // Cancelling through the planner sends METHOD:CANCEL to everyone, same UID, sequence 2.
        using (var cancelled = await SendingScenario.Send(Http, HttpMethod.Post, $"/api/meetings/{scenario.MeetingId}/cancel", new { },
                   await SendingScenario.VersionAsync(Http, scenario.MeetingId)))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }
        await scenario.WaitForDeliveryAsync(Http, i => i.GetProperty("deliveredSequence").GetInt32() == 2);
        var cancellations = (await scenario.MailsAsync(maildev, 6)).Where(m => m.Subject.StartsWith("Geannuleerd:", StringComparison.Ordinal)).ToList();
        Assert.Equal(scenario.Emails.Order(), cancellations.Select(m => m.To).Order());
        var cancelMessage = await SendingScenario.SourceAsync(maildev, cancellations[0]);
        var part = SendingScenario.CalendarPart(cancelMessage);
        Assert.Equal("CANCEL", part.ContentType.Parameters["method"]);
        var cancel = Ical.Net.Calendar.Load(part.Text)!;
        var cancelEvent = Assert.Single(cancel.Events)!;
        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal(Ical.Net.EventStatus.Cancelled, cancelEvent.Status);
        Assert.Equal((vevent.Uid, 2), (cancelEvent.Uid, cancelEvent.Sequence));
        var mozilla = await SendingScenario.ReadWithIcalJsAsync(part.Text);
        Assert.Equal("CANCEL", mozilla.GetProperty("method").GetString());
        Assert.Equal("CANCELLED", mozilla.GetProperty("events")[0].GetProperty("status").GetString());

        // A cancelled meeting with sent invitations can go now; before, deletion was refused.
        Assert.Equal(6, (await scenario.MailsAsync(maildev, 6)).Count);
    }

    [Fact]
    public async Task Cancelling_one_occurrence_of_a_series_sends_a_cancel_of_that_date_only()
    {
        var scenario = await SendingScenario.CreateAsync(Http, 1, "2027-03-02T10:00:00+01:00", "2027-03-02T12:00:00+01:00", recurrence: "FREQ=WEEKLY;COUNT=4");
        await scenario.SendInvitationsAsync(Http);
        await scenario.WaitForDeliveryAsync(Http, i => i.GetProperty("delivery").GetString() == "sent");
        using (var refused = await SendingScenario.Send(Http, HttpMethod.Delete, $"/api/meetings/{scenario.MeetingId}", null, await SendingScenario.VersionAsync(Http, scenario.MeetingId)))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("meeting-has-invitations", (await NetwerkServer.Json(refused)).GetProperty("code").GetString());
        }

        using (var cancelled = await SendingScenario.Send(Http, HttpMethod.Post, $"/api/meetings/{scenario.MeetingId}/cancel",
                   new { occurrence = "2027-03-16T10:00:00+01:00" }, await SendingScenario.VersionAsync(Http, scenario.MeetingId)))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }
        await scenario.WaitForDeliveryAsync(Http, i => i.GetProperty("deliveredSequence").GetInt32() == 1);

        var mail = (await scenario.MailsAsync(maildev, 2)).Single(m => m.Subject.StartsWith("Geannuleerd:", StringComparison.Ordinal));
        Assert.Contains("dinsdag 16 maart 2027", mail.Subject);
        var text = SendingScenario.CalendarPart(await SendingScenario.SourceAsync(maildev, mail)).Text;
        var read = Assert.Single((await SendingScenario.ReadWithIcalJsAsync(text)).GetProperty("events").EnumerateArray());
        Assert.Equal("2027-03-16T09:00:00.000Z", read.GetProperty("recurrenceId").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("rrule").ValueKind);
        Assert.Equal("CANCELLED", read.GetProperty("status").GetString());
        Assert.Equal(1, read.GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task Partners_answer_through_the_link_change_their_answer_and_download_the_invitation()
    {
        var scenario = await SendingScenario.CreateAsync(Http, 2, capacity: 1);
        await scenario.SendInvitationsAsync(Http);
        await scenario.WaitForDeliveryAsync(Http, i => i.GetProperty("delivery").GetString() == "sent");
        var mails = await scenario.MailsAsync(maildev, 2);
        var first = mails.Single(m => m.To == scenario.Emails[0]);
        var (link, token) = SendingScenario.AnswerLink(first.Text, "accepted");
        var anonymous = _server.Anonymous();

        // Opening the link answers nothing: the page is served, the answer needs a POST.
        using (var page = await anonymous.GetAsync(link.PathAndQuery))
        {
            Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{page.StatusCode}");
            if (page.StatusCode == HttpStatusCode.OK) Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        }
        var summary = await anonymous.GetFromJsonAsync<JsonElement>($"/api/rsvp/{token}");
        Assert.Equal("needs-action", summary.GetProperty("answer").GetString());
        Assert.Equal($"Lerend netwerk {scenario.Emails[0][..10]}", summary.GetProperty("title").GetString());
        Assert.Equal("Vormingscentrum Kortrijk, zaal 2, Doorniksesteenweg 1", summary.GetProperty("location").GetString());
        Assert.Equal(DateTimeOffset.Parse("2027-03-09T10:00:00+01:00"), summary.GetProperty("start").GetDateTimeOffset());
        Assert.Equal("nl", summary.GetProperty("language").GetString());

        using (var accepted = await anonymous.PostAsJsonAsync("/api/rsvp", new { token, answer = "accepted" }))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Equal("accepted", (await NetwerkServer.Json(accepted)).GetProperty("answer").GetString());
        }
        // The meeting takes one: the second person who says yes goes on the waiting list.
        var (_, second) = SendingScenario.AnswerLink(mails.Single(m => m.To == scenario.Emails[1]).Text, "accepted");
        using (var waitlisted = await anonymous.PostAsJsonAsync("/api/rsvp", new { token = second, answer = "ja" }))
        {
            Assert.Equal("waitlisted", (await NetwerkServer.Json(waitlisted)).GetProperty("answer").GetString());
        }
        var listing = await scenario.InvitationsAsync(Http);
        var row = listing.GetProperty("invitations").EnumerateArray().Single(i => i.GetProperty("personId").GetString() == scenario.People[0]);
        Assert.Equal("accepted", row.GetProperty("answer").GetString());
        Assert.NotEqual(JsonValueKind.Null, row.GetProperty("answeredAt").ValueKind);
        Assert.Equal((1, 1), (listing.GetProperty("counts").GetProperty("accepted").GetInt32(), listing.GetProperty("counts").GetProperty("waitlisted").GetInt32()));

        // Changing one's mind: declined, from the same link; the change is in the feed (live) as a relationship update.
        using (var declined = await anonymous.PostAsJsonAsync("/api/rsvp", new { token, answer = "declined" }))
        {
            Assert.Equal("declined", (await NetwerkServer.Json(declined)).GetProperty("answer").GetString());
        }
        var invited = (await _server.Get<JsonElement>($"/api/relationships?type=INVITED&to={scenario.MeetingId}&from={scenario.People[0]}")).GetProperty("items")[0];
        Assert.Equal("declined", invited.GetProperty("properties").GetProperty("status").GetString());
        // The seat that came free goes to the person on the waiting list, who is told by mail, once.
        Assert.Equal("accepted", (await anonymous.GetFromJsonAsync<JsonElement>($"/api/rsvp/{second}")).GetProperty("answer").GetString());
        var toSecond = await scenario.MailsAsync(maildev, 2, to: [scenario.Emails[1]]);
        var seat = Assert.Single(toSecond, m => m.Subject.StartsWith("Er is een plaats voor je: Lerend netwerk", StringComparison.Ordinal));
        Assert.Contains("er is een plaats vrijgekomen", seat.Text, StringComparison.Ordinal);
        Assert.Contains("Jouw antwoord: Je komt (ja).", seat.Text, StringComparison.Ordinal);
        Assert.Equal(second, SendingScenario.AnswerLink(seat.Text, "declined").Token); // their own links, to give the seat back
        var promoted = (await _server.Get<JsonElement>($"/api/relationships?type=INVITED&to={scenario.MeetingId}&from={scenario.People[1]}")).GetProperty("items")[0];
        Assert.True(promoted.GetProperty("properties").TryGetProperty("promotedAt", out _));
        var after = (await scenario.InvitationsAsync(Http)).GetProperty("counts");
        Assert.Equal((1, 0, 1), (after.GetProperty("accepted").GetInt32(), after.GetProperty("waitlisted").GetInt32(), after.GetProperty("declined").GetInt32()));
        var changes = await _server.Get<JsonElement>("/api/changes?limit=5000");
        Assert.Contains(changes.GetProperty("changes").EnumerateArray(), c => c.GetProperty("id").GetString() == invited.GetProperty("id").GetString()
            && c.GetProperty("data").GetProperty("properties").TryGetProperty("status", out var s) && s.GetString() == "declined");

        // "Add to my calendar": the REQUEST for this person.
        using var ics = await anonymous.GetAsync($"/api/rsvp/{token}/invite.ics");
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        Assert.Equal("invite.ics", ics.Content.Headers.ContentDisposition!.FileNameStar ?? ics.Content.Headers.ContentDisposition.FileName);
        var icsText = await ics.Content.ReadAsStringAsync();
        var vevent = Assert.Single(Ical.Net.Calendar.Load(icsText)!.Events);
        Assert.Equal($"{scenario.MeetingId}@w13.example.org", vevent.Uid);
        Assert.Equal("mailto:" + scenario.Emails[0], vevent.Attendees[0].Value!.ToString());
        Assert.Equal("REQUEST", (await SendingScenario.ReadWithIcalJsAsync(icsText)).GetProperty("method").GetString());
    }

    [Fact]
    public async Task Bad_tampered_and_expired_tokens_get_a_clear_4xx_never_a_500()
    {
        var scenario = await SendingScenario.CreateAsync(Http, 1);
        await scenario.SendInvitationsAsync(Http);
        var (_, token) = SendingScenario.AnswerLink((await scenario.MailsAsync(maildev, 1)).Single().Text, "declined");
        var tokens = _server.Services.GetRequiredService<RsvpTokens>();
        var expired = tokens.Issue(new RsvpGrant { MeetingId = scenario.MeetingId, PersonId = scenario.People[0], Sequence = 0, ExpiresAt = TimeProvider.System.GetUtcNow().AddDays(-1) });
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        var anonymous = _server.Anonymous();

        foreach (var bad in new[] { tampered, "x", "a.b", new string('a', 5000), token.Replace('.', '-') })
        {
            using var post = await anonymous.PostAsJsonAsync("/api/rsvp", new { token = bad, answer = "accepted" });
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            Assert.Equal("application/problem+json", post.Content.Headers.ContentType!.MediaType);
            Assert.Equal("rsvp-invalid", (await NetwerkServer.Json(post)).GetProperty("code").GetString());
            using var get = await anonymous.GetAsync($"/api/rsvp/{Uri.EscapeDataString(bad)}");
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
            using var ics = await anonymous.GetAsync($"/api/rsvp/{Uri.EscapeDataString(bad)}/invite.ics");
            Assert.Equal(HttpStatusCode.BadRequest, ics.StatusCode);
        }
        using (var late = await anonymous.PostAsJsonAsync("/api/rsvp", new { token = expired, answer = "accepted" }))
        {
            Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
            Assert.Equal("rsvp-expired", (await NetwerkServer.Json(late)).GetProperty("code").GetString());
        }
        using (var late = await anonymous.GetAsync($"/api/rsvp/{expired}"))
        {
            Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        }
        foreach (var body in new object[] { new { token, answer = "misschien-wel" }, new { token }, new { answer = "accepted" } })
        {
            using var response = await anonymous.PostAsJsonAsync("/api/rsvp", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        using (var malformed = await anonymous.PostAsync("/api/rsvp", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        // Taken off the list (before anything was sent to them nothing is owed): the link no longer stands.
        var other = await SendingScenario.CreateAsync(Http, 2);
        await other.SendInvitationsAsync(Http);
        var (_, otherToken) = SendingScenario.AnswerLink((await other.MailsAsync(maildev, 2)).First(m => m.To == other.Emails[1]).Text, "accepted");
        await other.WaitForDeliveryAsync(Http, i => i.GetProperty("delivery").GetString() == "sent");
        using (var saved = await SendingScenario.Send(Http, HttpMethod.Put, $"/api/meetings/{other.MeetingId}/invitees", new { add = new[] { other.People[0] } },
                   await SendingScenario.VersionAsync(Http, other.MeetingId)))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }
        using (var withdrawn = await anonymous.PostAsJsonAsync("/api/rsvp", new { token = otherToken, answer = "accepted" }))
        {
            Assert.Equal(HttpStatusCode.Gone, withdrawn.StatusCode);
            Assert.Equal("rsvp-withdrawn", (await NetwerkServer.Json(withdrawn)).GetProperty("code").GetString());
        }
        // … and they got a cancellation of their own, after which their INVITED is gone.
        var removal = (await other.MailsAsync(maildev, 3)).Single(m => m.Subject.StartsWith("Afgemeld:", StringComparison.Ordinal));
        Assert.Equal(other.Emails[1], removal.To);
        var calendar = SendingScenario.CalendarPart(await SendingScenario.SourceAsync(maildev, removal));
        Assert.Equal("CANCEL", calendar.ContentType.Parameters["method"]);
        for (var i = 0; i < 50 && (await other.InvitationsAsync(Http)).GetProperty("invitations").GetArrayLength() > 1; i++) await Task.Delay(100);
        Assert.Equal(1, (await other.InvitationsAsync(Http)).GetProperty("invitations").GetArrayLength());
    }

    [Fact]
    public async Task Opted_out_people_and_people_without_an_address_are_never_mailed_and_marked_failed_with_the_reason()
    {
        var scenario = await SendingScenario.CreateAsync(Http, 3, customise: (i, email) => i == 1 ? new { name = "Zonder adres" } : null!);
        // Opting out after the list was frozen.
        var optOut = scenario.People[2];
        var person = await _server.Get<JsonElement>($"/api/nodes/{optOut}");
        using (var changed = await SendingScenario.Send(Http, HttpMethod.Put, $"/api/nodes/{optOut}",
                   new { kind = "Person", properties = new { name = "Wil niet", email = scenario.Emails[2], invitationOptOut = true } },
                   $"\"{person.GetProperty("version").GetInt64()}\""))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        var summary = await scenario.SendInvitationsAsync(Http);

        Assert.Equal((1, 1, 1), (summary.GetProperty("queued").GetInt32(), summary.GetProperty("optedOut").GetInt32(), summary.GetProperty("withoutEmail").GetInt32()));
        var listing = await scenario.WaitForDeliveryAsync(Http, i => i.GetProperty("delivery").GetString() is "sent" or "failed");
        var rows = listing.GetProperty("invitations").EnumerateArray().ToDictionary(i => i.GetProperty("personId").GetString()!);
        Assert.Equal("sent", rows[scenario.People[0]].GetProperty("delivery").GetString());
        Assert.Equal(("failed", InvitationMailer.NoEmail), (rows[scenario.People[1]].GetProperty("delivery").GetString(), rows[scenario.People[1]].GetProperty("failure").GetString()));
        Assert.Equal(("failed", InvitationMailer.OptOut), (rows[optOut].GetProperty("delivery").GetString(), rows[optOut].GetProperty("failure").GetString()));
        await Task.Delay(1000);
        Assert.Equal([scenario.Emails[0]], (await scenario.MailsAsync(maildev, 1)).Select(m => m.To));
    }

    [Fact]
    public async Task A_message_the_server_refuses_is_failed_with_the_reason_and_not_retried()
    {
        // maildev takes at most 64 KiB; an agenda of 10,000 accented letters makes every invitation larger (552, permanent).
        var scenario = await SendingScenario.CreateAsync(Http, 2, description: new string('é', 10_000));

        await scenario.SendInvitationsAsync(Http);

        var listing = await scenario.WaitForDeliveryAsync(Http, i => i.GetProperty("delivery").GetString() is "sent" or "failed");
        Assert.All(listing.GetProperty("invitations").EnumerateArray(), i =>
        {
            Assert.Equal("failed", i.GetProperty("delivery").GetString());
            Assert.StartsWith("bericht geweigerd door de mailserver (552)", i.GetProperty("failure").GetString());
        });
        Assert.Equal(2, listing.GetProperty("counts").GetProperty("failed").GetInt32());
        // Not retried: nothing of it waits in Hangfire, no job failed, and the state stays failed.
        var monitoring = _server.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Task.Delay(2500);
        Assert.DoesNotContain(monitoring.ScheduledJobs(0, 1000), j => j.Value.Job?.Method.Name == nameof(InvitationMailer.DeliverAsync));
        Assert.Equal(0, monitoring.FailedCount());
        Assert.All((await scenario.InvitationsAsync(Http)).GetProperty("invitations").EnumerateArray(),
            i => Assert.Equal("failed", i.GetProperty("delivery").GetString()));
        Assert.Empty(await scenario.MailsAsync(maildev, 0));
    }

    [Fact]
    public async Task Sending_needs_a_frozen_list_and_an_organiser_and_listing_is_for_viewers()
    {
        using var created = await _server.PostJson("/api/meetings", new { kind = "andere", title = "Nog niet bevroren", start = "2027-05-04T10:00:00+02:00", end = "2027-05-04T11:00:00+02:00" });
        var id = (await NetwerkServer.Json(created)).GetProperty("id").GetString();

        using var notFrozen = await Http.PostAsync($"/api/meetings/{id}/invitations", null);
        Assert.Equal(HttpStatusCode.Conflict, notFrozen.StatusCode);
        Assert.Equal("invite-list-not-frozen", (await NetwerkServer.Json(notFrozen)).GetProperty("code").GetString());
        using var unknown = await Http.PostAsync("/api/meetings/no-such-meeting/invitations", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var viewer = await _server.ClientAs(new RoleGrant(Role.Viewer, RoleGrant.AllRegions));
        using var forbidden = await viewer.PostAsync($"/api/meetings/{id}/invitations", null);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var listing = await viewer.GetAsync($"/api/meetings/{id}/invitations");
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        Assert.False((await NetwerkServer.Json(listing)).GetProperty("frozen").GetBoolean());
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_organisers_only()
    {
        using var anonymous = await _server.Anonymous().GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var viewer = await _server.ClientAs(new RoleGrant(Role.Viewer, RoleGrant.AllRegions));
        using var refused = await viewer.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var organiser = await _server.ClientAs(new RoleGrant(Role.Organiser, "region-elsewhere"));
        using var dashboard = await organiser.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Netwerk", await dashboard.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_reminder_goes_out_before_the_meeting_without_a_calendar_part_and_only_once()
    {
        // The server reminds a day ahead: a meeting a day and a few seconds from now is reminded of in a few seconds.
        var start = TimeProvider.System.GetUtcNow().AddDays(1).AddSeconds(6);
        var startText = start.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var endText = start.AddHours(1).ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var scenario = await SendingScenario.CreateAsync(Http, 2, startText, endText);
        await scenario.SendInvitationsAsync(Http);
        await scenario.WaitForDeliveryAsync(Http, i => i.GetProperty("delivery").GetString() == "sent");
        // One declines: no reminder for them.
        var (_, token) = SendingScenario.AnswerLink((await scenario.MailsAsync(maildev, 2)).Single(m => m.To == scenario.Emails[1]).Text, "declined");
        (await _server.Anonymous().PostAsJsonAsync("/api/rsvp", new { token, answer = "declined" })).Dispose();

        var mails = await scenario.MailsAsync(maildev, 3, timeout: TimeSpan.FromSeconds(40));

        var reminder = Assert.Single(mails, m => m.Subject.StartsWith("Herinnering:", StringComparison.Ordinal));
        Assert.Equal(scenario.Emails[0], reminder.To);
        Assert.Contains("Jouw antwoord: Je hebt nog niet geantwoord.", reminder.Text);
        var message = await SendingScenario.SourceAsync(maildev, reminder);
        Assert.DoesNotContain(message.BodyParts, p => p.ContentType.IsMimeType("text", "calendar") || p.ContentType.IsMimeType("application", "ics"));
        await scenario.WaitForDeliveryAsync(Http, _ => true);
        var invited = (await _server.Get<JsonElement>($"/api/relationships?type=INVITED&to={scenario.MeetingId}&from={scenario.People[0]}")).GetProperty("items")[0];
        Assert.True(invited.GetProperty("properties").TryGetProperty("remindedFor", out _));
        await Task.Delay(2000);
        Assert.Single(await scenario.MailsAsync(maildev, 3), m => m.Subject.StartsWith("Herinnering:", StringComparison.Ordinal));
    }
}
