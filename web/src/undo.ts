// Undo of the user's own last change: the inverse operation, computed purely from what was done.
import type { GraphDocument, GraphNode, GraphRelationship, RelationshipData } from './api/types';

export type Action =
  | { op: 'createNode'; node: GraphNode }
  | { op: 'updateNode'; before: GraphNode; after: GraphNode }
  | { op: 'deleteNode'; node: GraphNode; relationships: GraphRelationship[] }
  | { op: 'createRel'; rel: GraphRelationship }
  | { op: 'updateRel'; before: GraphRelationship; after: GraphRelationship }
  | { op: 'deleteRel'; rel: GraphRelationship };

export type Inverse =
  | { method: 'DELETE'; entity: 'node' | 'relationship'; id: string; version: number }
  | { method: 'PUT'; entity: 'node'; id: string; version: number; body: { properties: Record<string, unknown> } }
  | { method: 'PUT'; entity: 'relationship'; id: string; version: number; body: { properties: Record<string, unknown>; validFrom: string | null; validUntil: string | null } }
  | { method: 'IMPORT'; document: GraphDocument };

export function relData(r: GraphRelationship): RelationshipData {
  const d: RelationshipData = { id: r.id, type: r.type, from: r.from, to: r.to, properties: r.properties };
  if (r.validFrom) d.validFrom = r.validFrom;
  if (r.validUntil) d.validUntil = r.validUntil;
  return d;
}

/**
 * The inverse of an action. Updates and deletes name the version the action produced, so undoing
 * over someone else's later change is refused (412) and shown as a conflict, never overwritten.
 */
export function inverseOf(a: Action): Inverse {
  switch (a.op) {
    case 'createNode': return { method: 'DELETE', entity: 'node', id: a.node.id, version: a.node.version };
    case 'updateNode': return { method: 'PUT', entity: 'node', id: a.after.id, version: a.after.version, body: { properties: a.before.properties } };
    case 'deleteNode': return {
      method: 'IMPORT',
      document: {
        nodes: [{ id: a.node.id, kind: a.node.kind, properties: a.node.properties }],
        relationships: a.relationships.map(relData),
      },
    };
    case 'createRel': return { method: 'DELETE', entity: 'relationship', id: a.rel.id, version: a.rel.version };
    case 'updateRel': return {
      method: 'PUT', entity: 'relationship', id: a.after.id, version: a.after.version,
      body: { properties: a.before.properties, validFrom: a.before.validFrom ?? null, validUntil: a.before.validUntil ?? null },
    };
    case 'deleteRel': return { method: 'IMPORT', document: { nodes: [], relationships: [relData(a.rel)] } };
  }
}

/** Whether an action holds data of the node (as itself or as an end of a relationship). */
export function mentions(a: Action, nodeId: string): boolean {
  const rel = (r: GraphRelationship) => r.from === nodeId || r.to === nodeId;
  switch (a.op) {
    case 'createNode': return a.node.id === nodeId;
    case 'updateNode': return a.after.id === nodeId;
    case 'deleteNode': return a.node.id === nodeId || a.relationships.some(rel);
    case 'createRel': case 'deleteRel': return rel(a.rel);
    case 'updateRel': return rel(a.after);
  }
}
