// Beheer, for regisseurs: accounts and their grants, API tokens, and the audit log of the network.
import './styles.css';
import { api } from './api/client';
import type { Account } from './api/types';
import { grantedRegions, isRegisseur } from './auth';
import { button, clear, h } from './dom';
import { initLang, lang, onLangChange, t } from './i18n';
import { nodeName } from './model';
import { type Session, requireSession } from './session';
import { AccountsView } from './views/admin-accounts';
import { AuditView } from './views/admin-audit';
import { langSelect } from './views/lang-select';
import type { AdminCtx } from './views/admin-context';
import { TokensView } from './views/admin-tokens';
import { accountMenu, devBanner } from './views/session-box';
import { showToast, toastContainer } from './views/toast';

const SECTIONS = [
  { id: 'accounts', title: 'accounts.title' },
  { id: 'tokens', title: 'tokens.title' },
  { id: 'audit', title: 'audit.title' },
] as const;

async function start(root: HTMLElement): Promise<void> {
  root.append(h('p', { role: 'status' }, t('app.loading')));
  let session: Session | null;
  let regions: { id: string; name: string }[] = [];
  let signedOut = false;
  try {
    session = await requireSession(root, () => { signedOut = true; });
    if (!session) return;
    if (isRegisseur(session.account.grants)) {
      regions = (await api.regions()).items.map((r) => ({ id: r.id, name: nodeName(r, new Map()) }))
        .sort((a, b) => a.name.localeCompare(b.name));
    }
  } catch {
    clear(root);
    root.append(h('p', { className: 'error', role: 'alert' }, t('app.loadFailed')), button(t('app.retry'), () => location.reload()));
    return;
  }
  const s = session;
  let accounts: Account[] = [];
  const toasts = toastContainer();
  const ctx: AdminCtx = {
    session: s,
    regions,
    grantable: grantable(s, regions),
    regionName: (id) => regions.find((r) => r.id === id)?.name ?? id,
    accounts: () => accounts,
    setAccounts: (list) => { accounts = list; },
    toast: (msg, kind) => showToast(toasts, msg, kind),
  };
  const render = () => {
    if (signedOut) return; // the sign-in screen is up and renders itself
    clear(root);
    document.title = `${t('admin.title')} — ${t('app.title')}`;
    const langSel = langSelect();
    const header = h('header', { className: 'app-header' }, devBanner(s), h('div', { className: 'header-row' },
      h('div', { className: 'brand' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }, '◉'),
        h('div', {}, h('p', { className: 'brand-name' }, t('app.title')), h('p', { className: 'subtitle' }, t('app.subtitle')))),
      h('a', { href: '/', id: 'back-to-map' }, `← ${t('admin.back')}`),
      h('div', { className: 'spacer' }),
      accountMenu(s, isRegisseur(s.account.grants) ? 'regisseur' : null, { admin: false }),
      langSel));
    if (!isRegisseur(s.account.grants)) {
      root.append(header, h('main', { className: 'admin-main', id: 'main' },
        h('h1', {}, t('admin.title')), h('p', { role: 'alert', id: 'admin-forbidden' }, t('admin.forbidden'))));
      return;
    }
    const nav = h('nav', { className: 'admin-nav', 'aria-label': t('admin.sections') },
      h('ul', {}, ...SECTIONS.map((x) => h('li', {}, h('a', { href: `#${x.id}` }, t(x.title))))));
    const bodies = SECTIONS.map((x) => h('div', { className: 'admin-section-body', id: `${x.id}-body` }));
    root.append(header, h('main', { className: 'admin-main', id: 'main' },
      h('h1', {}, t('admin.title')),
      nav,
      ...SECTIONS.map((x, i) => h('section', { className: 'admin-section', id: x.id, 'aria-labelledby': `${x.id}-title` },
        h('h2', { id: `${x.id}-title` }, t(x.title)), bodies[i]!))),
      toasts);
    const [accountsEl, tokensEl, auditEl] = [bodies[0]!, bodies[1]!, bodies[2]!];
    const accountsView = new AccountsView(accountsEl, ctx);
    const tokens = new TokensView(tokensEl, ctx);
    const audit = new AuditView(auditEl, ctx);
    // accounts first: the tokens and the audit filter name accounts
    void accountsView.load().then(() => Promise.all([tokens.load(), audit.load()]));
  };
  onLangChange(render);
  render();
}

/** A regisseur grants roles only where they are regisseur themselves (the server refuses the rest). */
function grantable(s: Session, regions: { id: string }[]): AdminCtx['grantable'] {
  const offered = grantedRegions(s.account.grants.filter((g) => g.role === 'regisseur'), regions.map((r) => r.id));
  return { all: offered.whole, ids: offered.ids };
}

initLang();
document.documentElement.lang = lang();
void start(document.getElementById('admin')!);
