using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Hangfire;
using Microsoft.Extensions.Options;
using Netwerk.Core.Storage;
using Netwerk.Web.Mail;
using StackExchange.Redis;

namespace Netwerk.Web.Health;

/// <summary>One part the app needs: <c>ok</c>, <c>failing</c> (with what went wrong) or <c>off</c> (not configured).</summary>
public sealed record ReadinessCheck(string Name, string Status, string? Detail, double DurationMs);

/// <summary>The answer of <c>/health/ready</c>: <c>ready</c> when no part fails, and the names of those that do.</summary>
public sealed record ReadinessReport(string Status, IReadOnlyList<string> Failing, IReadOnlyList<ReadinessCheck> Checks);

/// <summary>
/// Whether this instance can do its work: the graph store answers, Redis (when configured) answers PING, the job storage
/// answers a read, and the SMTP server (when configured) greets and answers EHLO. The whole report is cached for a few
/// seconds, so a load balancer polling every instance often does not open an SMTP connection each time.
/// </summary>
public sealed class Readiness(
    IGraphStore store, JobStorage jobs, IOptions<MailOptions> mail, TimeProvider clock, IServiceProvider services) : IDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (ReadinessReport Report, DateTimeOffset At)? _cached;

    public async Task<ReadinessReport> CheckAsync(CancellationToken ct)
    {
        if (Fresh() is { } cached) return cached;
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh() is { } again) return again;
            var checks = await Task.WhenAll(
                Run("store", async token =>
                {
                    var status = await store.GetStatusAsync(token);
                    return status.Healthy ? null : status.Detail ?? "the store does not answer";
                }, ct),
                services.GetService<IConnectionMultiplexer>() is { } redis
                    ? Run("redis", async _ =>
                    {
                        await redis.GetDatabase().PingAsync();
                        return null;
                    }, ct)
                    : Task.FromResult(new ReadinessCheck("redis", "off", "ConnectionStrings:Redis is not set", 0)),
                Run("jobs", token => Task.Run(() =>
                {
                    using var connection = jobs.GetConnection();
                    connection.GetAllEntriesFromHash("netwerk:health");
                    return (string?)null;
                }, token), ct),
                mail.Value.UsesSmtp
                    ? Run("smtp", token => GreetAsync(mail.Value, token), ct)
                    : Task.FromResult(new ReadinessCheck("smtp", "off", "no Smtp:Host: mail goes to the outbox folder", 0)));
            var failing = checks.Where(c => c.Status == "failing").Select(c => c.Name).ToList();
            var report = new ReadinessReport(failing.Count == 0 ? "ready" : "not-ready", failing, checks);
            _cached = (report, clock.GetUtcNow());
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    private ReadinessReport? Fresh() =>
        _cached is { } c && clock.GetUtcNow() - c.At < CacheFor ? c.Report : null;

    /// <summary>Runs one check with a time limit; a thrown exception or a returned text is the failure.</summary>
    private static async Task<ReadinessCheck> Run(string name, Func<CancellationToken, Task<string?>> check, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            var failure = await check(timeout.Token).WaitAsync(timeout.Token);
            return new ReadinessCheck(name, failure is null ? "ok" : "failing", failure, clock.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ReadinessCheck(name, "failing", $"no answer within {CheckTimeout.TotalSeconds:0} s", clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ReadinessCheck(name, "failing", $"{e.GetType().Name}: {e.Message}", clock.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>
    /// Connects to the SMTP server, reads its 220 greeting and sends EHLO (then QUIT). With implicit TLS (<c>Smtp:Security</c>
    /// = tls) the TCP connection alone is checked: the greeting comes only after the handshake.
    /// </summary>
    private static async Task<string?> GreetAsync(MailOptions options, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(options.Host!, options.EffectivePort, ct);
        if (options.SecurityMode == MailSecurity.Tls) return null;
        var stream = client.GetStream();
        var greeting = await ReadReplyAsync(stream, ct);
        if (!greeting.StartsWith("220", StringComparison.Ordinal)) return $"greeting was '{First(greeting)}'";
        await stream.WriteAsync(Encoding.ASCII.GetBytes("EHLO netwerk-health\r\n"), ct);
        var ehlo = await ReadReplyAsync(stream, ct);
        await stream.WriteAsync(Encoding.ASCII.GetBytes("QUIT\r\n"), ct);
        return ehlo.StartsWith("250", StringComparison.Ordinal) ? null : $"EHLO answered '{First(ehlo)}'";
    }

    /// <summary>Reads one (possibly multi-line) SMTP reply: lines "250-…" go on, "250 …" ends it.</summary>
    private static async Task<string> ReadReplyAsync(NetworkStream stream, CancellationToken ct)
    {
        var text = new StringBuilder();
        var buffer = new byte[1024];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, ct);
            if (read == 0) return text.ToString();
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            if (text.ToString().EndsWith("\r\n", StringComparison.Ordinal) && lines.Length > 0 && lines[^1].Length >= 4 && lines[^1][3] == ' ') return text.ToString();
            if (text.Length > 16 * 1024) return text.ToString();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static string First(string reply) => reply.Split("\r\n")[0];
}
