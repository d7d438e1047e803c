using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Netwerk.Web.Tests;

/// <summary>A Netwerk.Web process started from its build output, on a free loopback port.</summary>
internal sealed class NetwerkProcess : IDisposable
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

    /// <summary>Starts the app on <paramref name="database"/>; <paramref name="settings"/> are more <c>--Key value</c> pairs.</summary>
    public static NetwerkProcess Start(string database, IReadOnlyDictionary<string, string>? settings = null)
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
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.ArgumentList.Add("--" + key);
            info.ArgumentList.Add(value);
        }
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

    /// <summary>Ends the process at once, as a crash would: no shutdown, no flushing, no finally blocks.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Http.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
