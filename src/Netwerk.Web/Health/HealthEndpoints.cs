using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Storage;

namespace Netwerk.Web.Health;

/// <summary>
/// Health for people and load balancers, all public: <c>/health</c> (the store, with its counts), <c>/health/live</c>
/// (the process answers: restart it when this fails) and <c>/health/ready</c> (every part it needs answers: send it
/// traffic only then; 503 with the failing parts named otherwise).
/// </summary>
public static class HealthEndpoints
{
    public sealed record HealthReport(string Status, StoreStatus Store);

    public sealed record LiveReport(string Status, string Instance);

    public static IServiceCollection AddHealth(this IServiceCollection services) => services.AddSingleton<Readiness>();

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth).AllowAnonymous().WithTags("Health").WithSummary("200 when the store answers, 503 otherwise; the body says which.");
        app.MapGet("/health/live", GetLive).AllowAnonymous().WithTags("Health").WithSummary("200 while the process answers requests (liveness).");
        app.MapGet("/health/ready", GetReady).AllowAnonymous().WithTags("Health")
            .WithSummary("200 when the store, Redis, the job storage and the SMTP server answer (readiness); 503 naming the failing parts otherwise. Cached for 5 s.");
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealth(IGraphStore store, CancellationToken ct)
    {
        var status = await store.GetStatusAsync(ct);
        return status.Healthy
            ? TypedResults.Ok(new HealthReport("ok", status))
            : TypedResults.Json(new HealthReport("unavailable", status), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static Ok<LiveReport> GetLive(ScaleOut.NetwerkInstance instance) => TypedResults.Ok(new LiveReport("ok", instance.Id));

    private static async Task<Results<Ok<ReadinessReport>, JsonHttpResult<ReadinessReport>>> GetReady(Readiness readiness, CancellationToken ct)
    {
        var report = await readiness.CheckAsync(ct);
        return report.Failing.Count == 0
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
