// Search as you type (debounced /api/search) in an accessible combobox. Used for the header search,
// for picking the other end of a relationship and for the two ends of a path.
import { api } from '../api/client';
import type { SearchHit } from '../api/types';
import type { Ctx } from '../context';
import { clear, debounce, h, uid } from '../dom';
import { loc, t } from '../i18n';
import { kindBadge } from './panel';

/** What the picker needs of a page: kind labels, and the map's model to mark hits not on the map (the map only). */
export type PickerCtx = Pick<Ctx, 'kinds'> & { model?: { nodes: { has(id: string): boolean } } };

export interface PickerOptions {
  label: string;
  placeholder?: string;
  /** only offer these kinds */
  kinds?: Set<string>;
  onPick: (hit: SearchHit) => void;
  id?: string;
  hideLabel?: boolean;
}

export class NodePicker {
  readonly root: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private hits: SearchHit[] = [];
  private active = -1;
  private seq = 0;
  picked: SearchHit | null = null;

  constructor(private readonly ctx: PickerCtx, private readonly o: PickerOptions) {
    const id = o.id ?? uid('picker');
    const listId = `${id}-list`;
    this.input = h('input', {
      id, type: 'search', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
      'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId,
      placeholder: o.placeholder ?? '',
    });
    this.list = h('ul', { id: listId, role: 'listbox', className: 'picker-list', hidden: true, 'aria-label': o.label });
    this.root = h('div', { className: 'picker' },
      h('label', { for: id, className: o.hideLabel ? 'visually-hidden' : '' }, o.label), this.input, this.list);
    const run = debounce((q: string) => void this.search(q), 180);
    this.input.addEventListener('input', () => { this.picked = null; run(this.input.value); });
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  private async search(q: string): Promise<void> {
    const seq = ++this.seq;
    if (!q.trim()) { this.hits = []; this.renderList(); return; }
    try {
      let hits = await api.search(q.trim(), 20);
      if (seq !== this.seq) return;
      if (this.o.kinds) hits = hits.filter((x) => this.o.kinds!.has(x.kind));
      this.hits = hits.slice(0, 12);
      this.active = this.hits.length ? 0 : -1;
      this.renderList();
    } catch { /* offline: leave the list */ }
  }

  private renderList(): void {
    clear(this.list);
    const open = this.input.value.trim() !== '' && document.activeElement === this.input;
    this.list.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
    if (!open) return;
    if (!this.hits.length) {
      this.list.append(h('li', { className: 'picker-empty', role: 'option', 'aria-disabled': 'true' }, t('search.none')));
      this.input.removeAttribute('aria-activedescendant');
      return;
    }
    this.hits.forEach((hit, i) => {
      const kind = this.ctx.kinds.get(hit.kind);
      const li = h('li', { id: `${this.list.id}-${i}`, 'data-id': hit.id, role: 'option', 'aria-selected': String(i === this.active), className: i === this.active ? 'active' : '' },
        kindBadge(loc(kind?.label) || hit.kind, kind?.style.color ?? '#888888'), ' ', hit.name,
        !this.ctx.model || this.ctx.model.nodes.has(hit.id) ? null : h('span', { className: 'muted small' }, ` — ${t('panel.notOnMap')}`));
      li.addEventListener('mousedown', (e) => { e.preventDefault(); this.pick(i); });
      this.list.append(li);
    });
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
  }

  private key(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!this.hits.length) return;
      e.preventDefault();
      const d = e.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + d + this.hits.length) % this.hits.length;
      this.renderList();
    } else if (e.key === 'Enter') {
      if (this.active >= 0 && this.hits[this.active]) { e.preventDefault(); this.pick(this.active); }
    } else if (e.key === 'Escape') {
      if (!this.list.hidden) { e.preventDefault(); e.stopPropagation(); this.close(); }
    }
  }

  private pick(i: number): void {
    const hit = this.hits[i];
    if (!hit) return;
    this.picked = hit;
    this.input.value = hit.name;
    this.close();
    this.o.onPick(hit);
  }

  set(hit: SearchHit | null): void {
    this.picked = hit;
    this.input.value = hit?.name ?? '';
  }

  close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
