// Agreements without follow-up (DESIGN.md §3.7, finding "agreement-without-follow-up"): agreements running on the
// reference date that no platform follows up (FOLLOWS_UP), or whose follow-up platforms held no meeting in the last 12
// months.
//
// Parameters, in Neo4j Browser:  :param today => '2025-06-30'
// (cypher-shell: :param {today: '2025-06-30'}).
WITH date($today) AS today
MATCH (a:Agreement)
WHERE (a.startDate IS NULL OR date(a.startDate) <= today)
  AND (a.endDate IS NULL OR date(a.endDate) >= today)
  AND NOT EXISTS {
    MATCH (p:Platform)-[:FOLLOWS_UP]->(a)
    MATCH (m:Meeting)-[:OF]->(p)
    WHERE NOT coalesce(m.status, '') IN ['cancelled', 'draft']
      AND date(left(m.start, 10)) > today - duration({months: 12})
      AND date(left(m.start, 10)) <= today
  }
RETURN a.id AS id, a.title AS agreement, a.type AS type, a.startDate AS starts, a.endDate AS ends,
  COLLECT { MATCH (o:Organisation)-[:PARTY_TO]->(a) RETURN o.name } AS parties,
  COLLECT { MATCH (p:Platform)-[:FOLLOWS_UP]->(a) RETURN p.name } AS quietFollowUp
ORDER BY agreement;
