namespace Netwerk.Core.Storage;

/// <summary>
/// What "the graph of a region" means, for every store. Only relationships valid on the reference date count.
/// <list type="number">
/// <item>The region node and its municipalities (Municipality PART_OF Region).</item>
/// <item>Anchors: every node with a relationship to the region or one of those municipalities
/// (organisations, projects and platforms ACTIVE_IN them, signals ABOUT them).</item>
/// <item>People: every person who WORKS_FOR an anchor organisation.</item>
/// <item>Context: every direct neighbour of an anchor or such a person (their platforms, agreements,
/// projects, themes, meetings, partner organisations).</item>
/// </list>
/// The region graph is the union of these nodes with every relationship between two of them.
/// So a platform outside the region shows when a regional organisation or person is a member, and a meeting
/// shows when a regional person attended or was invited, but that platform's other members do not.
/// </summary>
public static class RegionScope
{
    public const string RegionKind = "Region";
    public const string MunicipalityKind = "Municipality";
    public const string PersonKind = "Person";
    public const string PartOf = "PART_OF";
    public const string WorksFor = "WORKS_FOR";
}
