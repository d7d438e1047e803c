// The sequence of the latest committed change (0 before the first).
OPTIONAL MATCH (s:Sequence {name: 'changes'})
RETURN coalesce(s.value, 0) AS seq
