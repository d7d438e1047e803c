using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Netwerk.Web.Tests;

/// <summary>A Netwerk.Web process started from its build output, on a free loopback port.</summary>
internal sealed class NetwerkProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private NetwerkProcess(Process process, int port, ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
        Port = port;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", NetwerkServer.BootstrapToken);
    }

    public int Port { get; }

    public HttpClient Http { get; }

    /// <summary>Everything the process wrote to its standard output and error so far (its console log).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts the app on <paramref name="database"/>; <paramref name="settings"/> are more <c>--Key value</c> pairs.</summary>
    public static NetwerkProcess Start(string database, IReadOnlyDictionary<string, string>? settings = null, int? port = null)
    {
        var listenOn = port ?? FreePort();
        var assembly = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                assembly, "--urls", $"http://127.0.0.1:{listenOn}", "--environment", "Testing",
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
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) output.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) output.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NetwerkProcess(process, listenOn, output);
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

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The exit code once the process ended by itself within <paramref name="timeout"/>; null while it still runs.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Stops the process as an orchestrator does (SIGTERM): the host shuts down, Hangfire hands its running jobs back.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
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
