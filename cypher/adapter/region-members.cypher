// The node ids of a region's graph, step by step as RegionScope (src/Netwerk.Core/Storage/RegionScope.cs) defines
// them; only relationships valid on $asOf (null: any) count. The ids are empty when $region is not a region.
// 1. the region and its municipalities; 2. anchors: every other node joined to those (except regions and
// municipalities); 3. people working for an anchor; 4. context: every direct neighbour of an anchor or such a person.
MATCH (region:GraphNode {id: $region})
WHERE $regionKind IN labels(region)
CALL (region) {
  OPTIONAL MATCH (m:GraphNode)-[p]->(region)
  WHERE type(p) = $partOf AND $municipalityKind IN labels(m)
    AND ($asOf IS NULL OR ((p.validFrom IS NULL OR p.validFrom <= $asOf) AND (p.validUntil IS NULL OR p.validUntil >= $asOf)))
  WITH region, collect(DISTINCT m) AS municipalities
  RETURN municipalities + [region] AS base
}
CALL (base) {
  UNWIND base AS place
  MATCH (place)-[r]-(anchor:GraphNode)
  WHERE NOT $regionKind IN labels(anchor) AND NOT $municipalityKind IN labels(anchor)
    AND ($asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validUntil IS NULL OR r.validUntil >= $asOf)))
  RETURN collect(DISTINCT anchor) AS anchors
}
CALL (anchors) {
  UNWIND anchors AS anchor
  MATCH (person:GraphNode)-[w]->(anchor)
  WHERE type(w) = $worksFor AND $personKind IN labels(person)
    AND ($asOf IS NULL OR ((w.validFrom IS NULL OR w.validFrom <= $asOf) AND (w.validUntil IS NULL OR w.validUntil >= $asOf)))
  RETURN collect(DISTINCT person) AS people
}
WITH base, anchors + people AS core
CALL (core) {
  UNWIND core AS member
  MATCH (member)-[r]-(neighbour:GraphNode)
  WHERE $asOf IS NULL OR ((r.validFrom IS NULL OR r.validFrom <= $asOf) AND (r.validUntil IS NULL OR r.validUntil >= $asOf))
  RETURN collect(DISTINCT neighbour) AS context
}
UNWIND base + core + context AS member
RETURN collect(DISTINCT member.id) AS ids
