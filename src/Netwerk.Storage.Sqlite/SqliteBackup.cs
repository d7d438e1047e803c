using Microsoft.Data.Sqlite;

namespace Netwerk.Storage.Sqlite;

/// <summary>What a consistency check of a store file found.</summary>
public sealed record StoreFileCheck(string Integrity, long Nodes, long Relationships, long DanglingRelationships, long LatestSequence, long Changes)
{
    /// <summary>SQLite finds nothing wrong, every relationship's ends exist and the change feed has no gaps.</summary>
    public bool Consistent => Integrity == "ok" && DanglingRelationships == 0 && Changes == LatestSequence;
}

/// <summary>
/// Online backup and restore of the store's SQLite file with SQLite's backup API (<c>sqlite3_backup</c>): the copy is
/// one consistent snapshot (a read transaction on the live file), taken while the app keeps reading and writing,
/// whatever sits in the WAL at the time included.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Copies the live store at <paramref name="database"/> to <paramref name="target"/> (replaced) and checks the copy.</summary>
    public static StoreFileCheck Backup(string database, string target)
    {
        if (!File.Exists(database)) throw new FileNotFoundException($"No store at {database}.", database);
        var full = Path.GetFullPath(target);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        File.Delete(temporary);
        using (var source = Open(database, SqliteOpenMode.ReadOnly))
        using (var copy = Open(temporary, SqliteOpenMode.ReadWriteCreate))
        {
            source.BackupDatabase(copy);
            // The copy is a standalone file: no WAL beside it.
            Execute(copy, "PRAGMA journal_mode = DELETE;");
        }
        SqliteConnection.ClearAllPools();
        var check = Check(temporary);
        if (!check.Consistent) throw new InvalidOperationException($"The backup of {database} is not consistent: {check}");
        File.Move(temporary, full, overwrite: true);
        return check;
    }

    /// <summary>
    /// Replaces the store at <paramref name="database"/> with the backup at <paramref name="backup"/> (checked first), through
    /// the backup API so a process that has the file open sees the restored content rather than a torn file.
    /// </summary>
    public static StoreFileCheck Restore(string backup, string database)
    {
        if (!File.Exists(backup)) throw new FileNotFoundException($"No backup at {backup}.", backup);
        var check = Check(backup);
        if (!check.Consistent) throw new InvalidOperationException($"The backup {backup} is not consistent, nothing restored: {check}");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(database))!);
        using (var source = Open(backup, SqliteOpenMode.ReadOnly))
        using (var live = Open(database, SqliteOpenMode.ReadWriteCreate))
        {
            source.BackupDatabase(live);
            Execute(live, "PRAGMA journal_mode = WAL;");
            Execute(live, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        SqliteConnection.ClearAllPools();
        return Check(database);
    }

    /// <summary>Checks a store file: SQLite's integrity check, relationships whose ends are missing, gaps in the change feed.</summary>
    public static StoreFileCheck Check(string database)
    {
        using var connection = Open(database, SqliteOpenMode.ReadOnly);
        return new StoreFileCheck(
            Integrity: string.Join("; ", Strings(connection, "PRAGMA integrity_check;")),
            Nodes: Long(connection, "SELECT count(*) FROM nodes"),
            Relationships: Long(connection, "SELECT count(*) FROM relationships"),
            DanglingRelationships: Long(connection,
                "SELECT count(*) FROM relationships r WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = r.from_id) OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.id = r.to_id)"),
            LatestSequence: Long(connection, "SELECT coalesce(max(seq), 0) FROM changes"),
            Changes: Long(connection, "SELECT count(*) FROM changes"));
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path), Mode = mode, Pooling = false, DefaultTimeout = 60,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Long(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }
}
