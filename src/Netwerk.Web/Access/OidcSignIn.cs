using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Netwerk.Core.Accounts;

namespace Netwerk.Web.Access;

/// <summary>
/// Optional sign-in through an OpenID Connect provider (Microsoft Entra ID for most local governments).
/// The provider only proves the e-mail address: the account, with its roles, must exist in Netwerk already,
/// so nobody gains access merely by having an account at the provider.
/// </summary>
public static class OidcSignIn
{
    public static void Configure(OpenIdConnectOptions options, OidcOptions settings)
    {
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.ResponseType = "code";
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        if (!settings.RequireHttpsMetadata)
        {
            // A provider on this machine over plain HTTP (tests): the correlation and nonce cookies cannot be Secure there.
            options.CorrelationCookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        }
        options.UsePkce = true;
        options.SignInScheme = AccessSetup.CookieScheme;
        options.CallbackPath = "/signin-oidc";
        options.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" }) options.Scope.Add(scope);
        options.MapInboundClaims = false;
        options.Events.OnTokenValidated = async context =>
        {
            var email = EmailOf(context.Principal);
            var accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountStore>();
            var account = email is null ? null : await accounts.FindByEmailAsync(email, context.HttpContext.RequestAborted);
            if (account is null)
            {
                context.Fail("No Netwerk account for this address.");
                return;
            }
            // The session carries Netwerk's own account id, as after an e-mail link.
            context.Principal = Principals.For(account, AccessSetup.CookieScheme);
        };
        options.Events.OnRemoteFailure = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn)).LogWarning("OpenID Connect sign-in failed: {Reason}", Telemetry.LogRedaction.Redact(context.Failure?.Message));
            context.Response.Redirect("/?signin=oidc-failed");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>Entra ID puts the address in <c>email</c> or, for work accounts, <c>preferred_username</c>/<c>upn</c>.</summary>
    private static readonly string[] EmailClaims = ["email", "preferred_username", "upn"];

    private static string? EmailOf(ClaimsPrincipal? principal) =>
        EmailClaims.Select(type => principal?.FindFirst(type)?.Value).FirstOrDefault(v => v is not null && v.Contains('@'));
}
