// Deletes a relationship when $expectedVersion is current and appends its :Change with the item as it was.
// No row: absent or stale.
MATCH (a:GraphNode)-[r]->(b:GraphNode)
WHERE r.id = $id
SET r._lock = true
REMOVE r._lock
WITH a, b, r
WHERE r._version = $expectedVersion
MERGE (s:Sequence {name: 'changes'})
  ON CREATE SET s.value = 0
SET s.value = s.value + 1
CREATE (:Change {seq: s.value, at: $at, entity: 'Relationship', operation: 'Deleted', id: r.id, label: type(r),
  version: r._version + 1, data: r._document, from: a.id, to: b.id, actor: $actor})
DELETE r
RETURN s.value AS seq
