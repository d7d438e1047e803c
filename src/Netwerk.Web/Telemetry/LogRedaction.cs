using System.Text.RegularExpressions;

namespace Netwerk.Web.Telemetry;

/// <summary>
/// Text from outside (SMTP replies, exception messages, request paths) on its way into a log line or a span: e-mail
/// addresses, phone numbers and answer-link tokens are replaced, so logs and traces never carry them. Netwerk's own log
/// messages name people and meetings by id only.
/// </summary>
public static partial class LogRedaction
{
    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        text = Address().Replace(text, "<address>");
        text = RsvpPath().Replace(text, "$1{token}");
        return Phone().Replace(text, "<phone>");
    }

    /// <summary>The path with an answer-link token replaced (<c>/rsvp/{token}</c>, <c>/api/rsvp/{token}/…</c>).</summary>
    public static string RedactPath(string path) => RsvpPath().Replace(path, "$1{token}");

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Address();

    [GeneratedRegex(@"(/rsvp/)[A-Za-z0-9_.\-~%]+")]
    private static partial Regex RsvpPath();

    // International or Belgian-style numbers: + or 0 followed by at least 8 digits, with spaces, dots, slashes or dashes.
    [GeneratedRegex(@"(?<![\w.])(?:\+|00|0)\d(?:[\s./\-]?\d){7,}(?!\w)")]
    private static partial Regex Phone();
}
