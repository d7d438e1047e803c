using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Netwerk.Benchmarks;

/// <summary>
/// Netwerk as deployed on one machine: real app processes (the Release build of src/Netwerk.Web), redis-server and
/// maildev. Prints (1) GET /api/graph?region= of a 2,000-node region at a fixed 200 requests/s on one instance, p50/p99;
/// (2) the delivery time of one change to 100 live clients, 50 on each of two instances, p50/p95; (3) invitation mail
/// throughput into maildev with one and with two instances (jobs in Redis).
/// Run: dotnet build Netwerk.sln -c Release &amp;&amp; dotnet run --project tests/Netwerk.Benchmarks -c Release -- scale
/// </summary>
internal static class ScaleBench
{
    private const string Token = "bench-bootstrap-token-0123456789abcdef0123456789";
    private const string RsvpKey = "bmV0d2Vyay1iZW5jaC1yc3ZwLWtleS0wMTIzNDU2Nzg5YWJjZGVm";

    public static async Task<int> Run(string[] args)
    {
        var seconds = args.Length > 0 && int.TryParse(args[0], out var s) ? s : 15;
        Console.WriteLine($"Netwerk scale benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {LoadAverage()}");
        var directory = Directory.CreateTempSubdirectory("netwerk-scale-bench");
        var redisPort = InvitationBench.FreePort();
        using var redis = Process.Start(new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", redisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory.FullName },
            RedirectStandardOutput = true,
        })!;
        var (smtpPort, webPort) = (InvitationBench.FreePort(), InvitationBench.FreePort());
        using var maildev = InvitationBench.StartMailDev(smtpPort, webPort);
        try
        {
            await InvitationBench.WaitForPort(redisPort);
            await InvitationBench.WaitForPort(smtpPort);
            var shared = new Dictionary<string, string>
            {
                ["ConnectionStrings:Redis"] = $"127.0.0.1:{redisPort}", ["Hangfire:Storage"] = "redis", ["Hangfire:WorkerCount"] = "4",
                ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = smtpPort.ToString(), ["Smtp:Security"] = "none", ["Smtp:From"] = "Netwerk <netwerk@example.org>",
                ["Invitations:RsvpKey"] = RsvpKey, ["Invitations:PublicBaseUrl"] = "https://netwerk.example.org", ["Invitations:ReminderBefore"] = "00:00:00",
                ["Hangfire:SchedulePollingInterval"] = "00:00:01", ["Logging:LogLevel:Default"] = "Warning",
            };
            var database = Path.Combine(directory.FullName, "netwerk.db");
            using (var a = await App.StartAsync(database, shared))
            {
                await Import(a.Http, RegionDocument());
                await GraphLatency(a.Http, seconds);
                using var b = await App.StartAsync(database, shared);
                await FanOut(a, b);
            }
            var mails = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
            foreach (var instances in new[] { 1, 2 })
            {
                var file = Path.Combine(directory.FullName, $"mail-{instances}.db");
                await Send(file, shared, instances, mails);
            }
            return 0;
        }
        finally
        {
            maildev.Kill(entireProcessTree: true);
            redis.Kill();
            await Task.WhenAll(maildev.WaitForExitAsync(), redis.WaitForExitAsync());
            try { directory.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>200 requests a second, each sent on its schedule (open loop: a slow answer does not slow the next request).</summary>
    private static async Task GraphLatency(HttpClient http, int seconds)
    {
        const int rate = 200;
        for (var i = 0; i < 30; i++) await http.GetByteArrayAsync("/api/graph?region=region-bench"); // warm up
        var graph = await http.GetFromJsonAsync<JsonElement>("/api/graph?region=region-bench");
        var (nodes, relationships) = (graph.GetProperty("nodes").GetArrayLength(), graph.GetProperty("relationships").GetArrayLength());
        // The service time first: one request at a time.
        var alone = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await http.GetByteArrayAsync("/api/graph?region=region-bench");
            alone.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        alone.Sort();
        Console.WriteLine($"GET /api/graph?region= ({nodes} nodes, {relationships} relationships), one at a time: p50 {P(alone, 50):F1} ms, p99 {P(alone, 99):F1} ms");
        var latencies = new ConcurrentBag<double>();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var requests = new List<Task>();
        for (var i = 0; i < rate * seconds; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            requests.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync("/api/graph?region=region-bench", HttpCompletionOption.ResponseContentRead);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }));
        }
        await Task.WhenAll(requests);
        var elapsed = clock.Elapsed;
        var sorted = latencies.Order().ToList();
        // The first request after a change reads and serialises the region again (any write moves the feed).
        var cold = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            using (var created = await http.PostAsJsonAsync("/api/nodes", new { kind = "Theme", properties = new { name = $"Nieuw thema {i}" } })) created.EnsureSuccessStatusCode();
            var started = Stopwatch.GetTimestamp();
            await http.GetByteArrayAsync("/api/graph?region=region-bench");
            cold.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        cold.Sort();
        Console.WriteLine($"GET /api/graph?region= right after a write (read and serialised anew): p50 {P(cold, 50):F1} ms, max {cold[^1]:F1} ms");
        Console.WriteLine($"GET /api/graph?region= at {rate}/s offered for {seconds} s, one instance: "
            + $"{sorted.Count} requests answered in {elapsed.TotalSeconds:F1} s ({sorted.Count / elapsed.TotalSeconds:F0}/s), p50 {P(sorted, 50):F1} ms, p99 {P(sorted, 99):F1} ms, max {sorted[^1]:F0} ms, {failures} failed");
    }

    /// <summary>100 live clients, 50 on each instance; one node created through A, ten times: time until each client has the hint.</summary>
    private static async Task FanOut(App a, App b)
    {
        const int clients = 100;
        var received = new ConcurrentDictionary<(int Client, string Id), long>();
        var connections = new List<HubConnection>();
        for (var i = 0; i < clients; i++)
        {
            var app = i % 2 == 0 ? a : b;
            var client = i;
            var connection = new HubConnectionBuilder()
                .WithUrl($"http://127.0.0.1:{app.Port}/hubs/network", o =>
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(Token);
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                })
                .Build();
            connection.On<JsonElement>("Changed", notice =>
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var change in notice.GetProperty("changes").EnumerateArray()) received.TryAdd((client, change.GetProperty("id").GetString()!), now);
            });
            await connection.StartAsync();
            await connection.InvokeAsync<string>("Watch", (string?)null);
            connections.Add(connection);
        }
        var delays = new List<double>();
        for (var round = 0; round < 10; round++)
        {
            var id = $"org-fanout-{round}";
            var started = Stopwatch.GetTimestamp();
            using (var created = await a.Http.PostAsJsonAsync("/api/nodes", new { id, kind = "Organisation", properties = new { name = $"Fan-out {round}", type = "maatwerkbedrijf", sector = "sociale-economie" } }))
            {
                created.EnsureSuccessStatusCode();
            }
            var deadline = Stopwatch.StartNew();
            while (Enumerable.Range(0, clients).Any(c => !received.ContainsKey((c, id))) && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(5);
            delays.AddRange(Enumerable.Range(0, clients).Where(c => received.ContainsKey((c, id))).Select(c => Stopwatch.GetElapsedTime(started, received[(c, id)]).TotalMilliseconds));
            await Task.Delay(300);
        }
        foreach (var connection in connections) await connection.DisposeAsync();
        var sorted = delays.Order().ToList();
        Console.WriteLine($"One change through A to {clients} live clients (50 on A, 50 on B), 10 changes: {sorted.Count} deliveries, "
            + $"p50 {P(sorted, 50):F0} ms, p95 {P(sorted, 95):F0} ms, max {sorted[^1]:F0} ms (poll interval 200 ms)");
    }

    /// <summary>300 invitations queued through the first instance; every instance's jobs send them; time until maildev has all.</summary>
    private static async Task Send(string database, Dictionary<string, string> settings, int instances, HttpClient maildev)
    {
        const int count = 300;
        var apps = new List<App>();
        try
        {
            for (var i = 0; i < instances; i++) apps.Add(await App.StartAsync(database, settings));
            var http = apps[0].Http;
            var tag = Guid.NewGuid().ToString("N")[..8];
            var people = Enumerable.Range(0, count).Select(i => new { id = $"p-{tag}-{i}", kind = "Person", properties = new { name = $"Deelnemer {i}", email = $"{tag}-{i}@example.org" } }).ToList();
            await Import(http, new { nodes = people, relationships = Array.Empty<object>() });
            using var created = await http.PostAsJsonAsync("/api/meetings", new { kind = "andere", title = $"Bench {tag}", start = "2027-03-09T10:00:00+01:00", end = "2027-03-09T12:00:00+01:00" });
            created.EnsureSuccessStatusCode();
            var meeting = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            await Put(http, HttpMethod.Put, $"/api/meetings/{meeting}/invitees", new { add = people.Select(p => p.id) }, meeting);
            await Put(http, HttpMethod.Post, $"/api/meetings/{meeting}/invitees/freeze", null, meeting);
            var clock = Stopwatch.StartNew();
            (await http.PostAsync($"/api/meetings/{meeting}/invitations", null)).EnsureSuccessStatusCode();
            var arrived = 0;
            while (arrived < count && clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(250);
                var all = await maildev.GetFromJsonAsync<JsonElement>("/api/email");
                arrived = all.EnumerateArray().Count(m => m.GetProperty("to")[0].GetProperty("address").GetString()!.StartsWith(tag, StringComparison.Ordinal));
            }
            Console.WriteLine($"{count} invitations into maildev, {instances} instance(s) × 4 workers, jobs in Redis: {arrived} in {clock.Elapsed.TotalSeconds:F1} s "
                + $"= {arrived / clock.Elapsed.TotalSeconds:F1} mails/s");
        }
        finally
        {
            foreach (var app in apps) app.Dispose();
        }
    }

    private static async Task Put(HttpClient http, HttpMethod method, string path, object? body, string meeting)
    {
        using var current = await http.GetAsync($"/api/meetings/{meeting}");
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private static async Task Import(HttpClient http, object document)
    {
        using var response = await http.PostAsJsonAsync("/api/import", document);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A region with 12 municipalities, 387 organisations, 1,500 people, 60 platforms and 40 themes: 2,000 nodes in its graph.</summary>
    private static object RegionDocument()
    {
        var random = new Random(11);
        var nodes = new List<object> { new { id = "region-bench", kind = "Region", properties = new { name = "Benchregio" } } };
        var relationships = new List<object>();
        void Tie(string type, string from, string to) => relationships.Add(new { id = $"rel-{relationships.Count}", type, from, to });
        for (var m = 0; m < 12; m++)
        {
            nodes.Add(new { id = $"mun-{m}", kind = "Municipality", properties = new { name = $"Gemeente {m}" } });
            Tie("PART_OF", $"mun-{m}", "region-bench");
        }
        for (var t = 0; t < 40; t++) nodes.Add(new { id = $"theme-{t}", kind = "Theme", properties = new { name = $"Thema {t}" } });
        for (var o = 0; o < 387; o++)
        {
            nodes.Add(new { id = $"org-{o}", kind = "Organisation", properties = new { name = $"Organisatie {o}", type = "maatwerkbedrijf", sector = "sociale-economie" } });
            Tie("ACTIVE_IN", $"org-{o}", $"mun-{o % 12}");
            Tie("ADDRESSES", $"org-{o}", $"theme-{random.Next(40)}");
        }
        for (var p = 0; p < 60; p++)
        {
            nodes.Add(new { id = $"platform-{p}", kind = "Platform", properties = new { name = $"Overleg {p}", type = "lerend-netwerk" } });
            Tie("ACTIVE_IN", $"platform-{p}", "region-bench");
        }
        for (var p = 0; p < 1500; p++)
        {
            nodes.Add(new { id = $"person-{p}", kind = "Person", properties = new { name = $"Persoon {p}" } });
            Tie("WORKS_FOR", $"person-{p}", $"org-{random.Next(387)}");
            Tie("MEMBER_OF", $"person-{p}", $"platform-{random.Next(60)}");
            Tie("MEMBER_OF", $"person-{p}", $"platform-{random.Next(60)}");
        }
        return new { nodes, relationships };
    }

    private static double P(List<double> sorted, int percentile) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>One app process from src/Netwerk.Web's Release build on a free port.</summary>
    private sealed class App : IDisposable
    {
        private readonly Process _process;

        private App(Process process, int port)
        {
            _process = process;
            Port = port;
            Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        public int Port { get; }

        public HttpClient Http { get; }

        public static async Task<App> StartAsync(string database, IReadOnlyDictionary<string, string> settings)
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Netwerk.sln"))) directory = directory.Parent;
            var assembly = Path.Combine(directory!.FullName, "src", "Netwerk.Web", "bin", "Release", "net10.0", "Netwerk.Web.dll");
            var port = InvitationBench.FreePort();
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(assembly)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    assembly, "--urls", $"http://127.0.0.1:{port}", "--environment", "Production", "--Storage:Sqlite:Path", database,
                    "--Netwerk:SeedDemoData", "false", "--Netwerk:Auth:BootstrapToken", Token, "--Netwerk:Auth:ApiTokenRequestsPerMinute", "1000000",
                },
            };
            foreach (var (key, value) in settings)
            {
                info.ArgumentList.Add("--" + key);
                info.ArgumentList.Add(value);
            }
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine(line); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var app = new App(process, port);
            for (var i = 0; i < 600; i++)
            {
                if (process.HasExited) throw new InvalidOperationException($"Netwerk exited with {process.ExitCode}");
                try
                {
                    if ((await app.Http.GetAsync("/health/ready")).IsSuccessStatusCode) return app;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(100);
            }
            throw new InvalidOperationException("Netwerk did not become ready");
        }

        public void Dispose()
        {
            Http.Dispose();
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
