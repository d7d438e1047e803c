using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Analysis;
using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Core.Accounts;
using Netwerk.Web.Access;
using Netwerk.Web.Http;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Analysis;

/// <summary>Network analysis of a region as of a date: metrics per node, blind spots, shortest paths.</summary>
public static class AnalysisEndpoints
{
    public const int MaxPaths = 100;

    public static IEndpointRouteBuilder MapAnalysis(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var cache = services.GetRequiredService<AnalysisCache>();
        var time = services.GetRequiredService<TimeProvider>();
        var group = app.MapGroup("/api/analysis").WithTags("Analysis")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/metrics", (RequestAccess access, string? region, string? asOf, CancellationToken ct) => GetMetrics(cache, time, access, region, asOf, ct))
            .WithSummary("Degree, betweenness, closeness, PageRank, core number and community of every node of a region (or the whole graph) as of a date (default today).");
        group.MapGet("/blindspots", (HttpContext http, RequestAccess access, string? region, string? asOf, CancellationToken ct) => GetBlindSpots(cache, time, http, access, region, asOf, ct))
            .WithSummary("The blind spots (blinde vlekken) of a region as of a date, most severe first, in the request's language.");
        group.MapGet("/path", (IGraphStore store, HttpContext http, RequestAccess access, string? from, string? to, string? region, string? asOf, string? limit, CancellationToken ct) =>
                GetPath(cache, store, time, http, access, from, to, region, asOf, limit, ct))
            .WithSummary("All shortest paths (up to 'limit', default 20) between two nodes, with the relationship of every hop.");
        return app;
    }

    public sealed record MetricsResponse(
        DateOnly AsOf, string? Region, IReadOnlyList<NodeMetrics> Nodes, double Modularity, int Communities, int Components,
        IReadOnlyList<IReadOnlyList<string>> Bridges, bool BetweennessSampled, double BetweennessErrorBound);

    public sealed record NodeMetrics(
        string Id, string Kind, int Degree, double Betweenness, double Closeness, double Pagerank, int CoreNumber, int Community, bool ArticulationPoint);

    public sealed record BlindSpotsResponse(DateOnly AsOf, string? Region, IReadOnlyList<FindingResponse> Findings);

    public sealed record FindingResponse(string Id, string Kind, Severity Severity, string Title, string Explanation, EvidenceResponse Evidence, string Suggestion);

    public sealed record EvidenceResponse(IReadOnlyList<string> Nodes, IReadOnlyList<IReadOnlyList<string>> Paths, IReadOnlyList<DateOnly> Dates);

    public sealed record PathResponse(string From, string To, DateOnly AsOf, int? Length, bool Truncated, IReadOnlyList<PathItem> Paths);

    public sealed record PathItem(IReadOnlyList<string> Nodes, IReadOnlyList<string> Relationships);

    private static async Task<Ok<MetricsResponse>> GetMetrics(AnalysisCache cache, TimeProvider time, RequestAccess access, string? region, string? asOf, CancellationToken ct)
    {
        var date = ReferenceDate(time, asOf);
        access.RequireRegion(region, Role.Viewer);
        var entry = await cache.GetAsync(region, date, ct);
        var graph = entry.Snapshot;
        var m = entry.Metrics;
        var nodes = new NodeMetrics[graph.NodeCount];
        for (var v = 0; v < nodes.Length; v++)
        {
            nodes[v] = new NodeMetrics(graph.IdOf(v), graph.KindOf(v), m.Degree[v], m.Betweenness.Values[v], m.Closeness?[v] ?? 0,
                m.PageRank.Values[v], m.CoreNumber[v], m.Communities.Community[v], m.Connectivity.IsArticulationPoint[v]);
        }
        var bridges = m.Connectivity.Bridges.Select(b => (IReadOnlyList<string>)[graph.IdOf(b.A), graph.IdOf(b.B)]).ToList();
        return TypedResults.Ok(new MetricsResponse(date, region, nodes, m.Communities.Modularity, m.Communities.Count, m.Connectivity.ComponentCount,
            bridges, m.Betweenness.Sampled, m.Betweenness.ErrorBound(graph.NodeCount)));
    }

    private static async Task<Ok<BlindSpotsResponse>> GetBlindSpots(AnalysisCache cache, TimeProvider time, HttpContext http, RequestAccess access, string? region, string? asOf, CancellationToken ct)
    {
        var date = ReferenceDate(time, asOf);
        access.RequireRegion(region, Role.Viewer);
        var entry = await cache.GetAsync(region, date, ct);
        var language = RequestLanguage.Of(http);
        var findings = entry.BlindSpots.Findings.Select(f => new FindingResponse(
            f.Id, f.Kind, f.Severity, f.Title.For(language), f.Explanation.For(language),
            new EvidenceResponse(f.Evidence.Nodes, f.Evidence.Paths, f.Evidence.Dates), f.Suggestion.For(language))).ToList();
        return TypedResults.Ok(new BlindSpotsResponse(date, region, findings));
    }

    private static async Task<Ok<PathResponse>> GetPath(
        AnalysisCache cache, IGraphStore store, TimeProvider time, HttpContext http, RequestAccess access,
        string? from, string? to, string? region, string? asOf, string? limit, CancellationToken ct)
    {
        var missing = new[] { ("from", from), ("to", to) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => new ValidationError(p.Item1, "required")).ToArray();
        if (missing.Length > 0) throw RequestProblemException.Invalid(missing);
        var max = QueryParameters.Int(limit, "limit", 20, 1, MaxPaths);
        var date = ReferenceDate(time, asOf);
        access.RequireRegion(region, Role.Viewer);
        var entry = await cache.GetAsync(region, date, ct);
        var graph = entry.Snapshot;
        var start = await IndexOf(graph, store, http, from!, ct);
        var end = await IndexOf(graph, store, http, to!, ct);
        // One more than asked shows whether the list was cut short.
        var paths = ShortestPaths.Between(graph, start, end, max + 1);
        var items = paths.Take(max).Select(p => new PathItem(
            p.Nodes.Select(graph.IdOf).ToList(), p.Relationships.Select(graph.RelationshipId).ToList())).ToList();
        return TypedResults.Ok(new PathResponse(from!, to!, date, paths.Count > 0 ? paths[0].Nodes.Length - 1 : null, paths.Count > max, items));
    }

    private static async Task<int> IndexOf(GraphSnapshot graph, IGraphStore store, HttpContext http, string id, CancellationToken ct)
    {
        if (graph.TryGetIndex(id, out var index)) return index;
        if (await store.GetNodeAsync(id, ct) is null) throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        var english = RequestLanguage.Of(http) == "en";
        throw new RequestProblemException(StatusCodes.Status404NotFound, "not-in-region", detail: english
            ? $"Node '{id}' is not part of this region's graph."
            : $"Knoop '{id}' hoort niet bij de graaf van deze regio.");
    }

    /// <summary>The asOf query value, or today's date in Brussels.</summary>
    private static DateOnly ReferenceDate(TimeProvider time, string? asOf) =>
        QueryParameters.Date(asOf, "asOf") ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Brussels).DateTime);

    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Brussels", out var zone) ? zone : TimeZoneInfo.Utc;
}
