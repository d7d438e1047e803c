namespace Netwerk.Web.Access;

/// <summary>Sign-in and access settings (section <c>Netwerk:Auth</c>). Secrets come from configuration or the environment only.</summary>
public sealed class AuthOptions
{
    public const string Section = "Netwerk:Auth";

    /// <summary>
    /// A token that acts as regisseur of every region, for first set-up and scripts (<c>Authorization: Bearer …</c>).
    /// Off when empty; at least 32 characters when set.
    /// </summary>
    public string? BootstrapToken { get; set; }

    /// <summary>In Development, on a server bound to loopback only, sign the local user in as regisseur without mail.</summary>
    public bool DevelopmentSignIn { get; set; } = true;

    /// <summary>How long a sign-in link in a mail works.</summary>
    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a session lasts without use (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The address users reach Netwerk at, for links in mails (e.g. https://netwerk.example.org); the request's own when empty.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Sign-in requests per client address per minute, for asking a link and for using one, each (an office shares one address).</summary>
    public int SignInRequestsPerMinute { get; set; } = 10;

    /// <summary>Requests to the answer pages and API of invitations (<c>/rsvp</c>, <c>/api/rsvp</c>) per client address per minute.</summary>
    public int RsvpRequestsPerMinute { get; set; } = 30;

    /// <summary>
    /// Requests per calendar feed per minute. Counted per feed rather than per address: Google and Microsoft fetch every
    /// subscription from a few shared addresses.
    /// </summary>
    public int CalendarFeedRequestsPerMinute { get; set; } = 30;

    /// <summary>Requests per API token (and the bootstrap token) per minute.</summary>
    public int ApiTokenRequestsPerMinute { get; set; } = 600;

    public OidcOptions Oidc { get; set; } = new();
}

/// <summary>Optional OpenID Connect sign-in (e.g. Microsoft Entra ID); on when <see cref="Authority"/> and <see cref="ClientId"/> are set.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>Fetch the provider's metadata over HTTPS only; switch off only for a provider on this machine (tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The label of the sign-in button, e.g. "Microsoft".</summary>
    public string DisplayName { get; set; } = "Microsoft Entra ID";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
