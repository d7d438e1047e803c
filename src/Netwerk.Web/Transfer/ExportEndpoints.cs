using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Accounts;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Transfer;

/// <summary>
/// What the map shows, for the export of "the current view": the map's region and date and the ids of the nodes its
/// filters let through. The server reads the region as of the date (with the caller's rights) and keeps only those
/// nodes and the relationships between two of them, so a view can never reach beyond what the caller may see.
/// </summary>
public sealed record ExportViewRequest
{
    public string? Region { get; init; }
    public string? AsOf { get; init; }
    /// <summary>The node ids shown; null exports the whole region (or graph).</summary>
    public IReadOnlyList<string>? Nodes { get; init; }
    /// <summary>For CSV: the node kind, or …</summary>
    public string? Kind { get; init; }
    /// <summary>… for CSV: the relationship type.</summary>
    public string? Type { get; init; }
    /// <summary>For CSV: "semicolon" (default, for Excel in Belgium) or "comma".</summary>
    public string? Delimiter { get; init; }
}

/// <summary>
/// The network for other tools: GEXF (Gephi) and GraphML files, and CSV per node kind or relationship type. GET exports
/// a region (or the whole graph) as of a date, as the JSON export does; POST exports the current view of the map.
/// Viewers may export what they may see.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/export").WithTags("Import and export")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/gexf", (HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time, string? region, string? asOf, CancellationToken ct) =>
                ExportAsync(http, store, access, time, new ExportViewRequest { Region = region, AsOf = asOf }, Format.Gexf, ct))
            .Produces(StatusCodes.Status200OK, contentType: GexfWriter.ContentType)
            .WithSummary("The region (or whole graph) as of a date as GEXF 1.3 for Gephi: typed attributes, relationship dates as the timeline.");
        group.MapPost("/gexf", (HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time, ExportViewRequest body, CancellationToken ct) =>
                ExportAsync(http, store, access, time, body, Format.Gexf, ct))
            .Produces(StatusCodes.Status200OK, contentType: GexfWriter.ContentType)
            .WithSummary("The map's current view (region, date, node ids) as GEXF 1.3.");
        group.MapGet("/graphml", (HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time, string? region, string? asOf, CancellationToken ct) =>
                ExportAsync(http, store, access, time, new ExportViewRequest { Region = region, AsOf = asOf }, Format.GraphMl, ct))
            .Produces(StatusCodes.Status200OK, contentType: GraphMlWriter.ContentType)
            .WithSummary("The region (or whole graph) as of a date as GraphML, a typed key per property.");
        group.MapPost("/graphml", (HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time, ExportViewRequest body, CancellationToken ct) =>
                ExportAsync(http, store, access, time, body, Format.GraphMl, ct))
            .Produces(StatusCodes.Status200OK, contentType: GraphMlWriter.ContentType)
            .WithSummary("The map's current view (region, date, node ids) as GraphML.");
        group.MapGet("/csv", (HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time, string? region, string? asOf, string? kind, string? type, string? delimiter, CancellationToken ct) =>
                ExportAsync(http, store, access, time, new ExportViewRequest { Region = region, AsOf = asOf, Kind = kind, Type = type, Delimiter = delimiter }, Format.Csv, ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("One node kind (?kind=) or relationship type (?type=) as CSV: UTF-8 with BOM, ';' between fields (?delimiter=comma for ',').");
        group.MapPost("/csv", (HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time, ExportViewRequest body, CancellationToken ct) =>
                ExportAsync(http, store, access, time, body, Format.Csv, ct))
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("One node kind or relationship type of the map's current view as CSV.");
        return app;
    }

    private enum Format { Gexf, GraphMl, Csv }

    private static async Task<IResult> ExportAsync(HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time, ExportViewRequest request, Format format, CancellationToken ct)
    {
        var region = string.IsNullOrEmpty(request.Region) ? null : request.Region;
        var date = QueryParameters.Date(request.AsOf, "asOf");
        var schema = store.Schema;
        // Everything the request names is checked before anything is read: a bad kind is a 400, not a half-written file.
        NodeKindDefinition? kind = null;
        RelationshipTypeDefinition? type = null;
        var delimiter = ';';
        if (format == Format.Csv)
        {
            // One file per kind or type: name exactly one.
            if (request.Kind is null && request.Type is null) throw RequestProblemException.Invalid(new ValidationError("kind", "required"));
            if (request.Kind is not null && request.Type is not null) throw RequestProblemException.Invalid(new ValidationError("type", "kind-or-type"));
            if (request.Kind is not null && (kind = schema.Kind(request.Kind)) is null) throw RequestProblemException.Invalid(new ValidationError("kind", "unknown-kind", request.Kind));
            if (request.Type is not null && (type = schema.RelationshipType(request.Type)) is null) throw RequestProblemException.Invalid(new ValidationError("type", "unknown-type", request.Type));
            delimiter = request.Delimiter switch
            {
                null or "" or "semicolon" or ";" => ';',
                "comma" or "," => ',',
                _ => throw RequestProblemException.Invalid(new ValidationError("delimiter", "not-allowed", request.Delimiter, "semicolon, comma")),
            };
        }
        access.RequireRegion(region, Role.Viewer);
        var graph = await store.GetGraphAsync(new GraphScope(region, date), ct);
        if (request.Nodes is { } shown)
        {
            var wanted = shown.ToHashSet(StringComparer.Ordinal);
            var nodes = graph.Nodes.Where(n => wanted.Contains(n.Id)).ToList();
            var kept = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
            graph = new Subgraph(nodes, [.. graph.Relationships.Where(r => kept.Contains(r.From) && kept.Contains(r.To))]);
        }

        var language = RequestLanguage.Of(http);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Core.Planning.MeetingRecurrence.Zone).DateTime);
        var day = (date ?? today).ToString(GraphDates.DateFormat, CultureInfo.InvariantCulture);
        var scope = region ?? "netwerk";
        var view = request.Nodes is null ? "" : language == "en" ? ", current view" : ", huidige weergave";
        var description = new ExportDescription(today, (language == "en" ? $"Netwerk: {scope}, as of {day}" : $"Netwerk: {scope}, op {day}") + view);
        var baseName = $"netwerk-{FileNamePart(region ?? "alles")}-{day}{(request.Nodes is null ? "" : "-weergave")}";
        return format switch
        {
            Format.Gexf => TypedResults.Stream(s => GexfWriter.WriteAsync(s, graph, schema, language, description, ct), GexfWriter.ContentType, baseName + ".gexf"),
            Format.GraphMl => TypedResults.Stream(s => GraphMlWriter.WriteAsync(s, graph, schema, language, description, ct), GraphMlWriter.ContentType, baseName + ".graphml"),
            _ => kind is not null
                ? TypedResults.Stream(s => CsvExport.WriteNodesAsync(s, graph, kind, delimiter, ct), CsvExport.ContentType, $"{baseName}-{kind.Code}.csv")
                : TypedResults.Stream(s => CsvExport.WriteRelationshipsAsync(s, graph, schema, type!, delimiter, ct), CsvExport.ContentType, $"{baseName}-{type!.Code}.csv"),
        };
    }

    /// <summary>An id as part of a file name: ids are already safe (letters, digits, . _ : -), but ':' is not on Windows.</summary>
    public static string FileNamePart(string id) => id.Replace(':', '-');
}
