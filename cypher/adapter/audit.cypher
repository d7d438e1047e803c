// The audit log: changes newest first, optionally of one actor and before a sequence.
MATCH (c:Change)
WHERE ($actor IS NULL OR c.actor = $actor) AND ($before IS NULL OR c.seq < $before)
RETURN c {.*} AS change
ORDER BY change.seq DESC
LIMIT $limit
