// The nodes with the given ids (every node when $ids is null) and the relationships among them valid on $asOf
// (every one when null). The adapter then drops the nodes that did not exist yet on $asOf, as the SQLite store does.
CALL () {
  MATCH (n:GraphNode)
  WHERE $ids IS NULL OR n.id IN $ids
  RETURN collect(n {._document, ._version, ._createdAt, ._updatedAt}) AS nodes
}
CALL () {
  MATCH (a:GraphNode)-[r]->(b:GraphNode)
  WHERE ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids))
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validUntil IS NULL OR r.validUntil >= $asOf)))
  RETURN collect(r {._document, ._version, ._createdAt, ._updatedAt}) AS relationships
}
RETURN nodes, relationships
