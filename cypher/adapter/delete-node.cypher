// Deletes a node and every relationship touching it when $expectedVersion is current: one :Change per relationship
// (ordered by id, cause "cascade:<node id>") and then one for the node, each with the item as it was. No row: absent or stale.
MATCH (n:GraphNode {id: $id})
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n._version = $expectedVersion
MERGE (s:Sequence {name: 'changes'})
  ON CREATE SET s.value = 0
WITH n, s
OPTIONAL MATCH (n)-[r]-(:GraphNode)
WITH n, s, r
ORDER BY r.id
WITH n, s, collect(DISTINCT r) AS touching
FOREACH (r IN touching |
  SET s.value = s.value + 1
  CREATE (:Change {seq: s.value, at: $at, entity: 'Relationship', operation: 'Deleted', id: r.id, label: type(r),
    version: r._version + 1, cause: 'cascade:' + n.id, data: r._document, from: startNode(r).id, to: endNode(r).id,
    actor: $actor}))
SET s.value = s.value + 1
CREATE (:Change {seq: s.value, at: $at, entity: 'Node', operation: 'Deleted', id: n.id, label: $kind,
  version: n._version + 1, data: n._document, actor: $actor})
WITH n, s, size(touching) AS removed
DETACH DELETE n
RETURN s.value AS seq, removed
