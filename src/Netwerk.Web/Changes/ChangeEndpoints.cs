using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;

namespace Netwerk.Web.Changes;

/// <summary>The change feed: what was committed after a sequence number, for catching up after a reconnect.</summary>
public static class ChangeEndpoints
{
    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/changes").WithTags("Changes").ProducesProblem(StatusCodes.Status400BadRequest)
            .MapGet("/", GetChanges)
            .WithSummary("Changes after `since` (oldest first, at most `limit`), the latest sequence and whether more follow.");
        return app;
    }

    private static async Task<Ok<ChangePage>> GetChanges(IGraphStore store, RequestAccess access, string? since, string? limit, CancellationToken ct)
    {
        var page = await store.GetChangesAsync(QueryParameters.Long(since, "since", 0), QueryParameters.Int(limit, "limit", 500, 1, 5000), ct);
        if (await access.VisibleAsync(ct) is not { } visible) return TypedResults.Ok(page);
        // Changes outside the account's regions are left out; the latest sequence still moves, so catching up works.
        // A deleted node belongs to no region any more: its deletion is passed on (an open map drops it) without its data.
        return TypedResults.Ok(page with
        {
            Changes = page.Changes
                .Where(c => visible(c.Id) || (c.From is not null && visible(c.From)) || (c.To is not null && visible(c.To)))
                .Select(c => c is { Entity: ChangeEntity.Node, Operation: ChangeOperation.Deleted } ? c with { Data = null } : c)
                .ToList(),
        });
    }
}
