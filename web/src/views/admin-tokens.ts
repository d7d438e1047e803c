// Beheer › API-tokens: create one (its secret is shown once, with a copy button), list, revoke.
import { api } from '../api/client';
import type { ApiToken, CreatedToken } from '../api/types';
import { append, button, clear, h } from '../dom';
import { formatDateTime, t } from '../i18n';
import type { AdminCtx } from './admin-context';
import { copyField } from './copy';
import { confirmDialog } from './dialog';

export class TokensView {
  private tokens: ApiToken[] = [];
  private created: CreatedToken | null = null;

  constructor(private readonly root: HTMLElement, private readonly ctx: AdminCtx) {}

  async load(): Promise<void> {
    try {
      this.tokens = await api.tokens();
      this.render();
    } catch (e) {
      clear(this.root);
      this.root.append(h('p', { className: 'error', role: 'alert' }, e instanceof Error ? e.message : String(e)));
    }
  }

  render(): void {
    const active = document.activeElement?.id;
    clear(this.root);
    const name = h('input', { type: 'text', id: 'token-name', required: true, autocomplete: 'off', 'aria-describedby': 'token-name-hint' });
    const form = h('form', { className: 'inline-form', id: 'token-form', novalidate: true },
      h('div', { className: 'field' },
        h('label', { for: 'token-name' }, t('tokens.name')), name,
        h('p', { className: 'muted small', id: 'token-name-hint' }, t('tokens.nameHint'))),
      h('button', { type: 'submit', className: 'primary', id: 'token-create' }, t('tokens.create')));
    form.addEventListener('submit', (e) => { e.preventDefault(); void this.create(name); });
    const accountName = (id: string) => this.ctx.accounts().find((a) => a.id === id)?.name ?? id;
    const list = [...this.tokens].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    append(this.root, [
      h('p', { className: 'muted' }, t('tokens.intro')),
      form,
      this.created ? this.secretBox(this.created) : null,
      list.length === 0 ? h('p', { className: 'muted' }, t('tokens.none')) : h('div', { className: 'table-scroll admin-table' },
        h('table', { className: 'data-table', id: 'tokens-table' },
          h('caption', {}, t('tokens.caption')),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, t('tokens.name')), h('th', { scope: 'col' }, t('tokens.account')),
            h('th', { scope: 'col' }, t('tokens.createdAt')), h('th', { scope: 'col' }, t('tokens.lastUsed')),
            h('th', { scope: 'col' }, t('tokens.status')), h('th', { scope: 'col' }, t('accounts.actions')))),
          h('tbody', {}, ...list.map((tk) => h('tr', { 'data-id': tk.id, className: tk.revokedAt ? 'revoked' : '' },
            h('th', { scope: 'row' }, tk.name),
            h('td', {}, accountName(tk.accountId)),
            h('td', {}, formatDateTime(tk.createdAt)),
            h('td', {}, tk.lastUsedAt ? formatDateTime(tk.lastUsedAt) : t('tokens.never')),
            h('td', {}, tk.revokedAt ? t('tokens.revoked', { at: formatDateTime(tk.revokedAt) }) : t('tokens.active')),
            h('td', {}, tk.revokedAt ? null
              : button(t('tokens.revoke'), () => void this.revoke(tk), { className: 'small danger', 'aria-label': `${t('tokens.revoke')}: ${tk.name}` })))))))]);
    if (active) this.root.querySelector<HTMLElement>(`#${CSS.escape(active)}`)?.focus();
  }

  private async create(input: HTMLInputElement): Promise<void> {
    const name = input.value.trim();
    if (!name) { input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
    try {
      this.created = await api.createToken(name);
      await this.load();
      this.root.querySelector<HTMLInputElement>('#token-secret')?.focus();
    } catch (e) { this.ctx.toast(t('toast.error', { msg: e instanceof Error ? e.message : String(e) }), 'error'); }
  }

  /** The secret, once: selectable, with a copy button; gone after "I have stored it" or leaving the page. */
  private secretBox(c: CreatedToken): HTMLElement {
    const secret = h('input', { type: 'text', id: 'token-secret', readonly: true, value: c.secret, spellcheck: 'false', 'aria-describedby': 'token-secret-warning' });
    secret.addEventListener('focus', () => secret.select());
    const copied = h('span', { className: 'muted small', role: 'status', id: 'token-copied' });
    return h('div', { className: 'secret-box', id: 'token-secret-box', role: 'region', 'aria-labelledby': 'token-secret-title' },
      h('h3', { id: 'token-secret-title' }, t('tokens.secretTitle', { name: c.token.name })),
      h('p', { className: 'notice', id: 'token-secret-warning' }, t('tokens.secretWarning')),
      h('div', { className: 'secret-row' },
        h('label', { for: 'token-secret', className: 'visually-hidden' }, t('tokens.secretLabel')),
        secret,
        button(t('tokens.copy'), () => void copyField(secret, copied), { className: 'secondary', id: 'token-copy' })),
      copied,
      button(t('tokens.dismiss'), () => { this.created = null; this.render(); this.root.querySelector<HTMLElement>('#token-name')?.focus(); }, { className: 'secondary small', id: 'token-dismiss' }));
  }

  private async revoke(tk: ApiToken): Promise<void> {
    if (!(await confirmDialog(t('tokens.revoke'), t('tokens.confirmRevoke', { name: tk.name }), t('tokens.revoke')))) return;
    try {
      await api.revokeToken(tk.id);
      this.ctx.toast(t('tokens.revokedToast'));
      await this.load();
    } catch (e) { this.ctx.toast(t('toast.error', { msg: e instanceof Error ? e.message : String(e) }), 'error'); }
  }
}
