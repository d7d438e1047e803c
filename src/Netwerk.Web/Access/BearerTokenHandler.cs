using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Netwerk.Core.Accounts;

namespace Netwerk.Web.Access;

/// <summary>
/// <c>Authorization: Bearer …</c>: the bootstrap token from configuration, or an API token a regisseur created
/// (looked up by its hash). A token that is unknown, revoked or tampered with fails authentication (401).
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IAccountStore accounts, IOptions<AuthOptions> auth, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenOf(Request) is not { } token) return AuthenticateResult.NoResult();
        Account account;
        if (Secrets.SameSecret(token, auth.Value.BootstrapToken))
        {
            account = Principals.Bootstrap;
        }
        else if (await accounts.UseApiTokenAsync(Secrets.Hash(token), time.GetUtcNow(), Context.RequestAborted) is { } found)
        {
            account = found.Account;
        }
        else
        {
            return AuthenticateResult.Fail("Unknown or revoked token.");
        }
        Context.SetAccount(account);
        return AuthenticateResult.Success(new AuthenticationTicket(Principals.For(account, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    /// <summary>The bearer token of a request, or null when it has none.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length ? header[prefix.Length..].Trim() : null;
    }
}
