using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Accounts;
using Netwerk.Core.Analysis;
using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Planning;
using Netwerk.Core.Reports;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Analysis;
using Netwerk.Web.Http;
using Netwerk.Web.Meetings;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Reports;

/// <summary>
/// The annual report (jaarverslag) of a region: the figures a regisseur reports to the local governments, per policy
/// priority, as JSON for the report page and as a Word document to edit further.
/// </summary>
public static class ReportEndpoints
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/annual", GetAnnual)
            .WithSummary("The annual report of a region for a calendar year: per policy priority (WSE-LR1..4) the platforms' meetings (and how many with the partner, default VDAB), attendance, organisations and municipalities reached, themes, events, agreements and follow-up, blind spots found and acted on.");
        group.MapGet("/annual.docx", GetAnnualDocx)
            .Produces(StatusCodes.Status200OK, contentType: DocxContentType)
            .WithSummary("The same annual report as an editable Word document (Dutch, with Word's heading and table styles).");
        return app;
    }

    /// <summary>The report in the request's language (section and finding titles); labels of types come from /api/schema.</summary>
    public sealed record AnnualReportResponse(
        int Year, string Region, string? RegionName, PartnerResponse Partner, DateOnly AsOf, ReportTotals Totals,
        IReadOnlyList<PrioritySectionResponse> Priorities, AnnualBlindSpotsResponse BlindSpots);

    public sealed record PartnerResponse(string Type, string Label);

    public sealed record PrioritySectionResponse(
        string Code, string Title, int MeetingsHeld, int Attendance, IReadOnlyList<PlatformYear> Platforms, IReadOnlyList<EventYear> Events,
        IReadOnlyList<AgreementYear> Agreements, IReadOnlyList<ThemeYear> Themes, IReadOnlyList<ReportRef> Organisations, IReadOnlyList<ReportRef> Municipalities);

    public sealed record AnnualBlindSpotsResponse(DateOnly AsOf, int Found, int ActedOn, IReadOnlyList<AnnualFindingResponse> Findings);

    public sealed record AnnualFindingResponse(string Id, string Kind, Severity Severity, string Title, bool ActedOn, IReadOnlyList<FindingMeeting> Meetings);

    private static async Task<Ok<AnnualReportResponse>> GetAnnual(
        IGraphStore store, AnalysisCache cache, TimeProvider time, RequestAccess access, HttpContext http,
        string? region, string? year, string? partner, CancellationToken ct)
    {
        var (report, asOf, partnerLabel) = await BuildAsync(store, cache, time, access, region, year, partner, ct);
        var language = RequestLanguage.Of(http);
        return TypedResults.Ok(new AnnualReportResponse(
            report.Year, report.RegionId!, report.RegionName, new PartnerResponse(report.PartnerType, partnerLabel.For(language)), asOf, report.Totals,
            [.. report.Priorities.Select(p => new PrioritySectionResponse(p.Code, p.Title.For(language), p.MeetingsHeld, p.Attendance,
                p.Platforms, p.Events, p.Agreements, p.Themes, p.Organisations, p.Municipalities))],
            new AnnualBlindSpotsResponse(report.BlindSpots.AsOf, report.BlindSpots.Found, report.BlindSpots.ActedOn,
                [.. report.BlindSpots.Findings.Select(f => new AnnualFindingResponse(f.Id, f.Kind, f.Severity, f.Title.For(language), f.ActedOn, f.Meetings))])));
    }

    private static async Task<FileContentHttpResult> GetAnnualDocx(
        IGraphStore store, AnalysisCache cache, TimeProvider time, RequestAccess access,
        string? region, string? year, string? partner, CancellationToken ct)
    {
        var (report, _, partnerLabel) = await BuildAsync(store, cache, time, access, region, year, partner, ct);
        var today = Today(time);
        var bytes = AnnualReportDocument.Write(report, partnerLabel.Nl, today);
        var name = $"jaarverslag-{report.Year}-{FileNames.Part(report.RegionName ?? report.RegionId ?? "netwerk")}.docx";
        return TypedResults.File(bytes, DocxContentType, name);
    }

    private static async Task<(AnnualReport Report, DateOnly AsOf, LocalizedText PartnerLabel)> BuildAsync(
        IGraphStore store, AnalysisCache cache, TimeProvider time, RequestAccess access, string? region, string? year, string? partner, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(region)) throw RequestProblemException.Invalid(new ValidationError("region", "required"));
        var today = Today(time);
        var y = QueryParameters.Int(year, "year", today.Year, 1990, today.Year + 1);
        var partnerType = partner ?? "vdab";
        var organisationType = GraphSchema.Default.NodeKinds.First(k => k.Code == "Organisation").Property("type")!;
        var partnerLabel = organisationType.Values!.FirstOrDefault(v => v.Value == partnerType)?.Label
            ?? throw RequestProblemException.Invalid(new ValidationError("partner", "not-allowed", partnerType, string.Join(", ", organisationType.Values!.Select(v => v.Value))));
        access.RequireRegion(region, Role.Viewer);

        // Relationships of every date: the builder judges each on the day that matters (an employer on the meeting's day).
        var graph = await store.GetGraphAsync(new GraphScope(region, null), ct);
        // Blind spots as the regisseur would have seen them at the year's end (or today, for the running year).
        var yearEnd = new DateOnly(y, 12, 31);
        var asOf = yearEnd < today ? yearEnd : today;
        var findings = (await cache.GetAsync(region, asOf, ct)).BlindSpots;
        var planned = await FindingMeetingsAsync(store, ct);
        var report = new AnnualReportBuilder { PartnerType = partnerType }
            .Build(GraphSnapshot.Build(graph), y, today, region, findings, planned);
        return (report, asOf, partnerLabel);
    }

    /// <summary>Meetings planned from a blind-spot finding ("plan a meeting about this" sets their <c>finding</c>).</summary>
    private static async Task<List<FindingMeeting>> FindingMeetingsAsync(IGraphStore store, CancellationToken ct)
    {
        var meetings = await store.FindNodesAsync(new NodeQuery { Kind = MeetingState.Kind, Limit = int.MaxValue }, ct);
        return [.. meetings.Items
            .Where(m => MeetingNode.Text(m.Properties, FindingMeetings.FindingProperty) is not null)
            .Select(m => new FindingMeeting(MeetingNode.Text(m.Properties, FindingMeetings.FindingProperty)!, m.Id,
                MeetingNode.Text(m.Properties, "title") ?? m.Id, MeetingNode.DateTime(m.Properties, "start"), MeetingNode.Text(m.Properties, "status") ?? "planned"))];
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(MeetingRecurrence.ToBrussels(time.GetUtcNow()).DateTime);
}
