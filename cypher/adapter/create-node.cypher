// Creates a node (labels :GraphNode and its kind) and appends its :Change, in one implicit transaction.
// $record holds id, the schema properties (native values, for analysts) and the adapter's _-prefixed fields;
// a duplicate id breaks the graph_node_id constraint, which the adapter reports as DuplicateIdException.
MERGE (s:Sequence {name: 'changes'})
  ON CREATE SET s.value = 0
SET s.value = s.value + 1
CREATE (n:GraphNode:$($kind))
SET n = $record
CREATE (:Change {seq: s.value, at: $at, entity: 'Node', operation: 'Created', id: $record.id, label: $kind,
  version: $record._version, data: $record._document, actor: $actor})
RETURN s.value AS seq
