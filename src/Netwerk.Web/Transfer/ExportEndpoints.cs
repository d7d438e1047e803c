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
/// The network for other tools: GEXF (Gephi) and GraphML files, a Cypher script for Neo4j, and CSV per node kind or
/// relationship type. GET exports a region (or the whole graph) as of a date, as the JSON export does; POST exports the
/// current view of the map. Viewers may export what they may see.
/// </summary>
public static class ExportEndpoints
{
    /// <summary>A file format: its path segment, media type (without charset, as documented) and what its GET and POST endpoints say they give.</summary>
    public sealed record FileFormat(string Code, string MediaType, string WholeSummary, string ViewSummary);

    private static readonly FileFormat Gexf = new("gexf", GexfWriter.ContentType,
        "The region (or whole graph) as of a date as GEXF 1.3 for Gephi: typed attributes, relationship dates as the timeline.",
        "The map's current view (region, date, node ids) as GEXF 1.3.");
    private static readonly FileFormat GraphMl = new("graphml", GraphMlWriter.ContentType,
        "The region (or whole graph) as of a date as GraphML, a typed key per property.",
        "The map's current view (region, date, node ids) as GraphML.");
    private static readonly FileFormat Cypher = new("cypher", "application/x-cypher",
        "The region (or whole graph) as of a date as a Cypher script that loads it into an empty Neo4j 5.26+ (the Neo4j store's layout).",
        "The map's current view (region, date, node ids) as a Cypher script for Neo4j.");
    private static readonly FileFormat Csv = new("csv", "text/csv",
        "One node kind (?kind=) or relationship type (?type=) as CSV: UTF-8 with BOM, ';' between fields (?delimiter=comma for ',').",
        "One node kind or relationship type of the map's current view as CSV.");

    /// <summary>The formats that need nothing but region and date, so GET /api/export?format= offers them too.</summary>
    public static readonly IReadOnlyList<FileFormat> WholeGraphFormats = [Gexf, GraphMl, Cypher];

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/export").WithTags("Import and export")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        foreach (var format in WholeGraphFormats)
        {
            group.MapGet("/" + format.Code, (HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time, string? region, string? asOf, CancellationToken ct) =>
                    ExportAsync(http, store, access, time, new ExportViewRequest { Region = region, AsOf = asOf }, format, ct))
                .Produces(StatusCodes.Status200OK, contentType: format.MediaType).WithSummary(format.WholeSummary);
        }
        // CSV names one kind or type besides region and date.
        group.MapGet("/csv", (HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time, string? region, string? asOf, string? kind, string? type, string? delimiter, CancellationToken ct) =>
                ExportAsync(http, store, access, time, new ExportViewRequest { Region = region, AsOf = asOf, Kind = kind, Type = type, Delimiter = delimiter }, Csv, ct))
            .Produces(StatusCodes.Status200OK, contentType: Csv.MediaType).WithSummary(Csv.WholeSummary);
        foreach (var format in (FileFormat[])[.. WholeGraphFormats, Csv])
        {
            group.MapPost("/" + format.Code, (HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time, ExportViewRequest body, CancellationToken ct) =>
                    ExportAsync(http, store, access, time, body, format, ct))
                .Produces(StatusCodes.Status200OK, contentType: format.MediaType).WithSummary(format.ViewSummary);
        }
        return app;
    }

    /// <summary>GET /api/export?format=: one of <see cref="WholeGraphFormats"/> by its code, or a 400 naming the allowed ones.</summary>
    public static FileFormat WholeGraphFormat(string format) =>
        WholeGraphFormats.FirstOrDefault(f => f.Code == format)
        ?? throw RequestProblemException.Invalid(new ValidationError("format", "not-allowed", format, "json, " + string.Join(", ", WholeGraphFormats.Select(f => f.Code))));

    /// <summary>The file of <paramref name="format"/> for the region, date and (for a view) nodes of the request, as the caller may see it.</summary>
    public static async Task<PushStreamHttpResult> ExportAsync(HttpContext http, IGraphStore store, RequestAccess access, TimeProvider time, ExportViewRequest request, FileFormat format, CancellationToken ct)
    {
        var region = string.IsNullOrEmpty(request.Region) ? null : request.Region;
        var date = QueryParameters.Date(request.AsOf, "asOf");
        var schema = store.Schema;
        // Everything the request names is checked before anything is read: a bad kind is a 400, not a half-written file.
        NodeKindDefinition? kind = null;
        RelationshipTypeDefinition? type = null;
        var delimiter = ';';
        if (format == Csv)
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
        var baseName = $"netwerk-{FileNames.Part(region ?? "alles", "alles")}-{day}{(request.Nodes is null ? "" : "-weergave")}";
        return format.Code switch
        {
            "gexf" => TypedResults.Stream(s => GexfWriter.WriteAsync(s, graph, schema, language, description, ct), GexfWriter.ContentType, baseName + ".gexf"),
            "graphml" => TypedResults.Stream(s => GraphMlWriter.WriteAsync(s, graph, schema, language, description, ct), GraphMlWriter.ContentType, baseName + ".graphml"),
            "cypher" => TypedResults.Stream(s => CypherWriter.WriteAsync(s, graph, schema, description, ct), CypherWriter.ContentType, baseName + ".cypher"),
            _ => kind is not null
                ? TypedResults.Stream(s => CsvExport.WriteNodesAsync(s, graph, kind, delimiter, ct), CsvExport.ContentType, $"{baseName}-{kind.Code}.csv")
                : TypedResults.Stream(s => CsvExport.WriteRelationshipsAsync(s, graph, schema, type!, delimiter, ct), CsvExport.ContentType, $"{baseName}-{type!.Code}.csv"),
        };
    }
}
