using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Netwerk.Core.Accounts;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Http;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Spreadsheets;

/// <summary>
/// Import from spreadsheets: upload a sheet, preview it against a column mapping (per-row errors, matches with existing
/// nodes), then import it in one atomic write. Like the JSON import, it may touch any part of the network, so it needs
/// a regisseur of every region.
/// </summary>
public static class SpreadsheetEndpoints
{
    public const long MaxUploadBytes = 10L * 1024 * 1024;

    public static IServiceCollection AddSpreadsheets(this IServiceCollection services) => services.AddSingleton<SheetUploads>();

    public static IEndpointRouteBuilder MapSpreadsheets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/spreadsheets").WithTags("Import from spreadsheets").RequireAuthorization(RolePolicies.Regisseur)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Upload)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Uploads an .xlsx or .csv (form field 'file', at most 10 MB): its columns, first rows and a suggested mapping per target. Kept for an hour after its last use.");
        group.MapPost("/{id}/preview", Preview).ProducesValidationProblem()
            .WithSummary("Every row as the import would write it: values, errors, the existing node it matches or candidates to confirm, duplicates within the sheet.");
        group.MapPost("/{id}/import", Import).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Imports the sheet atomically with the user's decisions: everything or nothing. Rows with errors refuse the import (422 listing them) unless skipBadRows.");
        group.MapGet("/{id}/progress", Progress)
            .WithSummary("How far the running (or last) import of this upload is: phase reading, matching, writing, done or failed, with rows done.");
        return app;
    }

    private static async Task<Created<SpreadsheetUpload>> Upload(HttpRequest request, SheetUploads uploads, GraphSchema schema, RequestAccess access, CancellationToken ct)
    {
        access.RequireRegion(null, Role.Regisseur);
        var language = RequestLanguage.Of(request.HttpContext);
        if (!request.HasFormContentType) throw Refuse(StatusCodes.Status415UnsupportedMediaType, "file-required", language);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxUploadBytes + 64 * 1024;
        var tooLarge = Refuse(StatusCodes.Status413PayloadTooLarge, "file-too-large", language, (MaxUploadBytes / 1024 / 1024).ToString(CultureInfo.InvariantCulture));
        if (request.ContentLength > MaxUploadBytes + 64 * 1024) throw tooLarge;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw tooLarge;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw Refuse(StatusCodes.Status400BadRequest, "file-required", language);
        }
        if (form.Files.Count != 1) throw Refuse(StatusCodes.Status400BadRequest, "file-required", language);
        var file = form.Files[0];
        if (file.Length > MaxUploadBytes) throw tooLarge;
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        SheetTable sheet;
        try
        {
            sheet = SheetReader.Read(Path.GetFileName(file.FileName), buffer.ToArray());
        }
        catch (SheetFormatException e)
        {
            var status = e.Code is "not-a-spreadsheet" or "old-excel-format" ? StatusCodes.Status415UnsupportedMediaType : StatusCodes.Status422UnprocessableEntity;
            var args = e.Code switch
            {
                "too-many-rows" => new[] { e.Message, SheetReader.MaxRows.ToString(CultureInfo.InvariantCulture) },
                "too-many-columns" => [e.Message, SheetReader.MaxColumns.ToString(CultureInfo.InvariantCulture)],
                _ => [],
            };
            throw Refuse(status, e.Code, language, args);
        }
        var entry = uploads.Add(access.Account.Id, sheet);
        var targets = Enum.GetValues<ImportTarget>().Select(target =>
        {
            var properties = ImportTargets.Properties(schema, target);
            return new TargetDescription(target, properties, ColumnSuggestions.Suggest(sheet.Columns, properties, target));
        }).ToList();
        return TypedResults.Created($"/api/spreadsheets/{entry.Id}", new SpreadsheetUpload(
            entry.Id, sheet.FileName, sheet.Format, sheet.Detail, sheet.Rows.Count, sheet.Columns, [.. sheet.Rows.Take(20)], targets, uploads.ExpiresAt(entry)));
    }

    private static async Task<Ok<SpreadsheetPreview>> Preview(
        string id, SpreadsheetImportRequest body, HttpContext http, SheetUploads uploads, IGraphStore store, RequestAccess access, CancellationToken ct)
    {
        var (entry, planner) = await Prepare(id, body, http, uploads, store, access, ct);
        return TypedResults.Ok(planner.Plan(entry.Sheet, body).ToPreview());
    }

    private static async Task<Ok<SpreadsheetImportResult>> Import(
        string id, SpreadsheetImportRequest body, HttpContext http, SheetUploads uploads, IGraphStore store, RequestAccess access, CancellationToken ct)
    {
        var language = RequestLanguage.Of(http);
        var entry = Find(id, uploads, access, language);
        if (!entry.TryStartImport()) throw Refuse(StatusCodes.Status409Conflict, "import-running", language);
        var total = entry.Sheet.Rows.Count;
        try
        {
            entry.Progress = new("reading", 0, total);
            var (_, planner) = await Prepare(id, body, http, uploads, store, access, ct);
            entry.Progress = new("matching", 0, total);
            var plan = planner.Plan(entry.Sheet, body, (done, all) => entry.Progress = new("matching", done, all));

            var bad = plan.Rows.Where(r => r.Status == "error").ToList();
            if (bad.Count > 0 && !body.SkipBadRows) throw RowsRefused("rows-invalid", bad, language);
            var undecided = plan.Rows.Where(r => r.Status == "needs-decision").ToList();
            if (undecided.Count > 0)
            {
                foreach (var row in undecided) row.Error(null, "decision-required", SpreadsheetMessages.Say("decision-required", language));
                throw RowsRefused("decisions-required", undecided, language);
            }
            var built = SheetDocument.Build(plan, planner);
            if (built.RowsImported == 0) throw Refuse(StatusCodes.Status422UnprocessableEntity, "nothing-to-import", language);

            entry.Progress = new("writing", total, total);
            var result = await store.ImportAsync(built.Document, ct);
            entry.Progress = new("done", total, total);
            return TypedResults.Ok(new SpreadsheetImportResult(
                result.NodesCreated, result.NodesUpdated, result.NodesUnchanged,
                result.RelationshipsCreated, result.RelationshipsUpdated, result.RelationshipsUnchanged,
                built.RowsImported, built.RowsSkipped, result.LatestSequence, built.CreatedIds));
        }
        catch
        {
            entry.Progress = entry.Progress with { Phase = "failed" };
            throw;
        }
        finally
        {
            entry.EndImport();
        }
    }

    private static Ok<ImportProgress> Progress(string id, HttpContext http, SheetUploads uploads, RequestAccess access) =>
        TypedResults.Ok(Find(id, uploads, access, RequestLanguage.Of(http)).Progress);

    private static async Task<(SheetUploads.Entry Entry, SheetImportPlanner Planner)> Prepare(
        string id, SpreadsheetImportRequest body, HttpContext http, SheetUploads uploads, IGraphStore store, RequestAccess access, CancellationToken ct)
    {
        var language = RequestLanguage.Of(http);
        var entry = Find(id, uploads, access, language);
        var mappingErrors = SheetImportPlanner.CheckMapping(store.Schema, entry.Sheet, body);
        if (mappingErrors.Count > 0)
        {
            throw new ProblemResponseException(new HttpValidationProblemDetails(
                mappingErrors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => SpreadsheetMessages.Say(e.Code, language, e.Args)).ToArray()))
            {
                Status = StatusCodes.Status400BadRequest,
                Detail = SpreadsheetMessages.Say(mappingErrors[0].Code, language, mappingErrors[0].Args),
                Extensions = { ["code"] = "bad-mapping" },
            });
        }
        var graph = await store.GetGraphAsync(new GraphScope(), ct);
        return (entry, new SheetImportPlanner(store.Schema, graph, language));
    }

    private static SheetUploads.Entry Find(string id, SheetUploads uploads, RequestAccess access, string language)
    {
        access.RequireRegion(null, Role.Regisseur);
        return uploads.Get(id, access.Account.Id) ?? throw Refuse(StatusCodes.Status404NotFound, "upload-not-found", language);
    }

    private static RequestProblemException Refuse(int status, string code, string language, params string[] args) =>
        new(status, code, detail: SpreadsheetMessages.Say(code, language, args));

    private static ProblemResponseException RowsRefused(string code, List<RowPlan> rows, string language) => new(new ProblemDetails
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Detail = SpreadsheetMessages.Say(code, language, rows.Count.ToString(CultureInfo.InvariantCulture)),
        Extensions =
        {
            ["code"] = code,
            ["rows"] = rows.Select(r => new { row = r.Row, name = r.Name, errors = r.Errors }).ToArray(),
        },
    });
}
