using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Netwerk.Core.Accounts;
using Netwerk.Web.Access;
using Netwerk.Web.Http;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Transfer;

/// <summary>The whole graph (or a region) in and out as one JSON document (format in the README).</summary>
public static class TransferEndpoints
{
    /// <summary>An import may be far larger than an ordinary write: a province's network with history.</summary>
    public const long MaxImportBytes = 64L * 1024 * 1024;

    public static IEndpointRouteBuilder MapTransfer(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Import and export");
        group.MapPost("/import", Import).RequireAuthorization(RolePolicies.Regisseur)
            .Accepts<GraphDocument>("application/json")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Upserts a whole document by id, atomically: all items or none, with every bad item listed. Regisseurs of every region only.");
        group.MapGet("/export", Export).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The whole graph (or ?region=) in the import format, ordered by id; ?asOf= keeps relationships valid on that date. "
                + "?format=cypher (or gexf, graphml) gives that file instead, as /api/export/{format} does.");
        return app;
    }

    private static async Task<Ok<ImportResult>> Import(HttpRequest request, IGraphStore store, RequestAccess access, CancellationToken ct)
    {
        // An import may touch any part of the network.
        access.RequireRegion(null, Role.Regisseur);
        if (!request.HasJsonContentType()) throw new RequestProblemException(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxImportBytes;
        if (request.ContentLength > MaxImportBytes) throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        GraphDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<GraphDocument>(request.Body, GraphJson.Options, ct);
        }
        catch (JsonException e)
        {
            throw new RequestProblemException(StatusCodes.Status400BadRequest, "malformed-json",
                detail: $"Geen geldige JSON van de verwachte vorm bij {e.Path ?? "$"} (regel {e.LineNumber + 1}).");
        }
        if (document is null) throw new RequestProblemException(StatusCodes.Status400BadRequest, "malformed-json");
        return TypedResults.Ok(await store.ImportAsync(document, ct));
    }

    private static async Task<Results<Ok<GraphDocument>, PushStreamHttpResult>> Export(HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time,
        string? region, string? asOf, string? format, CancellationToken ct)
    {
        if (format is not (null or "" or "json"))
            return await ExportEndpoints.ExportAsync(http, store, access, time, new ExportViewRequest { Region = region, AsOf = asOf }, ExportEndpoints.WholeGraphFormat(format), ct);
        var date = QueryParameters.Date(asOf, "asOf");
        access.RequireRegion(region, Role.Viewer);
        var graph = await store.GetGraphAsync(new GraphScope(region, date), ct);
        return TypedResults.Ok(GraphDocument.From(graph));
    }
}
