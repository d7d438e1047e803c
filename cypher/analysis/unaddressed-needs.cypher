// Unaddressed needs (DESIGN.md §3.1, finding "unaddressed-need"): signals still open (status not 'opgevolgd' or
// 'gesloten') raised up to the reference date that fewer than two platforms, agreements, projects or organisations
// address (ADDRESSES) — directly or through the signal's themes (a platform working on "taal" answers the signal
// "wachtlijsten Nederlands" about taal). None at all is high severity, one is medium.
//
// Parameters, in Neo4j Browser:  :param today => '2025-06-30'
// (cypher-shell: :param {today: '2025-06-30'}).
MATCH (s:Signal)
WHERE NOT coalesce(s.status, '') IN ['opgevolgd', 'gesloten']
  AND (s.raisedOn IS NULL OR date(s.raisedOn) <= date($today))
WITH s, COLLECT { MATCH (s)-[:ABOUT]->(t:Theme) RETURN t } AS themes
WITH s, themes,
  COLLECT {
    UNWIND [s] + themes AS need
    MATCH (x:Platform|Agreement|Project|Organisation)-[:ADDRESSES]->(need)
    RETURN DISTINCT x
  } AS addressers
WHERE size(addressers) < 2
RETURN s.id AS id, s.title AS signal, s.status AS status, s.raisedOn AS raisedOn,
  CASE size(addressers) WHEN 0 THEN 'high' ELSE 'medium' END AS severity,
  [t IN themes | t.name] AS themes,
  [x IN addressers | coalesce(x.name, x.title)] AS addressedBy,
  COLLECT { MATCH (s)-[:ABOUT]->(mu:Municipality) RETURN mu.name } AS municipalities,
  COLLECT { MATCH (s)-[:RAISED_AT]->(m:Meeting) RETURN m.title } AS raisedAt
ORDER BY size(addressers), raisedOn;
