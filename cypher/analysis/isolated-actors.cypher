// Isolated actors (DESIGN.md §3.4, finding "isolated-actor"): organisations with no tie of their own to the network
// (no platform membership, agreement or project, no partner, supplier or parent organisation) and none of whose people
// is a member of a platform or attended a meeting that took place up to the reference date.
//
// Parameters, in Neo4j Browser:  :param today => '2025-06-30'
// (cypher-shell: :param {today: '2025-06-30'}).
WITH date($today) AS today
MATCH (o:Organisation)
WHERE NOT EXISTS { (o)-[:MEMBER_OF|PARTY_TO]->() }
  AND NOT EXISTS { (o)-[:COLLABORATES_WITH|SUPPLIES|PART_OF]-(:Organisation) }
  AND NOT EXISTS { (o)<-[:WORKS_FOR]-(:Person)-[:MEMBER_OF]->() }
  AND NOT EXISTS {
    MATCH (o)<-[:WORKS_FOR]-(:Person)-[:ATTENDED]->(m:Meeting)
    WHERE NOT coalesce(m.status, '') IN ['cancelled', 'draft'] AND date(left(m.start, 10)) <= today
  }
RETURN o.id AS id, o.name AS organisation, o.type AS type, o.sector AS sector,
  COLLECT { MATCH (o)-[:ACTIVE_IN]->(place) RETURN place.name ORDER BY place.name } AS activeIn,
  COLLECT { MATCH (o)<-[:WORKS_FOR]-(p:Person) RETURN p.name ORDER BY p.name } AS people
ORDER BY organisation;
