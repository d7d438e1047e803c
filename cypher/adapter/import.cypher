// Applies a planned import in ONE statement, so in one implicit transaction: all of it or nothing (DESIGN.md §5; an
// explicit transaction would not survive a cluster). The adapter has read the stored items, validated the document
// and planned every create and update with its place in the change feed ($*.seq, 1-based). Here, holding the
// :Sequence lock that every writer takes before it commits, it first checks that what the plan was made from is
// still so: the stored nodes and relationships among the document's ids are exactly $expectedNodes and
// $expectedRelationships ("id:version"). Only then is anything written; otherwise ok is false and the adapter plans again.
MERGE (s:Sequence {name: 'changes'})
  ON CREATE SET s.value = 0
SET s._lock = true
REMOVE s._lock
WITH s, s.value AS base
CALL () {
  UNWIND $nodeIds AS id
  MATCH (n:GraphNode {id: id})
  RETURN collect(n.id + ':' + toString(toInteger(n._version))) AS storedNodes
}
CALL () {
  MATCH (:GraphNode)-[r]->(:GraphNode)
  WHERE size($relationshipIds) > 0 AND r.id IN $relationshipIds
  RETURN collect(r.id + ':' + toString(toInteger(r._version))) AS storedRelationships
}
WITH s, base,
  size(storedNodes) = size($expectedNodes) AND all(key IN storedNodes WHERE key IN $expectedNodes)
  AND size(storedRelationships) = size($expectedRelationships)
  AND all(key IN storedRelationships WHERE key IN $expectedRelationships) AS ok
CALL (base, ok) {
  UNWIND CASE WHEN ok THEN $createdNodes ELSE [] END AS item
  CREATE (n:GraphNode:$(item.kind))
  SET n = item.record
  CREATE (:Change {seq: base + item.seq, at: $at, entity: 'Node', operation: 'Created', id: item.record.id,
    label: item.kind, version: item.record._version, cause: 'import', data: item.record._document, actor: $actor})
}
CALL (base, ok) {
  UNWIND CASE WHEN ok THEN $updatedNodes ELSE [] END AS item
  MATCH (n:GraphNode {id: item.record.id})
  SET n = item.record
  CREATE (:Change {seq: base + item.seq, at: $at, entity: 'Node', operation: 'Updated', id: item.record.id,
    label: item.kind, version: item.record._version, cause: 'import', data: item.record._document, actor: $actor})
}
CALL (base, ok) {
  UNWIND CASE WHEN ok THEN $createdRelationships ELSE [] END AS item
  MATCH (a:GraphNode {id: item.from})
  MATCH (b:GraphNode {id: item.to})
  CREATE (a)-[r:$(item.type)]->(b)
  SET r = item.record
  CREATE (:Change {seq: base + item.seq, at: $at, entity: 'Relationship', operation: 'Created', id: item.record.id,
    label: item.type, version: item.record._version, cause: 'import', data: item.record._document, from: item.from,
    to: item.to, actor: $actor})
}
CALL (base, ok) {
  UNWIND CASE WHEN ok THEN $updatedRelationships ELSE [] END AS item
  MATCH (:GraphNode {id: item.from})-[r]->(:GraphNode {id: item.to})
  WHERE r.id = item.record.id
  SET r = item.record
  CREATE (:Change {seq: base + item.seq, at: $at, entity: 'Relationship', operation: 'Updated', id: item.record.id,
    label: item.type, version: item.record._version, cause: 'import', data: item.record._document, from: item.from,
    to: item.to, actor: $actor})
}
SET s.value = base + CASE WHEN ok THEN $changeCount ELSE 0 END
RETURN ok, s.value AS seq
