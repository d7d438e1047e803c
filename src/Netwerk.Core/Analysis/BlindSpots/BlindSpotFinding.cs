using System.Security.Cryptography;
using System.Text;
using Netwerk.Core.Schema;

namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>How urgently a regisseur should look at a finding.</summary>
public enum Severity { High, Medium, Low }

/// <summary>The stable codes of the blind-spot kinds (DESIGN.md §3); clients and tests rely on them.</summary>
public static class BlindSpotKinds
{
    public const string UnaddressedNeed = "unaddressed-need";
    public const string UncoveredMunicipality = "uncovered-municipality";
    public const string SectorGap = "sector-gap";
    public const string IsolatedActor = "isolated-actor";
    public const string SinglePersonTie = "single-person-tie";
    public const string ArticulationPoint = "articulation-point";
    public const string OverReliance = "over-reliance";
    public const string DormantMember = "dormant-member";
    public const string PlatformBehindCadence = "platform-behind-cadence";
    public const string AgreementExpiring = "agreement-expiring";
    public const string AgreementWithoutFollowUp = "agreement-without-follow-up";
    public const string Silo = "silo";

    public static readonly IReadOnlyList<string> All =
    [
        UnaddressedNeed, UncoveredMunicipality, SectorGap, IsolatedActor, SinglePersonTie, ArticulationPoint,
        OverReliance, DormantMember, PlatformBehindCadence, AgreementExpiring, AgreementWithoutFollowUp, Silo,
    ];
}

/// <summary>
/// What a finding rests on: the node ids involved (for highlighting and for an invite list), paths through the
/// network as node id lists, and the dates that matter (meetings held, an agreement's end).
/// </summary>
public sealed record BlindSpotEvidence(IReadOnlyList<string> Nodes, IReadOnlyList<IReadOnlyList<string>> Paths, IReadOnlyList<DateOnly> Dates)
{
    public static BlindSpotEvidence Of(IEnumerable<string> nodes, IEnumerable<IReadOnlyList<string>>? paths = null, IEnumerable<DateOnly>? dates = null) =>
        new([.. nodes.Distinct()], [.. paths ?? []], [.. (dates ?? []).Distinct().Order()]);
}

/// <summary>
/// One blind spot: a stable id (the same finding keeps its id from one run to the next), its kind, severity,
/// explanation and suggested action in Dutch and English, and its evidence.
/// </summary>
public sealed record BlindSpotFinding
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required Severity Severity { get; init; }
    public required LocalizedText Title { get; init; }
    public required LocalizedText Explanation { get; init; }
    public required LocalizedText Suggestion { get; init; }
    public required BlindSpotEvidence Evidence { get; init; }

    /// <summary>
    /// The id of a finding: its kind and a hash of the key that identifies it (e.g. the platform, or the two sectors),
    /// not of all its evidence, so a finding keeps its id while its evidence grows.
    /// </summary>
    public static string StableId(string kind, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + key));
        return kind + "-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}

/// <summary>The findings for one graph and reference date, most severe first.</summary>
public sealed record BlindSpotReport(DateOnly AsOf, string? RegionId, IReadOnlyList<BlindSpotFinding> Findings);
