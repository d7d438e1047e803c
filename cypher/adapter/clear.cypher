// Empties the database of everything the adapter wrote (contract tests only: each test starts from an empty store).
MATCH (n)
WHERE n:GraphNode OR n:Change OR n:Sequence
DETACH DELETE n
