using Microsoft.Data.Sqlite;
using Netwerk.Core.Accounts;

namespace Netwerk.Storage.Sqlite;

public sealed partial class SqliteAccountStore
{
    private const string FeedColumns = "id, account_id, kind, platform_id, name, created_at, last_used_at, content_hash, content_changed_at";

    public Task<CalendarFeed> CreateCalendarFeedAsync(CalendarFeedDraft draft, string tokenHash, CancellationToken cancellationToken = default)
    {
        var feed = new CalendarFeed
        {
            Id = "feed-" + RandomHex(8), AccountId = draft.AccountId, Kind = draft.Kind, PlatformId = draft.PlatformId,
            Name = draft.Name.Trim(), CreatedAt = time.GetUtcNow(),
        };
        using var session = SqlSession.Open(_connectionString, write: true);
        session.Execute(
            "INSERT INTO calendar_feeds (id, account_id, kind, platform_id, name, hash, created_at) VALUES ($id, $account, $kind, $platform, $name, $hash, $created)",
            ("$id", feed.Id), ("$account", feed.AccountId), ("$kind", KindText(feed.Kind)), ("$platform", feed.PlatformId), ("$name", feed.Name),
            ("$hash", tokenHash), ("$created", SqliteGraphStore.Timestamp(feed.CreatedAt)));
        session.Commit();
        return Task.FromResult(feed);
    }

    public Task<IReadOnlyList<CalendarFeed>> ListCalendarFeedsAsync(string accountId, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: false);
        IReadOnlyList<CalendarFeed> feeds = session.Query(
            $"SELECT {FeedColumns} FROM calendar_feeds WHERE account_id = $account ORDER BY created_at DESC, id", ReadFeed, ("$account", accountId));
        return Task.FromResult(feeds);
    }

    public Task<CalendarFeed?> GetCalendarFeedAsync(string id, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: false);
        return Task.FromResult(session.Query($"SELECT {FeedColumns} FROM calendar_feeds WHERE id = $id", ReadFeed, ("$id", id)).FirstOrDefault());
    }

    public Task<(CalendarFeed Feed, Account Owner)?> UseCalendarFeedAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: false);
        var feed = session.Query($"SELECT {FeedColumns} FROM calendar_feeds WHERE hash = $hash", ReadFeed, ("$hash", tokenHash)).FirstOrDefault();
        var owner = feed is null ? null : LoadAccount(session, "id = $key", feed.AccountId);
        if (feed is null || owner is null) return Task.FromResult<(CalendarFeed, Account)?>(null);
        // As for API tokens: once a minute is enough for "last used", and keeps a feed read from being a write each time.
        if (feed.LastUsedAt is null || now - feed.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            using var write = SqlSession.Open(_connectionString, write: true);
            write.Execute("UPDATE calendar_feeds SET last_used_at = $now WHERE id = $id", ("$id", feed.Id), ("$now", SqliteGraphStore.Timestamp(now)));
            write.Commit();
            feed = feed with { LastUsedAt = now };
        }
        return Task.FromResult<(CalendarFeed, Account)?>((feed, owner));
    }

    public Task<DateTimeOffset> RecordCalendarFeedContentAsync(string id, string contentHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using (var read = SqlSession.Open(_connectionString, write: false))
        {
            var known = read.Query("SELECT content_hash, content_changed_at FROM calendar_feeds WHERE id = $id",
                r => (Hash: r.IsDBNull(0) ? null : r.GetString(0), At: r.IsDBNull(1) ? (DateTimeOffset?)null : SqliteGraphStore.ParseTimestamp(r.GetString(1))),
                ("$id", id)).FirstOrDefault();
            if (known.Hash == contentHash && known.At is { } unchanged) return Task.FromResult(unchanged);
        }
        using var session = SqlSession.Open(_connectionString, write: true);
        session.Execute("UPDATE calendar_feeds SET content_hash = $hash, content_changed_at = $now WHERE id = $id AND content_hash IS NOT $hash",
            ("$id", id), ("$hash", contentHash), ("$now", SqliteGraphStore.Timestamp(now)));
        var at = session.Query("SELECT content_changed_at FROM calendar_feeds WHERE id = $id",
            r => r.IsDBNull(0) ? now : SqliteGraphStore.ParseTimestamp(r.GetString(0)), ("$id", id)).FirstOrDefault(now);
        session.Commit();
        return Task.FromResult(at);
    }

    public Task<bool> DeleteCalendarFeedAsync(string id, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: true);
        var deleted = session.Execute("DELETE FROM calendar_feeds WHERE id = $id", ("$id", id)) > 0;
        session.Commit();
        return Task.FromResult(deleted);
    }

    private static string KindText(CalendarFeedKind kind) => kind == CalendarFeedKind.Platform ? "platform" : "personal";

    private static CalendarFeed ReadFeed(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        AccountId = r.GetString(1),
        Kind = r.GetString(2) == "platform" ? CalendarFeedKind.Platform : CalendarFeedKind.Personal,
        PlatformId = r.IsDBNull(3) ? null : r.GetString(3),
        Name = r.GetString(4),
        CreatedAt = SqliteGraphStore.ParseTimestamp(r.GetString(5)),
        LastUsedAt = r.IsDBNull(6) ? null : SqliteGraphStore.ParseTimestamp(r.GetString(6)),
        ContentHash = r.IsDBNull(7) ? null : r.GetString(7),
        ContentChangedAt = r.IsDBNull(8) ? null : SqliteGraphStore.ParseTimestamp(r.GetString(8)),
    };
}
