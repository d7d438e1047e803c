// A button that opens a small popup below it (the account corner, the map's export and import menus): Escape,
// a click elsewhere or focus leaving closes it, and opening it puts focus on its first item.
import { h } from '../dom';

export interface PopupMenu {
  root: HTMLElement;
  toggle: HTMLButtonElement;
  popup: HTMLElement;
  open(yes: boolean): void;
}

export function popupMenu(toggle: HTMLButtonElement, popup: HTMLElement, className: string): PopupMenu {
  popup.hidden = true;
  if (!popup.id) throw new Error('a popup menu needs an id for aria-controls');
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', popup.id);
  const root = h('div', { className }, toggle, popup);
  const open = (yes: boolean) => {
    popup.hidden = !yes;
    toggle.setAttribute('aria-expanded', String(yes));
    if (yes) popup.querySelector<HTMLElement>('a, button, select')?.focus();
  };
  toggle.addEventListener('click', () => open(popup.hidden));
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !popup.hidden) { e.stopPropagation(); open(false); toggle.focus(); }
  });
  root.addEventListener('focusout', (e) => {
    if (!popup.hidden && !root.contains(e.relatedTarget as Node | null) && e.relatedTarget) open(false);
  });
  document.addEventListener('click', (e) => { if (!popup.hidden && !root.contains(e.target as Node)) open(false); });
  return { root, toggle, popup, open };
}

/** A toolbar menu: a labelled button with ▾, its items in a column; choosing an item closes it. */
export function toolbarMenu(label: string, id: string, items: HTMLElement[], attrs: { hidden?: boolean; className?: string } = {}): HTMLElement {
  const toggle = h('button', { type: 'button', id: `${id}-button`, className: `secondary ${attrs.className ?? ''}`.trim() },
    label, h('span', { 'aria-hidden': 'true' }, ' ▾'));
  const popup = h('div', { id: `${id}-popup`, className: 'menu-popup', role: 'group', 'aria-label': label }, ...items);
  const menu = popupMenu(toggle, popup, `popup-menu ${attrs.className ?? ''}`.trim());
  popup.addEventListener('click', (e) => { if ((e.target as HTMLElement).closest('button')) menu.open(false); });
  menu.root.id = id;
  menu.root.hidden = !!attrs.hidden;
  return menu.root;
}
