using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
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
        group.MapPost("/", CreateRelationship).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(RolePolicies.Regisseur);
        group.MapGet("/{id}", GetRelationship).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", UpdateRelationship).RequireAuthorization(RolePolicies.Regisseur)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{id}", DeleteRelationship).RequireAuthorization(RolePolicies.Regisseur)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    private static async Task<Ok<Page<Relationship>>> FindRelationships(
        IGraphStore store, RequestAccess access, string? type, string? node, string? from, string? to, string? asOf, string? offset, string? limit, CancellationToken ct)
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
        if (await access.VisibleAsync(ct) is not { } visible) return TypedResults.Ok(await store.FindRelationshipsAsync(query, ct));
        var all = await store.FindRelationshipsAsync(query with { Offset = 0, Limit = int.MaxValue }, ct);
        return TypedResults.Ok(Pages.Of<Relationship>([.. all.Items.Where(r => visible(r.From) || visible(r.To))], query.Offset, query.Limit));
    }

    private static async Task<Created<Relationship>> CreateRelationship(RelationshipDraft draft, IGraphStore store, RequestAccess access, HttpResponse response, CancellationToken ct)
    {
        await access.EnsureWritableAsync(draft.From ?? "", draft.To ?? "", ct);
        var properties = ManagedProperties.Keep(store.Schema.RelationshipType(draft.Type)?.Properties, draft.Properties, stored: null);
        var relationship = await store.CreateRelationshipAsync(draft with { Properties = properties }, ct);
        response.SetETag(relationship.Version);
        return TypedResults.Created($"/api/relationships/{Uri.EscapeDataString(relationship.Id)}", relationship);
    }

    private static async Task<Results<Ok<Relationship>, NotFound>> GetRelationship(string id, IGraphStore store, RequestAccess access, HttpResponse response, CancellationToken ct)
    {
        var relationship = await store.GetRelationshipAsync(id, ct);
        if (relationship is null || (await access.VisibleAsync(ct) is { } visible && !visible(relationship.From) && !visible(relationship.To)))
            throw new GraphItemNotFoundException(ChangeEntity.Relationship, id);
        response.SetETag(relationship.Version);
        return TypedResults.Ok(relationship);
    }

    private static async Task<Ok<Relationship>> UpdateRelationship(
        string id, RelationshipDraft draft, IGraphStore store, RequestAccess access, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var stored = await EnsureWritableAsync(id, store, access, ct);
        var expectedVersion = request.RequiredIfMatch();
        // Kept from what is stored now; a change in between raised the version, which the store then refuses (412).
        var properties = ManagedProperties.Keep(store.Schema.RelationshipType(stored.Type)?.Properties, draft.Properties, stored.Properties);
        var relationship = await store.UpdateRelationshipAsync(id, draft with { Properties = properties }, expectedVersion, ct);
        response.SetETag(relationship.Version);
        return TypedResults.Ok(relationship);
    }

    private static async Task<NoContent> DeleteRelationship(string id, IGraphStore store, RequestAccess access, HttpRequest request, CancellationToken ct)
    {
        await EnsureWritableAsync(id, store, access, ct);
        await store.DeleteRelationshipAsync(id, request.RequiredIfMatch(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Relationship> EnsureWritableAsync(string id, IGraphStore store, RequestAccess access, CancellationToken ct)
    {
        var current = await store.GetRelationshipAsync(id, ct) ?? throw new GraphItemNotFoundException(ChangeEntity.Relationship, id);
        await access.EnsureWritableAsync(current.From, current.To, ct);
        return current;
    }
}
