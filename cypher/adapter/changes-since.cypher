// The change feed after a sequence, oldest first; one more than asked tells the caller whether more follow.
MATCH (c:Change)
WHERE c.seq > $since
RETURN c {.*} AS change
ORDER BY change.seq
LIMIT $limit
