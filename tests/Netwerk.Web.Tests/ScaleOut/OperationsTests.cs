using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using Netwerk.Core.Graph;
using Netwerk.Storage.Sqlite;
using Netwerk.Web.Tests.Invitations.Sending;
using Netwerk.Web.Tests.Mail;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Netwerk.Web.Tests.ScaleOut;

/// <summary>What an operator relies on: health endpoints, telemetry, logs without personal data, backup and restore.</summary>
public sealed partial class OperationsTests(MailDevServer maildev) : IClassFixture<MailDevServer>
{
    [Fact]
    public async Task Live_and_ready_answer_and_ready_names_the_failing_part_with_503()
    {
        using (var server = new NetwerkServer(settings: SendingScenario.Settings(maildev)))
        {
            using var anonymous = server.Anonymous();
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
            using var ready = await anonymous.GetAsync("/health/ready");
            var body = await NetwerkServer.Json(ready);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("ready", body.GetProperty("status").GetString());
            var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
            Assert.Equal("ok", checks["store"]);
            Assert.Equal("ok", checks["jobs"]);
            Assert.Equal("ok", checks["smtp"]); // maildev greeted and answered EHLO
            Assert.Equal("off", checks["redis"]);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        }

        // SMTP and Redis that do not answer: not ready, both named; the process itself is live.
        using var broken = new NetwerkServer(settings: SendingScenario.Settings(maildev, ("Smtp:Port", NetwerkProcess.FreePort().ToString()),
            ("ConnectionStrings:Redis", $"127.0.0.1:{NetwerkProcess.FreePort()},abortConnect=false,connectTimeout=500")));
        using var client = broken.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        using var notReady = await client.GetAsync("/health/ready");
        var report = await NetwerkServer.Json(notReady);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("not-ready", report.GetProperty("status").GetString());
        Assert.Equal(["redis", "smtp"], report.GetProperty("failing").EnumerateArray().Select(f => f.GetString()).Order());
    }

    [Fact]
    public async Task Bad_scale_out_settings_stop_the_start_naming_the_setting()
    {
        var database = Path.Combine(Path.GetTempPath(), $"netwerk-bad-settings-{Guid.NewGuid():N}.db");
        (string Key, string Value, string Expected)[] cases =
        [
            ("Hangfire:Storage", "redis", "Hangfire:Storage 'redis' needs ConnectionStrings:Redis"),
            ("Hangfire:Storage", "postgresql", "Hangfire:Storage 'postgresql' needs ConnectionStrings:HangfirePostgreSql"),
            ("Hangfire:Storage", "sqlserver", "Hangfire:Storage must be 'memory', 'redis' or 'postgresql'; 'sqlserver' is not."),
            ("ConnectionStrings:Redis", "127.0.0.1:6379,connectTimeout=soon", "ConnectionStrings:Redis is not a valid StackExchange.Redis connection string"),
            ("OpenTelemetry:OtlpEndpoint", "collector:4317", "OpenTelemetry:OtlpEndpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute http(s) URL"),
        ];
        var runs = cases.Select(async c =>
        {
            using var process = NetwerkProcess.Start(database, new Dictionary<string, string> { [c.Key] = c.Value });
            var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
            return (c.Expected, exit, Output: string.Join("\n", process.Output));
        });
        foreach (var (expected, exit, output) in await Task.WhenAll(runs))
        {
            Assert.True(exit is not null and not 0, $"expected a failed start for: {expected}\n{output}");
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Telemetry_counts_mails_sent_and_traces_store_calls_and_jobs()
    {
        var activities = new LockedList<Activity>();
        var metrics = new LockedList<MetricSnapshot>();
        using var server = new NetwerkServer(
            settings: SendingScenario.Settings(maildev, ("OpenTelemetry:OtlpEndpoint", $"http://127.0.0.1:{NetwerkProcess.FreePort()}")),
            services: s =>
            {
                s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(activities));
                s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
            });
        var scenario = await SendingScenario.CreateAsync(server.Http, 3);
        await scenario.SendInvitationsAsync(server.Http);
        await scenario.WaitForDeliveryAsync(server.Http, i => i.GetProperty("delivery").GetString() == "sent");

        // Flushing reports failure here (the OTLP exporter beside the in-memory one has no collector to reach), and may
        // spend its time on that exporter: flush until the in-memory exporter has the count.
        long sent = 0;
        var clock = Stopwatch.StartNew();
        // (At least: apps of other tests in this process have meters of the same name, which one provider hears too.)
        while (sent < 3 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            server.Services.GetRequiredService<MeterProvider>().ForceFlush(2_000);
            sent = metrics.Snapshot().Where(m => m.Name == "netwerk.mails.sent").SelectMany(m => m.MetricPoints)
                .Where(p => Tag(p, "netwerk.mail.kind") == "invitation").Select(p => p.GetSumLong()).DefaultIfEmpty().Max();
        }
        Assert.True(sent >= 3, $"netwerk.mails.sent = {sent}");
        Assert.Contains(metrics.Snapshot(), m => m.Name == "netwerk.jobs.duration");

        server.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
        var spans = activities.Snapshot();
        var store = spans.First(s => s.DisplayName == "store.update_relationship" && s.Parent?.DisplayName == "job.InvitationMailer.DeliverAsync");
        Assert.Equal("sqlite", store.GetTagItem("db.system.name"));
        Assert.Contains(spans, s => s.DisplayName == "POST /api/meetings/{id}/invitations");
    }

    /// <summary>
    /// Everything logged (every Netwerk and Hangfire category from Debug up, ASP.NET Core from Information) during a send
    /// of invitations, an answer through the RSVP link and a sign-in contains none of the addresses, phone numbers, answer
    /// tokens or sign-in tokens involved.
    /// </summary>
    [Fact]
    public async Task Logs_of_a_send_an_answer_and_a_sign_in_contain_no_address_phone_number_or_token()
    {
        var log = new CapturedLog();
        using var server = new NetwerkServer(
            settings: new Dictionary<string, string>(SendingScenario.Settings(maildev))
            {
                ["Logging:LogLevel:Default"] = "Debug", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information", ["Logging:LogLevel:Microsoft.Extensions"] = "Information",
                ["Logging:LogLevel:System.Net.Http"] = "Information",
            },
            services: s => s.AddSingleton<ILoggerProvider>(log));
        var phones = new List<string>();
        var scenario = await SendingScenario.CreateAsync(server.Http, 3, customise: (i, email) =>
        {
            var phone = $"+32 470 55 {i:00} {10 + i:00}";
            phones.Add(phone);
            return new { name = $"Deelnemer {i}", email, phone, notes = $"gsm 0470/55.{i:00}.{20 + i:00}" };
        });
        await scenario.SendInvitationsAsync(server.Http);
        await scenario.WaitForDeliveryAsync(server.Http, i => i.GetProperty("delivery").GetString() == "sent");
        var mails = await scenario.MailsAsync(maildev, 3);
        var (link, token) = SendingScenario.AnswerLink(mails[0].Text, "accepted");
        using var anonymous = server.Anonymous();
        Assert.Contains("/rsvp/" + token, link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/rsvp/{token}")).StatusCode);
        using (var answered = await anonymous.PostAsJsonAsync("/api/rsvp", new { token, answer = "accepted" })) Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        using (var wrong = await anonymous.PostAsJsonAsync("/api/rsvp", new { token = token[..^3] + "abc", answer = "accepted" })) Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        var account = $"logtest-{Guid.NewGuid():N}@example.org";
        using (var created = await server.PostJson("/api/accounts", new { email = account, name = "Log Test", grants = new[] { new { role = "viewer", region = "*" } } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using (var asked = await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { email = account })) Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        using (var unknown = await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { email = "nobody-" + account })) Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        var signIn = (await scenario.MailsAsync(maildev, 1, to: [account])).Single();
        var signInToken = SignInLink().Match(signIn.Text).Groups[1].Value;
        using (var completed = await anonymous.PostAsJsonAsync("/api/auth/sign-in/complete", new { token = signInToken })) Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        await Task.Delay(500);

        var text = log.Text();
        Assert.True(text.Length > 1000, "the capture saw the app's logs");
        Assert.Contains("delivered via", text, StringComparison.Ordinal);
        string[] secrets = [.. scenario.Emails, account, "nobody-" + account, token, signInToken, .. phones, .. phones.Select(p => p.Replace(" ", "", StringComparison.Ordinal))];
        var leaks = log.Entries().Where(e => secrets.Any(secret => e.Contains(secret, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, "logged:\n" + string.Join("\n", leaks));
        Assert.DoesNotMatch(@"\+32 ?470|0470/55", text);
    }

    /// <summary>
    /// A backup taken with SQLite's online backup API while two writers keep adding nodes and relationships is consistent:
    /// integrity check passes, every relationship's ends exist, the change feed has no gap; restored into a new file it
    /// opens in the app with the same counts and sequence. The app's own verbs do the same from the command line.
    /// </summary>
    [Fact]
    public async Task A_backup_taken_during_writes_restores_to_a_consistent_graph()
    {
        var directory = Directory.CreateTempSubdirectory("netwerk-backup");
        try
        {
            StoreFileCheck backupCheck;
            using (var server = new NetwerkServer())
            {
                using var stop = new CancellationTokenSource();
                var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
                {
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var (org, person) = ($"org-b{w}-{i}", $"person-b{w}-{i}");
                        var document = new
                        {
                            nodes = new object[]
                            {
                                new { id = org, kind = "Organisation", properties = new { name = $"Organisatie {w}-{i}", type = "maatwerkbedrijf", sector = "sociale-economie" } },
                                new { id = person, kind = "Person", properties = new { name = $"Persoon {w}-{i}" } },
                            },
                            relationships = new object[] { new { id = $"rel-b{w}-{i}", type = "WORKS_FOR", from = person, to = org, properties = new { function = "stafmedewerker" } } },
                        };
                        using var imported = await server.Http.PostAsJsonAsync("/api/import", document, GraphJson.Options);
                        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
                    }
                })).ToList();
                await Task.Delay(1500);
                SqliteBackup.Backup(server.DatabasePath, Path.Combine(directory.FullName, "first.db"));
                await Task.Delay(500);
                backupCheck = SqliteBackup.Backup(server.DatabasePath, Path.Combine(directory.FullName, "backup.db"));
                await Task.Delay(500);
                await stop.CancelAsync();
                await Task.WhenAll(writers);
                Assert.True(backupCheck.Consistent, backupCheck.ToString());
                Assert.InRange(backupCheck.Relationships, 1, (await server.StoreStatus()).RelationshipCount - 1); // taken mid-way
            }

            var restored = Path.Combine(directory.FullName, "restored", "netwerk.db");
            var check = SqliteBackup.Restore(Path.Combine(directory.FullName, "backup.db"), restored);
            Assert.True(check.Consistent, check.ToString());
            Assert.Equal(backupCheck, check);
            using var reopened = new NetwerkServer(settings: new Dictionary<string, string> { ["Storage:Sqlite:Path"] = restored });
            var status = await reopened.StoreStatus();
            Assert.Equal((check.Nodes, check.Relationships, check.LatestSequence), (status.NodeCount, status.RelationshipCount, status.LatestSequence));

            // The command-line verbs (what scripts/backup.sh and restore.sh run).
            Assert.Equal(0, await RunVerb(restored, "backup", Path.Combine(directory.FullName, "cli.db")));
            Assert.Equal(0, await RunVerb(Path.Combine(directory.FullName, "cli-restored.db"), "restore", Path.Combine(directory.FullName, "cli.db")));
            Assert.Equal(check, SqliteBackup.Check(Path.Combine(directory.FullName, "cli-restored.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { directory.Delete(recursive: true); } catch (IOException) { } // best effort: a temp folder
        }
    }

    private static async Task<int> RunVerb(string database, string verb, string file)
    {
        var assembly = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { assembly, verb, file, "--Storage:Sqlite:Path", database, "--environment", "Testing" },
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"{verb}: {await output}{await errors}");
        return process.ExitCode;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key) return tag.Value?.ToString();
        }
        return null;
    }


    [GeneratedRegex(@"/signin\.html#token=([A-Za-z0-9_-]+)")]
    private static partial Regex SignInLink();

    /// <summary>A list the exporters can add to from several threads while the test reads it.</summary>
    private sealed class LockedList<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public int Count { get { lock (_items) return _items.Count; } }
        public bool IsReadOnly => false;
        public void Add(T item) { lock (_items) _items.Add(item); }
        public void Clear() { lock (_items) _items.Clear(); }
        public bool Contains(T item) { lock (_items) return _items.Contains(item); }
        public void CopyTo(T[] array, int arrayIndex) { lock (_items) _items.CopyTo(array, arrayIndex); }
        public bool Remove(T item) { lock (_items) return _items.Remove(item); }
        public List<T> Snapshot() { lock (_items) return [.. _items]; }
        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Every log entry of every category the configuration lets through: message, state values, exception text.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _entries = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public string Text() => string.Join("\n", _entries);

        public IReadOnlyList<string> Entries() => [.. _entries];

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                entries.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values) line.Append(" | ").Append(key).Append('=').Append(value);
                }
                if (exception is not null) line.Append('\n').Append(exception);
                entries.Enqueue(line.ToString());
            }
        }
    }
}
