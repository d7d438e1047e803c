using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Health;

public static class HealthEndpoints
{
    public sealed record HealthReport(string Status, StoreStatus Store);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth).AllowAnonymous().WithTags("Health").WithSummary("200 when the store answers, 503 otherwise; the body says which.");
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealth(IGraphStore store, CancellationToken ct)
    {
        var status = await store.GetStatusAsync(ct);
        return status.Healthy
            ? TypedResults.Ok(new HealthReport("ok", status))
            : TypedResults.Json(new HealthReport("unavailable", status), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
