using Microsoft.Extensions.Options;

namespace Netwerk.Web.Invitations;

/// <summary>
/// Settings of calendar invitations (configuration section <c>Invitations</c>). The RSVP key is a secret: set it from
/// the environment (<c>Invitations__RsvpKey</c>) or a secret store, never in a file in the repository.
/// </summary>
public sealed class InvitationOptions
{
    public const string Section = "Invitations";

    /// <summary>Fewest key bytes: HMAC-SHA256 gains nothing from more, and fewer would be guessable sooner.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// Base64 of at least 32 random bytes (<c>openssl rand -base64 32</c>) that signs the answer links in invitations.
    /// Required outside Development and Testing; there, without it, each process makes a random key of its own, so
    /// links from before a restart, or from another instance, no longer work.
    /// Every instance of one deployment needs the same key. Changing it makes every link sent so far invalid.
    /// </summary>
    public string? RsvpKey { get; set; }

    /// <summary>
    /// The address people reach Netwerk at, for the answer links (<c>https://netwerk.example.org</c>). Mail is sent by
    /// background jobs, with no request to take it from. Defaults to <c>Netwerk:Auth:PublicBaseUrl</c>; required
    /// outside Development and Testing when that is not set either (there it defaults to http://localhost:5080).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long after the end of the meeting (the last occurrence of a series) an answer link still works.</summary>
    public TimeSpan RsvpGrace { get; set; } = TimeSpan.FromDays(30);

    /// <summary>For a series without end, answer links work this long after sending (and grace); a later update brings new ones.</summary>
    public TimeSpan RsvpHorizon { get; set; } = TimeSpan.FromDays(366);

    /// <summary>
    /// How long before each occurrence invitees who have the meeting in their calendar (and did not decline) get a
    /// reminder mail; zero switches reminders off.
    /// </summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// How long an instance's claim on an invitation it is sending lasts (<see cref="InvitationClaims"/>): longer than one
    /// message takes (<c>Smtp:Timeout</c>); a claim of an instance that died holds the invitation back this long.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the outbox sweep looks for invitations whose sender died (seconds below a minute, else whole minutes).</summary>
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A queued invitation nobody claimed for this long has lost its job (job storage lost it); the sweep enqueues it again.</summary>
    public TimeSpan RequeueAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The Hangfire cron expression of <see cref="OutboxSweepInterval"/>.</summary>
    public string OutboxSweepCron => OutboxSweepInterval < TimeSpan.FromMinutes(1)
        ? $"*/{(int)OutboxSweepInterval.TotalSeconds} * * * * *"
        : $"*/{(int)OutboxSweepInterval.TotalMinutes} * * * *";

    /// <summary>The development server's address (launchSettings.json), for links where no public address is configured.</summary>
    public const string DevelopmentBaseUrl = "http://localhost:5080";

    internal static bool TryDecodeKey(string? text, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(text)) return false;
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written) || written < MinimumKeyBytes) return false;
        key = buffer[..written];
        return true;
    }
}

/// <summary>Names each bad setting at start, with what to do about it, so a misconfigured server never starts.</summary>
internal sealed class InvitationOptionsValidator(IHostEnvironment environment) : IValidateOptions<InvitationOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationOptions options)
    {
        var failures = new List<string>();
        var s = InvitationOptions.Section;
        if (string.IsNullOrWhiteSpace(options.RsvpKey))
        {
            if (!InvitationsSetup.IsDevelopmentOrTesting(environment))
            {
                failures.Add($"{s}:RsvpKey is required in {environment.EnvironmentName}: base64 of at least {InvitationOptions.MinimumKeyBytes} random bytes "
                    + $"that signs the answer links in invitations; make one with `openssl rand -base64 32` and set it as {s}__RsvpKey.");
            }
        }
        else if (!InvitationOptions.TryDecodeKey(options.RsvpKey, out _))
        {
            // The value is a secret: say what is wrong with it, never what it is.
            failures.Add($"{s}:RsvpKey must be base64 of at least {InvitationOptions.MinimumKeyBytes} random bytes (`openssl rand -base64 32`); the value set is not.");
        }
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            if (!InvitationsSetup.IsDevelopmentOrTesting(environment))
            {
                failures.Add($"{s}:PublicBaseUrl (or Netwerk:Auth:PublicBaseUrl) is required in {environment.EnvironmentName}: "
                    + "the address people reach Netwerk at, such as https://netwerk.example.org, for the answer links in invitations.");
            }
        }
        else if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{s}:PublicBaseUrl must be an absolute http(s) URL such as https://netwerk.example.org; '{options.PublicBaseUrl}' is not.");
        }
        if (options.RsvpGrace < TimeSpan.Zero) failures.Add($"{s}:RsvpGrace must not be negative; '{options.RsvpGrace}' is.");
        if (options.ReminderBefore < TimeSpan.Zero || options.ReminderBefore > TimeSpan.FromDays(60))
        {
            failures.Add($"{s}:ReminderBefore must be between 00:00:00 (off) and 60.00:00:00; '{options.ReminderBefore}' is not.");
        }
        if (options.ClaimLease < TimeSpan.FromSeconds(1) || options.ClaimLease > TimeSpan.FromHours(1))
            failures.Add($"{s}:ClaimLease must be between 00:00:01 and 01:00:00; '{options.ClaimLease}' is not.");
        var sweep = options.OutboxSweepInterval;
        if (sweep < TimeSpan.FromSeconds(1) || sweep > TimeSpan.FromMinutes(59) || sweep.Milliseconds != 0
            || (sweep < TimeSpan.FromMinutes(1) ? sweep.TotalSeconds != Math.Floor(sweep.TotalSeconds) : sweep.Seconds != 0))
            failures.Add($"{s}:OutboxSweepInterval must be whole seconds below a minute or whole minutes up to 00:59:00; '{sweep}' is not.");
        if (options.RequeueAfter < TimeSpan.FromSeconds(1)) failures.Add($"{s}:RequeueAfter must be at least 00:00:01; '{options.RequeueAfter}' is not.");
        if (options.RsvpHorizon <= TimeSpan.Zero) failures.Add($"{s}:RsvpHorizon must be more than zero; '{options.RsvpHorizon}' is not.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
