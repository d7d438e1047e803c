// Which nodes the current filters let through. Pure: works on the model, no DOM.
import type { GraphModel } from './model';

export interface FilterState {
  /** kinds shown; empty = all */
  kinds: Set<string>;
  /** organisation sectors shown; empty = all */
  sectors: Set<string>;
  /** organisation types shown; empty = all */
  orgTypes: Set<string>;
  /** theme node ids: show only what is tied to one of them (and the themes); empty = no restriction */
  themes: Set<string>;
  /** platform node ids: likewise */
  platforms: Set<string>;
}

export function emptyFilters(): FilterState {
  return { kinds: new Set(), sectors: new Set(), orgTypes: new Set(), themes: new Set(), platforms: new Set() };
}

export function isFiltering(f: FilterState): boolean {
  return f.kinds.size + f.sectors.size + f.orgTypes.size + f.themes.size + f.platforms.size > 0;
}

/** Ids of the nodes that pass the filters. */
export function visibleNodeIds(model: GraphModel, f: FilterState): Set<string> {
  let anchorTied: Set<string> | null = null;
  const anchors = [...f.themes, ...f.platforms].filter((id) => model.nodes.has(id));
  if (f.themes.size + f.platforms.size > 0) {
    anchorTied = new Set(anchors);
    for (const a of anchors) {
      for (const r of model.relsOf(a)) anchorTied.add(r.from === a ? r.to : r.from);
    }
    // when both themes and platforms are chosen, a node must be tied to one of each
    if (f.themes.size > 0 && f.platforms.size > 0) {
      const tiedTo = (ids: Set<string>) => {
        const s = new Set<string>(ids);
        for (const a of ids) if (model.nodes.has(a)) for (const r of model.relsOf(a)) s.add(r.from === a ? r.to : r.from);
        return s;
      };
      const t = tiedTo(f.themes);
      const p = tiedTo(f.platforms);
      anchorTied = new Set([...t].filter((id) => p.has(id) || f.themes.has(id) || f.platforms.has(id)));
    }
  }
  const out = new Set<string>();
  for (const n of model.nodes.values()) {
    if (f.kinds.size && !f.kinds.has(n.kind)) continue;
    if (n.kind === 'Organisation') {
      if (f.sectors.size && !f.sectors.has(String(n.properties['sector'] ?? ''))) continue;
      if (f.orgTypes.size && !f.orgTypes.has(String(n.properties['type'] ?? ''))) continue;
    }
    if (anchorTied && !anchorTied.has(n.id)) continue;
    out.add(n.id);
  }
  return out;
}

/** Relationship ids whose both ends are visible. */
export function visibleRelIds(model: GraphModel, nodes: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const r of model.rels.values()) if (nodes.has(r.from) && nodes.has(r.to)) out.add(r.id);
  return out;
}
