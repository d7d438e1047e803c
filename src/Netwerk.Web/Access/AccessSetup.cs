using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Netwerk.Core.Accounts;
using Netwerk.Storage.Sqlite;

namespace Netwerk.Web.Access;

/// <summary>
/// Who is calling and what they may do: cookie sessions (after an e-mail link, OpenID Connect or the local
/// development sign-in), bearer tokens for scripts, role policies, antiforgery for cookie writes, rate limits
/// and the security headers of every response.
/// </summary>
public static class AccessSetup
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string OidcScheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string SignInRateLimit = "sign-in";
    public const string CsrfHeader = "X-XSRF-TOKEN";
    private const string SelectorScheme = "netwerk";

    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();
        services.AddOptions<AuthOptions>().Bind(section)
            .Validate(o => string.IsNullOrEmpty(o.BootstrapToken) || o.BootstrapToken.Length >= 32,
                "Netwerk:Auth:BootstrapToken must be at least 32 characters (or empty to switch it off).")
            .Validate(o => o.PublicBaseUrl is null || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _),
                "Netwerk:Auth:PublicBaseUrl must be an absolute URL such as https://netwerk.example.org.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddSingleton<IAccountStore>(sp =>
            new SqliteAccountStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RegionMembership>();
        services.AddSingleton<Netwerk.Core.Storage.IActorContext, RequestActor>();
        services.AddScoped<RequestAccess>();
        services.AddSingleton<SignInMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<SignInMailer>());
        services.AddSingleton<IAuthorizationHandler, RolePolicies.MinimumRoleHandler>();
        services.AddAuthorization(RolePolicies.Add);

        // Keys that protect session cookies and antiforgery tokens survive restarts (sessions stay valid). With Redis
        // (ConnectionStrings:Redis) every instance shares one key ring there instead (ScaleOut/).
        var dataProtection = services.AddDataProtection().SetApplicationName("Netwerk");
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ScaleOut.ScaleOutSetup.RedisConnectionName)))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(KeysDirectory(builder)));
        }

        var authentication = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Cookie or bearer token", o =>
                o.ForwardDefaultSelector = context => BearerTokenHandler.TokenOf(context.Request) is null ? CookieScheme : BearerTokenHandler.SchemeName)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "netwerk.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = builder.Environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = auth.SessionLifetime;
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = LoadAccount;
                o.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        if (auth.Oidc.Enabled) authentication.AddOpenIdConnect(OidcScheme, o => OidcSignIn.Configure(o, auth.Oidc));

        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfHeader;
            o.Cookie.Name = "netwerk.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRateLimiter(o => ConfigureRateLimits(o, auth));
        return builder;
    }

    /// <summary>Authentication, antiforgery for cookie writes, rate limits, authorization; in that order.</summary>
    public static WebApplication UseAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(RejectCrossSiteWrites);
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>Where data-protection keys live: beside the SQLite file, in <c>keys/</c>.</summary>
    private static string KeysDirectory(WebApplicationBuilder builder)
    {
        var database = builder.Configuration[$"{SqliteStoreOptions.Section}:Path"] ?? new SqliteStoreOptions().Path;
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database, builder.Environment.ContentRootPath))!, "keys");
    }

    /// <summary>Loads the session's account on every request; a deleted account ends the session.</summary>
    private static async Task LoadAccount(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.AccountId();
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountStore>();
        var account = id is null ? null : await accounts.GetAsync(id, context.HttpContext.RequestAborted);
        if (account is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieScheme);
            return;
        }
        context.HttpContext.SetAccount(account);
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>
    /// A write made with the session cookie must carry the antiforgery token the app got from <c>/api/auth/me</c>
    /// in <see cref="CsrfHeader"/>; a page on another site cannot read it. Bearer tokens are not sent by browsers on
    /// their own, so their writes need no token. The hub's negotiate call changes nothing. An answer to an invitation
    /// (<c>/api/rsvp</c>) is authorised by the token in its body, not by the cookie, so it needs none either (an
    /// organiser who answers their own invitation in the same browser must not be refused).
    /// </summary>
    private static async Task RejectCrossSiteWrites(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (unsafeMethod && context.User.Identity?.IsAuthenticated == true && BearerTokenHandler.TokenOf(request) is null
            && !request.Path.StartsWithSegments("/hubs") && !request.Path.StartsWithSegments("/api/rsvp"))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                await WriteProblem(context, StatusCodes.Status400BadRequest, "csrf",
                    "Deze aanvraag mist een geldig antiforgery-token (X-XSRF-TOKEN); laad de pagina opnieuw.");
                return;
            }
        }
        await next(context);
    }

    private static void ConfigureRateLimits(RateLimiterOptions options, AuthOptions auth)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, _) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteProblem(context.HttpContext, StatusCodes.Status429TooManyRequests, "rate-limited",
                "Te veel aanvragen na elkaar; wacht even en probeer opnieuw.");
        };
        // Per client address and step (asking for a link, using one): sign-in mails cannot be used to flood an inbox
        // or to probe addresses quickly, and link tokens cannot be guessed at speed.
        options.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            $"{context.Request.Path}|{context.Connection.RemoteIpAddress}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.SignInRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        // Answer links work without an account: per client address, so tokens cannot be tried at speed.
        options.AddPolicy(Invitations.RsvpEndpoints.RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            $"rsvp|{context.Connection.RemoteIpAddress}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.RsvpRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        // Calendar feeds work without an account: per feed token (known or not), never logged or kept in clear.
        options.AddPolicy(Feeds.FeedEndpoints.RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            "feed|" + Secrets.Hash(context.Request.RouteValues["token"] as string ?? ""),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.CalendarFeedRequestsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        // Per bearer token (known or not, so guessing is throttled too); browsers with a session are not limited here.
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            BearerTokenHandler.TokenOf(context.Request) is { } token
                ? RateLimitPartition.GetFixedWindowLimiter(Secrets.Hash(token),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = auth.ApiTokenRequestsPerMinute, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter(""));
    }

    internal static async Task WriteProblem(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail, Extensions = { ["code"] = code } },
        });
    }

    /// <summary>
    /// The local development sign-in is offered only in Development, when enabled, when every address the server
    /// listens on is loopback and the request itself comes from this machine.
    /// </summary>
    public static bool DevelopmentSignInOffered(HttpContext context)
    {
        var services = context.RequestServices;
        if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment()) return false;
        if (!services.GetRequiredService<IOptions<AuthOptions>>().Value.DevelopmentSignIn) return false;
        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote)) return false;
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Count > 0 && addresses.All(IsLoopbackAddress);
    }

    private static bool IsLoopbackAddress(string address)
    {
        var host = BindingAddress.Parse(address).Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
