using System.Text.Json;
using Netwerk.Core.Analysis;
using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Graph;
using Netwerk.Core.Planning;

namespace Netwerk.Core.Reports;

/// <summary>
/// Builds the <see cref="AnnualReport"/> of one calendar year (Europe/Brussels) from a region's graph. Pure: the same
/// snapshot, year, reference day and findings give the same report.
/// <para>The snapshot should hold relationships regardless of validity (built without an "as of" date): every
/// relationship is judged on the date that matters — an attendee's employer on the day of the meeting, a platform's
/// FOLLOWS_UP during the year — so someone who changed employer mid-year counts for the right one.</para>
/// What counts:
/// <list type="bullet">
/// <item><b>Occurrences.</b> A recurring meeting is expanded (RRULE with its per-occurrence changes; cancelled
/// occurrences and moved ones land where they are now); each occurrence whose start lies in the year counts once.
/// Drafts and cancelled meetings never count. An occurrence is <i>held</i> when its meeting has status <c>held</c>, or
/// status <c>planned</c> and it began on or before the reference day (attendance is often registered late);
/// otherwise it is <i>planned</i>.</item>
/// <item><b>Attendance</b> of an occurrence: the people who ATTENDED it (for a recurring meeting, those registered for
/// that occurrence; an ATTENDED without occurrence counts for the first one) plus the meeting's anonymous attendees
/// (erased people), or the meeting's head count <c>attendeeCount</c> when that is higher — W13 counts "ongeveer 40"
/// where only the named people are registered.</item>
/// <item><b>"Met VDAB"</b> (the partner): a held occurrence at which at least one registered attendee WORKS_FOR, on that
/// day, an organisation of the partner type (<c>vdab</c> by default). A held occurrence without registered attendees
/// is neither with nor without: it counts as "aanwezigheid niet geregistreerd".</item>
/// <item><b>Organisations reached</b>: the attendees' employers on the day; <b>municipalities reached</b>: the
/// municipalities of the region those organisations are ACTIVE_IN during the year (an organisation active in the
/// whole region reaches no particular municipality, as in the blind-spot coverage).</item>
/// <item><b>Themes</b>: what a held occurrence's meeting or its platform ADDRESSES.</item>
/// <item><b>Priority</b> of an occurrence: its meeting's <c>priority</c>, else its platform's; a platform's row sits
/// under the platform's priority; an agreement under its own.</item>
/// <item><b>Agreements</b>: in force at some point of the year (start/end dates), with the platforms that FOLLOW_UP
/// them during the year and how often those met.</item>
/// <item><b>Blind spots</b>: the findings given (the region's analysis as of the year's end); acted on when a meeting
/// that is not cancelled was planned from the finding.</item>
/// </list>
/// </summary>
public sealed class AnnualReportBuilder
{
    private const string Meeting = "Meeting", Platform = "Platform", Agreement = "Agreement", Organisation = "Organisation";
    private const string Theme = "Theme", Municipality = "Municipality", Person = "Person";
    private const string Of = "OF", Attended = "ATTENDED", WorksFor = "WORKS_FOR", ActiveIn = "ACTIVE_IN", Addresses = "ADDRESSES";
    private const string PartOf = "PART_OF", FollowsUp = "FOLLOWS_UP", PartyTo = "PARTY_TO";

    public string PartnerType { get; init; } = "vdab";

    /// <param name="graph">The region's graph, ideally with relationships of every date (see the class summary).</param>
    /// <param name="year">The calendar year reported on.</param>
    /// <param name="today">The reference day: occurrences of "planned" meetings after it have not taken place.</param>
    /// <param name="regionId">The region reported on (its municipalities are the ones that can be reached); null for all.</param>
    /// <param name="blindSpots">The region's findings as of the year's end (or today, for the running year).</param>
    /// <param name="findingMeetings">Meetings planned from findings, wherever they are in the graph.</param>
    public AnnualReport Build(
        GraphSnapshot graph, int year, DateOnly today, string? regionId = null,
        BlindSpotReport? blindSpots = null, IReadOnlyList<FindingMeeting>? findingMeetings = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2200);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var context = new Context(graph, first, last, today, regionId, PartnerType);
        var occurrences = context.Occurrences();

        var sections = new List<PrioritySection>();
        foreach (var (code, title) in PolicyPriorities.All)
        {
            var inSection = occurrences.Where(o => o.Priority == code).ToList();
            var heldHere = inSection.Where(o => o.Held).ToList();
            var section = new PrioritySection
            {
                Code = code,
                Title = title,
                MeetingsHeld = heldHere.Count,
                Attendance = heldHere.Sum(o => o.Attendance),
                Platforms = context.Platforms(occurrences, code),
                Events = [.. inSection.Where(o => context.Text(o.Meeting, "type") is not ("overleg" or null)).Select(context.Event)],
                Agreements = context.Agreements(occurrences, code),
                Themes = [.. heldHere.SelectMany(o => o.Themes.Select(t => (Theme: t, o)))
                    .GroupBy(x => x.Theme).Select(g => new ThemeYear(graph.IdOf(g.Key), graph.NameOf(g.Key), g.Count()))
                    .OrderByDescending(t => t.Meetings).ThenBy(t => t.Name, StringComparer.Ordinal)],
                Organisations = context.Refs(heldHere.SelectMany(o => o.Organisations)),
                Municipalities = context.Refs(context.MunicipalitiesOf(heldHere.SelectMany(o => o.Organisations))),
            };
            if (code != PolicyPriorities.Unassigned || !section.IsEmpty) sections.Add(section);
        }

        var held = occurrences.Where(o => o.Held).ToList();
        var organisations = held.SelectMany(o => o.Organisations).ToHashSet();
        var reached = context.MunicipalitiesOf(organisations);
        var regionMunicipalities = context.RegionMunicipalities;
        var totals = new ReportTotals(
            held.Count, occurrences.Count - held.Count, held.Sum(o => o.Attendance),
            held.SelectMany(o => o.Attendees).Distinct().Count(), organisations.Count, reached.Count, regionMunicipalities.Count,
            context.Refs(regionMunicipalities.Where(m => !reached.Contains(m))));

        var planned = (findingMeetings ?? []).Where(m => m.Status != "cancelled").ToLookup(m => m.FindingId, StringComparer.Ordinal);
        var findings = (blindSpots?.Findings ?? [])
            .Select(f => new BlindSpotYear(f.Id, f.Kind, f.Severity, f.Title,
                [.. planned[f.Id].OrderBy(m => m.Start).ThenBy(m => m.MeetingId, StringComparer.Ordinal)]))
            .ToList();
        var summary = new BlindSpotSummary(blindSpots?.AsOf ?? last, findings.Count, findings.Count(f => f.ActedOn), findings);

        return new AnnualReport
        {
            Year = year,
            RegionId = regionId,
            RegionName = regionId is not null && graph.TryGetIndex(regionId, out var region) ? graph.NameOf(region) : null,
            PartnerType = PartnerType,
            Totals = totals,
            Priorities = sections,
            BlindSpots = summary,
        };
    }

    /// <summary>One occurrence of a meeting in the year, with everything the figures need.</summary>
    private sealed record Occurrence(
        int Meeting, int? Platform, DateTimeOffset Start, DateOnly Date, bool Held, string Priority,
        int Attendance, int Registered, bool WithPartner, IReadOnlyList<int> Attendees, IReadOnlyList<int> Organisations, IReadOnlyList<int> Themes);

    private sealed class Context(GraphSnapshot g, DateOnly first, DateOnly last, DateOnly today, string? regionId, string partnerType)
    {
        private HashSet<int>? _regionMunicipalities;

        public string? Text(int node, string property) => g.Text(node, property);

        /// <summary>The region's municipalities (all municipalities without a region).</summary>
        public HashSet<int> RegionMunicipalities => _regionMunicipalities ??= regionId is not null && g.TryGetIndex(regionId, out var region)
            ? [.. Related(region, PartOf, Direction.Incoming, first, last).Where(m => g.IsKind(m, Municipality))]
            : [.. g.NodesOfKind(Municipality)];

        public List<Occurrence> Occurrences()
        {
            var zone = MeetingRecurrence.Zone;
            var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue)));
            var nextYear = first.AddYears(1).ToDateTime(TimeOnly.MinValue);
            var to = new DateTimeOffset(nextYear, zone.GetUtcOffset(nextYear));
            var result = new List<Occurrence>();
            foreach (var meeting in g.NodesOfKind(Meeting))
            {
                var status = g.Text(meeting, "status") ?? "planned";
                if (status is "draft" or "cancelled") continue;
                if (!GraphDates.TryParseDateTime(g.Text(meeting, "start"), out var start)) continue;
                var end = GraphDates.TryParseDateTime(g.Text(meeting, "end"), out var e) && e > start ? e : start.AddHours(1);
                var rule = g.Text(meeting, "recurrence");
                var expanded = MeetingRecurrence.ExpandLeniently(rule, start, end, Exceptions(meeting), from, to);
                if (expanded.Count == 0) continue;
                var platform = g.Related(meeting, Of, Direction.Outgoing).Where(p => g.IsKind(p, Platform)).Cast<int?>().FirstOrDefault();
                var priority = Priority(meeting) ?? (platform is { } p ? Priority(p) : null) ?? PolicyPriorities.Unassigned;
                var themes = g.Related(meeting, Addresses, Direction.Outgoing)
                    .Concat(platform is { } pl ? g.Related(pl, Addresses, Direction.Outgoing) : [])
                    .Where(t => g.IsKind(t, Theme)).Distinct().Order().ToList();
                var firstOriginal = string.IsNullOrWhiteSpace(rule) ? (DateTimeOffset?)null : SafeFirstStart(rule, start);
                var attended = new List<(int Person, DateTimeOffset? At)>();
                foreach (var r in g.RelationshipsOf(meeting))
                {
                    if (g.RelationshipType(r) != Attended || g.RelationshipTo(r) != meeting) continue;
                    var person = g.RelationshipFrom(r);
                    if (!g.IsKind(person, Person)) continue;
                    var at = g.RelationshipProperties(r).TryGetValue("occurrence", out var v) && v.ValueKind == JsonValueKind.String
                        && GraphDates.TryParseDateTime(v.GetString(), out var instant) ? instant : (DateTimeOffset?)null;
                    attended.Add((person, at));
                }
                foreach (var occurrence in expanded)
                {
                    if (occurrence.Cancelled || occurrence.Start < from || occurrence.Start >= to) continue;
                    var date = DateOnly.FromDateTime(occurrence.Start.DateTime);
                    // The meeting-level figures (head count, erased people) belong to a one-off meeting or a series' first occurrence.
                    var isFirst = firstOriginal is null || occurrence.OriginalStart.UtcDateTime == firstOriginal.Value.UtcDateTime;
                    var attendees = attended
                        .Where(a => a.At is { } at ? at.UtcDateTime == occurrence.OriginalStart.UtcDateTime || firstOriginal is null : isFirst)
                        .Select(a => a.Person).Distinct().Order().ToList();
                    var anonymous = isFirst ? g.Integer(meeting, "anonymousAttendees") ?? 0 : 0;
                    var headCount = isFirst ? g.Integer(meeting, "attendeeCount") ?? 0 : 0;
                    var organisations = attendees.SelectMany(a => Related(a, WorksFor, Direction.Outgoing, date, date))
                        .Where(o => g.IsKind(o, Organisation)).Distinct().Order().ToList();
                    var held = status == "held" || date <= today;
                    result.Add(new Occurrence(meeting, platform, occurrence.Start, date, held, priority,
                        held ? Math.Max(headCount, attendees.Count + anonymous) : 0, held ? attendees.Count : 0,
                        held && organisations.Any(o => g.Text(o, "type") == partnerType),
                        held ? attendees : [], held ? organisations : [], themes));
                }
            }
            return [.. result.OrderBy(o => o.Start).ThenBy(o => g.IdOf(o.Meeting), StringComparer.Ordinal)];
        }

        public IReadOnlyList<PlatformYear> Platforms(List<Occurrence> occurrences, string code)
        {
            var byPlatform = occurrences.Where(o => o.Platform is not null).ToLookup(o => o.Platform!.Value);
            var regional = RegionMunicipalities;
            var rows = new List<PlatformYear>();
            foreach (var platform in g.NodesOfKind(Platform))
            {
                if ((Priority(platform) ?? PolicyPriorities.Unassigned) != code) continue;
                var mine = byPlatform[platform].ToList();
                var active = g.Boolean(platform, "active") != false;
                // A platform that did not meet is still worth a line when it is active and works in the region: "0 keer".
                if (mine.Count == 0 && !(active && IsRegional(platform, regional))) continue;
                var held = mine.Where(o => o.Held).ToList();
                var known = held.Where(o => o.Registered > 0).ToList();
                rows.Add(new PlatformYear
                {
                    Id = g.IdOf(platform),
                    Name = g.NameOf(platform),
                    Type = g.Text(platform, "type"),
                    CadencePerYear = g.Integer(platform, "cadencePerYear"),
                    Active = active,
                    MeetingsHeld = held.Count,
                    MeetingsPlanned = mine.Count - held.Count,
                    MeetingsWithPartner = known.Count(o => o.WithPartner),
                    MeetingsWithoutPartner = known.Count(o => !o.WithPartner),
                    MeetingsWithoutAttendance = held.Count - known.Count,
                    Attendance = held.Sum(o => o.Attendance),
                    AverageAttendance = held.Count == 0 ? null : Math.Round(held.Sum(o => o.Attendance) / (double)held.Count, 1),
                    Dates = [.. held.Select(o => o.Date)],
                    Themes = Refs(g.Related(platform, Addresses, Direction.Outgoing).Concat(held.SelectMany(o => o.Themes)).Where(t => g.IsKind(t, Theme))),
                    Organisations = held.SelectMany(o => o.Organisations).Distinct().Count(),
                });
            }
            return [.. rows.OrderByDescending(r => r.MeetingsHeld).ThenBy(r => r.Name, StringComparer.Ordinal)];
        }

        public EventYear Event(Occurrence o) => new()
        {
            Id = g.IdOf(o.Meeting),
            Title = g.NameOf(o.Meeting),
            Type = g.Text(o.Meeting, "type"),
            Date = o.Date,
            Held = o.Held,
            PlatformId = o.Platform is { } p ? g.IdOf(p) : null,
            Attendance = o.Attendance,
            Registered = o.Registered,
            WithPartner = o.WithPartner,
            Organisations = o.Organisations.Count,
            Themes = Refs(o.Themes),
        };

        public IReadOnlyList<AgreementYear> Agreements(List<Occurrence> occurrences, string code)
        {
            var heldPerPlatform = occurrences.Where(o => o.Held && o.Platform is not null).GroupBy(o => o.Platform!.Value).ToDictionary(x => x.Key, x => x.Count());
            var rows = new List<AgreementYear>();
            foreach (var agreement in g.NodesOfKind(Agreement))
            {
                if ((Priority(agreement) ?? PolicyPriorities.Unassigned) != code) continue;
                var start = g.Date(agreement, "startDate");
                var end = g.Date(agreement, "endDate");
                if (start > last || end < first) continue;
                var followers = Related(agreement, FollowsUp, Direction.Incoming, first, last).Where(p => g.IsKind(p, Platform)).Distinct().ToList();
                rows.Add(new AgreementYear
                {
                    Id = g.IdOf(agreement),
                    Title = g.NameOf(agreement),
                    Type = g.Text(agreement, "type"),
                    Start = start,
                    End = end,
                    Parties = Refs(Related(agreement, PartyTo, Direction.Incoming, first, last)),
                    FollowedUpBy = Refs(followers),
                    FollowUpMeetings = followers.Sum(p => heldPerPlatform.GetValueOrDefault(p)),
                });
            }
            return [.. rows.OrderBy(r => r.Title, StringComparer.Ordinal)];
        }

        /// <summary>The region's municipalities that these organisations are active in during the year.</summary>
        public HashSet<int> MunicipalitiesOf(IEnumerable<int> organisations)
        {
            var regional = RegionMunicipalities;
            return [.. organisations.Distinct().SelectMany(o => Related(o, ActiveIn, Direction.Outgoing, first, last)).Where(regional.Contains)];
        }

        public IReadOnlyList<ReportRef> Refs(IEnumerable<int> nodes) =>
            [.. nodes.Distinct().Select(v => new ReportRef(g.IdOf(v), g.NameOf(v))).OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)];

        private bool IsRegional(int platform, HashSet<int> municipalities) =>
            Related(platform, ActiveIn, Direction.Outgoing, first, last).Any(t => municipalities.Contains(t) || (regionId is not null && g.IdOf(t) == regionId));

        private string? Priority(int node) => g.Text(node, "priority") is { } p && PolicyPriorities.IsKnown(p) ? p : null;

        /// <summary>Nodes related by a type, the relationship holding at some point between two dates.</summary>
        private List<int> Related(int node, string type, Direction direction, DateOnly from, DateOnly until)
        {
            var result = new List<int>();
            foreach (var r in g.RelationshipsOf(node))
            {
                if (g.RelationshipType(r) != type || !g.RelationshipValidDuring(r, from, until)) continue;
                if (direction != Direction.Incoming && g.RelationshipFrom(r) == node) result.Add(g.RelationshipTo(r));
                else if (direction != Direction.Outgoing && g.RelationshipTo(r) == node) result.Add(g.RelationshipFrom(r));
            }
            return result;
        }

        private List<OccurrenceException> Exceptions(int meeting)
        {
            if (g.Text(meeting, "exceptions") is not { Length: > 0 } text) return [];
            try
            {
                return JsonSerializer.Deserialize<List<OccurrenceException>>(text, GraphJson.Options) ?? [];
            }
            catch (JsonException)
            {
                return [];
            }
        }

        private static DateTimeOffset? SafeFirstStart(string rule, DateTimeOffset start)
        {
            try
            {
                return MeetingRecurrence.Starts(rule, start).FirstOrDefault();
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or Ical.Net.Evaluation.EvaluationException)
            {
                return null;
            }
        }
    }
}
