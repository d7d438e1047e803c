// A node's history: its own changes and those of relationships touching it, newest first.
MATCH (c:Change)
WHERE (c.id = $id AND c.entity = 'Node') OR c.from = $id OR c.to = $id
RETURN c {.*} AS change
ORDER BY change.seq DESC
LIMIT $limit
