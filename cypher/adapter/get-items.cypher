// Nodes and relationships by id (either list may be empty), whatever their kind or type: what a write validates
// against (endpoint kinds, the stored relationship) and what an import plans from. A relationship is found by id
// across every type, so this scans relationships (Neo4j indexes relationship properties per type only).
CALL () {
  UNWIND $nodeIds AS id
  MATCH (n:GraphNode {id: id})
  RETURN collect(n {._document, ._version, ._createdAt, ._updatedAt}) AS nodes
}
CALL () {
  MATCH (:GraphNode)-[r]->(:GraphNode)
  WHERE size($relationshipIds) > 0 AND r.id IN $relationshipIds
  RETURN collect(r {._document, ._version, ._createdAt, ._updatedAt}) AS relationships
}
RETURN nodes, relationships
