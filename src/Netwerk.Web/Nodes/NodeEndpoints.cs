using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;

namespace Netwerk.Web.Nodes;

/// <summary>CRUD over nodes, with versions as ETags.</summary>
public static class NodeEndpoints
{
    /// <summary>Query-string keys of GET /api/nodes that are not property filters.</summary>
    private static readonly HashSet<string> ReservedKeys = ["kind", "q", "offset", "limit"];

    public static IEndpointRouteBuilder MapNodes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/nodes").WithTags("Nodes")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/", FindNodes)
            .WithSummary("Nodes by kind, name words (q) and property values (any other key, e.g. ?kind=Organisation&type=maatwerkbedrijf).");
        group.MapPost("/", CreateNode).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(RolePolicies.Regisseur);
        group.MapGet("/{id}", GetNode).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", UpdateNode).RequireAuthorization(RolePolicies.Regisseur)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapGet("/{id}/history", GetHistory).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Changes of the node and of relationships touching it, newest first (also after the node was deleted).");
        group.MapDelete("/{id}", DeleteNode).RequireAuthorization(RolePolicies.Regisseur)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    private static async Task<Ok<Page<Node>>> FindNodes(
        HttpRequest request, IGraphStore store, RequestAccess access, string? kind, string? q, string? offset, string? limit, CancellationToken ct)
    {
        var filters = request.Query.Where(p => !ReservedKeys.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value.ToString());
        var query = new NodeQuery
        {
            Kind = kind,
            Text = q,
            PropertyEquals = filters,
            Offset = QueryParameters.Int(offset, "offset", 0, 0, int.MaxValue),
            Limit = QueryParameters.Int(limit, "limit", 100, 1, 1000),
        };
        if (await access.VisibleAsync(ct) is not { } visible) return TypedResults.Ok(await store.FindNodesAsync(query, ct));
        // Outside the account's regions: filter the whole match, then page, so totals and offsets stay right.
        var all = await store.FindNodesAsync(query with { Offset = 0, Limit = int.MaxValue }, ct);
        return TypedResults.Ok(Pages.Of<Node>([.. all.Items.Where(n => visible(n.Id))], query.Offset, query.Limit));
    }

    private static async Task<Created<Node>> CreateNode(NodeDraft draft, IGraphStore store, HttpResponse response, CancellationToken ct)
    {
        var node = await store.CreateNodeAsync(draft with { Properties = ManagedProperties.Keep(store.Schema.Kind(draft.Kind)?.Properties, draft.Properties, stored: null) }, ct);
        response.SetETag(node.Version);
        return TypedResults.Created($"/api/nodes/{Uri.EscapeDataString(node.Id)}", node);
    }

    private static async Task<Results<Ok<Node>, NotFound>> GetNode(string id, IGraphStore store, RequestAccess access, HttpResponse response, CancellationToken ct)
    {
        await access.EnsureVisibleAsync(id, ct);
        var node = await store.GetNodeAsync(id, ct) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        response.SetETag(node.Version);
        return TypedResults.Ok(node);
    }

    private static async Task<Ok<Node>> UpdateNode(
        string id, NodeDraft draft, IGraphStore store, RequestAccess access, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        await access.EnsureWritableAsync(id, ct);
        var expectedVersion = request.RequiredIfMatch();
        var stored = await store.GetNodeAsync(id, ct) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        // Kept from what is stored now; a change in between raised the version, which the store then refuses (412).
        var properties = ManagedProperties.Keep(store.Schema.Kind(stored.Kind)?.Properties, draft.Properties, stored.Properties);
        var node = await store.UpdateNodeAsync(id, draft with { Properties = properties }, expectedVersion, ct);
        response.SetETag(node.Version);
        return TypedResults.Ok(node);
    }

    private static async Task<Ok<IReadOnlyList<Change>>> GetHistory(string id, IGraphStore store, RequestAccess access, string? limit, CancellationToken ct)
    {
        await access.EnsureVisibleAsync(id, ct);
        // The history of a deleted node is for accounts that see every region: it can no longer be placed in one.
        if (await access.VisibleAsync(ct) is not null && await store.GetNodeAsync(id, ct) is null) throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        var history = await store.GetHistoryAsync(id, QueryParameters.Int(limit, "limit", 100, 1, 1000), ct);
        return history.Count == 0 ? throw new GraphItemNotFoundException(ChangeEntity.Node, id) : TypedResults.Ok(history);
    }

    private static async Task<NoContent> DeleteNode(string id, IGraphStore store, RequestAccess access, HttpRequest request, CancellationToken ct)
    {
        await access.EnsureWritableAsync(id, ct);
        await store.DeleteNodeAsync(id, request.RequiredIfMatch(), ct);
        return TypedResults.NoContent();
    }
}
