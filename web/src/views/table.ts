// The table view: the same filtered nodes as the map, sortable, keyboard and screen-reader friendly.
import type { Ctx } from '../context';
import { button, clear, h } from '../dom';
import { formatDateTime, loc, t, type MessageKey } from '../i18n';
import { nodeName } from '../model';
import { formatValue } from './panel';

type Col = 'name' | 'kind' | 'type' | 'sector' | 'degree' | 'updated';
const COLS: [Col, MessageKey][] = [
  ['name', 'table.name'], ['kind', 'table.kind'], ['type', 'table.type'], ['sector', 'table.sector'], ['degree', 'table.degree'], ['updated', 'table.updated'],
];
const PAGE = 300;

export class TableView {
  private sortCol: Col = 'name';
  private asc = true;
  private limit = PAGE;
  private visible = new Set<string>();

  constructor(private readonly root: HTMLElement, private readonly ctx: Ctx) {}

  setVisible(v: Set<string>): void { this.visible = v; }

  private cell(id: string, col: Col): string | number {
    const n = this.ctx.model.nodes.get(id)!;
    const kind = this.ctx.kinds.get(n.kind);
    const prop = (name: string) => {
      const def = kind?.properties.find((p) => p.name === name);
      const v = n.properties[name];
      return def && v !== undefined && v !== null ? formatValue(def, v) : '';
    };
    switch (col) {
      case 'name': return nodeName(n, this.ctx.kinds);
      case 'kind': return loc(kind?.label) || n.kind;
      case 'type': return prop('type') || prop('function') || prop('kind');
      case 'sector': return prop('sector');
      case 'degree': return this.ctx.model.degree(id);
      case 'updated': return n.updatedAt;
    }
  }

  render(): void {
    const focusedCol = (document.activeElement as HTMLElement | null)?.dataset?.['col'];
    clear(this.root);
    const ids = [...this.visible].filter((id) => this.ctx.model.nodes.has(id));
    const key = new Map(ids.map((id) => [id, this.cell(id, this.sortCol)]));
    const coll = new Intl.Collator(document.documentElement.lang || 'nl', { sensitivity: 'base', numeric: true });
    ids.sort((a, b) => {
      const x = key.get(a)!, y = key.get(b)!;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : coll.compare(String(x), String(y));
      return this.asc ? c : -c;
    });
    const table = h('table', { className: 'data-table' }, h('caption', {}, `${t('table.caption')} (${ids.length})`));
    const tr = h('tr');
    for (const [col, label] of COLS) {
      const sorted = this.sortCol === col;
      const th = h('th', { scope: 'col', 'aria-sort': sorted ? (this.asc ? 'ascending' : 'descending') : 'none' });
      const b = button(t(label), () => {
        if (this.sortCol === col) this.asc = !this.asc; else { this.sortCol = col; this.asc = col !== 'degree' && col !== 'updated'; }
        this.render();
      }, { className: 'sort-button', 'data-col': col });
      b.append(h('span', { className: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (this.asc ? ' ▲' : ' ▼') : ' ↕'));
      th.append(b);
      tr.append(th);
    }
    table.append(h('thead', {}, tr));
    const tbody = h('tbody');
    for (const id of ids.slice(0, this.limit)) {
      const row = h('tr');
      for (const [col] of COLS) {
        if (col === 'name') {
          row.append(h('th', { scope: 'row' }, button(String(this.cell(id, col)), () => this.ctx.selectNode(id, { focus: false }), { className: 'link' })));
        } else {
          const v = this.cell(id, col);
          row.append(h('td', { className: col === 'degree' ? 'num' : '' }, col === 'updated' ? formatDateTime(String(v)) : String(v)));
        }
      }
      tbody.append(row);
    }
    table.append(tbody);
    this.root.append(table);
    if (ids.length > this.limit) {
      this.root.append(button(t('table.showMore', { n: ids.length - this.limit }), () => { this.limit += PAGE; this.render(); }, { className: 'show-more' }));
    }
    if (focusedCol) (this.root.querySelector(`button[data-col="${focusedCol}"]`) as HTMLElement | null)?.focus();
  }
}
