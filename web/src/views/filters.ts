// The filter sidebar and the legend, both built from the schema and the loaded graph.
import type { Ctx } from '../context';
import { button, clear, h } from '../dom';
import { type FilterState, emptyFilters } from '../filters';
import { loc, messages, t, type MessageKey } from '../i18n';
import { nodeName } from '../model';
import { sectorColors } from './map';

export interface FilterEvents {
  changed: (f: FilterState) => void;
  sizeBy: (metric: string) => void;
  colorBy: (metric: string) => void;
  allEdges: (on: boolean) => void;
  layout: (name: 'force' | 'grouped') => void;
  fit: () => void;
}

export class FiltersView {
  state: FilterState = emptyFilters();
  private openGroups = new Set<string>(['kinds']);
  private layoutValue: 'force' | 'grouped' = 'force';
  /** metric names that can drive size (besides the client's degree and "equal") */
  metricNames: string[] = [];
  sizeBy = 'degree';
  /** 'default' (kind and sector) or an analysis metric name, e.g. 'community' or 'betweenness' */
  colorBy = 'default';
  /** big graphs draw only the ties near the view unless asked for all */
  bigGraph = false;
  allEdges = false;

  constructor(private readonly root: HTMLElement, private readonly ctx: Ctx, private readonly ev: FilterEvents) {}

  setLayout(l: 'force' | 'grouped'): void { this.layoutValue = l; }

  render(shown: number, total: number): void {
    clear(this.root);
    const org = this.ctx.kinds.get('Organisation');
    const sectorDef = org?.properties.find((p) => p.name === 'sector');
    const typeDef = org?.properties.find((p) => p.name === 'type');
    const counts = new Map<string, number>();
    for (const n of this.ctx.model.nodes.values()) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);

    this.root.append(h('h2', { className: 'side-title' }, t('filters.title')));
    this.root.append(h('p', { className: 'muted small', 'aria-live': 'polite', id: 'filter-count' }, t('filters.count', { shown, total })));

    this.root.append(this.group('kinds', 'filters.kinds', this.ctx.schema.nodeKinds
      .filter((k) => counts.has(k.code) || this.state.kinds.has(k.code))
      .map((k) => [k.code, `${loc(k.plural)} (${counts.get(k.code) ?? 0})`, k.style.color, k.style.shape]), this.state.kinds));
    this.root.append(this.group('sectors', 'filters.sectors', (sectorDef?.values ?? []).map((v) => [v.value, loc(v.label), sectorColors[v.value] ?? '#888', 'round-rectangle']), this.state.sectors));
    this.root.append(this.group('orgTypes', 'filters.orgTypes', (typeDef?.values ?? []).map((v) => [v.value, loc(v.label)]), this.state.orgTypes));
    const byName = (kind: string) => [...this.ctx.model.nodes.values()].filter((n) => n.kind === kind)
      .map((n) => [n.id, nodeName(n, this.ctx.kinds)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1]));
    this.root.append(this.group('themes', 'filters.themes', byName('Theme'), this.state.themes, t('filters.tiedHint')));
    this.root.append(this.group('platforms', 'filters.platforms', byName('Platform'), this.state.platforms, t('filters.tiedHint')));
    this.root.append(button(t('filters.reset'), () => { this.state = emptyFilters(); this.ev.changed(this.state); }, { className: 'secondary full' }));

    // layout
    const sel = h('select', { id: 'layout-select' },
      h('option', { value: 'force', selected: this.layoutValue === 'force' }, t('layout.force')),
      h('option', { value: 'grouped', selected: this.layoutValue === 'grouped' }, t('layout.grouped')));
    sel.addEventListener('change', () => { this.layoutValue = sel.value as 'force' | 'grouped'; this.ev.layout(this.layoutValue); });
    this.root.append(h('div', { className: 'field' }, h('label', { for: 'layout-select' }, t('layout.label')), sel),
      button(t('map.fit'), () => this.ev.fit(), { className: 'secondary full' }));

    // legend
    const legend = h('ul', { className: 'legend' });
    for (const k of this.ctx.schema.nodeKinds) {
      legend.append(h('li', {}, swatch(k.style.color, k.style.shape), loc(k.label)));
    }
    const sectors = h('ul', { className: 'legend' });
    for (const v of sectorDef?.values ?? []) sectors.append(h('li', {}, swatch(sectorColors[v.value] ?? '#888', 'round-rectangle'), loc(v.label)));
    this.root.append(h('section', { className: 'legend-box', 'aria-label': t('legend.title') },
      h('h3', {}, t('legend.title')), legend,
      h('h4', {}, `${loc(org?.plural)} — ${t('filters.sectors').toLowerCase()}`), sectors,
      this.sizeSelect(), this.colorSelect(), this.bigGraph ? this.allEdgesToggle() : null));
  }

  /** Colour by kind and sector (default), or by any analysis metric, communities included. */
  private colorSelect(): HTMLElement {
    const names = ['default', ...this.metricNames];
    const label = (m: string) => {
      if (m === 'default') return t('legend.colorDefault');
      const key = `metric.${m}` as MessageKey;
      return key in messages.nl ? t(key) : m;
    };
    const sel = h('select', { id: 'color-select' }, ...names.map((m) => h('option', { value: m, selected: m === this.colorBy }, label(m))));
    sel.addEventListener('change', () => { this.colorBy = sel.value; this.ev.colorBy(sel.value); });
    return h('div', { className: 'field' }, h('label', { for: 'color-select' }, t('legend.colorBy')), sel);
  }

  private allEdgesToggle(): HTMLElement {
    const cb = h('input', { type: 'checkbox', id: 'all-edges', checked: this.allEdges });
    cb.addEventListener('change', () => { this.allEdges = cb.checked; this.ev.allEdges(cb.checked); });
    return h('div', {}, h('div', { className: 'check' }, cb, h('label', { for: 'all-edges' }, t('legend.allEdges'))),
      h('p', { className: 'muted small' }, t('legend.allEdgesHint')));
  }

  private sizeSelect(): HTMLElement {
    const names = ['degree', 'none', ...this.metricNames.filter((m) => m !== 'degree' && m !== 'community')];
    const label = (m: string) => {
      const key = `metric.${m}` as MessageKey;
      return key in messages.nl ? t(key) : m;
    };
    const sel = h('select', { id: 'size-select' }, ...names.map((m) => h('option', { value: m, selected: m === this.sizeBy }, label(m))));
    sel.addEventListener('change', () => { this.sizeBy = sel.value; this.ev.sizeBy(sel.value); });
    return h('div', { className: 'field' }, h('label', { for: 'size-select' }, t('legend.sizeBy')), sel);
  }

  private group(key: string, title: MessageKey, items: [string, string, string?, string?][], set: Set<string>, hint?: string): HTMLElement {
    const details = h('details', { className: 'filter-group', open: this.openGroups.has(key) || set.size > 0 });
    details.addEventListener('toggle', () => { if (details.open) this.openGroups.add(key); else this.openGroups.delete(key); });
    const summary = h('summary', {}, t(title), set.size ? h('span', { className: 'count-badge' }, String(set.size)) : null);
    const fs = h('fieldset', {}, h('legend', { className: 'visually-hidden' }, t(title)));
    if (hint) fs.append(h('p', { className: 'muted small' }, hint));
    if (!items.length) fs.append(h('p', { className: 'muted small' }, t('filters.none')));
    const list = h('div', { className: items.length > 12 ? 'checks scroll' : 'checks' });
    for (const [value, label, color, shape] of items) {
      const id = `f-${key}-${value}`.replace(/[^A-Za-z0-9_-]/g, '_');
      const cb = h('input', { type: 'checkbox', id, value, checked: set.has(value) });
      cb.addEventListener('change', () => {
        if (cb.checked) set.add(value); else set.delete(value);
        this.ev.changed(this.state);
      });
      list.append(h('div', { className: 'check' }, cb, h('label', { for: id }, color ? swatch(color, shape ?? 'ellipse') : null, label)));
    }
    fs.append(list);
    details.append(summary, fs);
    return details;
  }
}

const SVG = 'http://www.w3.org/2000/svg';
export function swatch(color: string, shape: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', '16'); svg.setAttribute('height', '16'); svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true'); svg.setAttribute('class', 'swatch');
  let el: SVGElement;
  const poly = (pts: [number, number][]) => { const p = document.createElementNS(SVG, 'polygon'); p.setAttribute('points', pts.map((x) => x.join(',')).join(' ')); return p; };
  const regular = (n: number, rot = -Math.PI / 2, r = 7) => poly(Array.from({ length: n }, (_, i) => [8 + r * Math.cos(rot + (2 * Math.PI * i) / n), 8 + r * Math.sin(rot + (2 * Math.PI * i) / n)] as [number, number]));
  switch (shape) {
    case 'ellipse': { const c = document.createElementNS(SVG, 'circle'); c.setAttribute('cx', '8'); c.setAttribute('cy', '8'); c.setAttribute('r', '7'); el = c; break; }
    case 'rectangle': case 'round-rectangle': {
      const r = document.createElementNS(SVG, 'rect'); r.setAttribute('x', '1'); r.setAttribute('y', '2'); r.setAttribute('width', '14'); r.setAttribute('height', '12');
      if (shape === 'round-rectangle') r.setAttribute('rx', '3');
      el = r; break;
    }
    case 'diamond': el = poly([[8, 1], [15, 8], [8, 15], [1, 8]]); break;
    case 'triangle': el = poly([[8, 1], [15, 14], [1, 14]]); break;
    case 'hexagon': el = regular(6, 0); break;
    case 'pentagon': el = regular(5); break;
    case 'octagon': el = regular(8, Math.PI / 8); break;
    case 'tag': el = poly([[1, 3], [11, 3], [15, 8], [11, 13], [1, 13]]); break;
    case 'star': el = poly(Array.from({ length: 10 }, (_, i) => { const r = i % 2 ? 3 : 7.5; const a = -Math.PI / 2 + (Math.PI * i) / 5; return [8 + r * Math.cos(a), 8 + r * Math.sin(a)] as [number, number]; })); break;
    default: { const c = document.createElementNS(SVG, 'circle'); c.setAttribute('cx', '8'); c.setAttribute('cy', '8'); c.setAttribute('r', '7'); el = c; }
  }
  el.setAttribute('fill', color);
  svg.append(el);
  return svg;
}
