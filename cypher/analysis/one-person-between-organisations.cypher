// Two organisations connected only through one person: someone works for both, and nothing else joins them — no
// direct relationship, no platform both are in (themselves or through any of their people), no agreement or project
// both are party to, no other person working for both. (A variant of the single-person tie of DESIGN.md §3.4.)
MATCH (a:Organisation)<-[:WORKS_FOR]-(person:Person)-[:WORKS_FOR]->(b:Organisation)
WHERE a.id < b.id
  AND NOT EXISTS { (a)--(b) }
  AND NOT EXISTS { (a)<-[:WORKS_FOR]-(other:Person)-[:WORKS_FOR]->(b) WHERE other <> person }
  AND NOT EXISTS { (a)-[:PARTY_TO]->()<-[:PARTY_TO]-(b) }
  AND NOT EXISTS {
    MATCH (a)<-[:WORKS_FOR*0..1]-(x)-[:MEMBER_OF]->(p:Platform)<-[:MEMBER_OF]-(y)-[:WORKS_FOR*0..1]->(b)
    WHERE x <> person OR y <> person
  }
RETURN a.name AS organisationA, b.name AS organisationB, person.name AS onlyPerson, person.id AS personId
ORDER BY organisationA, organisationB;
