// Agreements expiring without a successor (DESIGN.md §3.7, finding "agreement-expiring"): agreements ending within 12
// months of the reference date (high: within 6) with no successor — an agreement of the same type that starts later,
// ends later (or never) and shares at least two of the parties (all of them when there are fewer).
//
// Parameters, in Neo4j Browser:  :param today => '2025-06-30'
// (cypher-shell: :param {today: '2025-06-30'}).
WITH date($today) AS today
MATCH (a:Agreement)
WHERE a.endDate IS NOT NULL
  AND date(a.endDate) >= today
  AND date(a.endDate) <= today + duration({months: 12})
WITH a, today, COLLECT { MATCH (o:Organisation)-[:PARTY_TO]->(a) RETURN o } AS parties
WHERE NOT EXISTS {
  MATCH (s:Agreement)
  WHERE s <> a AND s.type = a.type AND s.startDate IS NOT NULL
    AND (a.startDate IS NULL OR date(s.startDate) > date(a.startDate))
    AND (s.endDate IS NULL OR date(s.endDate) > date(a.endDate))
    AND size(parties) > 0
    AND COUNT { MATCH (o:Organisation)-[:PARTY_TO]->(s) WHERE o IN parties } >= CASE WHEN size(parties) < 2 THEN size(parties) ELSE 2 END
}
RETURN a.id AS id, a.title AS agreement, a.type AS type, a.endDate AS ends,
  CASE WHEN date(a.endDate) <= today + duration({months: 6}) THEN 'high' ELSE 'medium' END AS severity,
  [o IN parties | o.name] AS parties,
  COLLECT { MATCH (p:Platform)-[:FOLLOWS_UP]->(a) RETURN p.name } AS followedUpBy
ORDER BY ends, agreement;
