using Netwerk.Core.Graph;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Netwerk.Core.Accounts;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Feeds;

/// <summary>A calendar feed as its owner sees it: never its token, which is shown once, at creation.</summary>
public sealed record FeedResponse(string Id, string Kind, string? Platform, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public static FeedResponse From(CalendarFeed feed) =>
        new(feed.Id, feed.Kind == CalendarFeedKind.Platform ? "platform" : "personal", feed.PlatformId, feed.Name, feed.CreatedAt, feed.LastUsedAt);
}

/// <summary>A new feed with its addresses: <c>https://…/feeds/&lt;token&gt;.ics</c> and the same as <c>webcal://</c>.</summary>
public sealed record CreatedFeed(FeedResponse Feed, string Url, string WebcalUrl);

/// <summary>
/// Calendar subscriptions (iCalendar feeds) for Outlook, Google and Apple calendars. Any signed-in account makes a
/// personal feed (the meetings it is invited to or organises); an organiser makes a feed of a platform they plan for.
/// A feed is read without an account at <c>/feeds/&lt;token&gt;.ics</c> — the 256-bit token is the authorisation,
/// stored only as a SHA-256 hash, never logged — and reads the network as its owner: a feed whose owner lost sight of
/// its platform, or whose account is gone, answers 404 like a revoked one.
/// </summary>
public static class FeedEndpoints
{
    public const string RateLimit = "calendar-feed";
    public const int MaxFeedsPerAccount = 50;

    public static IServiceCollection AddCalendarFeeds(this IServiceCollection services) => services.AddSingleton<FeedMeetings>();

    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/api/feeds").WithTags("Calendar feeds").RequireAuthorization(RolePolicies.Viewer)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        feeds.MapGet("/", List).WithSummary("The caller's calendar feeds (never their tokens).");
        feeds.MapPost("/", Create).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Creates a personal feed (kind 'personal') or a platform's feed (kind 'platform', organisers); its address is in this answer only.");
        feeds.MapDelete("/{id}", Revoke).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revokes one of the caller's feeds: its address answers 404 from now on.");
        app.MapGet("/feeds/{token}.ics", Fetch).WithTags("Calendar feeds").AllowAnonymous().RequireRateLimiting(RateLimit)
            .WithSummary("The feed's calendar (METHOD:PUBLISH): the last 30 days and everything ahead; ETag and Last-Modified, 304 when unchanged.")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar").Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public sealed record FeedRequest(string? Kind, string? Platform, string? Name);

    private static async Task<Ok<List<FeedResponse>>> List(IAccountStore store, RequestAccess access, CancellationToken ct) =>
        TypedResults.Ok((await store.ListCalendarFeedsAsync(access.Account.Id, ct)).Select(FeedResponse.From).ToList());

    private static async Task<Created<CreatedFeed>> Create(
        FeedRequest request, IAccountStore store, IGraphStore graph, RequestAccess access, IOptions<AuthOptions> auth, HttpContext http, CancellationToken ct)
    {
        var english = RequestLanguage.Of(http) == "en";
        var account = access.Account;
        if (account.Id == Principals.Bootstrap.Id)
        {
            throw new RequestProblemException(StatusCodes.Status400BadRequest, "bootstrap-owns-nothing", detail: english
                ? "The bootstrap token cannot own calendar feeds: sign in with an account and create the feed there."
                : "Het bootstrap-token kan geen agenda-abonnementen bezitten: meld je aan met een account en maak het abonnement daar.");
        }
        var kind = request.Kind?.Trim().ToLowerInvariant() switch
        {
            "personal" => CalendarFeedKind.Personal,
            "platform" => CalendarFeedKind.Platform,
            _ => throw RequestProblemException.Invalid(new ValidationError("kind", "not-allowed", request.Kind ?? "", "personal, platform")),
        };
        // A calendar's name is one line: line breaks and other control characters become spaces.
        var name = request.Name is null ? null : string.Join(' ', request.Name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim();
        if (name is not null && name.Any(char.IsControl)) name = new string([.. name.Select(c => char.IsControl(c) ? ' ' : c)]);
        if (name is { Length: > 100 }) throw RequestProblemException.Invalid(new ValidationError("name", "too-long", "100"));
        string? platformId = null;
        if (kind == CalendarFeedKind.Platform)
        {
            platformId = request.Platform?.Trim();
            if (string.IsNullOrEmpty(platformId)) throw RequestProblemException.Invalid(new ValidationError("platform", "required"));
            var platform = await graph.GetNodeAsync(platformId, ct);
            if (platform is null || platform.Kind != "Platform") throw new GraphItemNotFoundException(ChangeEntity.Node, platformId);
            await access.EnsureVisibleAsync(platformId, ct);
            // A platform's feed is part of planning it: an organiser where the platform lives.
            await access.EnsurePlannableAsync([platformId], ct);
            name = string.IsNullOrEmpty(name) ? Meetings.MeetingNode.Text(platform.Properties, "name") ?? platformId : name;
        }
        else if (string.IsNullOrEmpty(name))
        {
            name = english ? $"My Netwerk meetings ({account.Name})" : $"Mijn Netwerk-activiteiten ({account.Name})";
        }
        if ((await store.ListCalendarFeedsAsync(account.Id, ct)).Count >= MaxFeedsPerAccount)
        {
            throw new RequestProblemException(StatusCodes.Status409Conflict, "too-many-feeds", detail: english
                ? $"You have {MaxFeedsPerAccount} calendar feeds; revoke one you no longer use first."
                : $"Je hebt al {MaxFeedsPerAccount} agenda-abonnementen; trek eerst een ongebruikt abonnement in.");
        }
        var token = Secrets.NewCalendarFeedToken();
        var feed = await store.CreateCalendarFeedAsync(new CalendarFeedDraft { AccountId = account.Id, Kind = kind, PlatformId = platformId, Name = name }, Secrets.Hash(token), ct);
        var url = new Uri(BaseUrl(http, auth.Value), $"feeds/{token}.ics");
        var webcal = "webcal://" + url.GetComponents(UriComponents.HostAndPort | UriComponents.PathAndQuery, UriFormat.UriEscaped);
        return TypedResults.Created($"/api/feeds/{feed.Id}", new CreatedFeed(FeedResponse.From(feed), url.AbsoluteUri, webcal));
    }

    private static async Task<NoContent> Revoke(string id, IAccountStore store, RequestAccess access, HttpContext http, CancellationToken ct)
    {
        var feed = await store.GetCalendarFeedAsync(id, ct);
        // Someone else's feed reads as unknown: its existence is not the caller's business.
        if (feed is null || feed.AccountId != access.Account.Id)
        {
            throw new RequestProblemException(StatusCodes.Status404NotFound, "not-found", detail: RequestLanguage.Of(http) == "en"
                ? $"Calendar feed '{id}' does not exist." : $"Agenda-abonnement '{id}' bestaat niet.");
        }
        await store.DeleteCalendarFeedAsync(feed.Id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Fetch(string token, IAccountStore store, FeedMeetings meetings, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var calendar = token.StartsWith(Secrets.CalendarFeedPrefix, StringComparison.Ordinal) && token.Length < 200
            && await store.UseCalendarFeedAsync(Secrets.Hash(token), now, ct) is { } found
            ? await meetings.CalendarAsync(found.Feed, found.Owner, ct)
            : null;
        if (calendar is null)
        {
            // One answer for unknown, revoked and no-longer-visible feeds; the token is not echoed.
            throw new RequestProblemException(StatusCodes.Status404NotFound, "feed-not-found", detail: RequestLanguage.Of(http) == "en"
                ? "This calendar feed does not exist (any more)." : "Dit agenda-abonnement bestaat niet (meer).");
        }
        var body = Encoding.UTF8.GetBytes(calendar.Text);
        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        var changedAt = await store.RecordCalendarFeedContentAsync(calendar.FeedId, hash, now, ct);
        var headers = http.Response.GetTypedHeaders();
        var etag = new EntityTagHeaderValue($"\"{hash[..32]}\"");
        headers.ETag = etag;
        headers.LastModified = changedAt;
        // The address is a secret: no shared cache may keep the calendar; clients revalidate with the ETag.
        headers.CacheControl = new CacheControlHeaderValue { Private = true, NoCache = true };
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        if (NotModified(http.Request, etag, changedAt)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.File(body, "text/calendar; charset=utf-8");
    }

    /// <summary>RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since (to the second).</summary>
    private static bool NotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset changedAt)
    {
        var typed = request.GetTypedHeaders();
        if (typed.IfNoneMatch is { Count: > 0 } tags) return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        return typed.IfModifiedSince is { } since && changedAt.ToUnixTimeSeconds() <= since.ToUnixTimeSeconds();
    }

    private static Uri BaseUrl(HttpContext http, AuthOptions auth)
    {
        var text = auth.PublicBaseUrl ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

}
