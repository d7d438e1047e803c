// Short notices at the bottom of the page, read out by screen readers (the container is a live region).
import { h } from '../dom';

export function toastContainer(): HTMLElement {
  return h('div', { id: 'toasts', className: 'toasts', role: 'status', 'aria-live': 'polite' });
}

export function showToast(container: HTMLElement, msg: string, kind: 'info' | 'error' = 'info'): void {
  const el = h('div', { className: `toast ${kind}` }, msg);
  container.append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 8000 : 3500);
}
