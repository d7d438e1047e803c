using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Netwerk.Core.Accounts;
using Netwerk.Web.Access;
using Netwerk.Web.Http;

namespace Netwerk.Web.GraphViews;

/// <summary>Read views over the graph: a region's map, a node's neighbourhood, name search.</summary>
public static class GraphViewEndpoints
{
    public static IEndpointRouteBuilder MapGraphViews(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Graph").ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/graph", GetGraph).Produces<Subgraph>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The whole graph, or a region's graph (see README: 'The graph of a region'), as of a date.");
        group.MapGet("/nodes/{id}/neighbourhood", GetNeighbourhood).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Nodes within depth 1–3 of a node, either direction, and the relationships among them.");
        group.MapGet("/search", Search).WithSummary("Full-text search over names; every word matches as a prefix, accents ignored.");
        return app;
    }

    /// <summary>The graph as JSON, serialised once per (region, date, feed position) and shared by every request (<see cref="RegionGraphCache"/>).</summary>
    private static async Task<IResult> GetGraph(RegionGraphCache graphs, RequestAccess access, string? region, string? asOf, CancellationToken ct)
    {
        var date = QueryParameters.Date(asOf, "asOf");
        access.RequireRegion(region, Role.Viewer);
        return TypedResults.Bytes(await graphs.GetJsonAsync(new GraphScope(region, date), ct), "application/json; charset=utf-8");
    }

    private static async Task<Ok<Subgraph>> GetNeighbourhood(IGraphStore store, RequestAccess access, string id, string? depth, string? asOf, CancellationToken ct)
    {
        var hops = QueryParameters.Int(depth, "depth", 1, 1, 3);
        var date = QueryParameters.Date(asOf, "asOf");
        await access.EnsureVisibleAsync(id, ct);
        var graph = await store.GetNeighbourhoodAsync(id, hops, date, ct);
        if (await access.VisibleAsync(ct) is not { } visible) return TypedResults.Ok(graph);
        return TypedResults.Ok(graph with
        {
            Nodes = graph.Nodes.Where(n => visible(n.Id)).ToList(),
            Relationships = graph.Relationships.Where(r => visible(r.From) && visible(r.To)).ToList(),
        });
    }

    private static async Task<Ok<IReadOnlyList<SearchHit>>> Search(IGraphStore store, RequestAccess access, string? q, string? limit, CancellationToken ct)
    {
        var max = QueryParameters.Int(limit, "limit", 20, 1, 200);
        if (await access.VisibleAsync(ct) is not { } visible) return TypedResults.Ok(await store.SearchAsync(q ?? "", max, ct));
        // Ask for more than needed: some of the best hits may lie outside the account's regions.
        var hits = await store.SearchAsync(q ?? "", max * 10, ct);
        return TypedResults.Ok((IReadOnlyList<SearchHit>)hits.Where(h => visible(h.Id)).Take(max).ToList());
    }
}
