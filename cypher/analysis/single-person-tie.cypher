// Single-person ties (DESIGN.md §3.4, finding "single-person-tie"): organisations with no tie of their own to the
// network whose only link to it is one person — the one employee who is a member of a platform or attended a meeting.
// When that person leaves, the organisation drops out of the network.
// (Two organisations joined only by one person who works for both: see one-person-between-organisations.cypher.)
//
// Parameters, in Neo4j Browser:  :param today => '2025-06-30'
// (cypher-shell: :param {today: '2025-06-30'}).
WITH date($today) AS today
MATCH (o:Organisation)
WHERE NOT EXISTS { (o)-[:MEMBER_OF|PARTY_TO]->() }
  AND NOT EXISTS { (o)-[:COLLABORATES_WITH|SUPPLIES|PART_OF]-(:Organisation) }
MATCH (o)<-[:WORKS_FOR]-(person:Person)
// The person's ties: platforms they are a member of, meetings they attended that took place.
WITH o, person,
  COLLECT { MATCH (person)-[:MEMBER_OF]->(p:Platform) RETURN p.name } +
  COLLECT {
    MATCH (person)-[:ATTENDED]->(m:Meeting)
    WHERE NOT coalesce(m.status, '') IN ['cancelled', 'draft'] AND date(left(m.start, 10)) <= today
    RETURN m.title + ' (' + left(m.start, 10) + ')'
  } AS ties
WHERE size(ties) > 0
WITH o, collect({person: person.name, ties: ties}) AS tied
WHERE size(tied) = 1
RETURN o.id AS id, o.name AS organisation, tied[0].person AS onlyPerson, tied[0].ties[..5] AS through, size(tied[0].ties) AS ties
ORDER BY organisation;
