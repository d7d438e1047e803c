using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MimeKit;
using Netwerk.Core.Graph;
using Netwerk.Web.Tests.Mail;

namespace Netwerk.Web.Tests.Invitations.Sending;

/// <summary>A meeting with a frozen invite list of fresh people (addresses unique to the test), and what maildev received for them.</summary>
internal sealed record SendingScenario(string MeetingId, IReadOnlyList<string> People, IReadOnlyList<string> Emails)
{
    public const string From = "netwerk@w13.example.org";

    /// <summary>Settings for a server that sends to <paramref name="maildev"/> with quick retries and polling.</summary>
    public static Dictionary<string, string> Settings(MailDevServer maildev, params (string Key, string Value)[] extra)
    {
        var settings = maildev.Settings().Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        settings["Hangfire:SchedulePollingInterval"] = "00:00:00.500";
        settings["Hangfire:RetryFirstDelay"] = "00:00:01";
        settings["Hangfire:RetryAttempts"] = "2";
        settings["Invitations:RsvpKey"] = InvitationServices.Key;
        settings["Invitations:PublicBaseUrl"] = "https://netwerk.example.org";
        settings["Invitations:ReminderBefore"] = "1.00:00:00";
        settings["Netwerk:Auth:RsvpRequestsPerMinute"] = "1000";
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }

    /// <summary>
    /// Imports <paramref name="count"/> people (the <paramref name="customise"/>d ones differently), creates a meeting and
    /// freezes its list. Addresses are <c>&lt;tag&gt;-&lt;i&gt;@example.org</c>.
    /// </summary>
    public static async Task<SendingScenario> CreateAsync(HttpClient http, int count, string start = "2027-03-09T10:00:00+01:00",
        string end = "2027-03-09T12:00:00+01:00", string? recurrence = null, Func<int, string, object>? customise = null, int? capacity = null, string description = "1. Welkom\n2. Wachtlijsten Nederlands")
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var people = Enumerable.Range(0, count).Select(i => $"p-{tag}-{i}").ToList();
        var emails = Enumerable.Range(0, count).Select(i => $"{tag}-{i}@example.org").ToList();
        var nodes = people.Select((id, i) => customise?.Invoke(i, emails[i]) is { } properties
            ? new { id, kind = "Person", properties }
            : new { id, kind = "Person", properties = (object)new { name = $"Deelnemer {i} {tag}", email = emails[i] } }).ToList();
        using (var imported = await http.PostAsJsonAsync("/api/import", new { nodes, relationships = Array.Empty<object>() }, GraphJson.Options))
        {
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        }
        using var created = await http.PostAsJsonAsync("/api/meetings", new
        {
            kind = "andere", title = $"Lerend netwerk {tag}", start, end, recurrence, capacity,
            venue = new { name = "Vormingscentrum Kortrijk", room = "zaal 2", address = "Doorniksesteenweg 1" },
            description,
        }, GraphJson.Options);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var meetingId = (await NetwerkServer.Json(created)).GetProperty("id").GetString()!;
        using (var saved = await Send(http, HttpMethod.Put, $"/api/meetings/{meetingId}/invitees", new { add = people }, await VersionAsync(http, meetingId)))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }
        using (var frozen = await Send(http, HttpMethod.Post, $"/api/meetings/{meetingId}/invitees/freeze", null, await VersionAsync(http, meetingId)))
        {
            Assert.Equal(HttpStatusCode.OK, frozen.StatusCode);
        }
        return new SendingScenario(meetingId, people, emails);
    }

    public static async Task<string> VersionAsync(HttpClient http, string meetingId)
    {
        using var response = await http.GetAsync($"/api/meetings/{meetingId}");
        return response.Headers.ETag!.Tag;
    }

    public static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: GraphJson.Options);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return http.SendAsync(request);
    }

    public async Task<JsonElement> SendInvitationsAsync(HttpClient http)
    {
        using var response = await http.PostAsync($"/api/meetings/{MeetingId}/invitations", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await NetwerkServer.Json(response);
    }

    public async Task<JsonElement> InvitationsAsync(HttpClient http) => await http.GetFromJsonAsync<JsonElement>($"/api/meetings/{MeetingId}/invitations");

    /// <summary>Waits until every invitee's delivery satisfies <paramref name="done"/>; returns the listing.</summary>
    public async Task<JsonElement> WaitForDeliveryAsync(HttpClient http, Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var listing = await InvitationsAsync(http);
            if (listing.GetProperty("invitations").EnumerateArray().All(done)) return listing;
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                Assert.Fail($"Deliveries did not settle in time: {listing}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>The messages maildev has for the scenario's addresses (or the ones given), waiting until at least <paramref name="atLeast"/> arrived.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailsAsync(MailDevServer maildev, int atLeast, IEnumerable<string>? to = null, TimeSpan? timeout = null)
    {
        var addresses = (to ?? Emails).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var all = await maildev.Api.GetFromJsonAsync<JsonElement>("/api/email");
            var mails = all.EnumerateArray()
                .Where(m => m.GetProperty("to").EnumerateArray().Any(t => addresses.Contains(t.GetProperty("address").GetString()!)))
                .Select(m => new ReceivedMail(
                    m.GetProperty("id").GetString()!,
                    m.GetProperty("to")[0].GetProperty("address").GetString()!,
                    m.GetProperty("subject").GetString()!,
                    m.GetProperty("headers").GetProperty("message-id").GetString()!.Trim('<', '>'),
                    m.TryGetProperty("text", out var text) ? text.GetString() ?? "" : ""))
                .ToList();
            if (mails.Count >= atLeast) return mails;
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                Assert.Fail($"maildev has {mails.Count} of {atLeast} expected messages for the scenario.");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>The message as it arrived, parsed by MimeKit.</summary>
    public static async Task<MimeMessage> SourceAsync(MailDevServer maildev, ReceivedMail mail) =>
        await MimeMessage.LoadAsync(new MemoryStream(await maildev.Source(mail.Id)));

    /// <summary>The inline text/calendar part of an iMIP message.</summary>
    public static TextPart CalendarPart(MimeMessage message) =>
        message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.IsMimeType("text", "calendar"));

    /// <summary>Mozilla's ical.js (run by node) reads the calendar; returns what it found.</summary>
    public static async Task<JsonElement> ReadWithIcalJsAsync(string calendar)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(MailDevServer.RepositoryRoot(), "web"),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            ArgumentList = { Path.Combine("scripts", "parse-ics.mjs") },
        };
        using var node = Process.Start(info)!;
        await node.StandardInput.WriteAsync(calendar);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"ical.js failed: {await errors}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    /// <summary>The answer link for <paramref name="answer"/> in a mail's text, and its token.</summary>
    public static (Uri Link, string Token) AnswerLink(string text, string answer)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"https://netwerk\.example\.org/rsvp/([A-Za-z0-9_.-]+)\?answer=" + answer);
        Assert.True(match.Success, $"No '{answer}' link in: {text}");
        return (new Uri(match.Value), match.Groups[1].Value);
    }
}

internal sealed record ReceivedMail(string Id, string To, string Subject, string MessageId, string Text);
