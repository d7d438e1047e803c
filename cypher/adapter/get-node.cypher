// One node by id, whatever its kind: its document (id, kind, properties as JSON) and its metadata.
MATCH (n:GraphNode {id: $id})
RETURN n {._document, ._version, ._createdAt, ._updatedAt} AS item
