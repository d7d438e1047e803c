using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Schema;

namespace Netwerk.Core.Reports;

/// <summary>
/// The four Flemish policy priorities for the local coordinating role (beleidsprioriteiten WSE-LR1 … LR4) a
/// regisseur's annual report is organised by. Their codes are the values of the <c>priority</c> property of Platform,
/// Meeting and Agreement in schema.json; items without one land under <see cref="Unassigned"/>.
/// </summary>
public static class PolicyPriorities
{
    public const string Lr1 = "wse-lr1";
    public const string Lr2 = "wse-lr2";
    public const string Lr3 = "wse-lr3";
    public const string Lr4 = "wse-lr4";
    public const string Unassigned = "none";

    /// <summary>The priorities in report order, with their official wording as the report's headings.</summary>
    public static readonly IReadOnlyList<(string Code, LocalizedText Title)> All =
    [
        (Lr1, new("Het opnemen van de lokale regierol sociale economie en werk door de lokale besturen (WSE-LR1)",
            "Local governments taking up the local coordinating role for social economy and work (WSE-LR1)")),
        (Lr2, new("De tewerkstelling van mensen met een afstand tot de arbeidsmarkt in de reguliere en de sociale economie bevorderen en daarbij drempels richting de arbeidsmarkt wegnemen (WSE-LR2)",
            "Promoting the employment of people far from the labour market in the regular and social economy and removing barriers to work (WSE-LR2)")),
        (Lr3, new("Bevorderen van het ondernemerschap, waaronder het sociaal ondernemen en maatschappelijk verantwoord ondernemen (WSE-LR3)",
            "Promoting entrepreneurship, including social and socially responsible enterprise (WSE-LR3)")),
        (Lr4, new("De samenwerking en partnerschappen met VDAB en andere lokale arbeidsmarktactoren faciliteren en een lokale samenwerkingsovereenkomst met VDAB sluiten en opvolgen (WSE-LR4)",
            "Facilitating cooperation with VDAB and other local labour-market actors, and concluding and following up a local cooperation agreement with VDAB (WSE-LR4)")),
        (Unassigned, new("Niet ingedeeld bij een beleidsprioriteit", "Not assigned to a policy priority")),
    ];

    public static bool IsKnown(string? code) => code is Lr1 or Lr2 or Lr3 or Lr4;
}

/// <summary>A node named in the report.</summary>
public sealed record ReportRef(string Id, string Name);

/// <summary>
/// A regisseur's year in figures (jaarverslag) for one region, grouped by policy priority: how often each platform met
/// and with whom, attendance, who and which municipalities were reached, themes, events, agreements and their follow-up,
/// and the blind spots found at year end and acted on. See <see cref="AnnualReportBuilder"/> for what each figure counts.
/// </summary>
public sealed record AnnualReport
{
    public required int Year { get; init; }
    public required string? RegionId { get; init; }
    public required string? RegionName { get; init; }
    /// <summary>The organisation type whose presence makes a meeting one "met …" (default <c>vdab</c>).</summary>
    public required string PartnerType { get; init; }
    public required ReportTotals Totals { get; init; }
    /// <summary>WSE-LR1 … LR4 always, then "none" only when something is unassigned.</summary>
    public required IReadOnlyList<PrioritySection> Priorities { get; init; }
    public required BlindSpotSummary BlindSpots { get; init; }
}

/// <summary>Figures over the whole year, each occurrence and each person, organisation or municipality counted once.</summary>
public sealed record ReportTotals(
    int MeetingsHeld, int MeetingsPlanned, int Attendance, int People, int Organisations, int MunicipalitiesReached, int MunicipalitiesInRegion,
    IReadOnlyList<ReportRef> MunicipalitiesNotReached);

/// <summary>What happened under one policy priority.</summary>
public sealed record PrioritySection
{
    public required string Code { get; init; }
    public required LocalizedText Title { get; init; }
    public required int MeetingsHeld { get; init; }
    public required int Attendance { get; init; }
    public required IReadOnlyList<PlatformYear> Platforms { get; init; }
    public required IReadOnlyList<EventYear> Events { get; init; }
    public required IReadOnlyList<AgreementYear> Agreements { get; init; }
    public required IReadOnlyList<ThemeYear> Themes { get; init; }
    public required IReadOnlyList<ReportRef> Organisations { get; init; }
    public required IReadOnlyList<ReportRef> Municipalities { get; init; }

    public bool IsEmpty => MeetingsHeld == 0 && Platforms.Count == 0 && Events.Count == 0 && Agreements.Count == 0;
}

/// <summary>One platform's year: how often it met (and with the partner present or not), attendance, themes.</summary>
public sealed record PlatformYear
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string? Type { get; init; }
    public required int? CadencePerYear { get; init; }
    public required bool Active { get; init; }
    public required int MeetingsHeld { get; init; }
    /// <summary>Occurrences later in the year that have not taken place yet.</summary>
    public required int MeetingsPlanned { get; init; }
    public required int MeetingsWithPartner { get; init; }
    public required int MeetingsWithoutPartner { get; init; }
    /// <summary>Held occurrences with no registered attendee: who was there is unknown.</summary>
    public required int MeetingsWithoutAttendance { get; init; }
    public required int Attendance { get; init; }
    public required double? AverageAttendance { get; init; }
    public required IReadOnlyList<DateOnly> Dates { get; init; }
    public required IReadOnlyList<ReportRef> Themes { get; init; }
    public required int Organisations { get; init; }
}

/// <summary>An inspiratiemoment, meet &amp; greet, businessmixer, studiedag or other non-overleg occurrence.</summary>
public sealed record EventYear
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string? Type { get; init; }
    public required DateOnly Date { get; init; }
    public required bool Held { get; init; }
    public required string? PlatformId { get; init; }
    public required int Attendance { get; init; }
    public required int Registered { get; init; }
    public required bool WithPartner { get; init; }
    public required int Organisations { get; init; }
    public required IReadOnlyList<ReportRef> Themes { get; init; }
}

/// <summary>An agreement in force during the year and the platforms that follow it up.</summary>
public sealed record AgreementYear
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string? Type { get; init; }
    public required DateOnly? Start { get; init; }
    public required DateOnly? End { get; init; }
    public required IReadOnlyList<ReportRef> Parties { get; init; }
    public required IReadOnlyList<ReportRef> FollowedUpBy { get; init; }
    /// <summary>Held occurrences, in the year, of the platforms that follow the agreement up.</summary>
    public required int FollowUpMeetings { get; init; }
    public bool FollowedUp => FollowedUpBy.Count > 0;
}

/// <summary>A theme and the number of held occurrences about it (the meeting's own themes and its platform's).</summary>
public sealed record ThemeYear(string Id, string Name, int Meetings);

/// <summary>The blind spots found as of the year's end, and which of them a meeting was planned for.</summary>
public sealed record BlindSpotSummary(DateOnly AsOf, int Found, int ActedOn, IReadOnlyList<BlindSpotYear> Findings);

public sealed record BlindSpotYear(string Id, string Kind, Severity Severity, LocalizedText Title, IReadOnlyList<FindingMeeting> Meetings)
{
    public bool ActedOn => Meetings.Count > 0;
}

/// <summary>A meeting planned from a finding (Meeting property <c>finding</c>, set by "plan a meeting about this").</summary>
public sealed record FindingMeeting(string FindingId, string MeetingId, string Title, DateTimeOffset? Start, string Status);
