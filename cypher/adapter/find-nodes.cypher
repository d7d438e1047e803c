// Nodes by kind (null: any), name words ($match: a Lucene query on node_names, null: no text filter) and property
// values ($equals: property name to value, names checked against the schema), ordered by id: one page and the total.
CALL () {
  UNWIND CASE WHEN $match IS NULL THEN [] ELSE [$match] END AS query
  CALL db.index.fulltext.queryNodes('node_names', query) YIELD node
  RETURN collect(node.id) AS hits
}
MATCH (n:GraphNode)
WHERE ($kind IS NULL OR $kind IN labels(n))
  AND ($match IS NULL OR n.id IN hits)
  AND all(name IN keys($equals) WHERE n[name] = $equals[name])
WITH n
ORDER BY n.id
WITH collect(n {._document, ._version, ._createdAt, ._updatedAt}) AS found
RETURN size(found) AS total, found[$offset..$offset + $limit] AS items
