using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Netwerk.Web.Http;

namespace Netwerk.Web.Relationships;

/// <summary>CRUD over relationships, with versions as ETags; same rules as nodes.</summary>
public static class RelationshipEndpoints
{
    public static IEndpointRouteBuilder MapRelationships(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/relationships").WithTags("Relationships")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/", FindRelationships)
            .WithSummary("Relationships by type, endpoint (node: either end; from; to) and validity date (asOf, yyyy-MM-dd).");
        group.MapPost("/", CreateRelationship).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}", GetRelationship).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", UpdateRelationship)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{id}", DeleteRelationship)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    private static async Task<Ok<Page<Relationship>>> FindRelationships(
        IGraphStore store, string? type, string? node, string? from, string? to, string? asOf, string? offset, string? limit, CancellationToken ct)
    {
        var query = new RelationshipQuery
        {
            Type = type,
            NodeId = node,
            From = from,
            To = to,
            AsOf = QueryParameters.Date(asOf, "asOf"),
            Offset = QueryParameters.Int(offset, "offset", 0, 0, int.MaxValue),
            Limit = QueryParameters.Int(limit, "limit", 100, 1, 1000),
        };
        return TypedResults.Ok(await store.FindRelationshipsAsync(query, ct));
    }

    private static async Task<Created<Relationship>> CreateRelationship(RelationshipDraft draft, IGraphStore store, HttpResponse response, CancellationToken ct)
    {
        var relationship = await store.CreateRelationshipAsync(draft, ct);
        response.SetETag(relationship.Version);
        return TypedResults.Created($"/api/relationships/{Uri.EscapeDataString(relationship.Id)}", relationship);
    }

    private static async Task<Results<Ok<Relationship>, NotFound>> GetRelationship(string id, IGraphStore store, HttpResponse response, CancellationToken ct)
    {
        var relationship = await store.GetRelationshipAsync(id, ct) ?? throw new GraphItemNotFoundException(ChangeEntity.Relationship, id);
        response.SetETag(relationship.Version);
        return TypedResults.Ok(relationship);
    }

    private static async Task<Ok<Relationship>> UpdateRelationship(
        string id, RelationshipDraft draft, IGraphStore store, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var relationship = await store.UpdateRelationshipAsync(id, draft, request.RequiredIfMatch(), ct);
        response.SetETag(relationship.Version);
        return TypedResults.Ok(relationship);
    }

    private static async Task<NoContent> DeleteRelationship(string id, IGraphStore store, HttpRequest request, CancellationToken ct)
    {
        await store.DeleteRelationshipAsync(id, request.RequiredIfMatch(), ct);
        return TypedResults.NoContent();
    }
}
