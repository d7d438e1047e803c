using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Netwerk.Core.Graph;

namespace Netwerk.Web.Tests;

/// <summary>Two Netwerk processes on one SQLite file: no lost update, one sequence for both, versions respected.</summary>
public sealed class TwoProcessTests
{
    [Fact]
    public async Task Two_processes_writing_to_one_file_lose_nothing_and_share_one_change_sequence()
    {
        var directory = Directory.CreateTempSubdirectory("netwerk-two-processes");
        var database = Path.Combine(directory.FullName, "shared.db");
        using var first = NetwerkProcess.Start(database);
        using var second = NetwerkProcess.Start(database);
        await Task.WhenAll(first.WaitUntilHealthy(), second.WaitUntilHealthy());

        // 2 × 40 creates in parallel, then both processes race to update one node with the same version.
        var creates = Enumerable.Range(0, 40).SelectMany(i => new[]
        {
            first.Http.PostAsJsonAsync("/api/nodes", ApiFixtures.Organisation($"org-first-{i}"), GraphJson.Options),
            second.Http.PostAsJsonAsync("/api/nodes", ApiFixtures.Organisation($"org-second-{i}"), GraphJson.Options),
        });
        var created = await Task.WhenAll(creates);
        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var updates = new[] { first, second }.Select(process =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, "/api/nodes/org-first-0")
            {
                Content = JsonContent.Create(ApiFixtures.Organisation(null, name: $"Gewijzigd door {process.Port}"), options: GraphJson.Options),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            return process.Http.SendAsync(request);
        });
        var statuses = (await Task.WhenAll(updates)).Select(r => r.StatusCode).Order().ToList();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses);

        var changes = await second.Http.GetFromJsonAsync<ChangePage>("/api/changes?limit=5000", GraphJson.Options);
        Assert.Equal(81, changes!.Changes.Count);
        Assert.Equal(Enumerable.Range(1, 81).Select(i => (long)i), changes.Changes.Select(c => c.Sequence));
        var status = await first.Http.GetFromJsonAsync<Netwerk.Web.Health.HealthEndpoints.HealthReport>("/health", GraphJson.Options);
        Assert.Equal(80, status!.Store.NodeCount);
    }

    /// <summary>A Netwerk.Web process started from its build output, on a free loopback port.</summary>
    private sealed class NetwerkProcess : IDisposable
    {
        private readonly Process _process;

        private NetwerkProcess(Process process, int port)
        {
            _process = process;
            Port = port;
            Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", NetwerkServer.BootstrapToken);
        }

        public int Port { get; }

        public HttpClient Http { get; }

        public static NetwerkProcess Start(string database)
        {
            var port = FreePort();
            var assembly = typeof(Program).Assembly.Location;
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(assembly)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    assembly, "--urls", $"http://127.0.0.1:{port}", "--environment", "Testing",
                    "--Storage:Sqlite:Path", database, "--Netwerk:SeedDemoData", "false",
                    "--Netwerk:Auth:BootstrapToken", NetwerkServer.BootstrapToken, "--Netwerk:Auth:ApiTokenRequestsPerMinute", "100000",
                },
            };
            var process = Process.Start(info)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new NetwerkProcess(process, port);
        }

        public async Task WaitUntilHealthy()
        {
            for (var attempt = 0; attempt < 300; attempt++)
            {
                Assert.False(_process.HasExited, $"Netwerk on port {Port} exited with {(_process.HasExited ? _process.ExitCode : 0)}");
                try
                {
                    using var response = await Http.GetAsync("/health");
                    if (response.IsSuccessStatusCode) return;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                await Task.Delay(100);
            }
            Assert.Fail($"Netwerk on port {Port} did not become healthy in 30 s");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
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
