using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Netwerk.Web.Tests.ScaleOut;

/// <summary>
/// A real redis-server (Debian's package; scripts/setup.sh installs it) on a free loopback port, its files in a temporary
/// folder (append-only file on, so a restart keeps the data, as a production Redis for Netwerk should), stopped at the end.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("netwerk-redis");
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; } = NetwerkProcess.FreePort();

    /// <summary>For <c>ConnectionStrings:Redis</c>: reconnects on its own after a restart.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=5000";

    public async ValueTask InitializeAsync() => await StartAsync();

    public async Task StartAsync()
    {
        var executable = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "everysec",
                "--dir", _directory.FullName, "--daemonize", "no", "--protected-mode", "yes",
            },
        };
        try
        {
            _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed; scripts/setup.sh (ensure_redis_server) installs Debian's package.", e);
        }
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}:\n{Output()}");
            try
            {
                if ((await CommandAsync("PING")).StartsWith("+PONG", StringComparison.Ordinal)) return;
            }
            catch (SocketException)
            {
                // not listening yet
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"redis-server did not answer on port {Port}:\n{Output()}");
    }

    /// <summary>Shuts the server down (SHUTDOWN: the append-only file is complete) and waits for the process to end.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        try
        {
            await CommandAsync("SHUTDOWN");
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            // the server closes the connection as it goes
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Sends one inline command and returns the first reply chunk (RESP as text).</summary>
    public async Task<string> CommandAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[64 * 1024];
        var read = await stream.ReadAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>How many keys the server holds (DBSIZE).</summary>
    public async Task<long> KeyCountAsync() => long.Parse((await CommandAsync("DBSIZE")).TrimStart(':').Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try { _directory.Delete(recursive: true); } catch (IOException) { } // best effort: a temp folder
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private string Output()
    {
        lock (_output) return _output.ToString();
    }

}
