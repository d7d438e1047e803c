// Starting a page: who is signed in (GET /api/auth/me), signing in automatically in development,
// and otherwise the sign-in screen. Shared by the map, the management pages and the report.
import { api, onUnauthorized } from './api/client';
import type { Account, Me } from './api/types';
import { safeReturnPath } from './auth';
import { type Lang, lang, setLang } from './i18n';
import { renderSignIn } from './views/signin-screen';

const SIGNED_OUT = 'netwerk.signedOut';
const RETURN_TO = 'netwerk.returnTo';
/** the account this browser signed in as through the development sign-in (the server does not say so later) */
const DEV_ACCOUNT = 'netwerk.devAccount';

export interface Session {
  me: Me;
  account: Account;
  /** signed in automatically as the local development regisseur */
  development: boolean;
}

/**
 * The signed-in session, or null after the sign-in screen was put in `root` (the page stops there;
 * the mailed link signs in and comes back). A 401 later on shows the same screen, after `onSignedOut`.
 */
export async function requireSession(root: HTMLElement, onSignedOut?: () => void): Promise<Session | null> {
  let me = await api.me(); // throws when the server is unreachable: the caller shows its load error
  if (!me.signedIn && me.developmentSignIn && !safeSession()?.getItem(SIGNED_OUT)) {
    me = await api.developmentSignIn();
    if (me.account) safeLocal()?.setItem(DEV_ACCOUNT, me.account.id);
  }
  if (!me.signedIn || !me.account) {
    showSignIn(root, me, false);
    return null;
  }
  adoptLanguage(me.account.language);
  onUnauthorized(() => {
    onSignedOut?.();
    void api.me().catch(() => me).then((now) => showSignIn(root, now, true));
  });
  return { me, account: me.account, development: safeLocal()?.getItem(DEV_ACCOUNT) === me.account.id };
}

function showSignIn(root: HTMLElement, me: Me, expired: boolean): void {
  safeLocal()?.setItem(RETURN_TO, location.pathname + location.search);
  renderSignIn(root, {
    me,
    expired,
    devSignIn: () => { safeSession()?.removeItem(SIGNED_OUT); location.reload(); },
  });
}

/** Sign out; after a development sign-in the automatic one stays off in this tab until asked for again. */
export async function signOut(s: Session): Promise<void> {
  onUnauthorized(() => undefined); // calls still under way may meet the ended session: no "signed out" screen for those
  try { await api.signOut(); } catch { /* the session is gone either way */ }
  if (s.development) safeSession()?.setItem(SIGNED_OUT, '1');
  forgetDevelopmentSession();
  location.assign('/');
}

/** A real sign-in (mailed link) replaces a development session. */
export function forgetDevelopmentSession(): void { safeLocal()?.removeItem(DEV_ACCOUNT); }

/** Where the sign-in link page sends the user: where they were when asked to sign in. */
export function takeReturnPath(): string {
  const stored = safeLocal()?.getItem(RETURN_TO);
  safeLocal()?.removeItem(RETURN_TO);
  return safeReturnPath(stored);
}

/** The account's language, unless the user chose one in this browser. */
function adoptLanguage(l: Lang): void {
  if (!safeLocal()?.getItem('netwerk.lang') && (l === 'nl' || l === 'en') && l !== lang()) setLang(l, null);
}

function safeLocal(): Storage | null { try { return localStorage; } catch { return null; } }
function safeSession(): Storage | null { try { return sessionStorage; } catch { return null; } }
