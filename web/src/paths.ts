// Ego networks and shortest paths on the graph the map shows (undirected, unweighted BFS).
import type { GraphModel } from './model';

export function egoNetwork(model: GraphModel, center: string, depth: number, allowed?: Set<string>): { nodes: Set<string>; rels: Set<string> } {
  const nodes = new Set<string>([center]);
  const rels = new Set<string>();
  let frontier = [center];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const r of model.relsOf(id)) {
        const other = r.from === id ? r.to : r.from;
        if (allowed && !allowed.has(other)) continue;
        rels.add(r.id);
        if (!nodes.has(other)) { nodes.add(other); next.push(other); }
      }
    }
    frontier = next;
  }
  // include ties among the ego network's members
  for (const id of nodes) for (const r of model.relsOf(id)) if (nodes.has(r.from) && nodes.has(r.to)) rels.add(r.id);
  return { nodes, rels };
}

/** A shortest path as alternating node and relationship ids, or null when none exists. */
export function shortestPath(model: GraphModel, from: string, to: string, allowed?: Set<string>): { nodes: string[]; rels: string[] } | null {
  if (!model.nodes.has(from) || !model.nodes.has(to)) return null;
  if (from === to) return { nodes: [from], rels: [] };
  const prev = new Map<string, { node: string; rel: string }>();
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) {
      // deterministic: visit ties in id order
      const ties = model.relsOf(id).sort((a, b) => (a.id < b.id ? -1 : 1));
      for (const r of ties) {
        const other = r.from === id ? r.to : r.from;
        if (seen.has(other) || (allowed && !allowed.has(other))) continue;
        seen.add(other);
        prev.set(other, { node: id, rel: r.id });
        if (other === to) return unwind(prev, from, to);
        next.push(other);
      }
    }
    frontier = next;
  }
  return null;
}

function unwind(prev: Map<string, { node: string; rel: string }>, from: string, to: string): { nodes: string[]; rels: string[] } {
  const nodes = [to];
  const rels: string[] = [];
  let cur = to;
  while (cur !== from) {
    const p = prev.get(cur)!;
    rels.unshift(p.rel);
    nodes.unshift(p.node);
    cur = p.node;
  }
  return { nodes, rels };
}
