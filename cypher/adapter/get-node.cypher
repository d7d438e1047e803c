// One node by id, whatever its kind: its document (id, kind, properties as JSON) and its metadata.
MATCH (n:GraphNode {id: $id})
RETURN n._document AS document, n._version AS version, n._createdAt AS createdAt, n._updatedAt AS updatedAt
