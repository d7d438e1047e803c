namespace Netwerk.Core.Accounts;

/// <summary>What a person may do, per werkingsgebied; each role includes the ones below it.</summary>
public enum Role
{
    /// <summary>Reads the network (e.g. the provincial view).</summary>
    Viewer = 1,
    /// <summary>Plans meetings, sends invitations, registers attendance; reads the network.</summary>
    Organiser = 2,
    /// <summary>Everything in their werkingsgebieden, including managing users.</summary>
    Regisseur = 3,
}

/// <summary>A role in one region (a Region node id), or in every region when <see cref="Region"/> is <see cref="AllRegions"/>.</summary>
public sealed record RoleGrant(Role Role, string Region)
{
    public const string AllRegions = "*";

    public bool CoversAllRegions => Region == AllRegions;
}

/// <summary>Someone who may sign in: identified by e-mail, with role grants per region. Not a node of the network.</summary>
public sealed record Account
{
    public required string Id { get; init; }
    /// <summary>Lower-case, trimmed; unique.</summary>
    public required string Email { get; init; }
    public required string Name { get; init; }
    /// <summary>"nl" or "en"; the language of mails to this account.</summary>
    public string Language { get; init; } = "nl";
    public required IReadOnlyList<RoleGrant> Grants { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastSignInAt { get; init; }

    /// <summary>The highest role this account has in a region (a grant on every region counts); null when none.</summary>
    public Role? RoleIn(string region) =>
        Grants.Where(g => g.CoversAllRegions || g.Region == region).Select(g => (Role?)g.Role).Max();

    /// <summary>The highest role this account has anywhere; null when it has no grant.</summary>
    public Role? HighestRole => Grants.Select(g => (Role?)g.Role).Max();

    /// <summary>Whether a grant covers every region (the provincial or Flemish view).</summary>
    public bool SeesAllRegions => Grants.Any(g => g.CoversAllRegions);

    /// <summary>The regions where this account has at least <paramref name="role"/>; empty when <see cref="SeesAllRegions"/> at that role.</summary>
    public IReadOnlyList<string> RegionsWith(Role role) =>
        Grants.Where(g => g.Role >= role && !g.CoversAllRegions).Select(g => g.Region).Distinct(StringComparer.Ordinal).ToList();

    public bool HasEverywhere(Role role) => Grants.Any(g => g.CoversAllRegions && g.Role >= role);

    /// <summary>E-mail addresses are compared trimmed and lower-case.</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();
}

/// <summary>What a regisseur sets when creating or changing an account.</summary>
public sealed record AccountDraft
{
    public required string Email { get; init; }
    public required string Name { get; init; }
    public string Language { get; init; } = "nl";
    public required IReadOnlyList<RoleGrant> Grants { get; init; }
}

/// <summary>
/// A token for scripts (<c>Authorization: Bearer …</c>), acting as its owner. Only a hash is stored; the token
/// itself is shown once, when created.
/// </summary>
public sealed record ApiToken
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}
