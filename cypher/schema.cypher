// Constraints and indexes for the Netwerk graph in Neo4j 5 (5.26 or later: the adapter uses dynamic labels).
// Derived from src/Netwerk.Core/Schema/schema.json and checked against it by Neo4jSchemaScriptTests: one unique id per
// node kind and per relationship type, the full-text index on every kind's name property, and what the adapter needs.
// Run once on an empty database (every statement is idempotent: IF NOT EXISTS).

// Every node the adapter writes carries :GraphNode besides its kind, so ids are unique across kinds and a node is found
// by id without knowing its kind.
CREATE CONSTRAINT graph_node_id IF NOT EXISTS FOR (n:GraphNode) REQUIRE n.id IS UNIQUE;

// One per node kind of the schema.
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT platform_id IF NOT EXISTS FOR (n:Platform) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agreement_id IF NOT EXISTS FOR (n:Agreement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT theme_id IF NOT EXISTS FOR (n:Theme) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT municipality_id IF NOT EXISTS FOR (n:Municipality) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT project_id IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT signal_id IF NOT EXISTS FOR (n:Signal) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE;

// One per relationship type of the schema (Neo4j has no relationship constraint across types; the adapter checks
// an id is unused by every type before creating a relationship).
CREATE CONSTRAINT works_for_id IF NOT EXISTS FOR ()-[r:WORKS_FOR]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT party_to_id IF NOT EXISTS FOR ()-[r:PARTY_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT follows_up_id IF NOT EXISTS FOR ()-[r:FOLLOWS_UP]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT addresses_id IF NOT EXISTS FOR ()-[r:ADDRESSES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT active_in_id IF NOT EXISTS FOR ()-[r:ACTIVE_IN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT collaborates_with_id IF NOT EXISTS FOR ()-[r:COLLABORATES_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT supplies_id IF NOT EXISTS FOR ()-[r:SUPPLIES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT feeds_id IF NOT EXISTS FOR ()-[r:FEEDS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT about_id IF NOT EXISTS FOR ()-[r:ABOUT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT raised_at_id IF NOT EXISTS FOR ()-[r:RAISED_AT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT of_id IF NOT EXISTS FOR ()-[r:OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT invited_id IF NOT EXISTS FOR ()-[r:INVITED]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT attended_id IF NOT EXISTS FOR ()-[r:ATTENDED]-() REQUIRE r.id IS UNIQUE;

// Full-text search over names: every kind's name property; the folding analyzer ignores accents like the SQLite store.
CREATE FULLTEXT INDEX node_names IF NOT EXISTS FOR (n:Organisation|Person|Platform|Agreement|Theme|Municipality|Region|Project|Signal|Meeting) ON EACH [n.name, n.title]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};

// The change feed: one :Change node per committed change, numbered from the single :Sequence {name: 'changes'} node
// (incrementing it locks that node, so sequences follow commit order across all writers).
CREATE CONSTRAINT sequence_name IF NOT EXISTS FOR (s:Sequence) REQUIRE s.name IS UNIQUE;
CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE;
CREATE INDEX change_id IF NOT EXISTS FOR (c:Change) ON (c.id);
CREATE INDEX change_from IF NOT EXISTS FOR (c:Change) ON (c.from);
CREATE INDEX change_to IF NOT EXISTS FOR (c:Change) ON (c.to);
CREATE INDEX change_actor IF NOT EXISTS FOR (c:Change) ON (c.actor);
