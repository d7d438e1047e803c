// Modal dialogs on the native <dialog> element: focus moves in, Tab stays in, Escape closes,
// focus returns to where it was.
import { button, h } from '../dom';
import { t } from '../i18n';

export class Dialog {
  readonly el: HTMLDialogElement;
  readonly body: HTMLElement;
  readonly footer: HTMLElement;
  private returnFocus: Element | null = null;
  private closeHandlers: (() => void)[] = [];

  constructor(title: string, opts: { wide?: boolean; id?: string } = {}) {
    const titleId = `${opts.id ?? 'dlg'}-title`;
    this.body = h('div', { className: 'dialog-body' });
    this.footer = h('div', { className: 'dialog-footer' });
    this.el = h('dialog', { className: opts.wide ? 'dialog wide' : 'dialog', 'aria-labelledby': titleId, id: opts.id ?? null },
      h('div', { className: 'dialog-head' },
        h('h2', { id: titleId }, title),
        button('×', () => this.close(), { className: 'icon-button', 'aria-label': t('dialog.close'), title: t('dialog.close') })),
      this.body, this.footer);
    this.el.addEventListener('close', () => this.cleanup());
    this.el.addEventListener('cancel', (e) => { e.preventDefault(); this.close(); });
  }

  onClose(f: () => void): void { this.closeHandlers.push(f); }

  open(): void {
    this.returnFocus = document.activeElement;
    document.body.append(this.el);
    this.el.showModal();
    const first = this.el.querySelector<HTMLElement>('[autofocus], .dialog-body input:not([type=hidden]), .dialog-body select, .dialog-body textarea, .dialog-body button');
    first?.focus();
  }

  close(): void { if (this.el.open) this.el.close(); else this.cleanup(); }

  private cleanup(): void {
    if (!this.el.isConnected) return;
    this.el.remove();
    for (const f of this.closeHandlers.splice(0)) f();
    if (this.returnFocus instanceof HTMLElement && this.returnFocus.isConnected) this.returnFocus.focus();
  }
}

export function confirmDialog(title: string, message: string, yes: string): Promise<boolean> {
  return new Promise((resolve) => {
    const d = new Dialog(title, { id: 'confirm-dialog' });
    let answer = false;
    d.body.append(h('p', {}, message));
    d.footer.append(
      button(t('form.cancel'), () => d.close(), { className: 'secondary', autofocus: true }),
      button(yes, () => { answer = true; d.close(); }, { className: 'danger' }));
    d.onClose(() => resolve(answer));
    d.open();
  });
}
