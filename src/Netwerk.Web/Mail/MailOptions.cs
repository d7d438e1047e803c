using Microsoft.Extensions.Options;

namespace Netwerk.Web.Mail;

/// <summary>
/// Settings of the one mail path (configuration section <c>Smtp</c>). Without a <see cref="Host"/> every mail is
/// written to <see cref="OutboxPath"/> as an .eml file instead of being sent. Secrets come from configuration or
/// the environment (<c>Smtp__Password</c>), never from a file in the repository.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Smtp";

    /// <summary>SMTP server host name or IP address; empty means "write mail to the outbox folder".</summary>
    public string? Host { get; set; }

    /// <summary>SMTP port; when unset 25 for <c>none</c>, 587 for <c>starttls</c>, 465 for <c>tls</c>.</summary>
    public int? Port { get; set; }

    /// <summary><c>none</c> (plain, for a local relay or catcher), <c>starttls</c> (required upgrade) or <c>tls</c> (TLS from the first byte).</summary>
    public string Security { get; set; } = "starttls";

    /// <summary>Authenticate with this user name; no authentication when empty.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, with or without display name: <c>Netwerk &lt;netwerk@example.org&gt;</c>. Required with a <see cref="Host"/>.</summary>
    public string? From { get; set; }

    /// <summary>Folder for .eml files when no SMTP host is set; relative paths are resolved against the content root.</summary>
    public string OutboxPath { get; set; } = "data/outbox";

    /// <summary>Limit for each network step (connect, each command, each write) of one send.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The sender used for the outbox when <see cref="From"/> is not configured.</summary>
    public const string OutboxDefaultFrom = "Netwerk <netwerk@localhost>";

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The parsed <see cref="Security"/>; only meaningful once the options passed validation.</summary>
    public MailSecurity SecurityMode => ParseSecurity(Security) ?? MailSecurity.StartTls;

    public int EffectivePort => Port ?? SecurityMode switch
    {
        MailSecurity.None => 25,
        MailSecurity.Tls => 465,
        _ => 587,
    };

    internal static MailSecurity? ParseSecurity(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "none" => MailSecurity.None,
        "starttls" => MailSecurity.StartTls,
        "tls" => MailSecurity.Tls,
        _ => null,
    };
}

public enum MailSecurity
{
    None,
    StartTls,
    Tls,
}

/// <summary>Checks every setting at start-up and names each bad one, so a misconfigured server never starts.</summary>
internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var failures = new List<string>();
        var s = MailOptions.Section;
        if (MailOptions.ParseSecurity(options.Security) is null)
        {
            failures.Add($"{s}:Security must be one of none, starttls, tls; '{options.Security}' is not.");
        }
        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{s}:Port must be between 1 and 65535; {options.Port} is not.");
        }
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > LongestTimeout)
        {
            failures.Add($"{s}:Timeout must be more than zero and at most 00:10:00; '{options.Timeout}' is not.");
        }
        if (options.UsesSmtp && Uri.CheckHostName(options.Host!.Trim()) == UriHostNameType.Unknown)
        {
            failures.Add($"{s}:Host must be a host name or IP address such as 'smtp.example.org' (no scheme, no port); '{options.Host}' is not.");
        }
        if (options.UsesSmtp && string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add($"{s}:From is required when {s}:Host is set: the address mail is sent from, such as 'Netwerk <netwerk@example.org>'.");
        }
        if (!string.IsNullOrWhiteSpace(options.From) && !MailAddresses.TryParseMailbox(options.From, out _))
        {
            failures.Add($"{s}:From must be one mail address such as 'Netwerk <netwerk@example.org>'; '{options.From}' is not.");
        }
        var hasUser = !string.IsNullOrEmpty(options.Username);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasUser && !hasPassword)
        {
            failures.Add($"{s}:Password is required when {s}:Username is set.");
        }
        if (hasPassword && !hasUser)
        {
            failures.Add($"{s}:Password is set but {s}:Username is not; set both or neither.");
        }
        if (string.IsNullOrWhiteSpace(options.OutboxPath))
        {
            failures.Add($"{s}:OutboxPath must name a folder.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
