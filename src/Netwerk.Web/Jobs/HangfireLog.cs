using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Netwerk.Web.Jobs;

/// <summary>
/// The one log provider Hangfire gets in this process. Hangfire keeps its log provider in a static, and its own
/// set-up puts the starting app's <see cref="ILoggerFactory"/> there; once that app stops, the factory is disposed and
/// the next logger Hangfire makes throws — inside a static constructor (<c>GlobalJobFilters</c>), which breaks every
/// job of the process for good. Loggers from this provider look the factory up when they log and fall silent
/// rather than throw when it is gone. With more than one app in a process (tests), Hangfire logs to the latest one.
/// </summary>
internal sealed class HangfireLog : ILogProvider
{
    public static readonly HangfireLog Instance = new();

    private volatile AspNetCoreLogProvider? _current;

    private HangfireLog() { }

    /// <summary>Hangfire's log lines go to <paramref name="factory"/> from now on; returns this provider.</summary>
    public HangfireLog Using(ILoggerFactory factory)
    {
        _current = new AspNetCoreLogProvider(factory);
        return this;
    }

    public ILog GetLogger(string name) => new Logger(this, name);

    private sealed class Logger(HangfireLog owner, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (owner._current is not { } provider) return false;
            try
            {
                // A failed job's exception may quote an address (an SMTP server's refusal does): redacted on the way out.
                Func<string>? message = messageFunc is null ? null : () => Telemetry.LogRedaction.Redact(messageFunc()) ?? "";
                return provider.GetLogger(name).Log(logLevel, message, exception is null ? null : new RedactedException(exception));
            }
            catch (ObjectDisposedException)
            {
                return false; // the app whose factory this was has stopped
            }
        }
    }
}

/// <summary>An exception as logs may show it: its message and its text (with inner exceptions) redacted.</summary>
internal sealed class RedactedException(Exception original) : Exception(Telemetry.LogRedaction.Redact(original.Message))
{
    public override string? StackTrace => original.StackTrace;

    public override string ToString() => Telemetry.LogRedaction.Redact(original.ToString()) ?? "";
}
