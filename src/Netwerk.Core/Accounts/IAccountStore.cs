namespace Netwerk.Core.Accounts;

/// <summary>
/// Where accounts, one-time sign-in links and API tokens live. Secrets never reach the store in clear:
/// callers pass a hash (see <c>SecretHash</c> in the host), so a copy of the database signs nobody in.
/// </summary>
public interface IAccountStore
{
    Task<Account?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates an account; throws <see cref="DuplicateAccountException"/> when the e-mail is taken.</summary>
    Task<Account> CreateAsync(AccountDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Replaces name, e-mail, language and grants; null when the account does not exist.</summary>
    Task<Account?> UpdateAsync(string id, AccountDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Removes the account with its sign-in links, API tokens and calendar feeds; false when it did not exist.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Stores a sign-in link's hash for an account until it expires.</summary>
    Task SaveSignInLinkAsync(string accountId, string linkHash, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uses up a sign-in link: returns its account when the hash is known, unused and not expired at
    /// <paramref name="now"/>, and records the sign-in. A link works once, even when two requests race.
    /// </summary>
    Task<Account?> UseSignInLinkAsync(string linkHash, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<ApiToken> CreateApiTokenAsync(string accountId, string name, string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>The tokens of one account, or of all accounts when <paramref name="accountId"/> is null; newest first.</summary>
    Task<IReadOnlyList<ApiToken>> ListApiTokensAsync(string? accountId, CancellationToken cancellationToken = default);

    /// <summary>The live (not revoked) token with this hash and its account, recording its use at <paramref name="now"/>.</summary>
    Task<(ApiToken Token, Account Account)?> UseApiTokenAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<ApiToken?> GetApiTokenAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Revokes a token; false when unknown or already revoked.</summary>
    Task<bool> RevokeApiTokenAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<CalendarFeed> CreateCalendarFeedAsync(CalendarFeedDraft draft, string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>The feeds of one account, newest first.</summary>
    Task<IReadOnlyList<CalendarFeed>> ListCalendarFeedsAsync(string accountId, CancellationToken cancellationToken = default);

    Task<CalendarFeed?> GetCalendarFeedAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The feed with this token hash and its owner, recording its use at <paramref name="now"/> (at most once a minute).</summary>
    Task<(CalendarFeed Feed, Account Owner)?> UseCalendarFeedAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Remembers the hash of the calendar just served; when it differs from the last one, <paramref name="now"/> becomes
    /// the feed's content time. Returns the content time (the feed's Last-Modified).
    /// </summary>
    Task<DateTimeOffset> RecordCalendarFeedContentAsync(string id, string contentHash, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Revokes a feed: it is gone, and its address answers 404. False when unknown.</summary>
    Task<bool> DeleteCalendarFeedAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>An account with this e-mail address exists already.</summary>
public sealed class DuplicateAccountException(string email) : Exception($"An account for '{email}' exists already.")
{
    public string Email { get; } = email;
}
