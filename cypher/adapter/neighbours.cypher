// One breadth-first step of a neighbourhood: the nodes joined to any of $ids (either direction) by a relationship
// valid on $asOf (null: any). The adapter leaves out nodes that did not exist yet on $asOf and steps again.
MATCH (a:GraphNode)-[r]-(b:GraphNode)
WHERE a.id IN $ids
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validUntil IS NULL OR r.validUntil >= $asOf)))
WITH DISTINCT b
RETURN b {._document, ._version, ._createdAt, ._updatedAt} AS item
