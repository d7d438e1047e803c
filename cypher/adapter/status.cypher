// What the store holds: nodes, relationships between them, and the latest change.
CALL () {
  MATCH (n:GraphNode)
  RETURN count(n) AS nodes
}
CALL () {
  MATCH (:GraphNode)-[r]->(:GraphNode)
  RETURN count(r) AS relationships
}
OPTIONAL MATCH (s:Sequence {name: 'changes'})
RETURN nodes, relationships, coalesce(s.value, 0) AS seq
