using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Netwerk.Core.Graph;
using Netwerk.Web.Live;
using Netwerk.Web.Tests.Invitations.Sending;
using Netwerk.Web.Tests.Mail;

namespace Netwerk.Web.Tests.ScaleOut;

/// <summary>
/// Two app processes on one SQLite file behave as one product, with a real redis-server (backplane, data-protection keys,
/// job storage) and a real SMTP server (maildev): live updates cross instances, a cookie from one works on the other,
/// every invitation goes out exactly once while both send and when one is killed, and jobs kept in Redis survive
/// restarting both instances.
/// </summary>
public sealed partial class ScaleOutTests(RedisServer redis, MailDevServer maildev) : IClassFixture<RedisServer>, IClassFixture<MailDevServer>, IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("netwerk-scale-out");

    private string Database => Path.Combine(_directory.FullName, "netwerk.db");

    public async ValueTask InitializeAsync() => await redis.CommandAsync("FLUSHALL");

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { _directory.Delete(recursive: true); } catch (IOException) { } // best effort: a temp folder
        return ValueTask.CompletedTask;
    }

    /// <summary>Both instances on Redis: backplane and keys, jobs in Redis, short leases and sweeps so a dead instance's work moves on quickly.</summary>
    private Dictionary<string, string> Shared(params (string Key, string Value)[] extra) => SendingScenario.Settings(maildev,
        [
            ("ConnectionStrings:Redis", redis.ConnectionString), ("Hangfire:Storage", "redis"), ("Hangfire:InvisibilityTimeout", "00:00:15"),
            ("Invitations:ClaimLease", "00:00:05"), ("Invitations:OutboxSweepInterval", "00:00:02"), ("Invitations:RequeueAfter", "00:00:30"),
            ("Invitations:ReminderBefore", "00:00:00"), ("Hangfire:WorkerCount", "4"), .. extra,
        ]);

    [Fact]
    public async Task An_edit_through_A_reaches_a_client_of_B_within_a_second_and_still_does_after_Redis_restarts()
    {
        var settings = new Dictionary<string, string> { ["ConnectionStrings:Redis"] = redis.ConnectionString };
        using var a = NetwerkProcess.Start(Database, settings);
        using var b = NetwerkProcess.Start(Database, settings);
        await Task.WhenAll(a.WaitUntilHealthy(), b.WaitUntilHealthy());

        var notices = Channel.CreateUnbounded<ChangeNotice>();
        await using var hub = await WatchEverything(b, notices.Writer);

        Assert.Empty((await b.Http.GetFromJsonAsync<Subgraph>("/api/graph", GraphJson.Options))!.Nodes); // B keeps this graph until the feed moves
        var before = await EditThroughAndWait(a, "org-live-before", notices.Reader);
        // A write through A moves the shared feed, so B's kept graph is retired at once.
        Assert.Equal(["org-live-before"], (await b.Http.GetFromJsonAsync<Subgraph>("/api/graph", GraphJson.Options))!.Nodes.Select(n => n.Id));
        await redis.RestartAsync();
        await Task.WhenAll(WaitUntilReady(a), WaitUntilReady(b)); // both reconnected to Redis
        var after = await EditThroughAndWait(a, "org-live-after", notices.Reader);
        TestContext.Current.TestOutputHelper?.WriteLine($"A → client of B: {before.TotalMilliseconds:0} ms before, {after.TotalMilliseconds:0} ms after the Redis restart");
        Assert.True(before < TimeSpan.FromSeconds(1), $"{before}");
        Assert.True(after < TimeSpan.FromSeconds(1), $"{after}");

        // Each hint arrives once (B sends to its own connections; A's broadcaster does not reach them through the backplane).
        await Task.Delay(1000);
        Assert.False(notices.Reader.TryRead(out var extra), $"a hint arrived twice: {JsonSerializer.Serialize(extra)}");
        // A client that missed hints catches up from B's change feed: both edits, in order.
        var feed = await b.Http.GetFromJsonAsync<ChangePage>("/api/changes?since=0", GraphJson.Options);
        Assert.Equal(["org-live-before", "org-live-after"], feed!.Changes.Select(c => c.Id));
    }

    [Fact]
    public async Task A_sign_in_cookie_and_antiforgery_token_issued_by_A_work_on_B()
    {
        var settings = SendingScenario.Settings(maildev, ("ConnectionStrings:Redis", redis.ConnectionString));
        using var a = NetwerkProcess.Start(Database, settings);
        using var b = NetwerkProcess.Start(Database, settings);
        await Task.WhenAll(a.WaitUntilHealthy(), b.WaitUntilHealthy());
        var email = $"regisseur-{Guid.NewGuid():N}@example.org";
        using (var created = await a.Http.PostAsJsonAsync("/api/accounts", new { email, name = "Regisseur", grants = new[] { new { role = "regisseur", region = "*" } } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // One browser (one cookie jar: cookies go by host, not port) talks to A, then to B.
        var cookies = new CookieContainer();
        using var toA = Browser(a, cookies);
        using var toB = Browser(b, cookies);
        using (var asked = await toA.PostAsJsonAsync("/api/auth/sign-in", new { email })) Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var token = SignInLink().Match((await MailTo(email)).GetProperty("text").GetString()!).Groups[1].Value;
        using var completed = await toA.PostAsJsonAsync("/api/auth/sign-in/complete", new { token });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var csrf = (await NetwerkServer.Json(completed)).GetProperty("csrfToken").GetString()!;

        var me = await toB.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.True(me.GetProperty("signedIn").GetBoolean(), me.ToString());
        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/nodes") { Content = JsonContent.Create(ApiFixtures.Organisation("org-written-on-b"), options: GraphJson.Options) };
        write.Headers.Add("X-XSRF-TOKEN", csrf);
        using var written = await toB.SendAsync(write);
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);

        // The key ring is in Redis, not in keys/ beside the database.
        Assert.StartsWith(":", await redis.CommandAsync("LLEN netwerk:data-protection-keys"));
        Assert.NotEqual(":0", (await redis.CommandAsync("LLEN netwerk:data-protection-keys")).Trim());
        Assert.False(Directory.Exists(Path.Combine(_directory.FullName, "keys")));
    }

    /// <summary>
    /// 300 invitations enqueued through A into job storage on Redis; A and B both run jobs; A is killed once a third has
    /// arrived. B finishes the rest (A's claims run out, the sweep hands them on): 300 mails, exactly one per invitee.
    /// </summary>
    [Fact]
    public async Task Three_hundred_invitations_go_out_once_across_two_instances_also_when_one_is_killed_mid_send()
    {
        const int count = 300;
        var settings = Shared();
        using var a = NetwerkProcess.Start(Database, settings);
        using var b = NetwerkProcess.Start(Database, settings);
        await Task.WhenAll(a.WaitUntilHealthy(), b.WaitUntilHealthy());
        var scenario = await SendingScenario.CreateAsync(a.Http, count);
        var summary = await scenario.SendInvitationsAsync(a.Http);
        Assert.Equal(count, summary.GetProperty("queued").GetInt32());

        int atKill;
        var clock = Stopwatch.StartNew();
        while ((atKill = (await scenario.MailsAsync(maildev, 0)).Count) < count / 3 && clock.Elapsed < TimeSpan.FromSeconds(90)) await Task.Delay(20);
        a.Kill();
        var sentByA = a.Output.Count(l => l.Contains("delivered via", StringComparison.Ordinal));

        await scenario.WaitForDeliveryAsync(b.Http, i => i.GetProperty("delivery").GetString() == "sent", TimeSpan.FromSeconds(180));
        await Task.Delay(1500); // maildev stores a message just after its 250
        var mails = await scenario.MailsAsync(maildev, count);
        var sentByB = b.Output.Count(l => l.Contains("delivered via", StringComparison.Ordinal));
        var byRecipient = mails.GroupBy(m => m.To, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var twice = byRecipient.Where(r => r.Value > 1).Select(r => $"{r.Key} ×{r.Value}").ToList();
        var missing = scenario.Emails.Where(e => !byRecipient.ContainsKey(e)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{atKill} of {count} had arrived when A was killed; A sent {sentByA}, B {sentByB}; {mails.Count} arrived; {twice.Count} twice; {missing.Count} missing; {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(twice.Count == 0, $"Sent more than once: {string.Join(", ", twice)}");
        Assert.True(missing.Count == 0, $"Lost: {string.Join(", ", missing)}");
        Assert.True(sentByA > 0 && sentByB > 0, $"both instances sent: A {sentByA}, B {sentByB}");
    }

    /// <summary>
    /// Jobs kept in Redis survive restarting both instances: with the mail server unreachable the jobs wait as retries in
    /// Redis; both instances stop; started again (the outbox's recovery leaves invitations that have a job alone), the
    /// retries in Redis deliver every invitation, once.
    /// </summary>
    [Fact]
    public async Task Jobs_kept_in_Redis_survive_restarting_both_instances_with_nothing_lost()
    {
        const int count = 20;
        var retrying = new[] { ("Hangfire:RetryAttempts", "50"), ("Hangfire:RetryFirstDelay", "00:00:01"), ("Hangfire:RetryMaxDelay", "00:00:03") };
        SendingScenario scenario;
        using (var a = NetwerkProcess.Start(Database, Shared([.. retrying, ("Smtp:Port", NetwerkProcess.FreePort().ToString())])))
        using (var b = NetwerkProcess.Start(Database, Shared([.. retrying, ("Smtp:Port", NetwerkProcess.FreePort().ToString())])))
        {
            await Task.WhenAll(a.WaitUntilHealthy(), b.WaitUntilHealthy());
            scenario = await SendingScenario.CreateAsync(a.Http, count);
            await scenario.SendInvitationsAsync(a.Http);
            await scenario.WaitForDeliveryAsync(b.Http, i => i.TryGetProperty("failure", out var f) && f.GetString()!.Contains("onbereikbaar"));
            await Task.WhenAll(a.StopAsync(), b.StopAsync());
        }
        Assert.Empty(await scenario.MailsAsync(maildev, 0));
        var waiting = await redis.CommandAsync("ZCARD {netwerk-jobs}:schedule");
        Assert.NotEqual(":0", waiting.Trim());

        using var a2 = NetwerkProcess.Start(Database, Shared(retrying));
        using var b2 = NetwerkProcess.Start(Database, Shared(retrying));
        await Task.WhenAll(a2.WaitUntilHealthy(), b2.WaitUntilHealthy());
        await scenario.WaitForDeliveryAsync(a2.Http, i => i.GetProperty("delivery").GetString() == "sent", TimeSpan.FromSeconds(90));
        await Task.Delay(1000);
        var mails = await scenario.MailsAsync(maildev, count);
        Assert.Equal(scenario.Emails.Order(StringComparer.OrdinalIgnoreCase), mails.Select(m => m.To).Order(StringComparer.OrdinalIgnoreCase));
        // Delivered by the jobs Redis kept, not re-created by the outbox recovery at start.
        Assert.DoesNotContain(a2.Output.Concat(b2.Output), l => l.Contains("still queued in the store enqueued again", StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine($"{waiting.Trim()} jobs waited in Redis across the restart");
    }

    /// <summary>The same exactly-once send with the jobs in PostgreSQL (skipped where PostgreSQL is not installed).</summary>
    [Fact]
    public async Task With_jobs_in_PostgreSQL_two_instances_send_every_invitation_once()
    {
        await using var postgres = new PostgreSqlServer();
        await postgres.InitializeAsync();
        if (!postgres.Available) Assert.Skip(postgres.Problem!);
        const int count = 40;
        var settings = SendingScenario.Settings(maildev, ("Hangfire:Storage", "postgresql"), ("ConnectionStrings:HangfirePostgreSql", postgres.ConnectionString),
            ("Invitations:ReminderBefore", "00:00:00"), ("Invitations:ClaimLease", "00:00:05"), ("Invitations:OutboxSweepInterval", "00:00:02"));
        using var a = NetwerkProcess.Start(Database, settings);
        using var b = NetwerkProcess.Start(Database, settings);
        await Task.WhenAll(a.WaitUntilHealthy(), b.WaitUntilHealthy());
        await Task.WhenAll(WaitUntilReady(a), WaitUntilReady(b)); // the job storage (PostgreSQL) answers
        var scenario = await SendingScenario.CreateAsync(a.Http, count);
        await scenario.SendInvitationsAsync(a.Http);
        await scenario.WaitForDeliveryAsync(b.Http, i => i.GetProperty("delivery").GetString() == "sent", TimeSpan.FromSeconds(120));
        await Task.Delay(1000);
        var mails = await scenario.MailsAsync(maildev, count);
        Assert.Equal(scenario.Emails.Order(StringComparer.OrdinalIgnoreCase), mails.Select(m => m.To).Order(StringComparer.OrdinalIgnoreCase));
        var (sentByA, sentByB) = (a.Output.Count(l => l.Contains("delivered via", StringComparison.Ordinal)), b.Output.Count(l => l.Contains("delivered via", StringComparison.Ordinal)));
        TestContext.Current.TestOutputHelper?.WriteLine($"jobs in PostgreSQL: A sent {sentByA}, B {sentByB}");
        Assert.Equal(count, sentByA + sentByB);
    }

    [Fact]
    public async Task An_answer_given_through_B_reaches_the_organisers_page_on_A_live()
    {
        using var a = NetwerkProcess.Start(Database, Shared());
        using var b = NetwerkProcess.Start(Database, Shared());
        await Task.WhenAll(a.WaitUntilHealthy(), b.WaitUntilHealthy());
        var scenario = await SendingScenario.CreateAsync(a.Http, 1);
        await scenario.SendInvitationsAsync(a.Http);
        await scenario.WaitForDeliveryAsync(a.Http, i => i.GetProperty("delivery").GetString() == "sent");
        var (_, token) = SendingScenario.AnswerLink(Assert.Single(await scenario.MailsAsync(maildev, 1)).Text, "accepted");

        // The organiser's page on A listens on A's live channel.
        var notices = Channel.CreateUnbounded<ChangeNotice>();
        await using var hub = await WatchEverything(a, notices.Writer);
        // Only a change after this counts (not the "sent" record the send itself just wrote).
        var latest = (await a.Http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("store").GetProperty("latestSequence").GetInt64();
        var clock = Stopwatch.StartNew();
        using (var partner = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{b.Port}") })
        using (var answered = await partner.PostAsJsonAsync("/api/rsvp", new { token, answer = "accepted" }))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!(await notices.Reader.ReadAsync(timeout.Token)).Changes.Any(c => c.Sequence > latest && c.Label == "INVITED" && c.To == scenario.MeetingId)) { }
        var elapsed = clock.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine($"answer through B → organiser's live channel on A: {elapsed.TotalMilliseconds:0} ms");
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"{elapsed}");
        var listing = await scenario.InvitationsAsync(a.Http);
        Assert.Equal("accepted", Assert.Single(listing.GetProperty("invitations").EnumerateArray()).GetProperty("answer").GetString());
    }

    /// <summary>A live client of <paramref name="process"/> watching the whole graph, connected as the browser does.</summary>
    private static async Task<HubConnection> WatchEverything(NetwerkProcess process, ChannelWriter<ChangeNotice> notices)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri($"http://127.0.0.1:{process.Port}{NetwerkHub.Path}"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(NetwerkServer.BootstrapToken);
                // As the browser connects (web/src/live.ts): one WebSocket request, no negotiate, so no sticky sessions.
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .WithAutomaticReconnect()
            .Build();
        hub.On<ChangeNotice>(nameof(INetwerkClient.Changed), notice => notices.TryWrite(notice));
        await hub.StartAsync();
        await hub.InvokeAsync<string>(nameof(NetwerkHub.Watch), (string?)null);
        return hub;
    }

    private static async Task<TimeSpan> EditThroughAndWait(NetwerkProcess through, string id, ChannelReader<ChangeNotice> notices)
    {
        var clock = Stopwatch.StartNew();
        using (var created = await through.Http.PostAsJsonAsync("/api/nodes", ApiFixtures.Organisation(id), GraphJson.Options))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var notice = await notices.ReadAsync(timeout.Token);
            if (notice.Changes.Any(c => c.Id == id)) return clock.Elapsed;
        }
    }

    private static async Task WaitUntilReady(NetwerkProcess process)
    {
        var clock = Stopwatch.StartNew();
        string last = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await process.Http.GetAsync("/health/ready");
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(250);
        }
        Assert.Fail($"Instance on {process.Port} not ready: {last}");
    }

    private static HttpClient Browser(NetwerkProcess process, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{process.Port}"),
        };

    private async Task<JsonElement> MailTo(string email)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var all = await maildev.Api.GetFromJsonAsync<JsonElement>("/api/email");
            foreach (var mail in all.EnumerateArray())
            {
                if (mail.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), email, StringComparison.OrdinalIgnoreCase))) return mail;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No mail to {email}");
    }


    [GeneratedRegex(@"/signin\.html#token=([A-Za-z0-9_-]+)")]
    private static partial Regex SignInLink();
}
