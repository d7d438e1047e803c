// Beheer › Accounts: who can sign in, with which role in which region. Create, edit grants, delete.
import { ApiError, api } from '../api/client';
import type { Account, AccountInput, Grant, Role } from '../api/types';
import { ALL_REGIONS, ROLES, formatGrant, normaliseGrants } from '../auth';
import { button, clear, h } from '../dom';
import { formatDateTime, type MessageKey, t } from '../i18n';
import { mapProblem } from '../problems';
import type { AdminCtx } from './admin-context';
import { confirmDialog, Dialog } from './dialog';
import { showGeneral } from './form-view';
import { roleLabel } from './session-box';

export class AccountsView {
  constructor(private readonly root: HTMLElement, private readonly ctx: AdminCtx) {}

  async load(): Promise<void> {
    try {
      this.ctx.setAccounts(await api.accounts());
      this.render();
    } catch (e) {
      clear(this.root);
      this.root.append(h('p', { className: 'error', role: 'alert' }, e instanceof Error ? e.message : String(e)));
    }
  }

  render(): void {
    clear(this.root);
    const list = [...this.ctx.accounts()].sort((a, b) => a.name.localeCompare(b.name));
    const grantText = (g: Grant) => formatGrant(g, roleLabel, (id) => this.ctx.regionName(id), t('accounts.allRegions'));
    this.root.append(
      h('div', { className: 'admin-actions' }, button(`+ ${t('accounts.new')}`, () => this.edit(null), { className: 'primary', id: 'account-new' })),
      list.length === 0 ? h('p', { className: 'muted' }, t('accounts.none')) : h('div', { className: 'table-scroll admin-table' },
        h('table', { className: 'data-table', id: 'accounts-table' },
          h('caption', {}, t('accounts.caption')),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, t('accounts.name')), h('th', { scope: 'col' }, t('accounts.email')),
            h('th', { scope: 'col' }, t('accounts.language')), h('th', { scope: 'col' }, t('accounts.grants')),
            h('th', { scope: 'col' }, t('accounts.lastSignIn')), h('th', { scope: 'col' }, t('accounts.actions')))),
          h('tbody', {}, ...list.map((a) => h('tr', { 'data-id': a.id, 'data-email': a.email },
            h('th', { scope: 'row' }, a.name, a.id === this.ctx.session.account.id ? h('span', { className: 'muted' }, ` ${t('accounts.you')}`) : null),
            h('td', {}, a.email),
            h('td', {}, t(`lang.${a.language}` as MessageKey)),
            h('td', {}, a.grants.length
              ? h('ul', { className: 'grant-list' }, ...a.grants.map((g) => h('li', {}, grantText(g))))
              : h('span', { className: 'muted' }, t('accounts.noGrants'))),
            h('td', {}, a.lastSignInAt ? formatDateTime(a.lastSignInAt) : t('tokens.never')),
            h('td', {},
              button(t('panel.edit'), () => this.edit(a), { className: 'small', 'aria-label': `${t('accounts.edit')}: ${a.name}` }),
              // one's own account is deleted by another regisseur (the server refuses it too)
              a.id === this.ctx.session.account.id ? null : [' ',
                button(t('accounts.delete'), () => void this.remove(a), { className: 'small danger', 'aria-label': `${t('accounts.delete')}: ${a.name}` })])))))));
  }

  private async remove(a: Account): Promise<void> {
    if (!(await confirmDialog(t('accounts.delete'), t('accounts.confirmDelete', { name: a.name, email: a.email }), t('confirm.yes')))) return;
    try {
      await api.deleteAccount(a.id);
      this.ctx.toast(t('accounts.deleted'));
      await this.load();
    } catch (e) { this.ctx.toast(t('toast.error', { msg: e instanceof Error ? e.message : String(e) }), 'error'); }
  }

  private edit(existing: Account | null): void {
    const d = new Dialog(existing ? t('accounts.edit') : t('accounts.new'), { id: 'account-dialog', wide: true });
    const general = h('div', { className: 'form-problems', role: 'alert', hidden: true });
    const name = h('input', { type: 'text', id: 'acc-name', name: 'name', required: true, autocomplete: 'off', value: existing?.name ?? '' });
    const email = h('input', { type: 'email', id: 'acc-email', name: 'email', required: true, autocomplete: 'off', value: existing?.email ?? '', 'aria-describedby': 'acc-email-error' });
    const emailError = h('p', { className: 'field-error', id: 'acc-email-error' });
    const nameError = h('p', { className: 'field-error', id: 'acc-name-error' });
    name.setAttribute('aria-describedby', 'acc-name-error');
    const language = h('select', { id: 'acc-language', name: 'language' },
      ...(['nl', 'en'] as const).map((l) => h('option', { value: l, selected: (existing?.language ?? 'nl') === l }, t(`lang.${l}` as MessageKey))));
    const grants = new GrantsEditor(this.ctx, existing?.grants ?? [{ role: 'viewer', region: firstGrantable(this.ctx) }]);
    const save = h('button', { type: 'submit', className: 'primary', id: 'account-save' }, t('form.save'));
    const form = h('form', { className: 'edit-form', novalidate: true }, general,
      h('div', { className: 'form-fields' },
        h('div', { className: 'field' }, h('label', { for: 'acc-name' }, t('accounts.name')), name, nameError),
        h('div', { className: 'field' }, h('label', { for: 'acc-email' }, t('accounts.email')), email, emailError),
        h('div', { className: 'field' }, h('label', { for: 'acc-language' }, t('accounts.language')), language)),
      grants.root,
      h('div', { className: 'dialog-footer' }, button(t('form.cancel'), () => d.close(), { className: 'secondary' }), save));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      showGeneral(general, null);
      emailError.textContent = ''; nameError.textContent = '';
      email.removeAttribute('aria-invalid'); name.removeAttribute('aria-invalid');
      const body: AccountInput = { name: name.value.trim(), email: email.value.trim(), language: language.value as 'nl' | 'en', grants: normaliseGrants(grants.values()) };
      if (!body.name) { nameError.textContent = t('accounts.nameMissing'); name.setAttribute('aria-invalid', 'true'); name.focus(); return; }
      if (!email.checkValidity() || !body.email) { emailError.textContent = t('auth.emailInvalid'); email.setAttribute('aria-invalid', 'true'); email.focus(); return; }
      save.disabled = true;
      try {
        if (existing) await api.updateAccount(existing.id, body); else await api.createAccount(body);
        d.close();
        this.ctx.toast(existing ? t('accounts.saved') : t('accounts.created'));
        await this.load();
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) {
          emailError.textContent = t('accounts.exists');
          email.setAttribute('aria-invalid', 'true');
          email.focus();
        } else if (err instanceof ApiError) showGeneral(general, mapProblem(err.problem, []), t('form.errors'));
        else showGeneral(general, [t('toast.offlineSave')]);
      } finally { save.disabled = false; }
    });
    d.body.append(form);
    d.open();
  }
}

/** Rows of role + region, one a grant; keyboard reachable, each control labelled with its row number. */
class GrantsEditor {
  readonly root: HTMLFieldSetElement;
  private readonly rows: HTMLElement;
  private grants: Grant[];

  constructor(private readonly ctx: AdminCtx, initial: Grant[]) {
    this.grants = initial.map((g) => ({ ...g }));
    this.rows = h('div', { className: 'grant-rows' });
    this.root = h('fieldset', { className: 'grants-editor', id: 'grants-editor' },
      h('legend', {}, t('accounts.grants')),
      this.rows,
      button(`+ ${t('accounts.addGrant')}`, () => this.add(), { className: 'secondary small', id: 'grant-add' }));
    this.render();
  }

  values(): Grant[] { return this.grants.map((g) => ({ ...g })); }

  private add(): void {
    this.grants.push({ role: 'viewer', region: firstGrantable(this.ctx) });
    this.render();
    this.rows.querySelector<HTMLSelectElement>(`#grant-role-${this.grants.length - 1}`)?.focus();
  }

  private render(): void {
    clear(this.rows);
    if (!this.grants.length) this.rows.append(h('p', { className: 'muted' }, t('accounts.noGrants')));
    this.grants.forEach((g, i) => {
      const n = i + 1;
      const role = h('select', { id: `grant-role-${i}`, 'aria-label': `${t('accounts.role')} (${t('accounts.grantN', { n })})` },
        ...ROLES.map((r) => h('option', { value: r, selected: r === g.role }, roleLabel(r))));
      role.addEventListener('change', () => { g.role = role.value as Role; });
      const offered = this.ctx.regions.filter((r) => this.ctx.grantable.ids.includes(r.id));
      const listed = (g.region === ALL_REGIONS && this.ctx.grantable.all) || offered.some((r) => r.id === g.region);
      const region = h('select', { id: `grant-region-${i}`, 'aria-label': `${t('accounts.region')} (${t('accounts.grantN', { n })})` },
        this.ctx.grantable.all ? h('option', { value: ALL_REGIONS, selected: g.region === ALL_REGIONS }, t('accounts.allRegions')) : null,
        ...offered.map((r) => h('option', { value: r.id, selected: r.id === g.region }, r.name)),
        // a grant this regisseur cannot give stays visible as it is
        listed ? null : h('option', { value: g.region, selected: true }, g.region === ALL_REGIONS ? t('accounts.allRegions') : this.ctx.regionName(g.region)));
      region.addEventListener('change', () => { g.region = region.value; });
      const remove = button('✕', () => {
        this.grants.splice(i, 1);
        this.render();
        (this.rows.querySelector<HTMLElement>('select') ?? this.root.querySelector<HTMLElement>('#grant-add'))?.focus();
      }, { className: 'icon-button', 'aria-label': t('accounts.removeGrant', { n }), title: t('accounts.removeGrant', { n }) });
      this.rows.append(h('div', { className: 'grant-row' }, role, region, remove));
    });
  }
}

function firstGrantable(ctx: AdminCtx): string {
  return ctx.regions.find((r) => ctx.grantable.ids.includes(r.id))?.id ?? ALL_REGIONS;
}
