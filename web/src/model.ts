// The client's copy of the graph it shows, and the one code path that applies change-feed entries
// to it (live updates and catch-up alike). Applying the same change twice is harmless.
import type {
  Change, GraphDocument, GraphNode, GraphRelationship, NodeData, NodeKindDefinition, RelationshipData, Subgraph,
} from './api/types';

export interface Delta {
  addedNodes: string[];
  updatedNodes: string[];
  removedNodes: string[];
  addedRels: string[];
  updatedRels: string[];
  removedRels: string[];
  /** relationships that could not be placed because an endpoint is not in the model (yet) */
  pending: RelationshipData[];
  /** node ids the pending relationships need */
  missingNodes: string[];
  /** erasures of nodes this model cannot name (an erased person without relationships is known only by a tombstone) */
  unknownErasures: number;
}

export function emptyDelta(): Delta {
  return { addedNodes: [], updatedNodes: [], removedNodes: [], addedRels: [], updatedRels: [], removedRels: [], pending: [], missingNodes: [], unknownErasures: 0 };
}

export function deltaSize(d: Delta): number {
  return d.addedNodes.length + d.updatedNodes.length + d.removedNodes.length + d.addedRels.length + d.updatedRels.length + d.removedRels.length;
}

/** Is a relationship valid on a date (yyyy-MM-dd)? Bounds are inclusive; no date = always. */
export function validOn(r: { validFrom?: string | null; validUntil?: string | null }, asOf: string | null): boolean {
  if (!asOf) return true;
  if (r.validFrom && r.validFrom.slice(0, 10) > asOf) return false;
  if (r.validUntil && r.validUntil.slice(0, 10) < asOf) return false;
  return true;
}

/** The cause the store gives the changes of a GDPR erasure. */
const ERASURE = 'erasure';

export class GraphModel {
  readonly nodes = new Map<string, GraphNode>();
  readonly rels = new Map<string, GraphRelationship>();
  /** node id → ids of relationships touching it */
  private readonly incident = new Map<string, Set<string>>();
  /** the highest change sequence whose effect this model contains */
  lastSequence = 0;
  /**
   * An erased person (GDPR) is named in the change feed by a tombstone id, never by their own. The erasure's
   * relationship deletions carry the tombstone as the erased end, so a map that held one of those
   * relationships learns which of its nodes the tombstone stands for.
   */
  private readonly tombstones = new Map<string, string>();

  constructor(public asOf: string | null = null) {}

  load(graph: Subgraph, sequence: number): void {
    this.nodes.clear(); this.rels.clear(); this.incident.clear();
    for (const n of graph.nodes) this.nodes.set(n.id, n);
    for (const r of graph.relationships) if (this.nodes.has(r.from) && this.nodes.has(r.to)) this.putRel(r);
    this.lastSequence = sequence;
  }

  relsOf(nodeId: string): GraphRelationship[] {
    const ids = this.incident.get(nodeId);
    if (!ids) return [];
    const out: GraphRelationship[] = [];
    for (const id of ids) { const r = this.rels.get(id); if (r) out.push(r); }
    return out;
  }

  degree(nodeId: string): number { return this.incident.get(nodeId)?.size ?? 0; }

  private putRel(r: GraphRelationship): void {
    this.rels.set(r.id, r);
    for (const end of [r.from, r.to]) {
      let s = this.incident.get(end);
      if (!s) { s = new Set(); this.incident.set(end, s); }
      s.add(r.id);
    }
  }

  private dropRel(id: string): boolean {
    const r = this.rels.get(id);
    if (!r) return false;
    this.rels.delete(id);
    this.incident.get(r.from)?.delete(id);
    this.incident.get(r.to)?.delete(id);
    return true;
  }

  /** Add nodes fetched separately (e.g. the far end of a new relationship). */
  addNodes(nodes: GraphNode[], delta: Delta = emptyDelta()): Delta {
    for (const n of nodes) {
      const had = this.nodes.get(n.id);
      if (had && had.version >= n.version) continue;
      this.nodes.set(n.id, n);
      (had ? delta.updatedNodes : delta.addedNodes).push(n.id);
    }
    return delta;
  }

  /**
   * Apply change-feed entries in sequence order. Entries at or below lastSequence, and entries older
   * than what the model already holds (by version), change nothing.
   */
  applyChanges(changes: Change[]): Delta {
    const delta = emptyDelta();
    const sorted = [...changes].sort((a, b) => a.sequence - b.sequence);
    for (const c of sorted) {
      if (c.sequence <= this.lastSequence) continue;
      if (c.entity === 'node') this.applyNodeChange(c, delta);
      else this.applyRelChange(c, delta);
      this.lastSequence = c.sequence;
    }
    return normalise(delta);
  }

  /** Take a node and its relationships off the map (it was deleted or erased). */
  removeNode(id: string, delta: Delta = emptyDelta()): Delta {
    if (!this.nodes.has(id)) return delta;
    for (const r of this.relsOf(id)) if (this.dropRel(r.id)) delta.removedRels.push(r.id);
    this.nodes.delete(id);
    this.incident.delete(id);
    delta.removedNodes.push(id);
    return delta;
  }

  private applyNodeChange(c: Change, delta: Delta): void {
    const existing = this.nodes.get(c.id);
    if (c.operation === 'deleted') {
      const id = existing ? c.id : this.tombstones.get(c.id);
      this.tombstones.delete(c.id);
      if (id) this.removeNode(id, delta);
      else if (c.cause === ERASURE) delta.unknownErasures++;
      return;
    }
    const data = c.data as NodeData | null | undefined;
    if (!data) return;
    if (existing && existing.version >= c.version) return;
    const node: GraphNode = {
      id: c.id, kind: data.kind, properties: data.properties ?? {}, version: c.version,
      createdAt: existing?.createdAt ?? c.at, updatedAt: c.at,
    };
    this.nodes.set(c.id, node);
    (existing ? delta.updatedNodes : delta.addedNodes).push(c.id);
  }

  private applyRelChange(c: Change, delta: Delta): void {
    const existing = this.rels.get(c.id);
    if (c.operation === 'deleted') {
      if (existing && c.cause === ERASURE) {
        if (c.from && c.from !== existing.from) this.tombstones.set(c.from, existing.from);
        if (c.to && c.to !== existing.to) this.tombstones.set(c.to, existing.to);
      }
      if (this.dropRel(c.id)) delta.removedRels.push(c.id);
      return;
    }
    const data = c.data as RelationshipData | null | undefined;
    if (!data) return;
    if (existing && existing.version >= c.version) return;
    if (!validOn(data, this.asOf)) {
      // no longer valid on the date we show: it leaves the map
      if (this.dropRel(c.id)) delta.removedRels.push(c.id);
      return;
    }
    if (!this.nodes.has(data.from) || !this.nodes.has(data.to)) {
      delta.pending.push(data);
      for (const end of [data.from, data.to]) if (!this.nodes.has(end)) delta.missingNodes.push(end);
      // remember its version on arrival through placePending
      pendingVersions.set(c.id, { version: c.version, at: c.at });
      return;
    }
    const rel: GraphRelationship = {
      id: c.id, type: data.type, from: data.from, to: data.to, properties: data.properties ?? {},
      validFrom: data.validFrom ?? null, validUntil: data.validUntil ?? null, version: c.version,
      createdAt: existing?.createdAt ?? c.at, updatedAt: c.at,
    };
    this.putRel(rel);
    (existing ? delta.updatedRels : delta.addedRels).push(c.id);
  }

  /** Place relationships that waited for their endpoints (after those nodes were added). */
  placePending(pending: RelationshipData[], delta: Delta = emptyDelta()): Delta {
    for (const data of pending) {
      if (!this.nodes.has(data.from) || !this.nodes.has(data.to)) continue;
      const v = pendingVersions.get(data.id) ?? { version: 1, at: new Date().toISOString() };
      const existing = this.rels.get(data.id);
      if (existing && existing.version >= v.version) continue;
      this.putRel({
        id: data.id, type: data.type, from: data.from, to: data.to, properties: data.properties ?? {},
        validFrom: data.validFrom ?? null, validUntil: data.validUntil ?? null, version: v.version,
        createdAt: v.at, updatedAt: v.at,
      });
      pendingVersions.delete(data.id);
      (existing ? delta.updatedRels : delta.addedRels).push(data.id);
    }
    return delta;
  }

  /** The given nodes and the relationships among them, in the import document format. */
  toDocument(nodeIds?: Iterable<string>): GraphDocument {
    const ids = nodeIds ? new Set(nodeIds) : new Set(this.nodes.keys());
    const nodes: NodeData[] = [];
    for (const id of [...ids].sort()) {
      const n = this.nodes.get(id);
      if (n) nodes.push({ id: n.id, kind: n.kind, properties: n.properties });
    }
    const relationships: RelationshipData[] = [];
    for (const r of [...this.rels.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      if (!ids.has(r.from) || !ids.has(r.to)) continue;
      const d: RelationshipData = { id: r.id, type: r.type, from: r.from, to: r.to, properties: r.properties };
      if (r.validFrom) d.validFrom = r.validFrom;
      if (r.validUntil) d.validUntil = r.validUntil;
      relationships.push(d);
    }
    return { nodes, relationships };
  }
}

const pendingVersions = new Map<string, { version: number; at: string }>();

function normalise(d: Delta): Delta {
  // a node added then removed in one batch is simply gone; updates of added items are additions
  const removedN = new Set(d.removedNodes);
  const removedR = new Set(d.removedRels);
  d.addedNodes = unique(d.addedNodes).filter((id) => !removedN.has(id));
  const addedN = new Set(d.addedNodes);
  d.updatedNodes = unique(d.updatedNodes).filter((id) => !removedN.has(id) && !addedN.has(id));
  d.addedRels = unique(d.addedRels).filter((id) => !removedR.has(id));
  const addedR = new Set(d.addedRels);
  d.updatedRels = unique(d.updatedRels).filter((id) => !removedR.has(id) && !addedR.has(id));
  d.removedNodes = unique(d.removedNodes);
  d.removedRels = unique(d.removedRels);
  d.missingNodes = unique(d.missingNodes);
  return d;
}

function unique<T>(a: T[]): T[] { return [...new Set(a)]; }

/** The display name of a node, using its kind's name property. */
export function nodeName(n: { id: string; kind: string; properties: Record<string, unknown> }, kinds: Map<string, NodeKindDefinition>): string {
  const prop = kinds.get(n.kind)?.nameProperty ?? 'name';
  const v = n.properties[prop] ?? n.properties['name'] ?? n.properties['title'];
  return typeof v === 'string' && v.trim() ? v : n.id;
}
