using Microsoft.Data.Sqlite;

namespace Netwerk.Storage.Sqlite;

/// <summary>
/// The database schema, versioned in code. Each entry runs once, in order, inside one write transaction;
/// the applied version is kept in <c>PRAGMA user_version</c>. Append new migrations; never edit old ones.
/// </summary>
internal static class SqliteMigrations
{
    private static readonly string[] Steps =
    [
        // 1: nodes, relationships, change feed, name index.
        """
        CREATE TABLE nodes (
            node_key   INTEGER PRIMARY KEY,
            id         TEXT NOT NULL UNIQUE,
            kind       TEXT NOT NULL,
            name       TEXT NOT NULL,
            properties TEXT NOT NULL,
            version    INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX nodes_by_kind ON nodes (kind, id);

        CREATE TABLE relationships (
            id          TEXT PRIMARY KEY,
            type        TEXT NOT NULL,
            from_id     TEXT NOT NULL REFERENCES nodes (id),
            to_id       TEXT NOT NULL REFERENCES nodes (id),
            properties  TEXT NOT NULL,
            valid_from  TEXT,
            valid_until TEXT,
            version     INTEGER NOT NULL,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        CREATE INDEX relationships_by_from ON relationships (from_id, type);
        CREATE INDEX relationships_by_to ON relationships (to_id, type);
        CREATE INDEX relationships_by_type ON relationships (type, id);

        CREATE TABLE changes (
            seq       INTEGER PRIMARY KEY AUTOINCREMENT,
            at        TEXT NOT NULL,
            entity    TEXT NOT NULL,
            operation TEXT NOT NULL,
            id        TEXT NOT NULL,
            label     TEXT NOT NULL,
            version   INTEGER NOT NULL,
            cause     TEXT,
            data      TEXT,
            from_id   TEXT,
            to_id     TEXT
        );
        CREATE INDEX changes_by_item ON changes (id, seq);
        CREATE INDEX changes_by_from ON changes (from_id, seq);
        CREATE INDEX changes_by_to ON changes (to_id, seq);

        -- Full-text index over node names; accents folded so "coordinator" finds "Coördinator".
        CREATE VIRTUAL TABLE node_names USING fts5 (
            name, content = 'nodes', content_rowid = 'node_key', tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER nodes_names_insert AFTER INSERT ON nodes BEGIN
            INSERT INTO node_names (rowid, name) VALUES (new.node_key, new.name);
        END;
        CREATE TRIGGER nodes_names_delete AFTER DELETE ON nodes BEGIN
            INSERT INTO node_names (node_names, rowid, name) VALUES ('delete', old.node_key, old.name);
        END;
        CREATE TRIGGER nodes_names_update AFTER UPDATE OF name ON nodes BEGIN
            INSERT INTO node_names (node_names, rowid, name) VALUES ('delete', old.node_key, old.name);
            INSERT INTO node_names (rowid, name) VALUES (new.node_key, new.name);
        END;
        """,
        // 2: who made each change (the change feed is the audit log), read newest first per account. And the name
        // index forgets a deleted name at once: by default FTS5 only adds a delete marker and keeps the old terms in
        // its segments until a merge, so an erased person's name would stay in the file (needs SQLite 3.44+);
        // 'optimize' merges away the terms earlier deletions left behind.
        """
        ALTER TABLE changes ADD COLUMN actor TEXT;
        CREATE INDEX changes_by_actor ON changes (actor, seq);
        INSERT INTO node_names (node_names, rank) VALUES ('secure-delete', 1);
        INSERT INTO node_names (node_names) VALUES ('optimize');
        """,
        // 3: accounts (who may sign in, with role grants per region), one-time sign-in links and API tokens;
        // links and tokens are stored as hashes only.
        """
        CREATE TABLE accounts (
            id             TEXT PRIMARY KEY,
            email          TEXT NOT NULL UNIQUE,
            name           TEXT NOT NULL,
            language       TEXT NOT NULL,
            grants         TEXT NOT NULL,
            created_at     TEXT NOT NULL,
            last_sign_in   TEXT
        );
        CREATE TABLE sign_in_links (
            hash       TEXT PRIMARY KEY,
            account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            expires_at TEXT NOT NULL
        );
        CREATE TABLE api_tokens (
            id           TEXT PRIMARY KEY,
            account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            name         TEXT NOT NULL,
            hash         TEXT NOT NULL UNIQUE,
            created_at   TEXT NOT NULL,
            last_used_at TEXT,
            revoked_at   TEXT
        );
        """,
        // 4: calendar feeds (iCalendar subscriptions) of accounts, by token hash; with the hash and time of the last
        // content served, so Last-Modified moves only when the calendar does.
        """
        CREATE TABLE calendar_feeds (
            id                 TEXT PRIMARY KEY,
            account_id         TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            kind               TEXT NOT NULL,
            platform_id        TEXT,
            name               TEXT NOT NULL,
            hash               TEXT NOT NULL UNIQUE,
            created_at         TEXT NOT NULL,
            last_used_at       TEXT,
            content_hash       TEXT,
            content_changed_at TEXT
        );
        CREATE INDEX calendar_feeds_by_account ON calendar_feeds (account_id, created_at);
        """,
    ];

    public static int Latest => Steps.Length;

    public static void Apply(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Steps.Length)
        {
            throw new InvalidOperationException(
                $"The database is at schema version {current}, newer than this Netwerk ({Steps.Length}). Upgrade Netwerk.");
        }
        for (var version = current + 1; version <= Steps.Length; version++)
        {
            Execute(connection, transaction, Steps[version - 1]);
            Execute(connection, transaction, $"PRAGMA user_version = {version}");
        }
        transaction.Commit();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
