// The network map (Cytoscape). Node labels are drawn on the canvas as text, never parsed as HTML.
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { GraphSchema, NodeKindDefinition } from '../api/types';
import { type Delta, type GraphModel, nodeName } from '../model';
import { groupedPositions, sizeScale } from '../layouts';

cytoscape.use(fcose);

export type LayoutName = 'force' | 'grouped';

/** Colours of organisations by sector (the legend shows them). */
export const sectorColors: Record<string, string> = {
  'sociale-economie': '#0f8a6a',
  'reguliere-economie': '#1d4ed8',
  overheid: '#475569',
  'zorg-welzijn': '#c0267a',
  onderwijs: '#b7791f',
  middenveld: '#7c3aed',
};

const BIG = 1500;

export interface MapEvents {
  select: (id: string | null) => void;
}

export class MapView {
  readonly cy: Core;
  private kinds = new Map<string, NodeKindDefinition>();
  private metric: Map<string, number> | null = null;
  private big = false;
  private layoutName: LayoutName = 'force';
  private flashTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly container: HTMLElement, schema: GraphSchema, private readonly model: GraphModel, events: MapEvents) {
    for (const k of schema.nodeKinds) this.kinds.set(k.code, k);
    this.cy = cytoscape({
      container,
      style: this.style(false),
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (e) => events.select(e.target.id()));
    this.cy.on('tap', (e) => { if (e.target === this.cy) events.select(null); });
  }

  get layout(): LayoutName { return this.layoutName; }

  private style(big: boolean): StylesheetJson {
    return [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)',
          shape: 'data(shape)' as never,
          width: 'data(size)',
          height: 'data(size)',
          label: 'data(label)',
          'font-size': 11,
          'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
          color: '#1f2933',
          'text-valign': 'bottom',
          'text-margin-y': 4,
          'text-wrap': 'ellipsis',
          'text-max-width': '150px',
          'text-background-color': '#ffffff',
          'text-background-opacity': big ? 0 : 0.75,
          'text-background-padding': '1px',
          'min-zoomed-font-size': big ? 10 : 7,
          'border-width': 1,
          'border-color': '#ffffff',
        },
      },
      {
        selector: 'edge',
        style: {
          width: 1.2,
          'line-color': '#9aa5b1',
          'curve-style': big ? 'haystack' : 'bezier',
          'target-arrow-shape': big ? 'none' : 'triangle',
          'target-arrow-color': '#9aa5b1',
          'arrow-scale': 0.7,
          opacity: big ? 0.45 : 0.8,
        },
      },
      { selector: '.filtered', style: { display: 'none' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#111827', 'z-index': 20 } },
      { selector: '.dim', style: { opacity: 0.12, 'text-opacity': 0 } },
      { selector: 'node.hl', style: { 'border-width': 3, 'border-color': '#f59e0b', 'z-index': 10 } },
      { selector: 'edge.hl', style: { width: 3, 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', opacity: 1, 'z-index': 10 } },
      { selector: 'node.focus', style: { 'border-width': 6, 'border-color': '#f59e0b', 'z-index': 30 } },
      { selector: 'node.flash', style: { 'overlay-color': '#22c55e', 'overlay-opacity': 0.45, 'overlay-padding': 8 } },
      { selector: 'edge.flash', style: { 'overlay-color': '#22c55e', 'overlay-opacity': 0.45, 'overlay-padding': 4 } },
    ] as StylesheetJson;
  }

  private nodeData(id: string, size: (id: string) => number): ElementDefinition {
    const n = this.model.nodes.get(id)!;
    const kind = this.kinds.get(n.kind);
    const sector = n.kind === 'Organisation' ? String(n.properties['sector'] ?? '') : '';
    return {
      group: 'nodes',
      data: {
        id: n.id,
        label: truncate(nodeName(n, this.kinds), 48),
        kind: n.kind,
        color: sectorColors[sector] ?? kind?.style.color ?? '#888888',
        shape: kind?.style.shape ?? 'ellipse',
        size: size(n.id),
      },
    };
  }

  private sizeFn(): (id: string) => number {
    const values = this.metric ?? new Map([...this.model.nodes.keys()].map((id) => [id, this.model.degree(id)]));
    return sizeScale(values, this.big ? 14 : 22, this.big ? 48 : 72);
  }

  /** Set the metric that drives node size (null = degree). Any per-node numbers will do. */
  setMetric(values: Map<string, number> | null): void {
    this.metric = values;
    const size = this.sizeFn();
    this.cy.batch(() => this.cy.nodes().forEach((n) => { n.data('size', size(n.id())); }));
  }

  /** Replace everything with the model's content. */
  render(visible: Set<string>, layout: LayoutName = this.layoutName): Promise<void> {
    this.big = this.model.nodes.size > BIG || this.model.rels.size > BIG * 3;
    this.cy.style(this.style(this.big));
    // Cytoscape's renderer options are fixed at creation; set the heavy-graph ones via the private renderer hooks when available
    const r = (this.cy as unknown as { renderer?: () => { hideEdgesOnViewport?: boolean; textureOnViewport?: boolean; pixelRatio?: number } }).renderer?.();
    if (r) { r.hideEdgesOnViewport = this.big; r.textureOnViewport = this.big; }
    const size = this.sizeFn();
    const els: ElementDefinition[] = [];
    for (const id of this.model.nodes.keys()) els.push(this.nodeData(id, size));
    for (const rel of this.model.rels.values()) els.push({ group: 'edges', data: { id: rel.id, source: rel.from, target: rel.to, type: rel.type } });
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(els);
      this.applyVisible(visible);
    });
    return this.runLayout(layout);
  }

  applyVisible(visible: Set<string>): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        const show = visible.has(n.id());
        if (show === n.hasClass('filtered')) n.toggleClass('filtered', !show);
      });
    });
  }

  runLayout(name: LayoutName): Promise<void> {
    this.layoutName = name;
    const eles = this.cy.elements().not('.filtered');
    if (eles.empty()) return Promise.resolve();
    let opts: cytoscape.LayoutOptions;
    if (name === 'grouped') {
      const items = eles.nodes().map((n) => {
        const node = this.model.nodes.get(n.id());
        return { id: n.id(), kind: n.data('kind') as string, group: String(node?.properties['sector'] ?? node?.properties['type'] ?? ''), size: n.data('size') as number };
      });
      const pos = groupedPositions(items, [...this.kinds.keys()]);
      opts = { name: 'preset', positions: (n: cytoscape.NodeSingular) => pos.get(n.id()) ?? { x: 0, y: 0 }, fit: true, padding: 30, animate: false } as cytoscape.LayoutOptions;
    } else {
      const n = eles.nodes().length;
      opts = {
        name: 'fcose',
        quality: n > BIG ? 'draft' : 'default',
        randomize: true,
        animate: false,
        fit: true,
        padding: 30,
        nodeDimensionsIncludeLabels: false,
        packComponents: true,
        nodeRepulsion: () => 6000,
        idealEdgeLength: () => (n > BIG ? 40 : 70),
        numIter: n > BIG ? 800 : 2500,
        tile: true,
      } as unknown as cytoscape.LayoutOptions;
    }
    return new Promise((resolve) => {
      const l = eles.layout(opts);
      l.one('layoutstop', () => resolve());
      l.run();
    });
  }

  fit(): void { this.cy.fit(this.cy.elements().not('.filtered'), 30); }

  /** Apply a model delta to the drawing, flashing what changed. */
  applyDelta(d: Delta, visible: Set<string>): void {
    const size = this.sizeFn();
    const touched: string[] = [];
    this.cy.batch(() => {
      for (const id of d.removedRels) this.cy.getElementById(id).remove();
      for (const id of d.removedNodes) this.cy.getElementById(id).remove();
      for (const id of [...d.addedNodes, ...d.updatedNodes]) {
        const el = this.cy.getElementById(id);
        const def = this.nodeData(id, size);
        if (el.nonempty()) el.data(def.data);
        else {
          // place a new node next to a neighbour (or in the middle of the view)
          const ext = this.cy.extent();
          const added = this.cy.add({ ...def, position: { x: (ext.x1 + ext.x2) / 2 + rnd(40), y: (ext.y1 + ext.y2) / 2 + rnd(40) } });
          added.toggleClass('filtered', !visible.has(id));
        }
        touched.push(id);
      }
      for (const id of [...d.addedRels, ...d.updatedRels]) {
        const r = this.model.rels.get(id);
        if (!r) continue;
        if (this.cy.getElementById(id).empty()) this.cy.add({ group: 'edges', data: { id, source: r.from, target: r.to, type: r.type } });
        touched.push(id);
      }
      // a new tie changes degrees: resize
      this.cy.nodes().forEach((n) => { const s = size(n.id()); if (n.data('size') !== s) n.data('size', s); });
      // place new nodes next to a neighbour
      for (const id of d.addedNodes) {
        const n = this.cy.getElementById(id);
        const nb = n.neighborhood('node').first() as cytoscape.NodeSingular;
        if (nb.nonempty()) n.position({ x: nb.position('x') + rnd(60), y: nb.position('y') + rnd(60) });
      }
      this.applyVisible(visible);
    });
    this.flash(touched);
  }

  flash(ids: string[]): void {
    for (const id of ids) {
      const el = this.cy.getElementById(id);
      if (el.empty()) continue;
      el.addClass('flash');
      clearTimeout(this.flashTimers.get(id));
      this.flashTimers.set(id, setTimeout(() => { this.cy.getElementById(id).removeClass('flash'); this.flashTimers.delete(id); }, 1600));
    }
  }

  /** Select, centre and highlight a node. Returns false when it is not on the map. */
  focus(id: string): boolean {
    const el = this.cy.getElementById(id);
    if (el.empty() || el.hasClass('filtered')) return false;
    this.cy.$(':selected').unselect();
    el.select();
    this.cy.nodes('.focus').removeClass('focus');
    el.addClass('focus');
    setTimeout(() => el.removeClass('focus'), 2500);
    const zoom = Math.max(this.cy.zoom(), 1);
    this.cy.animate({ center: { eles: el }, zoom }, { duration: this.big ? 0 : 300 });
    return true;
  }

  select(id: string | null): void {
    this.cy.$(':selected').unselect();
    if (id) this.cy.getElementById(id).select();
  }

  /** Highlight a set of nodes and relationships, dimming the rest. */
  highlight(nodes: Set<string>, rels: Set<string>): void {
    this.cy.batch(() => {
      this.cy.elements().removeClass('hl dim');
      this.cy.nodes().forEach((n) => { n.addClass(nodes.has(n.id()) ? 'hl' : 'dim'); });
      this.cy.edges().forEach((e) => { e.addClass(rels.has(e.id()) ? 'hl' : 'dim'); });
    });
    const els = this.cy.elements('.hl');
    if (els.nonempty()) this.cy.animate({ fit: { eles: els, padding: 60 } }, { duration: this.big ? 0 : 300 });
  }

  clearHighlight(): void { this.cy.batch(() => this.cy.elements().removeClass('hl dim')); }

  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: this.big ? 1 : 2, maxWidth: 8000, maxHeight: 8000 }) as unknown as Blob;
  }

  setLargeText(large: boolean): void {
    this.cy.style().selector('node').style({ 'font-size': large ? 15 : 11, 'text-max-width': large ? '200px' : '150px' }).update();
  }

  resize(): void { this.cy.resize(); }
  get containerEl(): HTMLElement { return this.container; }
}

function truncate(s: string, n: number): string { return s.length > n ? s.slice(0, n - 1) + '…' : s; }
function rnd(r: number): number { return (Math.random() - 0.5) * 2 * r; }
