using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Netwerk.Core.Accounts;
using Netwerk.Web.Http;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Access;

/// <summary>
/// Passwordless sign-in: an e-mail with a one-time link, then a cookie session. The link carries its token in the
/// URL fragment and the page posts it, so a mail scanner that fetches links cannot use it up.
/// </summary>
public static class SignInEndpoints
{
    public sealed record MeResponse(bool SignedIn, AccountResponse? Account, string? CsrfToken, bool DevelopmentSignIn, bool Oidc, string? OidcName);

    public sealed record SignInRequest(string? Email);

    public sealed record CompleteSignInRequest(string? Token);

    public sealed record SignInAccepted(string Message);

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in").AllowAnonymous();
        group.MapGet("/me", Me).WithSummary("Who is signed in (if anyone), the antiforgery token for writes and which sign-in methods are offered.");
        group.MapPost("/sign-in", RequestLink).RequireRateLimiting(AccessSetup.SignInRateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Mails a one-time sign-in link when the address has an account; the answer is the same either way.");
        group.MapPost("/sign-in/complete", CompleteSignIn).RequireRateLimiting(AccessSetup.SignInRateLimit)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Uses a sign-in link's token: starts a session (cookie).");
        group.MapPost("/development", DevelopmentSignIn).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Development only, on localhost: signs in as the local regisseur of the demo data without mail.");
        group.MapPost("/sign-out", (Delegate)SignOut).WithSummary("Ends the session.");
        group.MapGet("/oidc", (string? returnUrl, IOptions<AuthOptions> auth) => auth.Value.Oidc.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalPath(returnUrl) }, [AccessSetup.OidcScheme])
                : Results.NotFound())
            .WithSummary("Starts sign-in with the configured OpenID Connect provider (when configured).");
        return app;
    }

    private static MeResponse Me(HttpContext http, IAntiforgery antiforgery, IOptions<AuthOptions> auth) => MeFor(http, antiforgery, auth.Value);

    /// <summary>The request's account as /me describes it; the antiforgery token is issued for that account.</summary>
    private static MeResponse MeFor(HttpContext http, IAntiforgery antiforgery, AuthOptions auth)
    {
        var account = http.Account();
        var oidc = auth.Oidc;
        return new MeResponse(account is not null, account is null ? null : AccountResponse.From(account),
            account is null ? null : antiforgery.GetAndStoreTokens(http).RequestToken,
            account is null && AccessSetup.DevelopmentSignInOffered(http), oidc.Enabled, oidc.Enabled ? oidc.DisplayName : null);
    }

    private static async Task<Accepted<SignInAccepted>> RequestLink(
        SignInRequest request, HttpContext http, IAccountStore accounts, SignInMailer mailer, IOptions<AuthOptions> auth, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Email)) throw RequestProblemException.Invalid(new Core.Schema.ValidationError("email", "required"));
        if (!Core.Schema.EmailAddresses.IsValid(request.Email.Trim())) throw RequestProblemException.Invalid(new Core.Schema.ValidationError("email", "bad-email"));
        var account = await accounts.FindByEmailAsync(request.Email, ct);
        if (account is not null)
        {
            var token = Secrets.NewSignInLink();
            await accounts.SaveSignInLinkAsync(account.Id, Secrets.Hash(token), time.GetUtcNow() + auth.Value.SignInLinkLifetime, ct);
            // Queued, not sent inline: a known address must not answer measurably slower than an unknown one.
            mailer.Enqueue(account, new Uri(BaseUrl(http, auth.Value), "/signin.html#token=" + token));
        }
        var english = RequestLanguage.Of(http) == "en";
        return TypedResults.Accepted((string?)null, new SignInAccepted(english
            ? "If this address is known to us, a sign-in link is on its way. It works once, for a short time."
            : "Als dit adres bij ons bekend is, is er een aanmeldlink onderweg. Die werkt één keer, korte tijd."));
    }

    private static async Task<Ok<MeResponse>> CompleteSignIn(
        CompleteSignInRequest request, HttpContext http, IAccountStore accounts, IAntiforgery antiforgery, IOptions<AuthOptions> auth, TimeProvider time, CancellationToken ct)
    {
        var token = request.Token?.Trim() ?? "";
        var account = token.Length is 0 or > 200 ? null : await accounts.UseSignInLinkAsync(Secrets.Hash(token), time.GetUtcNow(), ct);
        if (account is null)
        {
            var english = RequestLanguage.Of(http) == "en";
            throw new RequestProblemException(StatusCodes.Status400BadRequest, "sign-in-link-invalid", detail: english
                ? "This sign-in link is not valid (anymore): it works once and for a short time. Ask for a new one."
                : "Deze aanmeldlink is niet (meer) geldig: hij werkt één keer en korte tijd. Vraag een nieuwe aan.");
        }
        return TypedResults.Ok(await StartSession(http, account, antiforgery, auth.Value));
    }

    private static async Task<Results<Ok<MeResponse>, NotFound>> DevelopmentSignIn(
        HttpContext http, IAccountStore accounts, IAntiforgery antiforgery, IOptions<AuthOptions> auth, CancellationToken ct)
    {
        if (!AccessSetup.DevelopmentSignInOffered(http)) return TypedResults.NotFound();
        var account = await accounts.FindByEmailAsync(DevelopmentAccount.Email, ct) ?? await CreateDevelopmentAccount(accounts, ct);
        return TypedResults.Ok(await StartSession(http, account, antiforgery, auth.Value));
    }

    private static async Task<Account> CreateDevelopmentAccount(IAccountStore accounts, CancellationToken ct)
    {
        try
        {
            return await accounts.CreateAsync(DevelopmentAccount, ct);
        }
        catch (DuplicateAccountException)
        {
            // Two tabs signing in at once: the other one created it.
            return (await accounts.FindByEmailAsync(DevelopmentAccount.Email, ct))!;
        }
    }

    private static readonly AccountDraft DevelopmentAccount = new()
    {
        Email = "lokale.regisseur@example.org", Name = "Lokale regisseur (ontwikkeling)",
        Grants = [new RoleGrant(Role.Regisseur, RoleGrant.AllRegions)],
    };

    private static async Task<NoContent> SignOut(HttpContext http)
    {
        await http.SignOutAsync(AccessSetup.CookieScheme);
        return TypedResults.NoContent();
    }

    private static async Task<MeResponse> StartSession(HttpContext http, Account account, IAntiforgery antiforgery, AuthOptions auth)
    {
        var principal = Principals.For(account, AccessSetup.CookieScheme);
        await http.SignInAsync(AccessSetup.CookieScheme, principal);
        // The antiforgery token is bound to the user: issue it for the new session, not the anonymous request.
        http.User = principal;
        http.SetAccount(account);
        return MeFor(http, antiforgery, auth);
    }

    private static Uri BaseUrl(HttpContext http, AuthOptions auth) =>
        new(auth.PublicBaseUrl ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}");

    /// <summary>Only paths on this site: an open redirect would make the sign-in page a phishing tool.</summary>
    private static string LocalPath(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl : "/";
}
