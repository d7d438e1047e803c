using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Netwerk.Web.Http;

namespace Netwerk.Web.GraphViews;

/// <summary>Read views over the graph: a region's map, a node's neighbourhood, name search.</summary>
public static class GraphViewEndpoints
{
    public static IEndpointRouteBuilder MapGraphViews(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Graph").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/graph", GetGraph).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The whole graph, or a region's graph (see README: 'The graph of a region'), as of a date.");
        group.MapGet("/nodes/{id}/neighbourhood", GetNeighbourhood).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Nodes within depth 1–3 of a node, either direction, and the relationships among them.");
        group.MapGet("/search", Search).WithSummary("Full-text search over names; every word matches as a prefix, accents ignored.");
        return app;
    }

    private static async Task<Ok<Subgraph>> GetGraph(IGraphStore store, string? region, string? asOf, CancellationToken ct) =>
        TypedResults.Ok(await store.GetGraphAsync(new GraphScope(region, QueryParameters.Date(asOf, "asOf")), ct));

    private static async Task<Ok<Subgraph>> GetNeighbourhood(IGraphStore store, string id, string? depth, string? asOf, CancellationToken ct) =>
        TypedResults.Ok(await store.GetNeighbourhoodAsync(id, QueryParameters.Int(depth, "depth", 1, 1, 3), QueryParameters.Date(asOf, "asOf"), ct));

    private static async Task<Ok<IReadOnlyList<SearchHit>>> Search(IGraphStore store, string? q, string? limit, CancellationToken ct) =>
        TypedResults.Ok(await store.SearchAsync(q ?? "", QueryParameters.Int(limit, "limit", 20, 1, 200), ct));
}
