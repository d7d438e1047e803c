using Netwerk.Storage.Sqlite;

namespace Netwerk.Web.Storage;

/// <summary>
/// Command-line verbs of the app for operators, run instead of the server: <c>backup &lt;file&gt;</c> copies the store
/// while the app runs (SQLite online backup), <c>restore &lt;file&gt;</c> puts a backup in place, <c>check [file]</c>
/// checks a store file. The store is the one <c>Storage:Sqlite:Path</c> names, as for the server.
/// Wrapped by <c>scripts/backup.sh</c> and <c>scripts/restore.sh</c>.
/// </summary>
public static class StoreCommands
{
    private static readonly string[] Verbs = ["backup", "restore", "check"];

    public static bool Requested(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    /// <summary>Runs the verb in <c>args[0]</c> on the file in <c>args[1]</c>; the arguments after them are settings, as for the server.</summary>
    public static int Run(string[] args)
    {
        var file = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? Path.GetFullPath(args[1]) : null;
        // The settings only: a file path such as /backups/x.db would read as a "/key value" switch to the configuration.
        var settings = WebApplication.CreateBuilder(args[(file is null ? 1 : 2)..]);
        var database = Path.GetFullPath(settings.Configuration[$"{SqliteStoreOptions.Section}:Path"] ?? new SqliteStoreOptions().Path,
            settings.Environment.ContentRootPath);
        try
        {
            StoreFileCheck check;
            switch (args[0])
            {
                case "backup" when file is not null:
                    check = SqliteBackup.Backup(database, file);
                    Console.WriteLine($"Backup of {database} written to {file}");
                    break;
                case "restore" when file is not null:
                    check = SqliteBackup.Restore(file, database);
                    Console.WriteLine($"{file} restored into {database}");
                    break;
                case "check":
                    check = SqliteBackup.Check(file ?? database);
                    break;
                default:
                    Console.Error.WriteLine($"Usage: {args[0]} <file>   (the store: {database}, from Storage:Sqlite:Path)");
                    return 2;
            }
            Console.WriteLine($"integrity: {check.Integrity}; {check.Nodes} nodes, {check.Relationships} relationships, "
                + $"{check.DanglingRelationships} with a missing end; change feed {check.Changes} entries up to sequence {check.LatestSequence}");
            return check.Consistent ? 0 : 1;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{args[0]} failed: {e.Message}");
            return 1;
        }
    }
}
