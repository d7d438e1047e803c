// Platforms behind their cadence (DESIGN.md §3.6, finding "platform-behind-cadence"): active platforms with an intended
// number of meetings per year (cadencePerYear) that held fewer meetings than that in the 12 months before the
// reference date (ROSE met once in 2023). Meetings count when they took place: not cancelled, not a draft.
//
// Parameters, in Neo4j Browser:  :param today => '2025-06-30'
// (cypher-shell: :param {today: '2025-06-30'}).
WITH date($today) AS today
MATCH (p:Platform)
WHERE (p.active IS NULL OR p.active) AND p.cadencePerYear > 0
WITH p,
  COLLECT {
    MATCH (m:Meeting)-[:OF]->(p)
    WHERE NOT coalesce(m.status, '') IN ['cancelled', 'draft']
      AND date(left(m.start, 10)) > today - duration({months: 12})
      AND date(left(m.start, 10)) <= today
    RETURN left(m.start, 10) AS day ORDER BY day
  } AS held
WHERE size(held) < p.cadencePerYear
RETURN p.id AS id, p.name AS platform, p.cadencePerYear AS expected, size(held) AS met, held AS dates,
  COLLECT { MATCH (lead)-[:MEMBER_OF {role: 'trekker'}]->(p) RETURN lead.name } AS trekkers
ORDER BY p.cadencePerYear - size(held) DESC, platform;
