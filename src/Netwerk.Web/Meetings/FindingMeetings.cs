using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Netwerk.Core.Accounts;
using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Graph;
using Netwerk.Core.Planning.InviteLists;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.Access;
using Netwerk.Web.Analysis;
using Netwerk.Web.Http;
using Netwerk.Web.Problems;

namespace Netwerk.Web.Meetings;

/// <summary>
/// "Plan a meeting about this" from a blind-spot finding (DESIGN.md §3: every finding can become a draft meeting in one
/// step). The finding is looked up in the same cached report the analysis endpoints serve, and its evidence becomes
/// the draft:
/// <list type="bullet">
/// <item>kind — a sector gap or anything else between groups: a meet &amp; greet; an unaddressed need with one theme: an
/// inspiratiemoment; a platform behind its cadence or a dormant member: an overleg of that platform;</item>
/// <item>invite rule — any of: the staff of the evidence's organisations (both sides of a sector gap), the members of
/// its platforms, the parties of its agreements and projects, the attendees of its meetings (not for a sector gap,
/// where the one shared meeting is the problem); the evidence's people are added by hand;</item>
/// <item>themes — the evidence's themes; title, description (explanation and suggestion) in the request's language;</item>
/// <item>time — a placeholder four weeks after the reference date, Tuesday 10:00–12:00, status draft;</item>
/// <item>finding — the finding's id, so the annual report can tell which blind spots were acted on.</item>
/// </list>
/// </summary>
public static class FindingMeetings
{
    /// <summary>The Meeting property that keeps the finding a meeting was planned for (the annual report counts it as acted on).</summary>
    public const string FindingProperty = "finding";

    public static async Task<Created<MeetingResponse>> CreateFromFinding(
        FromFindingRequest body, IGraphStore store, AnalysisCache cache, PlanningGraph planning, RequestAccess access, HttpContext http, HttpResponse response, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.FindingId)) throw RequestProblemException.Invalid(new ValidationError("findingId", "required"));
        var asOf = MeetingValidation.PlanningDate(QueryParameters.Date(body.AsOf, "asOf"), "asOf") ?? planning.Today;
        var region = string.IsNullOrWhiteSpace(body.Region) ? null : body.Region;
        access.RequireRegion(region, Role.Organiser);
        var entry = await cache.GetAsync(region, asOf, ct);
        var language = RequestLanguage.Of(http);
        var finding = entry.BlindSpots.Findings.FirstOrDefault(f => f.Id == body.FindingId)
            ?? throw new RequestProblemException(StatusCodes.Status404NotFound, "finding-not-found", detail: language == "en"
                ? $"There is no finding '{body.FindingId}' in this region on {asOf:yyyy-MM-dd}."
                : $"Er is geen bevinding '{body.FindingId}' in dit werkingsgebied op {asOf:dd-MM-yyyy}.");

        var graph = entry.Snapshot;
        List<string> OfKind(string kind) =>
            [.. finding.Evidence.Nodes.Where(id => graph.TryGetIndex(id, out var v) && graph.IsKind(v, kind)).Order(StringComparer.Ordinal)];
        var organisations = OfKind("Organisation");
        var platforms = OfKind("Platform");
        var agreements = OfKind("Agreement").Concat(OfKind("Project")).ToList();
        var meetings = finding.Kind == BlindSpotKinds.SectorGap ? [] : OfKind("Meeting");
        var people = OfKind("Person");
        var themes = OfKind("Theme");

        var rules = new List<InviteListRule>();
        if (organisations.Count > 0) rules.Add(new StaffOfRule { Organisations = organisations });
        rules.AddRange(platforms.Select(p => new PlatformMembersRule { Platform = p }));
        rules.AddRange(agreements.Select(a => new AgreementPartiesRule { Agreement = a }));
        if (meetings.Count > 0) rules.Add(new AttendeesRule { Meetings = meetings });
        var definition = new InviteListDefinition
        {
            Rule = rules.Count switch { 0 => null, 1 => rules[0], _ => new AnyRule { Rules = rules } },
            Add = people,
        };

        var kind = finding.Kind switch
        {
            BlindSpotKinds.UnaddressedNeed when themes.Count == 1 => "inspiratiemoment",
            BlindSpotKinds.PlatformBehindCadence or BlindSpotKinds.DormantMember when platforms.Count == 1 => "overleg",
            _ => "meet-and-greet",
        };
        var day = asOf.AddDays(28);
        while (day.DayOfWeek != DayOfWeek.Tuesday) day = day.AddDays(1);
        var start = MeetingEndpoints.LocalMidnight(day).AddHours(10);
        var title = finding.Title.For(language);
        var request = new MeetingRequest
        {
            Kind = kind,
            Title = title.Length > 300 ? title[..300] : title,
            Description = finding.Explanation.For(language) + "\n\n" + finding.Suggestion.For(language),
            Start = MeetingNode.Format(start),
            End = MeetingNode.Format(start.AddHours(2)),
            Status = "draft",
            Platform = kind == "overleg" ? platforms[0] : null,
            Themes = themes,
        };
        var valid = await MeetingValidation.ValidateAsync(request, store, null, ct);
        await access.EnsurePlannableAsync([.. valid.Platform is { } p ? [p] : Array.Empty<string>(), .. organisations.Take(1)], ct);
        var extra = new Dictionary<string, JsonElement>
        {
            ["inviteRules"] = MeetingNode.ToJsonText(new StoredInviteList(definition)),
            [FindingProperty] = MeetingNode.Element(finding.Id),
        };
        var state = await MeetingEndpoints.CreateAsync(store, null, valid, extra, ct);
        response.SetETag(state.Node.Version);
        return TypedResults.Created($"/api/meetings/{Uri.EscapeDataString(state.Id)}", state.ToResponse());
    }
}
