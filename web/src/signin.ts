// The page a sign-in link opens (/signin.html#token=…). The token travels in the fragment, which no
// browser sends to a server, and it is spent only by a POST after the user clicks: a mail scanner
// that fetches or even renders the link cannot use it up.
import './styles.css';
import { ApiError, api } from './api/client';
import { tokenFromHash } from './auth';
import { button, clear, h } from './dom';
import { initLang, lang, t } from './i18n';
import { forgetDevelopmentSession, takeReturnPath } from './session';

function render(root: HTMLElement): void {
  const token = tokenFromHash(location.hash);
  const status = h('p', { id: 'signin-link-status', className: 'signin-status', role: 'status', 'aria-live': 'polite' });
  const again = h('a', { href: '/', id: 'signin-again', className: 'button-link secondary', hidden: true }, t('link.again'));
  const go = button(t('link.button'), () => void complete(), { className: 'primary', id: 'signin-complete', disabled: !token });

  async function complete(): Promise<void> {
    if (!token) return;
    go.disabled = true;
    go.textContent = t('link.busy');
    status.classList.remove('error');
    status.textContent = '';
    try {
      await api.me(); // the anti-forgery token this POST carries
      await api.completeSignIn(token);
      forgetDevelopmentSession();
      status.textContent = t('link.done');
      location.replace(takeReturnPath()); // replace: the link (and its token) leaves the history
    } catch (e) {
      status.classList.add('error');
      status.setAttribute('role', 'alert');
      if (!(e instanceof ApiError) || e.status >= 500 || e.status === 429) {
        // not spent: the same link may be tried again in a moment
        status.textContent = e instanceof ApiError && e.status === 429 ? t('auth.rateLimited') : t('auth.unreachable');
        go.disabled = false;
        go.textContent = t('link.button');
        return;
      }
      // the link is spent or bad: take it out of the address bar and history
      history.replaceState(null, '', location.pathname);
      status.textContent = t('link.invalid');
      go.hidden = true;
      again.hidden = false;
      again.focus();
    }
  }

  clear(root);
  root.append(h('main', { className: 'signin-page' },
    h('div', { className: 'signin-card' },
      h('div', { className: 'brand' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }, '◉'),
        h('div', {}, h('p', { className: 'brand-name' }, t('app.title')), h('p', { className: 'subtitle' }, t('app.subtitle')))),
      h('h1', {}, t('link.title')),
      h('p', {}, token ? t('link.intro') : t('link.missing')),
      h('div', { className: 'signin-actions' }, token ? go : null, token ? again : h('a', { href: '/', className: 'button-link' }, t('link.again'))),
      status)));
  if (token) go.focus();
}

initLang();
document.documentElement.lang = lang();
document.title = `${t('link.title')}`;
render(document.getElementById('signin-link')!);
