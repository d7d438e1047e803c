// Erases a node without trace (IGraphStore.EraseNodeAsync; the SQLite store's ScrubChangeFeed is the reference), no
// version check. Locks the node, then the :Sequence node. The feed keeps its rows (sequences stay gap-free) but:
// 1. changes of relationships that touched the node lose their data, and the node's id becomes $tombstone as an
//    endpoint, in a cascade cause and inside the relationship id (imported ids may be made from it);
// 2. the node's own changes lose their data and are renamed to $tombstone;
// 3. other changes whose data names the node by id (as a JSON string, or inside JSON text) name the tombstone instead.
// Then every relationship touching the node (ordered by id) and the node go, each with a deletion without data and
// cause "erasure". No row: no such node.
MATCH (n:GraphNode {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
MERGE (s:Sequence {name: 'changes'})
  ON CREATE SET s.value = 0
SET s._lock = true
REMOVE s._lock
WITH n, s
CALL () {
  MATCH (c:Change)
  WHERE c.entity = 'Relationship' AND (c.from = $id OR c.to = $id)
  SET c.id = replace(c.id, $id, $tombstone),
    c.cause = CASE WHEN c.cause = 'cascade:' + $id THEN 'cascade:' + $tombstone ELSE c.cause END,
    c.from = CASE WHEN c.from = $id THEN $tombstone ELSE c.from END,
    c.to = CASE WHEN c.to = $id THEN $tombstone ELSE c.to END
  REMOVE c.data
  RETURN count(c) AS relationshipChanges
}
CALL () {
  MATCH (c:Change {entity: 'Node', id: $id})
  SET c.id = $tombstone
  REMOVE c.data
  RETURN count(c) AS nodeChanges
}
CALL () {
  MATCH (c:Change)
  WHERE c.data CONTAINS $id AND NOT (c.entity = 'Relationship' AND c.id = $id)
  SET c.data = replace(replace(c.data, $quotedId, $quotedTombstone), $escapedId, $escapedTombstone)
  RETURN count(c) AS mentioningChanges
}
WITH n, s, s.value AS base, relationshipChanges + nodeChanges + mentioningChanges AS scrubbed
OPTIONAL MATCH (n)-[r]-(:GraphNode)
WITH n, s, base, scrubbed, r
ORDER BY r.id
WITH n, s, base, scrubbed, collect(r) AS touching
FOREACH (i IN range(0, size(touching) - 1) |
  CREATE (:Change {seq: base + i + 1, at: $at, entity: 'Relationship', operation: 'Deleted',
    id: replace(touching[i].id, $id, $tombstone), label: type(touching[i]), version: touching[i]._version + 1,
    cause: 'erasure',
    from: CASE WHEN startNode(touching[i]) = n THEN $tombstone ELSE startNode(touching[i]).id END,
    to: CASE WHEN endNode(touching[i]) = n THEN $tombstone ELSE endNode(touching[i]).id END, actor: $actor}))
CREATE (:Change {seq: base + size(touching) + 1, at: $at, entity: 'Node', operation: 'Deleted', id: $tombstone,
  label: $kind, version: n._version + 1, cause: 'erasure', actor: $actor})
SET s.value = base + size(touching) + 1
WITH n, s, scrubbed, size(touching) AS removed
DETACH DELETE n
RETURN removed, scrubbed, s.value AS seq
