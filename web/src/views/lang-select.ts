// The NL/EN switch of every page; the choice is remembered in this browser.
import { h } from '../dom';
import { type Lang, lang, setLang, t } from '../i18n';

export function langSelect(): HTMLSelectElement {
  const sel = h('select', { id: 'lang-select', 'aria-label': t('lang.label') },
    h('option', { value: 'nl', selected: lang() === 'nl', title: 'Nederlands' }, 'NL'),
    h('option', { value: 'en', selected: lang() === 'en', title: 'English' }, 'EN'));
  sel.addEventListener('change', () => setLang(sel.value as Lang));
  return sel;
}
