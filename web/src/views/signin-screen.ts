// The sign-in screen: an e-mail address gets a sign-in link by mail. The answer is the same for
// known and unknown addresses, so the screen never tells whether someone has an account.
import { ApiError, api } from '../api/client';
import type { Me } from '../api/types';
import { button, clear, h } from '../dom';
import { t } from '../i18n';
import { langSelect } from './lang-select';

export interface SignInOptions {
  me: Me;
  /** the user was signed in (or tried to use the app) and the server said 401 */
  expired: boolean;
  /** development only, after an explicit sign-out: sign in as the local regisseur again */
  devSignIn: () => void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function renderSignIn(root: HTMLElement, o: SignInOptions): void {
  clear(root);
  document.title = `${t('auth.signInTitle')} — ${t('app.title')}`;
  const email = h('input', { type: 'email', id: 'signin-email', name: 'email', autocomplete: 'email', required: true, 'aria-describedby': 'signin-email-error' });
  const error = h('p', { className: 'field-error', id: 'signin-email-error' });
  const status = h('p', { id: 'signin-status', className: 'signin-status', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', className: 'primary', id: 'signin-submit' }, t('auth.send'));
  const form = h('form', { id: 'signin-form', novalidate: true },
    h('div', { className: 'field' }, h('label', { for: 'signin-email' }, t('auth.email')), email, error),
    submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void send();
  });

  async function send(): Promise<void> {
    error.textContent = '';
    status.textContent = '';
    status.classList.remove('error');
    const address = email.value.trim();
    if (!EMAIL.test(address)) {
      error.textContent = t('auth.emailInvalid');
      email.setAttribute('aria-invalid', 'true');
      email.focus();
      return;
    }
    email.removeAttribute('aria-invalid');
    submit.disabled = true;
    submit.textContent = t('auth.sending');
    try {
      await api.requestSignIn(address);
      status.textContent = t('auth.sent');
    } catch (e) {
      status.classList.add('error');
      if (e instanceof ApiError && e.status === 429) status.textContent = t('auth.rateLimited');
      else if (e instanceof ApiError && e.status === 400) { error.textContent = e.message; email.setAttribute('aria-invalid', 'true'); }
      else status.textContent = e instanceof ApiError ? t('auth.failed', { msg: e.message }) : t('auth.unreachable');
    } finally {
      submit.disabled = false;
      submit.textContent = t('auth.send');
    }
  }

  const langSel = langSelect();
  langSel.addEventListener('change', () => {
    const typed = email.value;
    renderSignIn(root, o);
    const again = root.querySelector<HTMLInputElement>('#signin-email');
    if (again) again.value = typed;
    root.querySelector<HTMLSelectElement>('#lang-select')?.focus();
  });

  const returnUrl = location.pathname + location.search;
  const alternatives: HTMLElement[] = [];
  if (o.me.oidc) alternatives.push(h('a', { className: 'button-link', id: 'signin-oidc', href: api.oidcUrl(returnUrl) },
    o.me.oidcName ? t('auth.oidcNamed', { name: o.me.oidcName }) : t('auth.oidc')));
  if (o.me.developmentSignIn) alternatives.push(button(t('auth.devSignIn'), () => o.devSignIn(), { className: 'secondary', id: 'signin-dev' }));

  root.append(h('main', { className: 'signin-page', id: 'signin' },
    h('div', { className: 'signin-card' },
      h('div', { className: 'signin-top' },
        h('div', { className: 'brand' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }, '◉'),
          h('div', {}, h('p', { className: 'brand-name' }, t('app.title')), h('p', { className: 'subtitle' }, t('app.subtitle')))),
        langSel),
      h('h1', { id: 'signin-title' }, t('auth.signInTitle')),
      o.expired ? h('p', { className: 'notice', role: 'alert' }, t('auth.expired')) : null,
      h('p', {}, t('auth.signInIntro')),
      form,
      status,
      alternatives.length ? h('div', { className: 'signin-alternatives' }, h('p', { className: 'muted divider' }, t('auth.or')), ...alternatives) : null)));
  email.focus();
}
