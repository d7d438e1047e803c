using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Netwerk.Core.Accounts;

namespace Netwerk.Storage.Sqlite;

/// <summary>
/// Accounts, sign-in links, API tokens (tables from migration 3) and calendar feeds (migration 4) in the same SQLite
/// file as the graph.
/// The graph store's <see cref="SqliteGraphStore.InitializeAsync"/> creates them.
/// </summary>
public sealed partial class SqliteAccountStore(SqliteStoreOptions options, TimeProvider time) : IAccountStore
{
    private const string AccountColumns = "id, email, name, language, grants, created_at, last_sign_in";
    private const string TokenColumns = "id, account_id, name, created_at, last_used_at, revoked_at";

    private static readonly JsonSerializerOptions GrantJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly string _connectionString = SqliteGraphStore.ConnectionString(options);

    public Task<Account?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: false);
        return Task.FromResult(LoadAccount(session, "id = $key", id));
    }

    public Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: false);
        return Task.FromResult(LoadAccount(session, "email = $key", Account.NormaliseEmail(email)));
    }

    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: false);
        IReadOnlyList<Account> accounts = session.Query($"SELECT {AccountColumns} FROM accounts ORDER BY name COLLATE NOCASE, email", ReadAccount);
        return Task.FromResult(accounts);
    }

    public Task<Account> CreateAsync(AccountDraft draft, CancellationToken cancellationToken = default)
    {
        var account = new Account
        {
            Id = "usr-" + RandomHex(8), Email = Account.NormaliseEmail(draft.Email), Name = draft.Name.Trim(), Language = draft.Language,
            Grants = draft.Grants, CreatedAt = time.GetUtcNow(),
        };
        using var session = SqlSession.Open(_connectionString, write: true);
        if (LoadAccount(session, "email = $key", account.Email) is not null) throw new DuplicateAccountException(account.Email);
        session.Execute($"INSERT INTO accounts ({AccountColumns}) VALUES ($id, $email, $name, $language, $grants, $created, NULL)",
            ("$id", account.Id), ("$email", account.Email), ("$name", account.Name), ("$language", account.Language),
            ("$grants", JsonSerializer.Serialize(account.Grants, GrantJson)), ("$created", SqliteGraphStore.Timestamp(account.CreatedAt)));
        session.Commit();
        return Task.FromResult(account);
    }

    public Task<Account?> UpdateAsync(string id, AccountDraft draft, CancellationToken cancellationToken = default)
    {
        var email = Account.NormaliseEmail(draft.Email);
        using var session = SqlSession.Open(_connectionString, write: true);
        if (LoadAccount(session, "id = $key", id) is not { } current) return Task.FromResult<Account?>(null);
        if (email != current.Email && LoadAccount(session, "email = $key", email) is not null) throw new DuplicateAccountException(email);
        session.Execute("UPDATE accounts SET email = $email, name = $name, language = $language, grants = $grants WHERE id = $id",
            ("$id", id), ("$email", email), ("$name", draft.Name.Trim()), ("$language", draft.Language),
            ("$grants", JsonSerializer.Serialize(draft.Grants, GrantJson)));
        var updated = LoadAccount(session, "id = $key", id);
        session.Commit();
        return Task.FromResult(updated);
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: true);
        var deleted = session.Execute("DELETE FROM accounts WHERE id = $id", ("$id", id)) > 0;
        session.Commit();
        return Task.FromResult(deleted);
    }

    public Task SaveSignInLinkAsync(string accountId, string linkHash, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: true);
        // Expired links are of no use to anyone; dropping them here keeps the table small without a job.
        session.Execute("DELETE FROM sign_in_links WHERE expires_at < $now", ("$now", SqliteGraphStore.Timestamp(time.GetUtcNow())));
        session.Execute("INSERT INTO sign_in_links (hash, account_id, expires_at) VALUES ($hash, $account, $expires)",
            ("$hash", linkHash), ("$account", accountId), ("$expires", SqliteGraphStore.Timestamp(expiresAt)));
        session.Commit();
        return Task.CompletedTask;
    }

    public Task<Account?> UseSignInLinkAsync(string linkHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // BEGIN IMMEDIATE: the read and the delete happen under the write lock, so a link works once even when two requests race.
        using var session = SqlSession.Open(_connectionString, write: true);
        var link = session.Query("SELECT account_id, expires_at FROM sign_in_links WHERE hash = $hash",
            r => (Account: r.GetString(0), Expires: SqliteGraphStore.ParseTimestamp(r.GetString(1))), ("$hash", linkHash)).FirstOrDefault();
        if (link.Account is null) return Task.FromResult<Account?>(null);
        session.Execute("DELETE FROM sign_in_links WHERE hash = $hash", ("$hash", linkHash));
        Account? account = null;
        if (link.Expires >= now)
        {
            session.Execute("UPDATE accounts SET last_sign_in = $now WHERE id = $id", ("$id", link.Account), ("$now", SqliteGraphStore.Timestamp(now)));
            account = LoadAccount(session, "id = $key", link.Account);
        }
        session.Commit();
        return Task.FromResult(account);
    }

    public Task<ApiToken> CreateApiTokenAsync(string accountId, string name, string tokenHash, CancellationToken cancellationToken = default)
    {
        var token = new ApiToken { Id = "tok-" + RandomHex(8), AccountId = accountId, Name = name.Trim(), CreatedAt = time.GetUtcNow() };
        using var session = SqlSession.Open(_connectionString, write: true);
        session.Execute("INSERT INTO api_tokens (id, account_id, name, hash, created_at) VALUES ($id, $account, $name, $hash, $created)",
            ("$id", token.Id), ("$account", accountId), ("$name", token.Name), ("$hash", tokenHash), ("$created", SqliteGraphStore.Timestamp(token.CreatedAt)));
        session.Commit();
        return Task.FromResult(token);
    }

    public Task<IReadOnlyList<ApiToken>> ListApiTokensAsync(string? accountId, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: false);
        IReadOnlyList<ApiToken> tokens = session.Query(
            $"SELECT {TokenColumns} FROM api_tokens WHERE $account IS NULL OR account_id = $account ORDER BY created_at DESC, id",
            ReadToken, ("$account", accountId));
        return Task.FromResult(tokens);
    }

    public Task<(ApiToken Token, Account Account)?> UseApiTokenAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: false);
        var token = session.Query($"SELECT {TokenColumns} FROM api_tokens WHERE hash = $hash AND revoked_at IS NULL", ReadToken, ("$hash", tokenHash))
            .FirstOrDefault();
        var account = token is null ? null : LoadAccount(session, "id = $key", token.AccountId);
        if (token is null || account is null) return Task.FromResult<(ApiToken, Account)?>(null);
        // Recording every use would turn each API read into a write; once a minute is enough to show "last used".
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            using var write = SqlSession.Open(_connectionString, write: true);
            write.Execute("UPDATE api_tokens SET last_used_at = $now WHERE id = $id", ("$id", token.Id), ("$now", SqliteGraphStore.Timestamp(now)));
            write.Commit();
            token = token with { LastUsedAt = now };
        }
        return Task.FromResult<(ApiToken, Account)?>((token, account));
    }

    public Task<ApiToken?> GetApiTokenAsync(string id, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: false);
        return Task.FromResult(session.Query($"SELECT {TokenColumns} FROM api_tokens WHERE id = $id", ReadToken, ("$id", id)).FirstOrDefault());
    }

    public Task<bool> RevokeApiTokenAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        using var session = SqlSession.Open(_connectionString, write: true);
        var revoked = session.Execute("UPDATE api_tokens SET revoked_at = $now WHERE id = $id AND revoked_at IS NULL",
            ("$id", id), ("$now", SqliteGraphStore.Timestamp(now))) > 0;
        session.Commit();
        return Task.FromResult(revoked);
    }

    private static Account? LoadAccount(SqlSession session, string where, string key) =>
        session.Query($"SELECT {AccountColumns} FROM accounts WHERE {where}", ReadAccount, ("$key", key)).FirstOrDefault();

    private static Account ReadAccount(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        Email = r.GetString(1),
        Name = r.GetString(2),
        Language = r.GetString(3),
        Grants = JsonSerializer.Deserialize<List<RoleGrant>>(r.GetString(4), GrantJson) ?? [],
        CreatedAt = SqliteGraphStore.ParseTimestamp(r.GetString(5)),
        LastSignInAt = r.IsDBNull(6) ? null : SqliteGraphStore.ParseTimestamp(r.GetString(6)),
    };

    private static ApiToken ReadToken(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        AccountId = r.GetString(1),
        Name = r.GetString(2),
        CreatedAt = SqliteGraphStore.ParseTimestamp(r.GetString(3)),
        LastUsedAt = r.IsDBNull(4) ? null : SqliteGraphStore.ParseTimestamp(r.GetString(4)),
        RevokedAt = r.IsDBNull(5) ? null : SqliteGraphStore.ParseTimestamp(r.GetString(5)),
    };

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
