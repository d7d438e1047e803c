// Replaces a relationship's properties and validity when $expectedVersion is current (type and endpoints stay).
// Setting and removing _lock takes its write lock first, so the version read after it cannot be overtaken.
// SET r = $record drops what $record lacks (a removed property, a cleared validUntil). No row: absent or stale.
MATCH (a:GraphNode)-[r]->(b:GraphNode)
WHERE r.id = $record.id
SET r._lock = true
REMOVE r._lock
WITH a, b, r
WHERE r._version = $expectedVersion
MERGE (s:Sequence {name: 'changes'})
  ON CREATE SET s.value = 0
SET s.value = s.value + 1
SET r = $record
CREATE (:Change {seq: s.value, at: $at, entity: 'Relationship', operation: 'Updated', id: $record.id, label: type(r),
  version: $record._version, data: $record._document, from: a.id, to: b.id, actor: $actor})
RETURN s.value AS seq
