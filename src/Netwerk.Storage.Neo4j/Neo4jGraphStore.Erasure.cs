using System.Security.Cryptography;
using Netwerk.Core.Graph;
using Netwerk.Core.Storage;

namespace Netwerk.Storage.Neo4j;

/// <summary>
/// Erasure without trace, with the SQLite store's semantics, as one statement (erase-node.cypher): the feed rows about
/// the node and its relationships lose their data and name it by a tombstone id, other rows' data that names it by id
/// names the tombstone, then its relationships and the node go, each recorded without data.
/// Neo4j keeps what it deleted for a while in places the adapter cannot reach: the transaction logs (kept per
/// <c>db.tx_log.rotation.retention_policy</c>), store-file records until they are reused, and the full-text index's
/// Lucene segments until they merge. So <see cref="ErasureResult.StorageScrubbed"/> is always false here; an operator
/// who needs the bytes gone rotates and prunes the transaction logs (see docs/neo4j-status.md).
/// </summary>
public sealed partial class Neo4jGraphStore
{
    public async Task<ErasureResult> EraseNodeAsync(string id, CancellationToken cancellationToken = default)
    {
        var existing = await GetNodeAsync(id, cancellationToken) ?? throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        var tombstone = "erased-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var result = await RunAsync("erase-node", ErasureParameters(id, tombstone, existing.Kind), cancellationToken);
        if (result.Rows.Count == 0) throw new GraphItemNotFoundException(ChangeEntity.Node, id);
        return new ErasureResult(
            tombstone, result.Value(0, "removed").GetInt32(), result.Value(0, "scrubbed").GetInt32(), result.Value(0, "seq").GetInt64(),
            StorageScrubbed: false);
    }

    /// <summary>
    /// Besides the ids, the forms in which recorded JSON names the node: as a JSON string (<c>"id"</c>) and inside JSON
    /// text kept as a string (<c>\"id\"</c>), so a longer id that merely contains this one is left alone.
    /// </summary>
    internal object ErasureParameters(string id, string tombstone, string kind) => new
    {
        id, tombstone, kind,
        quotedId = $"\"{id}\"", quotedTombstone = $"\"{tombstone}\"",
        escapedId = $"\\\"{id}\\\"", escapedTombstone = $"\\\"{tombstone}\\\"",
        at = Text(_time.GetUtcNow()), actor = _actor.Actor,
    };
}
