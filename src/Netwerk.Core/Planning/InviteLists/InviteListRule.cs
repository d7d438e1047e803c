using System.Text.Json.Serialization;

namespace Netwerk.Core.Planning.InviteLists;

/// <summary>
/// One rule of an invite list: who in the graph should be invited. Rules are JSON objects told apart by their
/// <c>type</c>; <c>all</c> and <c>any</c> combine other rules (intersection and union). Every leaf rule yields
/// people (Person nodes); what each means in graph terms is on its record.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(AllRule), "all")]
[JsonDerivedType(typeof(AnyRule), "any")]
[JsonDerivedType(typeof(PlatformMembersRule), "platform-members")]
[JsonDerivedType(typeof(FunctionRule), "function")]
[JsonDerivedType(typeof(OrganisationsRule), "organisations")]
[JsonDerivedType(typeof(StaffOfRule), "staff-of")]
[JsonDerivedType(typeof(AgreementPartiesRule), "agreement-parties")]
[JsonDerivedType(typeof(ThemeRule), "theme")]
[JsonDerivedType(typeof(AttendeesRule), "attendees")]
public abstract record InviteListRule;

/// <summary>People matched by every one of <see cref="Rules"/>.</summary>
public sealed record AllRule : InviteListRule
{
    public IReadOnlyList<InviteListRule> Rules { get; init; } = [];
}

/// <summary>People matched by at least one of <see cref="Rules"/>.</summary>
public sealed record AnyRule : InviteListRule
{
    public IReadOnlyList<InviteListRule> Rules { get; init; } = [];
}

/// <summary>
/// People who are MEMBER_OF the platform (with one of <see cref="Roles"/> when given; a membership without a role
/// counts as <c>lid</c>); with <see cref="IncludeOrganisationStaff"/> also the staff (WORKS_FOR) of member organisations.
/// </summary>
public sealed record PlatformMembersRule : InviteListRule
{
    public required string Platform { get; init; }
    public IReadOnlyList<string>? Roles { get; init; }
    public bool IncludeOrganisationStaff { get; init; }
}

/// <summary>
/// People with one of <see cref="Functions"/> (the function on their WORKS_FOR, else on the person) working for an
/// organisation in the area: ACTIVE_IN the <see cref="Municipality"/>, or ACTIVE_IN the <see cref="Region"/> or one of
/// its municipalities. Either criterion may be left out, not both.
/// </summary>
public sealed record FunctionRule : InviteListRule
{
    public IReadOnlyList<string>? Functions { get; init; }
    public string? Region { get; init; }
    public string? Municipality { get; init; }
}

/// <summary>
/// The staff (WORKS_FOR) of organisations of one of <see cref="Types"/> and one of <see cref="Sectors"/>, in the area
/// when given (as for <see cref="FunctionRule"/>). At least one criterion.
/// </summary>
public sealed record OrganisationsRule : InviteListRule
{
    public IReadOnlyList<string>? Types { get; init; }
    public IReadOnlyList<string>? Sectors { get; init; }
    public string? Region { get; init; }
    public string? Municipality { get; init; }
}

/// <summary>The staff (WORKS_FOR) of the given organisations: e.g. both sides of a sector gap.</summary>
public sealed record StaffOfRule : InviteListRule
{
    public IReadOnlyList<string> Organisations { get; init; } = [];
}

/// <summary>The staff of the organisations PARTY_TO an agreement (or a project).</summary>
public sealed record AgreementPartiesRule : InviteListRule
{
    public required string Agreement { get; init; }
}

/// <summary>
/// People working on a theme: the staff of organisations that ADDRESS it, and the members of platforms that ADDRESS
/// it (people directly; member organisations' staff too).
/// </summary>
public sealed record ThemeRule : InviteListRule
{
    public required string Theme { get; init; }
}

/// <summary>
/// People who ATTENDED earlier meetings: the given <see cref="Meetings"/>, and/or every meeting OF the
/// <see cref="Platform"/>; only meetings starting on or after <see cref="Since"/> when given.
/// </summary>
public sealed record AttendeesRule : InviteListRule
{
    public IReadOnlyList<string>? Meetings { get; init; }
    public string? Platform { get; init; }
    public DateOnly? Since { get; init; }
}

/// <summary>
/// An invite list as an organiser defines it: an optional rule, people added by hand and people removed by hand
/// (removal wins over every rule and over an addition).
/// </summary>
public sealed record InviteListDefinition
{
    public InviteListRule? Rule { get; init; }
    public IReadOnlyList<string> Add { get; init; } = [];
    public IReadOnlyList<string> Remove { get; init; } = [];
}
