// Beheer › Auditlog: who changed what, newest first, filtered by who, a page at a time.
import { api } from '../api/client';
import type { AuditEntry } from '../api/types';
import { append, clear, h } from '../dom';
import { formatDateTime, t } from '../i18n';
import type { AdminCtx } from './admin-context';

const PAGE = 50;

export class AuditView {
  private entries: AuditEntry[] = [];
  private next: number | null = null;
  private actor = '';
  private error: string | null = null;
  private loadSeq = 0;

  constructor(private readonly root: HTMLElement, private readonly ctx: AdminCtx) {}

  /** From the newest entry again (filter changed, or the section opened). */
  async load(): Promise<void> {
    this.entries = [];
    this.next = null;
    await this.fetchPage(null);
  }

  private async fetchPage(before: number | null): Promise<void> {
    const seq = ++this.loadSeq;
    this.root.setAttribute('aria-busy', 'true');
    try {
      const page = await api.audit({ actor: this.actor || null, before, limit: PAGE });
      if (seq !== this.loadSeq) return;
      this.entries.push(...page.entries);
      this.next = page.next;
      this.error = null;
    } catch (e) {
      if (seq !== this.loadSeq) return;
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (seq === this.loadSeq) this.root.removeAttribute('aria-busy');
    }
    this.render();
  }

  render(): void {
    const focused = document.activeElement?.id;
    clear(this.root);
    const actor = h('select', { id: 'audit-actor' },
      h('option', { value: '' }, t('audit.allActors')),
      ...[...this.ctx.accounts()].sort((a, b) => a.name.localeCompare(b.name))
        .map((a) => h('option', { value: a.id, selected: a.id === this.actor }, a.name)));
    actor.addEventListener('change', () => { this.actor = actor.value; void this.load(); });
    const more = h('button', { type: 'button', id: 'audit-more', className: 'secondary', hidden: this.next === null }, t('audit.more'));
    more.addEventListener('click', () => {
      const firstNew = this.entries.length;
      void this.fetchPage(this.next).then(() => {
        // keyboard users continue where the new rows start
        this.root.querySelectorAll<HTMLElement>('#audit-table tbody tr')[firstNew]?.querySelector<HTMLElement>('a, th')?.focus();
      });
    });
    append(this.root, [
      h('p', { className: 'muted' }, t('audit.intro')),
      h('div', { className: 'field inline admin-filter' }, h('label', { for: 'audit-actor' }, t('audit.actor')), actor),
      this.error ? h('p', { className: 'error', role: 'alert' }, this.error) : null,
      this.entries.length === 0 && !this.error ? h('p', { className: 'muted', id: 'audit-empty' }, t('audit.none')) : null,
      this.entries.length === 0 ? null : h('div', { className: 'table-scroll admin-table audit-scroll' },
        h('table', { className: 'data-table', id: 'audit-table' },
          h('caption', {}, t('audit.caption')),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, t('audit.at')), h('th', { scope: 'col' }, t('audit.actor')),
            h('th', { scope: 'col' }, t('audit.change')), h('th', { scope: 'col' }, t('audit.item')),
            h('th', { scope: 'col' }, t('audit.id')), h('th', { scope: 'col' }, t('audit.cause')))),
          h('tbody', {}, ...this.entries.map((e) => this.row(e))))),
      h('p', { className: 'muted small', role: 'status', id: 'audit-count' }, this.entries.length ? t('audit.loaded', { n: this.entries.length }) : ''),
      more,
    ]);
    if (focused) this.root.querySelector<HTMLElement>(`#${CSS.escape(focused)}`)?.focus();
  }

  private row(e: AuditEntry): HTMLElement {
    const entityCode = e.entity.toLowerCase();
    const opCode = e.operation.toLowerCase();
    const entity = entityCode === 'node' ? t('history.node') : t('history.relationship');
    const op = t(opCode === 'created' ? 'history.created' : opCode === 'updated' ? 'history.updated' : 'history.deleted');
    const linkable = entityCode === 'node' && opCode !== 'deleted';
    return h('tr', { 'data-sequence': e.sequence },
      h('th', { scope: 'row', tabindex: '-1' }, h('time', { datetime: e.at }, formatDateTime(e.at))),
      h('td', { className: e.actorId ? 'actor' : 'actor system' }, e.actorId ? (e.actorName ?? e.actorId) : t('audit.system')),
      h('td', {}, `${entity} ${op}`),
      h('td', {}, e.label),
      h('td', { className: 'audit-id' }, linkable
        ? h('a', { href: `/?node=${encodeURIComponent(e.id)}`, 'aria-label': t('audit.openOnMap', { label: e.label || e.id }) }, e.id)
        : e.id),
      h('td', {}, e.cause ?? ''));
  }
}
