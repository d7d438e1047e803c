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
  cy!: Core;
  private kinds = new Map<string, NodeKindDefinition>();
  private metric: Map<string, number> | null = null;
  private colors: Map<string, string> | null = null;
  private big = false;
  private largeText = false;
  private layoutName: LayoutName = 'force';
  private flashTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private labelled = new Set<string>();
  private nearEdges = new Set<string>();
  private allEdges = false;
  private topNodes: string[] = [];
  private lodTimer: ReturnType<typeof setTimeout> | undefined;
  /** which renderer draws the map: 'canvas' or 'webgl' (big graphs, when the browser has WebGL 2) */
  renderer: 'canvas' | 'webgl' = 'canvas';

  constructor(private readonly container: HTMLElement, schema: GraphSchema, private readonly model: GraphModel, private readonly events: MapEvents) {
    for (const k of schema.nodeKinds) this.kinds.set(k.code, k);
    this.create(false);
  }

  /**
   * (Re)create the Cytoscape instance. Big graphs get the performance options, which Cytoscape only
   * takes at creation: WebGL rendering when available, edges hidden and a texture while panning,
   * pixel ratio 1, and labels only where they can be read (see updateLabels).
   */
  private create(big: boolean): void {
    this.cy?.destroy();
    this.big = big;
    // Cytoscape's WebGL renderer is experimental; opt in with ?webgl (in software-rendered Chromium it is far slower)
    const webgl = big && new URLSearchParams(location.search).has('webgl') && webgl2Available();
    this.renderer = webgl ? 'webgl' : 'canvas';
    this.cy = cytoscape({
      container: this.container,
      style: this.style(big),
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      hideEdgesOnViewport: big && !webgl,
      textureOnViewport: big && !webgl,
      pixelRatio: big ? 1 : 'auto',
      ...(webgl ? { renderer: { name: 'canvas', webgl: true } } : {}),
    } as cytoscape.CytoscapeOptions);
    this.cy.on('tap', 'node', (e) => this.events.select(e.target.id()));
    if (big) this.cy.on('select', 'node', () => { clearTimeout(this.lodTimer); this.lodTimer = setTimeout(() => this.updateLabels(), 50); });
    this.cy.on('tap', (e) => { if (e.target === this.cy) this.events.select(null); });
    if (big) this.cy.on('viewport', () => { clearTimeout(this.lodTimer); this.lodTimer = setTimeout(() => this.updateLabels(), 120); });
    if (this.largeText) this.setLargeText(true);
  }

  /**
   * Level of detail for big graphs: label the most connected nodes, and once zoomed in far enough to
   * read them, the nodes in view; draw the ties of the nodes in view (and of the selected or
   * highlighted ones) instead of all 20,000 — unless the user asks for all of them.
   */
  private updateLabels(): void {
    if (!this.big) return;
    const ext = this.cy.extent();
    const want = new Set<string>(this.topNodes);
    const inView: cytoscape.NodeSingular[] = [];
    if (this.cy.zoom() > 0.3) {
      this.cy.nodes().forEach((node) => {
        if (inView.length > 600 || node.hasClass('filtered')) return;
        const p = node.position();
        if (p.x >= ext.x1 && p.x <= ext.x2 && p.y >= ext.y1 && p.y <= ext.y2) { want.add(node.id()); inView.push(node); }
      });
    }
    const edges = new Set<string>();
    if (!this.allEdges) {
      const add = (n: cytoscape.NodeSingular): void => { n.connectedEdges().forEach((e) => { if (edges.size < 6000) edges.add(e.id()); }); };
      for (const n of inView) add(n);
      this.cy.nodes(':selected').forEach(add);
    }
    this.cy.batch(() => {
      for (const id of this.labelled) if (!want.has(id)) this.cy.getElementById(id).removeClass('labelled');
      for (const id of want) if (!this.labelled.has(id)) this.cy.getElementById(id).addClass('labelled');
      for (const id of this.nearEdges) if (!edges.has(id)) this.cy.getElementById(id).removeClass('near');
      for (const id of edges) if (!this.nearEdges.has(id)) this.cy.getElementById(id).addClass('near');
    });
    this.labelled = want;
    this.nearEdges = edges;
  }

  /** Big graphs: draw every tie, not only those near the view. */
  setAllEdges(all: boolean): void {
    this.allEdges = all;
    this.cy.style(this.style(this.big));
    if (this.largeText) this.setLargeText(true);
    this.updateLabels();
  }

  get isBig(): boolean { return this.big; }
  get showsAllEdges(): boolean { return this.allEdges; }

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
          label: big ? '' : 'data(label)',
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
          'border-width': big ? 0 : 1,
          'border-color': '#ffffff',
        },
      },
      { selector: 'node.labelled, node:selected, node.hl', style: { label: 'data(label)' } },
      {
        selector: 'edge',
        style: {
          width: big ? 0.6 : 1.2,
          'line-color': big ? '#c3cad3' : '#9aa5b1',
          'curve-style': big ? 'haystack' : 'bezier',
          'target-arrow-shape': big ? 'none' : 'triangle',
          'target-arrow-color': '#9aa5b1',
          'arrow-scale': 0.7,
          opacity: big ? 1 : 0.8,
        },
      },
      ...(big && !this.allEdges ? [{ selector: 'edge', style: { display: 'none' } }, { selector: 'edge.near, edge.hl', style: { display: 'element' } }] : []),
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
    return {
      group: 'nodes',
      data: {
        id: n.id,
        label: truncate(nodeName(n, this.kinds), 48),
        kind: n.kind,
        color: this.colorOf(id),
        shape: kind?.style.shape ?? 'ellipse',
        size: size(n.id),
      },
    };
  }

  private sizeFn(): (id: string) => number {
    const values = this.metric ?? new Map([...this.model.nodes.keys()].map((id) => [id, this.model.degree(id)]));
    return sizeScale(values, this.big ? 12 : 18, this.big ? 44 : 60);
  }

  /** The colour a node gets: from the chosen metric when one is set, else by sector (organisations) or kind. */
  private colorOf(id: string): string {
    const chosen = this.colors?.get(id);
    if (chosen) return chosen;
    const n = this.model.nodes.get(id)!;
    const sector = n.kind === 'Organisation' ? String(n.properties['sector'] ?? '') : '';
    return sectorColors[sector] ?? this.kinds.get(n.kind)?.style.color ?? '#888888';
  }

  /** Colour nodes by per-node colours (a metric or communities); null restores kind and sector colours. */
  setColors(colors: Map<string, string> | null): void {
    this.colors = colors;
    this.cy.batch(() => this.cy.nodes().forEach((n) => { const c = this.colorOf(n.id()); if (n.data('color') !== c) n.data('color', c); }));
  }

  /** Set the metric that drives node size (null = degree). Any per-node numbers will do. */
  setMetric(values: Map<string, number> | null): void {
    this.metric = values;
    const size = this.sizeFn();
    // only touch nodes whose size changes: every data change re-styles the node and its edges
    this.cy.batch(() => this.cy.nodes().forEach((n) => { const v = size(n.id()); if (n.data('size') !== v) n.data('size', v); }));
  }

  /** Replace everything with the model's content. */
  render(visible: Set<string>, layout: LayoutName = this.layoutName): Promise<void> {
    const big = this.model.nodes.size > BIG || this.model.rels.size > BIG * 3;
    if (big !== this.big) this.create(big);
    const size = this.sizeFn();
    const els: ElementDefinition[] = [];
    for (const id of this.model.nodes.keys()) els.push(this.nodeData(id, size));
    // grouped layout: positions known before adding, so no layout pass over 25,000 elements
    if (layout === 'grouped') {
      const pos = groupedPositions(els.filter((e) => visible.has(e.data.id!)).map((e) => this.layoutItem(e.data.id!, e.data['kind'] as string, e.data['size'] as number)), [...this.kinds.keys()]);
      for (const e of els) e.position = pos.get(e.data.id!) ?? { x: 0, y: 0 };
    }
    for (const rel of this.model.rels.values()) els.push({ group: 'edges', data: { id: rel.id, source: rel.from, target: rel.to, type: rel.type } });
    this.labelled.clear();
    this.nearEdges.clear();
    const t0 = performance.now();
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(els);
      this.applyVisible(visible);
    });
    performance.measure('netwerk:map-add', { start: t0 });
    this.topNodes = big ? [...this.model.nodes.keys()].sort((a, b) => size(b) - size(a)).slice(0, 60) : [];
    const t1 = performance.now();
    if (layout === 'grouped') {
      this.layoutName = layout;
      this.fit();
      this.updateLabels();
      performance.measure('netwerk:map-fit', { start: t1 });
      return Promise.resolve();
    }
    return this.runLayout(layout).then(() => { performance.measure('netwerk:map-layout', { start: t1 }); });
  }

  private layoutItem(id: string, kind: string, size: number): { id: string; kind: string; group: string; size: number } {
    const node = this.model.nodes.get(id);
    return { id, kind, group: String(node?.properties['sector'] ?? node?.properties['type'] ?? ''), size };
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
      const items = eles.nodes().map((n) => this.layoutItem(n.id(), n.data('kind') as string, n.data('size') as number));
      const pos = groupedPositions(items, [...this.kinds.keys()]);
      this.cy.batch(() => eles.nodes().forEach((n) => { const p = pos.get(n.id()); if (p) n.position(p); }));
      this.fit();
      this.updateLabels();
      return Promise.resolve();
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
        nodeRepulsion: () => (n > BIG ? 6000 : 16000),
        idealEdgeLength: () => (n > BIG ? 40 : 90),
        nodeSeparation: 90,
        numIter: n > BIG ? 800 : 2500,
        tile: true,
      } as unknown as cytoscape.LayoutOptions;
    }
    return new Promise((resolve) => {
      const l = eles.layout(opts);
      l.one('layoutstop', () => { this.updateLabels(); resolve(); });
      l.run();
    });
  }

  /** Fit the visible nodes (edges lie between them; their bounding boxes are costly on big graphs). */
  fit(): void {
    if (!this.big) { this.cy.fit(this.cy.nodes().not('.filtered'), 30); return; }
    // big graphs: from positions and sizes directly, without Cytoscape's bounding-box pass
    let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    this.cy.nodes().forEach((n) => {
      if (n.hasClass('filtered')) return;
      const p = n.position();
      const r = (n.data('size') as number) / 2;
      if (p.x - r < x1) x1 = p.x - r;
      if (p.x + r > x2) x2 = p.x + r;
      if (p.y - r < y1) y1 = p.y - r;
      if (p.y + r > y2) y2 = p.y + r;
    });
    if (!Number.isFinite(x1)) return;
    const w = this.cy.width(), h = this.cy.height(), pad = 30;
    const zoom = Math.min(4, Math.max(0.02, Math.min((w - 2 * pad) / Math.max(1, x2 - x1), (h - 2 * pad) / Math.max(1, y2 - y1))));
    this.cy.viewport({ zoom, pan: { x: w / 2 - zoom * (x1 + x2) / 2, y: h / 2 - zoom * (y1 + y2) / 2 } });
  }

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
      this.cy.elements('.hl, .dim').removeClass('hl dim');
      this.cy.nodes().forEach((n) => { n.addClass(nodes.has(n.id()) ? 'hl' : 'dim'); });
      this.cy.edges().forEach((e) => { e.addClass(rels.has(e.id()) ? 'hl' : 'dim'); });
    });
    const els = this.cy.elements('.hl');
    if (els.nonempty()) this.cy.animate({ fit: { eles: els, padding: 60 } }, { duration: this.big ? 0 : 300 });
  }

  clearHighlight(): void { this.cy.batch(() => this.cy.elements('.hl, .dim').removeClass('hl dim')); }

  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: this.big ? 1 : 2, maxWidth: 8000, maxHeight: 8000 }) as unknown as Blob;
  }

  setLargeText(large: boolean): void {
    this.largeText = large;
    this.cy.style().selector('node').style({ 'font-size': large ? 15 : 11, 'text-max-width': large ? '200px' : '150px' }).update();
  }

  resize(): void { this.cy.resize(); }
  get containerEl(): HTMLElement { return this.container; }
}

function webgl2Available(): boolean {
  try { return !!document.createElement('canvas').getContext('webgl2'); } catch { return false; }
}

function truncate(s: string, n: number): string { return s.length > n ? s.slice(0, n - 1) + '…' : s; }
function rnd(r: number): number { return (Math.random() - 0.5) * 2 * r; }
