using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Netwerk.Web.Tests;

/// <summary>
/// What a test server logged at Error or worse. A client answered with a 5xx writes these into the running test's
/// output, so a failure that happens once in a full parallel run shows its exception and not only "500".
/// </summary>
internal sealed class ServerErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose() { }

    /// <summary>A handler for a test client: on a 5xx answer, the server's errors go to the test output.</summary>
    public DelegatingHandler Reporter(HttpMessageHandler inner) => new Reporting(this) { InnerHandler = inner };

    private void WriteTo(ITestOutputHelper? output, HttpResponseMessage response)
    {
        if (output is null) return;
        output.WriteLine($"Server answered {(int)response.StatusCode} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}; errors it logged:");
        foreach (var entry in _entries) output.WriteLine(entry);
    }

    private sealed class Reporting(ServerErrors errors) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode < 500) return response;
            // The exception handler may log only after the answer went out.
            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
            errors.WriteTo(TestContext.Current.TestOutputHelper, response);
            return response;
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) entries.Enqueue($"[{logLevel}] {category}: {formatter(state, exception)}{Environment.NewLine}{exception}");
        }
    }
}
