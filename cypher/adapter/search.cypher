// Full-text search over node names ($match: a Lucene query the adapter built from what the user typed, every word
// escaped and a prefix). Best first; among equal scores (prefix queries score alike) the shortest name, then by name.
CALL db.index.fulltext.queryNodes('node_names', $match) YIELD node, score
WHERE node:GraphNode
RETURN node.id AS id, [label IN labels(node) WHERE label <> 'GraphNode'][0] AS kind, node._name AS name, score
ORDER BY score DESC, size(name), name, id
LIMIT $limit
