using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Netwerk.Web.Tests.Mail;

/// <summary>
/// A real SMTP server for the tests: maildev 3 from web/node_modules (a devDependency, installed by <c>npm ci</c>
/// in web/), on free loopback ports. It requires authentication and limits message size, so the same server can
/// also refuse a login, a missing login and an oversized message with real SMTP replies.
/// </summary>
public sealed class MailDevServer : IAsyncLifetime
{
    public const string User = "netwerk";
    public const int MaxMessageSize = 64 * 1024;

    private readonly StringBuilder _output = new();
    private Process? _process;

    public string Password { get; } = Guid.NewGuid().ToString("N");

    public int SmtpPort { get; private set; }

    public HttpClient Api { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var root = RepositoryRoot();
        var script = Path.Combine(root, "web", "node_modules", "maildev", "dist", "bin", "maildev.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"maildev is not installed ({script} is missing). Run `npm ci` in {Path.Combine(root, "web")} first; test.sh does.");
        }
        var (smtpPort, webPort) = TwoFreePorts();
        SmtpPort = smtpPort;
        Api.BaseAddress = new Uri($"http://127.0.0.1:{webPort}");
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                script, "--ip", "127.0.0.1", "--smtp", smtpPort.ToString(), "--web-ip", "127.0.0.1", "--web", webPort.ToString(),
                "--incoming-user", User, "--incoming-pass", Password, "--max-message-size", MaxMessageSize.ToString(),
            },
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("node could not be started.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilListening();
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>Settings for <c>AddMail</c> that point at this server.</summary>
    public Dictionary<string, string?> Settings(string? password = null, bool authenticate = true, string security = "none") => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = SmtpPort.ToString(),
        ["Smtp:Security"] = security,
        ["Smtp:Username"] = authenticate ? User : null,
        ["Smtp:Password"] = authenticate ? password ?? Password : null,
        ["Smtp:From"] = "Netwerk Zuid-West-Vlaanderen <netwerk@w13.example.org>",
        ["Smtp:Timeout"] = "00:00:10",
    };

    /// <summary>The message maildev received with this subject (waits briefly: storing may lag the 250 reply).</summary>
    public async Task<JsonElement> Received(string subject)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var messages = await Api.GetFromJsonAsync<JsonElement>("/api/email");
            foreach (var message in messages.EnumerateArray())
            {
                if (message.GetProperty("subject").GetString() == subject) return message;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"maildev received no message with subject '{subject}'.");
    }

    public async Task<int> Count() => (await Api.GetFromJsonAsync<JsonElement>("/api/email")).GetArrayLength();

    /// <summary>The message exactly as it arrived over SMTP.</summary>
    public Task<byte[]> Source(string id) => Api.GetByteArrayAsync($"/api/email/{Uri.EscapeDataString(id)}/source");

    private async Task WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process!.HasExited) throw new InvalidOperationException($"maildev exited with {_process.ExitCode}:\n{Output()}");
            if (await Accepts(SmtpPort) && await ApiAnswers()) return;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"maildev did not listen on SMTP port {SmtpPort} within 30 s:\n{Output()}");
    }

    private static async Task<bool> Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task<bool> ApiAnswers()
    {
        try
        {
            using var response = await Api.GetAsync("/api/email");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
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

    /// <summary>Both listeners are open at once, so the two ports differ.</summary>
    private static (int, int) TwoFreePorts()
    {
        var first = new TcpListener(IPAddress.Loopback, 0);
        var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        var ports = (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
        first.Stop();
        second.Stop();
        return ports;
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Netwerk.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Netwerk.sln not found above the test output.");
    }
}
