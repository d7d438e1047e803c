// Agenda-abonnementen: calendar subscriptions (iCalendar feeds) that Outlook, Google and Apple
// calendars keep up to date by themselves. Anyone makes a personal feed (their own meetings); an
// organiser also makes a platform's feed. A feed's address is its key: shown once, with copy buttons
// and how to add it in each calendar; the list shows when a calendar last fetched it, and revokes it.
import { api } from '../api/client';
import type { CalendarFeed, CreatedFeed } from '../api/types';
import { append, button, clear, h } from '../dom';
import { formatDateTime, t } from '../i18n';
import { copyField } from './copy';
import { Dialog, confirmDialog } from './dialog';
import type { PlannerCtx } from './planner-context';

export function openFeedsDialog(ctx: PlannerCtx): void {
  new FeedsDialog(ctx).open();
}

class FeedsDialog {
  private readonly dialog = new Dialog(t('planner.feeds.title'), { wide: true, id: 'feeds-dialog' });
  private feeds: CalendarFeed[] = [];
  private created: CreatedFeed | null = null;
  private kind: 'personal' | 'platform' = 'personal';

  constructor(private readonly ctx: PlannerCtx) {
    this.dialog.footer.append(button(t('dialog.close'), () => this.dialog.close(), { className: 'secondary', id: 'feeds-close' }));
  }

  open(): void {
    this.render();
    this.dialog.open();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.feeds = await api.feeds();
      this.render();
    } catch (e) {
      this.ctx.toast(t('toast.error', { msg: e instanceof Error ? e.message : String(e) }), 'error');
    }
  }

  private render(): void {
    const active = document.activeElement?.id;
    const body = this.dialog.body;
    clear(body);
    append(body, [
      h('p', { className: 'muted' }, t('planner.feeds.intro')),
      this.created ? this.addresses(this.created) : null,
      this.form(),
      this.list(),
    ]);
    if (active) body.querySelector<HTMLElement>(`#${CSS.escape(active)}`)?.focus();
  }

  private form(): HTMLElement {
    const kindChoice = (kind: 'personal' | 'platform', label: string) => {
      const input = h('input', { type: 'radio', name: 'feed-kind', id: `feed-kind-${kind}`, value: kind, checked: this.kind === kind });
      input.addEventListener('change', () => { this.kind = kind; this.render(); });
      return h('label', { className: 'choice', for: `feed-kind-${kind}` }, input, ` ${label}`);
    };
    const platform = h('select', { id: 'feed-platform', disabled: this.kind !== 'platform' },
      ...this.ctx.lookups.platforms.map((p) => h('option', { value: p.id }, p.name)));
    const name = h('input', { type: 'text', id: 'feed-name', maxlength: '100', autocomplete: 'off', 'aria-describedby': 'feed-name-hint' });
    const form = h('form', { className: 'feed-form', id: 'feed-form', novalidate: true },
      h('fieldset', {}, h('legend', {}, t('planner.feeds.which')),
        kindChoice('personal', t('planner.feeds.personal')),
        this.ctx.canPlan ? kindChoice('platform', t('planner.feeds.platform')) : null),
      this.ctx.canPlan ? h('div', { className: 'field' }, h('label', { for: 'feed-platform' }, t('planner.feeds.platformLabel')), platform) : null,
      h('div', { className: 'field' },
        h('label', { for: 'feed-name' }, t('planner.feeds.name')), name,
        h('p', { className: 'muted small', id: 'feed-name-hint' }, t('planner.feeds.nameHint'))),
      h('button', { type: 'submit', className: 'primary', id: 'feed-create' }, t('planner.feeds.create')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.create({ kind: this.kind, platform: this.kind === 'platform' ? platform.value : null, name: name.value.trim() || null });
    });
    return form;
  }

  private async create(request: { kind: 'personal' | 'platform'; platform: string | null; name: string | null }): Promise<void> {
    if (request.kind === 'platform' && !request.platform) { this.dialog.body.querySelector<HTMLElement>('#feed-platform')?.focus(); return; }
    try {
      this.created = await api.createFeed(request);
      await this.load();
      this.dialog.body.querySelector<HTMLInputElement>('#feed-url')?.focus();
    } catch (e) {
      this.ctx.toast(t('toast.error', { msg: e instanceof Error ? e.message : String(e) }), 'error');
    }
  }

  /** The new feed's addresses, once: https for Outlook and Google, webcal to open a calendar app directly. */
  private addresses(c: CreatedFeed): HTMLElement {
    const copied = h('span', { className: 'muted small', role: 'status', id: 'feed-copied' });
    const row = (id: string, label: string, value: string) => {
      const input = h('input', { type: 'text', id, readonly: true, value, spellcheck: 'false' });
      input.addEventListener('focus', () => input.select());
      return h('div', { className: 'secret-row' },
        h('label', { for: id }, label), input,
        button(t('tokens.copy'), () => void copyField(input, copied, t('planner.feeds.copyFailed')), { className: 'secondary', id: `${id}-copy`, 'aria-label': `${t('tokens.copy')}: ${label}` }));
    };
    return h('div', { className: 'secret-box', id: 'feed-created', role: 'region', 'aria-labelledby': 'feed-created-title' },
      h('h3', { id: 'feed-created-title' }, t('planner.feeds.createdTitle', { name: c.feed.name })),
      h('p', { className: 'notice' }, t('planner.feeds.secretWarning')),
      row('feed-url', t('planner.feeds.httpsLabel'), c.url),
      row('feed-webcal', t('planner.feeds.webcalLabel'), c.webcalUrl),
      copied,
      h('p', {}, h('a', { href: c.webcalUrl, id: 'feed-open-webcal' }, t('planner.feeds.openWebcal'))),
      h('h4', {}, t('planner.feeds.howTo')),
      h('ul', { className: 'feed-hints', id: 'feed-hints' },
        h('li', {}, h('strong', {}, 'Outlook: '), t('planner.feeds.hint.outlook')),
        h('li', {}, h('strong', {}, 'Google Agenda: '), t('planner.feeds.hint.google')),
        h('li', {}, h('strong', {}, 'Apple Agenda: '), t('planner.feeds.hint.apple'))),
      button(t('tokens.dismiss'), () => { this.created = null; this.render(); }, { className: 'secondary small', id: 'feed-dismiss' }));
  }

  private list(): HTMLElement {
    if (this.feeds.length === 0) return h('p', { className: 'muted', id: 'feeds-none' }, t('planner.feeds.none'));
    const kindLabel = (f: CalendarFeed) => f.kind === 'platform'
      ? t('planner.feeds.kindPlatform', { name: f.platform ? this.ctx.lookups.name(f.platform) : '' })
      : t('planner.feeds.kindPersonal');
    return h('div', { className: 'table-scroll' },
      h('table', { className: 'data-table', id: 'feeds-table' },
        h('caption', {}, t('planner.feeds.caption')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('planner.feeds.name')), h('th', { scope: 'col' }, t('planner.feeds.kind')),
          h('th', { scope: 'col' }, t('tokens.createdAt')), h('th', { scope: 'col' }, t('planner.feeds.lastUsed')),
          h('th', { scope: 'col' }, t('accounts.actions')))),
        h('tbody', {}, ...this.feeds.map((f) => h('tr', { 'data-id': f.id },
          h('th', { scope: 'row' }, f.name),
          h('td', {}, kindLabel(f)),
          h('td', {}, formatDateTime(f.createdAt)),
          h('td', {}, f.lastUsedAt ? formatDateTime(f.lastUsedAt) : t('planner.feeds.neverUsed')),
          h('td', {}, button(t('planner.feeds.revoke'), () => void this.revoke(f), { className: 'small danger', 'aria-label': `${t('planner.feeds.revoke')}: ${f.name}` })))))));
  }

  private async revoke(f: CalendarFeed): Promise<void> {
    if (!(await confirmDialog(t('planner.feeds.revoke'), t('planner.feeds.confirmRevoke', { name: f.name }), t('planner.feeds.revoke')))) return;
    try {
      await api.revokeFeed(f.id);
      this.ctx.toast(t('planner.feeds.revoked', { name: f.name }));
      await this.load();
    } catch (e) {
      this.ctx.toast(t('toast.error', { msg: e instanceof Error ? e.message : String(e) }), 'error');
    }
  }
}
