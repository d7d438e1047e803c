// A person's rights under the GDPR (AVG), for regisseurs: export everything about them as a file,
// or erase them after typing their name, with what that does spelled out first.
import { api } from '../api/client';
import type { EraseResult, GraphNode } from '../api/types';
import { download, h } from '../dom';
import { t } from '../i18n';
import { Dialog } from './dialog';

export async function exportPerson(person: GraphNode): Promise<void> {
  const { blob, fileName } = await api.exportPerson(person.id);
  download(fileName, blob);
}

/** The typed confirmation must be the name, ignoring case and surrounding or repeated spaces. */
export function nameMatches(typed: string, name: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
  return norm(typed) !== '' && norm(typed) === norm(name);
}

/** Resolves the server's answer once erased, null when the user cancelled. */
export function eraseDialog(person: GraphNode, name: string): Promise<EraseResult | null> {
  return new Promise((resolve) => {
    let result: EraseResult | null = null;
    const d = new Dialog(t('gdpr.eraseTitle', { name }), { id: 'erase-dialog' });
    const input = h('input', { type: 'text', id: 'erase-name', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'erase-error' });
    const error = h('p', { className: 'field-error', id: 'erase-error', role: 'alert' });
    const confirm = h('button', { type: 'submit', className: 'danger', id: 'erase-confirm', disabled: true }, t('gdpr.confirm'));
    const cancel = h('button', { type: 'button', className: 'secondary' }, t('form.cancel'));
    cancel.addEventListener('click', () => d.close());
    input.addEventListener('input', () => { confirm.disabled = !nameMatches(input.value, name); error.textContent = ''; });
    const form = h('form', { novalidate: true },
      h('p', {}, t('gdpr.eraseIntro')),
      h('ul', { className: 'erase-consequences' },
        h('li', {}, t('gdpr.eraseNode')), h('li', {}, t('gdpr.eraseAttendance')),
        h('li', {}, t('gdpr.eraseMails')), h('li', {}, t('gdpr.eraseTrace'))),
      h('div', { className: 'field' }, h('label', { for: 'erase-name' }, t('gdpr.typeName', { name })), input, error),
      h('div', { className: 'dialog-footer' }, cancel, confirm));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!nameMatches(input.value, name)) { error.textContent = t('gdpr.nameMismatch'); input.focus(); return; }
      confirm.disabled = true;
      confirm.textContent = t('gdpr.erasing');
      try {
        result = await api.erasePerson(person.id);
        d.close();
      } catch (err) {
        error.textContent = t('toast.error', { msg: err instanceof Error ? err.message : String(err) });
        confirm.disabled = false;
        confirm.textContent = t('gdpr.confirm');
      }
    });
    d.body.append(form);
    d.onClose(() => resolve(result));
    d.open();
  });
}

export function erasedMessage(r: EraseResult): string {
  const msg = t('gdpr.erased', { rels: r.relationshipsRemoved, meetings: r.meetingsCounted, mails: r.outboxFilesRemoved });
  return r.accountRemoved ? `${msg} ${t('gdpr.accountRemoved')}` : msg;
}
