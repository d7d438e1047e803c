namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>
/// Every threshold of the blind-spot detectors, with defaults chosen for a werkingsgebied of a few hundred actors.
/// All windows end on the reference date (asOf) and count back in calendar months.
/// </summary>
public sealed record BlindSpotOptions
{
    /// <summary>What "recently" means: meetings held in this many months before asOf count as activity (default 12).</summary>
    public int ActivityWindowMonths { get; init; } = 12;

    /// <summary>unaddressed-need: a signal or raised theme with fewer structural addressers (platform, agreement,
    /// project, organisation) than this is flagged; none at all is high severity (default 2, so "only one" is flagged).</summary>
    public int MinimumAddressers { get; init; } = 2;

    /// <summary>sector-gap: a group with at least this many organisations on both sides and no bridge is high severity (default 3).</summary>
    public int SectorGapHighSeverityOrganisations { get; init; } = 3;

    /// <summary>sector-gap: pairs of organisation types checked besides all pairs of sectors
    /// (default: maatwerk and arbeidszorg against regular companies and care providers).</summary>
    public IReadOnlyList<(string A, string B)> SectorGapTypePairs { get; init; } =
    [
        ("maatwerkbedrijf", "reguliere-onderneming"),
        ("maatwerkbedrijf", "zorgvoorziening"),
        ("arbeidszorginitiatief", "zorgvoorziening"),
        ("lde-onderneming", "lokaal-bestuur"),
        ("ocmw", "vdab"),
    ];

    /// <summary>articulation-point: node kinds whose loss is reported (default people, organisations, platforms).</summary>
    public IReadOnlyList<string> ArticulationKinds { get; init; } = ["Person", "Organisation", "Platform"];

    /// <summary>articulation-point: report only when removing the node cuts off at least this many nodes (default 3).</summary>
    public int ArticulationMinimumCutOff { get; init; } = 3;

    /// <summary>articulation-point: high severity when the cut-off part is at least this share of the component (default 0.1).</summary>
    public double ArticulationHighShare { get; init; } = 0.1;

    /// <summary>over-reliance: a person's normalised betweenness must reach this (default 0.05) …</summary>
    public double OverRelianceMinimumBetweenness { get; init; } = 0.05;

    /// <summary>… and be this many times the mean betweenness of people (default 3).</summary>
    public double OverRelianceFactor { get; init; } = 3;

    /// <summary>over-reliance: high severity from this betweenness on (default 0.15).</summary>
    public double OverRelianceHighBetweenness { get; init; } = 0.15;

    /// <summary>over-reliance: a person invited to at least this many meetings in the window (default 6) …</summary>
    public int OverInvitationMinimum { get; init; } = 6;

    /// <summary>… and to this many times the upper quartile of invited people's counts (default 3) is flagged.</summary>
    public double OverInvitationFactor { get; init; } = 3;

    /// <summary>dormant-member: months without attending a meeting of one's platform (default 12).</summary>
    public int DormantMonths { get; init; } = 12;

    /// <summary>dormant-member: the platform must have held at least this many meetings with registered attendance in
    /// that time (default 1: a platform that met once a year and was skipped is a dormant tie too, ROSE in 2023).</summary>
    public int DormantMinimumMissedMeetings { get; init; } = 1;

    /// <summary>platform-behind-cadence: meetings a platform may fall short of its cadence before it is flagged (default 0).</summary>
    public int CadenceTolerance { get; init; }

    /// <summary>agreement-expiring: agreements ending within this many months after asOf (default 12).</summary>
    public int ExpiringWithinMonths { get; init; } = 12;

    /// <summary>agreement-expiring: high severity when the end is within this many months (default 6).</summary>
    public int ExpiringHighWithinMonths { get; init; } = 6;

    /// <summary>silo: communities smaller than this are not reported (default 5).</summary>
    public int SiloMinimumSize { get; init; } = 5;

    /// <summary>silo: a community whose ties to the rest are at most this share of its ties (cut / volume) is a silo (default 0.1).</summary>
    public double SiloMaximumExternalShare { get; init; } = 0.1;

    /// <summary>
    /// How the metrics behind over-reliance, articulation points and silos are computed when not supplied: no closeness,
    /// and above 10,000 nodes betweenness from 300 sampled sources (Hoeffding bound ε ≈ 0.15 at 20,000 nodes; the
    /// measured error on the Flanders-scale benchmark is about 0.01, far below the 0.05 over-reliance threshold).
    /// </summary>
    public MetricsOptions Metrics { get; init; } = new() { IncludeCloseness = false, Betweenness = new BetweennessOptions { SampleSources = 300 } };
}
