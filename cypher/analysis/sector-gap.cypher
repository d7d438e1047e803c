// Sector gaps (DESIGN.md §3.3, finding "sector-gap"): pairs of sectors whose organisations share no active platform
// (as members themselves or through their people) and met at most once at a meeting in the last 12 months. A pair
// with one shared meeting is "only bridged by" that meeting; none at all is the wider gap.
// For organisation types instead of sectors, replace o.sector by o.type (e.g. maatwerkbedrijf × zorgvoorziening).
//
// Parameters, in Neo4j Browser:  :param today => '2025-06-30'
// (cypher-shell: :param {today: '2025-06-30'}). The reference date; the activity window is the 12 months before it.
WITH date($today) AS today
MATCH (o:Organisation)
WHERE o.sector IS NOT NULL
WITH o, today,
  // Active platforms of the organisation or of its people (a platform without "active" counts as active).
  COLLECT {
    MATCH (o)<-[:WORKS_FOR*0..1]-(actor)-[:MEMBER_OF]->(p:Platform)
    WHERE p.active IS NULL OR p.active
    RETURN DISTINCT p
  } AS platforms,
  // Meetings its people attended that took place in the window (not cancelled, not a draft).
  COLLECT {
    MATCH (o)<-[:WORKS_FOR]-(:Person)-[:ATTENDED]->(m:Meeting)
    WHERE NOT coalesce(m.status, '') IN ['cancelled', 'draft']
      AND date(left(m.start, 10)) > today - duration({months: 12})
      AND date(left(m.start, 10)) <= today
    RETURN DISTINCT m
  } AS meetings
WITH o.sector AS sector, collect(o.name) AS organisations,
  reduce(acc = [], ps IN collect(platforms) | acc + [p IN ps WHERE NOT p IN acc]) AS platforms,
  reduce(acc = [], ms IN collect(meetings) | acc + [m IN ms WHERE NOT m IN acc]) AS meetings
WITH collect({sector: sector, organisations: organisations, platforms: platforms, meetings: meetings}) AS sectors
UNWIND sectors AS a
UNWIND sectors AS b
WITH a, b
WHERE a.sector < b.sector
WITH a, b,
  [p IN a.platforms WHERE p IN b.platforms] AS sharedPlatforms,
  [m IN a.meetings WHERE m IN b.meetings] AS sharedMeetings
WHERE size(sharedPlatforms) = 0 AND size(sharedMeetings) <= 1
RETURN a.sector AS sectorA, b.sector AS sectorB,
  size(a.organisations) AS organisationsA, size(b.organisations) AS organisationsB,
  [m IN sharedMeetings | m.title + ' (' + left(m.start, 10) + ')'] AS onlyBridge,
  a.organisations[..3] AS examplesA, b.organisations[..3] AS examplesB
ORDER BY size(sharedMeetings), organisationsA + organisationsB DESC;
