// The header's account corner: who is signed in, their role here, the development-mode label,
// the way to the management pages and signing out.
import type { Role } from '../api/types';
import { isRegisseur } from '../auth';
import { button, h } from '../dom';
import { type MessageKey, t } from '../i18n';
import { type Session, signOut } from '../session';

export function roleLabel(r: Role): string { return t(`role.${r}` as MessageKey); }

/** `role`: the role in the region shown now (null where the account has none). */
export function sessionBox(s: Session, role: Role | null, opts: { admin?: boolean } = {}): HTMLElement {
  const showAdmin = opts.admin ?? isRegisseur(s.account.grants);
  return h('div', { className: 'session-box' },
    s.me.developmentSignIn ? h('span', { className: 'dev-label', id: 'dev-label', role: 'note' }, t('auth.devLabel')) : null,
    h('span', { className: 'account', title: s.account.email },
      h('span', { className: 'visually-hidden' }, t('auth.signedInAs', { name: '' })),
      h('span', { id: 'account-name' }, s.account.name),
      role ? h('span', { className: `role-badge role-${role}`, id: 'account-role', title: t('role.label') }, roleLabel(role)) : null),
    showAdmin ? h('a', { href: '/admin.html', id: 'open-admin', className: 'button-link secondary small' }, t('admin.open')) : null,
    button(t('auth.signOut'), () => void signOut(s.me), { className: 'secondary small', id: 'sign-out' }));
}
