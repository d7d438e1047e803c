// Creates a relationship and appends its :Change when its id is unused by every relationship type (Neo4j has no
// uniqueness constraint across types). Check and create are this one statement, and it first takes the write locks of
// both endpoints and then of the :Sequence node, which every writer takes before it commits: a concurrent create of
// the same id waits here and then sees this one. Always one row: written, or why not (id taken, endpoint gone).
OPTIONAL MATCH (a:GraphNode {id: $from})
OPTIONAL MATCH (b:GraphNode {id: $to})
SET a._lock = true, b._lock = true
REMOVE a._lock, b._lock
MERGE (s:Sequence {name: 'changes'})
  ON CREATE SET s.value = 0
SET s._lock = true
REMOVE s._lock
WITH a, b, s
OPTIONAL MATCH (:GraphNode)-[taken]->(:GraphNode)
WHERE taken.id = $record.id
WITH a, b, s, count(taken) > 0 AS duplicate
WITH a, b, s, duplicate, a IS NULL OR b IS NULL AS dangling
FOREACH (_ IN CASE WHEN duplicate OR dangling THEN [] ELSE [1] END |
  SET s.value = s.value + 1
  CREATE (a)-[r:$($type)]->(b)
  SET r = $record
  CREATE (:Change {seq: s.value, at: $at, entity: 'Relationship', operation: 'Created', id: $record.id, label: $type,
    version: $record._version, data: $record._document, from: $from, to: $to, actor: $actor}))
RETURN duplicate, dangling, s.value AS seq
