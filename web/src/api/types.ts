// The API's shapes as the front end uses them. Hand-written for readable types (the generated
// file types int64 as `number | string` and properties as `Record<string, never>`), and checked
// against the generated OpenAPI types in ./openapi-check.ts so the two cannot drift apart silently.

export type Localized = { nl: string; en: string };

export type PropertyType =
  | 'string' | 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime'
  | 'email' | 'url' | 'phone' | 'enum' | 'stringList';

export interface AllowedValue { value: string; label: Localized }

export interface PropertyDefinition {
  name: string;
  type: PropertyType;
  required: boolean;
  label: Localized;
  values?: AllowedValue[] | null;
  default?: unknown;
  maxLength?: number | null;
  maxItems?: number | null;
  minimum?: number | null;
  maximum?: number | null;
  pattern?: string | null;
  /** kept by Netwerk itself (an invitation's delivery state, a meeting's invite rules): not in forms, kept by the server */
  managed?: boolean;
}

export interface NodeKindDefinition {
  code: string;
  label: Localized;
  plural: Localized;
  nameProperty: string;
  /** a date property: a node exists from that date on, so views "as of" an earlier date leave it out */
  existsFrom?: string | null;
  personal: boolean;
  style: { color: string; shape: string };
  properties: PropertyDefinition[];
  dateOrder?: string[][] | null;
}

export interface RelationshipTypeDefinition {
  code: string;
  label: Localized;
  endpoints: { from: string; to: string }[];
  properties: PropertyDefinition[];
}

export interface GraphSchema {
  version: number;
  nodeKinds: NodeKindDefinition[];
  relationshipTypes: RelationshipTypeDefinition[];
}

export type Properties = Record<string, unknown>;

export interface GraphNode {
  id: string;
  kind: string;
  properties: Properties;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface GraphRelationship {
  id: string;
  type: string;
  from: string;
  to: string;
  properties: Properties;
  validFrom?: string | null;
  validUntil?: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Subgraph { nodes: GraphNode[]; relationships: GraphRelationship[] }

export interface Page<T> { items: T[]; total: number; offset: number; limit: number }

export interface NodeData { id: string; kind: string; properties: Properties }
export interface RelationshipData {
  id: string; type: string; from: string; to: string; properties: Properties;
  validFrom?: string | null; validUntil?: string | null;
}

export interface GraphDocument { nodes: NodeData[]; relationships: RelationshipData[] }

export interface Change {
  sequence: number;
  at: string;
  entity: 'node' | 'relationship';
  operation: 'created' | 'updated' | 'deleted';
  id: string;
  label: string;
  version: number;
  cause?: string | null;
  data?: NodeData | RelationshipData | null;
  from?: string | null;
  to?: string | null;
  /** the account that made the change; null for the system */
  actor?: string | null;
}

export interface ChangePage { changes: Change[]; latestSequence: number; hasMore: boolean }

export interface SearchHit { id: string; kind: string; name: string; rank: number }

export interface ImportResult {
  nodesCreated: number; nodesUpdated: number; nodesUnchanged: number;
  relationshipsCreated: number; relationshipsUpdated: number; relationshipsUnchanged: number;
  latestSequence?: number;
}

export interface HealthReport {
  status: string;
  store: { provider: string; healthy: boolean; nodeCount: number; relationshipCount: number; latestSequence: number };
}

export interface ProblemIssue { field: string; code: string; message: string }

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string | null;
  errors?: Record<string, string[]> | null;
  issues?: ProblemIssue[] | null;
  code?: string | null;
  currentVersion?: number | null;
}

// ---------------------------------------------------------------- access (accounts, tokens, audit, GDPR)

export type Role = 'viewer' | 'organiser' | 'regisseur';

/** A role in a region: a Region node id, or '*' for every region and the whole network. */
export interface Grant {
  role: Role;
  region: string;
  /** in answers only: region is '*' */
  coversAllRegions?: boolean;
}

export interface Account {
  id: string;
  email: string;
  name: string;
  language: 'nl' | 'en';
  grants: Grant[];
  createdAt: string;
  lastSignInAt: string | null;
}

export type AccountInput = Pick<Account, 'email' | 'name' | 'language' | 'grants'>;

/** GET /api/auth/me, and the answer of every sign-in. */
export interface Me {
  signedIn: boolean;
  account?: Account | null;
  csrfToken?: string | null;
  /** offered now: only to a visitor who is not signed in, in Development on localhost */
  developmentSignIn: boolean;
  oidc: boolean;
  /** the OpenID Connect provider's name for the button, when configured */
  oidcName?: string | null;
}

/** A calendar subscription (iCalendar feed) of the signed-in account; never its token. */
export interface CalendarFeed {
  id: string;
  kind: 'personal' | 'platform' | string;
  /** the platform of a platform feed */
  platform: string | null;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** POST /api/feeds: the feed and its addresses, shown this once. */
export interface CreatedFeed {
  feed: CalendarFeed;
  url: string;
  webcalUrl: string;
}

export interface ApiToken {
  id: string;
  accountId: string;
  name: string;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

/** The secret is in this answer only; the server keeps a hash. */
export interface CreatedToken { token: ApiToken; secret: string }

export interface AuditEntry {
  sequence: number;
  at: string;
  /** null: the system (demo data, jobs) */
  actorId: string | null;
  actorName: string | null;
  /** the change feed's words; compared case-insensitively */
  entity: 'node' | 'relationship' | 'Node' | 'Relationship';
  operation: 'created' | 'updated' | 'deleted' | 'Created' | 'Updated' | 'Deleted';
  id: string;
  label: string;
  cause: string | null;
}

export interface AuditPage { entries: AuditEntry[]; next: number | null }

export interface EraseResult {
  /** the id that stands for the erased person in the change feed from now on */
  tombstone: string;
  relationshipsRemoved: number;
  meetingsCounted: number;
  outboxFilesRemoved: number;
  accountRemoved: boolean;
  /** the database file was compacted, so no deleted page still holds the data */
  storageScrubbed: boolean;
}
