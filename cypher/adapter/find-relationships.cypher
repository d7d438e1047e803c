// Relationships by type, a node at either end, start, end and validity on $asOf (each null: no filter), ordered by
// id: one page and the total. Validity dates are yyyy-MM-dd strings, so they compare as dates; bounds are inclusive.
MATCH (a:GraphNode)-[r]->(b:GraphNode)
WHERE ($type IS NULL OR type(r) = $type)
  AND ($node IS NULL OR a.id = $node OR b.id = $node)
  AND ($from IS NULL OR a.id = $from)
  AND ($to IS NULL OR b.id = $to)
  AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validUntil IS NULL OR r.validUntil >= $asOf)))
WITH r
ORDER BY r.id
WITH collect(r {._document, ._version, ._createdAt, ._updatedAt}) AS found
RETURN size(found) AS total, found[$offset..$offset + $limit] AS items
