using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Netwerk.Web.Telemetry;

/// <summary>
/// Netwerk's own traces and metrics: spans of store calls and background jobs (<see cref="SourceName"/>), and the
/// counters and histograms of <see cref="MeterName"/>: mails sent, failed and retried (by kind), job durations.
/// SignalR connections are counted by ASP.NET Core's own meter (<c>signalr.server.active_connections</c>).
/// </summary>
public sealed class NetwerkTelemetry : IDisposable
{
    public const string SourceName = "Netwerk";
    public const string MeterName = "Netwerk";

    public static readonly ActivitySource Source = new(SourceName);

    private readonly Meter _meter;
    private readonly Counter<long> _mailsSent;
    private readonly Counter<long> _mailsFailed;
    private readonly Counter<long> _mailsRetried;
    private readonly Histogram<double> _jobDuration;

    public NetwerkTelemetry(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _mailsSent = _meter.CreateCounter<long>("netwerk.mails.sent", "{mail}", "Mails the SMTP server (or the outbox) accepted");
        _mailsFailed = _meter.CreateCounter<long>("netwerk.mails.failed", "{mail}", "Mails given up on: refused for good, or out of retries");
        _mailsRetried = _meter.CreateCounter<long>("netwerk.mails.retried", "{mail}", "Mails that failed for now and will be tried again");
        _jobDuration = _meter.CreateHistogram<double>("netwerk.jobs.duration", "s", "How long background jobs ran");
    }

    public void MailSent(string kind) => _mailsSent.Add(1, new KeyValuePair<string, object?>("netwerk.mail.kind", kind));

    public void MailFailed(string kind) => _mailsFailed.Add(1, new KeyValuePair<string, object?>("netwerk.mail.kind", kind));

    public void MailRetried(string kind) => _mailsRetried.Add(1, new KeyValuePair<string, object?>("netwerk.mail.kind", kind));

    public void JobRan(string job, TimeSpan duration, bool succeeded) => _jobDuration.Record(duration.TotalSeconds,
        new KeyValuePair<string, object?>("netwerk.job", job), new KeyValuePair<string, object?>("netwerk.job.succeeded", succeeded));

    public void Dispose() => _meter.Dispose();
}
