// Uncovered municipalities (DESIGN.md §3.2, finding "uncovered-municipality"): municipalities of the region where no
// organisation active there, and none of its people, took part in a platform that met or in a meeting during the last
// 12 months. "organisations" lists who is known there (empty: nobody from the municipality is in the network at all).
//
// Parameters, in Neo4j Browser:  :param region => 'region-zuid-west-vlaanderen'
//                                :param today => '2025-06-30'
// (cypher-shell: :param {region: 'region-zuid-west-vlaanderen', today: '2025-06-30'}).
WITH date($today) AS today
MATCH (mu:Municipality)-[:PART_OF]->(:Region {id: $region})
WHERE NOT EXISTS {
    // A member of a platform that met in the window: the organisation itself or one of its people.
    MATCH (o:Organisation)-[:ACTIVE_IN]->(mu)
    MATCH (o)<-[:WORKS_FOR*0..1]-(actor)-[:MEMBER_OF]->(:Platform)<-[:OF]-(m:Meeting)
    WHERE NOT coalesce(m.status, '') IN ['cancelled', 'draft']
      AND date(left(m.start, 10)) > today - duration({months: 12})
      AND date(left(m.start, 10)) <= today
  }
  AND NOT EXISTS {
    // Someone at a meeting in the window.
    MATCH (o:Organisation)-[:ACTIVE_IN]->(mu)
    MATCH (o)<-[:WORKS_FOR*0..1]-(actor)-[:ATTENDED]->(m:Meeting)
    WHERE NOT coalesce(m.status, '') IN ['cancelled', 'draft']
      AND date(left(m.start, 10)) > today - duration({months: 12})
      AND date(left(m.start, 10)) <= today
  }
RETURN mu.id AS id, mu.name AS municipality, mu.population AS population,
  COLLECT { MATCH (o:Organisation)-[:ACTIVE_IN]->(mu) RETURN o.name ORDER BY o.name } AS organisations
ORDER BY size(organisations), municipality;
