// Replaces a node's properties when $expectedVersion is current. Setting and removing _lock takes the node's write
// lock first, so the version read after it cannot be overtaken by a concurrent writer. No row: absent or stale.
MATCH (n:GraphNode {id: $record.id})
SET n._lock = true
REMOVE n._lock
WITH n
WHERE n._version = $expectedVersion
MERGE (s:Sequence {name: 'changes'})
  ON CREATE SET s.value = 0
SET s.value = s.value + 1
SET n = $record
CREATE (:Change {seq: s.value, at: $at, entity: 'Node', operation: 'Updated', id: $record.id, label: $kind,
  version: $record._version, data: $record._document, actor: $actor})
RETURN s.value AS seq
