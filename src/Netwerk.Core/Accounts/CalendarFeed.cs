namespace Netwerk.Core.Accounts;

/// <summary>What a calendar feed holds.</summary>
public enum CalendarFeedKind
{
    /// <summary>The meetings its owner is invited to or organises (found through Person nodes with the account's e-mail address).</summary>
    Personal = 1,

    /// <summary>Every meeting of one platform.</summary>
    Platform = 2,
}

/// <summary>
/// An iCalendar subscription (<c>webcal://…/feeds/&lt;token&gt;.ics</c>) owned by an account; it reads the network as
/// its owner and lives no longer than the account. Only a hash of its token is stored; the token is shown once, when
/// created. <see cref="ContentHash"/> and <see cref="ContentChangedAt"/> remember the last calendar served, so the
/// feed's Last-Modified moves only when its content does.
/// </summary>
public sealed record CalendarFeed
{
    public required string Id { get; init; }
    public required string AccountId { get; init; }
    public required CalendarFeedKind Kind { get; init; }
    /// <summary>The platform of a <see cref="CalendarFeedKind.Platform"/> feed; null for a personal one.</summary>
    public string? PlatformId { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public string? ContentHash { get; init; }
    public DateTimeOffset? ContentChangedAt { get; init; }
}

/// <summary>What an account asks for when it creates a feed.</summary>
public sealed record CalendarFeedDraft
{
    public required string AccountId { get; init; }
    public required CalendarFeedKind Kind { get; init; }
    public string? PlatformId { get; init; }
    public required string Name { get; init; }
}
