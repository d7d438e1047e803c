// The account corner: who is signed in and their role here, behind it a small disclosure with the
// e-mail address, the way to Beheer and signing out; and the development-mode banner.
import type { Role } from '../api/types';
import { isRegisseur } from '../auth';
import { button, h } from '../dom';
import { type MessageKey, t } from '../i18n';
import { type Session, signOut } from '../session';
import { popupMenu } from './popup-menu';

export function roleLabel(r: Role): string { return t(`role.${r}` as MessageKey); }

/** `role`: the role in the region shown now (null where the account has none). */
export function accountMenu(s: Session, role: Role | null, opts: { admin?: boolean } = {}): HTMLElement {
  const showAdmin = opts.admin ?? isRegisseur(s.account.grants);
  const toggle = h('button', {
    type: 'button', id: 'account-button', className: 'account-button',
    title: t('auth.signedInAs', { name: s.account.name }),
  },
  h('span', { className: 'visually-hidden' }, t('auth.signedInAs', { name: '' })),
  h('span', { id: 'account-name', className: 'account-name' }, s.account.name),
  role ? h('span', { className: `role-badge role-${role}`, id: 'account-role' }, roleLabel(role)) : null,
  h('span', { 'aria-hidden': 'true' }, '▾'));
  const popup = h('div', { id: 'account-popup', className: 'account-popup' },
    h('p', { className: 'account-email' }, s.account.email),
    showAdmin ? h('a', { href: '/admin.html', id: 'open-admin', className: 'button-link secondary' }, t('admin.open')) : null,
    button(t('auth.signOut'), () => void signOut(s), { className: 'secondary', id: 'sign-out' }));
  return popupMenu(toggle, popup, 'account-menu').root;
}

/** Development only: impossible to miss that nobody really signed in. */
export function devBanner(s: Session): HTMLElement | null {
  return s.development ? h('div', { className: 'dev-banner', id: 'dev-label', role: 'note' }, t('auth.devLabel')) : null;
}
