using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Storage.Sqlite;

/// <summary>
/// Erasure without trace. Besides the rows themselves, SQLite keeps deleted data in three places, each handled here
/// or at connection level: free space inside pages and freed pages (every connection runs with
/// <c>secure_delete</c>, which zeroes them), the FTS5 name index (the delete trigger removes the name's tokens; see
/// migration 2), and old page images in the write-ahead log (truncated after the erasure commits). VACUUM would also
/// do, but rewrites the whole file per erasure.
/// </summary>
public sealed partial class SqliteGraphStore
{
    private const string ErasureCause = "erasure";

    public async Task<ErasureResult> EraseNodeAsync(string id, CancellationToken cancellationToken = default)
    {
        var tombstone = "erased-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string Tombstoned(string text) => text.Replace(id, tombstone, StringComparison.Ordinal);
        int changesScrubbed, relationshipsRemoved;
        long latest;
        using (var session = Write())
        {
            var existing = LoadNode(session, id) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
            changesScrubbed = ScrubChangeFeed(session, id, tombstone);
            var touching = session.Query(
                $"SELECT {RelationshipColumns} FROM relationships WHERE from_id = $id OR to_id = $id ORDER BY id", ReadRelationship, ("$id", id));
            foreach (var relationship in touching)
            {
                session.Execute("DELETE FROM relationships WHERE id = $id", ("$id", relationship.Id));
                // Recorded so live maps and other nodes' histories drop the relationship; the other end stays named.
                AppendChange(session, ChangeEntity.Relationship, ChangeOperation.Deleted, Tombstoned(relationship.Id), relationship.Type,
                    relationship.Version + 1, ErasureCause, null,
                    relationship.From == id ? tombstone : relationship.From, relationship.To == id ? tombstone : relationship.To);
            }
            session.Execute("DELETE FROM nodes WHERE id = $id", ("$id", id));
            AppendChange(session, ChangeEntity.Node, ChangeOperation.Deleted, tombstone, existing.Kind, existing.Version + 1, ErasureCause, null, null, null);
            latest = LatestSequence(session);
            session.Commit();
            relationshipsRemoved = touching.Count;
        }
        var storageScrubbed = await TruncateWriteAheadLogAsync(cancellationToken);
        return new ErasureResult(tombstone, relationshipsRemoved, changesScrubbed, latest, storageScrubbed);
    }

    /// <summary>
    /// The feed rows about the node and about every relationship that ever touched it lose their data, and the node's
    /// id becomes the tombstone wherever the feed names it: as the node, as an endpoint, in a cascade cause, and inside
    /// relationship ids made from it (imported ids such as "person-an-peeters-works-for-x" would name the person).
    /// Where other items' recorded data names the node by id, the id becomes the tombstone there too.
    /// Rows are rewritten, not deleted, so sequences stay gap-free and readers catching up lose nothing.
    /// </summary>
    private static int ScrubChangeFeed(SqlSession session, string id, string tombstone) =>
        session.Execute(
            """
            UPDATE changes SET
                data = NULL,
                id = replace(id, $id, $tombstone),
                from_id = CASE WHEN from_id = $id THEN $tombstone ELSE from_id END,
                to_id = CASE WHEN to_id = $id THEN $tombstone ELSE to_id END,
                cause = CASE WHEN cause = 'cascade:' || $id THEN 'cascade:' || $tombstone ELSE cause END
            WHERE entity = 'Relationship' AND (from_id = $id OR to_id = $id)
            """,
            ("$id", id), ("$tombstone", tombstone))
        + session.Execute(
            "UPDATE changes SET data = NULL, id = $tombstone WHERE entity = 'Node' AND id = $id",
            ("$id", id), ("$tombstone", tombstone))
        // Other items' history may name the node by id (a meeting's organisers, an invite list kept as JSON text):
        // those values become the tombstone, as JSON strings ("id") and inside JSON text (\"id\"), never as substrings.
        // A relationship may carry the same id as the node (separate namespaces): its own rows keep theirs.
        + session.Execute(
            """
            UPDATE changes SET data = replace(replace(data, '"' || $id || '"', '"' || $tombstone || '"'),
                                              '\"' || $id || '\"', '\"' || $tombstone || '\"')
            WHERE data IS NOT NULL AND instr(data, $id) > 0 AND NOT (entity = 'Relationship' AND id = $id)
            """,
            ("$id", id), ("$tombstone", tombstone));

    /// <summary>
    /// Until checkpointed, the WAL holds page images from before the erasure, and an ordinary checkpoint leaves them in
    /// the file to be overwritten some time later. A TRUNCATE checkpoint copies every frame back (the pages as they are
    /// now, scrubbed) and cuts the WAL to zero bytes. It cannot finish while a reader still holds an older snapshot
    /// (a long read, another process), so it is retried briefly and then left: the erasure has committed and must not
    /// fail for this; the old frames are overwritten as the WAL is reused and truncated at the next start at the latest.
    /// </summary>
    private async Task<bool> TruncateWriteAheadLogAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using (var connection = new SqliteConnection(_connectionString))
            {
                connection.Open();
                if (TryTruncateWriteAheadLog(connection)) return true;
            }
            if (attempt == 5) return false;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25 * attempt * attempt), _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    private static bool TryTruncateWriteAheadLog(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.CommandTimeout = 1; // the driver retries a busy statement until the timeout; the caller retries instead
        try
        {
            using var reader = command.ExecuteReader();
            // Columns: busy (1 when readers or a writer blocked it), WAL frames, frames checkpointed.
            return reader.Read() && reader.GetInt64(0) == 0;
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is 5 or 6)
        {
            return false; // SQLITE_BUSY, SQLITE_LOCKED: another connection holds the file
        }
    }
}
