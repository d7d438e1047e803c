// Import a JSON document from a file, with upload progress, "processing" and the result counts.
import { parseProblemText, reportUnauthorized, xsrfHeader } from '../api/client';
import type { ImportResult } from '../api/types';
import { button, clear, h } from '../dom';
import { lang, t } from '../i18n';
import { Dialog } from './dialog';

export function openImport(afterImport: () => void): void {
  const d = new Dialog(t('import.title'), { id: 'import-dialog' });
  const file = h('input', { type: 'file', id: 'import-file', accept: 'application/json,.json' });
  const progress = h('progress', { max: 100, value: 0, hidden: true, id: 'import-progress' });
  const status = h('p', { role: 'status', 'aria-live': 'polite', id: 'import-status' });
  const start = h('button', { type: 'button', className: 'primary' }, t('import.start'));
  d.body.append(h('div', { className: 'field' }, h('label', { for: 'import-file' }, t('import.file')), file), progress, status);
  d.footer.append(button(t('import.close'), () => d.close(), { className: 'secondary' }), start);
  start.addEventListener('click', () => {
    const f = file.files?.[0];
    if (!f) { file.focus(); return; }
    start.disabled = true;
    clear(status);
    progress.hidden = false;
    progress.value = 0;
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/import');
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept-Language', lang());
    for (const [k, v] of Object.entries(xsrfHeader('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) {
        const pct = Math.round((e.loaded / e.total) * 100);
        progress.value = pct;
        status.textContent = t('import.uploading', { pct });
      }
    });
    xhr.upload.addEventListener('load', () => {
      progress.removeAttribute('value'); // indeterminate while the server works
      status.textContent = t('import.processing');
    });
    xhr.addEventListener('load', () => {
      start.disabled = false;
      progress.hidden = true;
      if (xhr.status >= 200 && xhr.status < 300) {
        const r = JSON.parse(xhr.responseText) as ImportResult;
        status.textContent = `${t('import.done')} ${t('import.result', {
          nc: r.nodesCreated, nu: r.nodesUpdated, nn: r.nodesUnchanged,
          rc: r.relationshipsCreated, ru: r.relationshipsUpdated, rn: r.relationshipsUnchanged,
        })}`;
        afterImport();
      } else {
        reportUnauthorized(xhr.status, '/api/import');
        const p = parseProblemText(xhr.status, xhr.responseText);
        const details = p.issues?.slice(0, 10).map((i) => `${i.field}: ${i.message}`) ?? [];
        status.textContent = t('import.failed', { msg: p.detail || p.title });
        if (details.length) status.append(h('ul', {}, ...details.map((x) => h('li', {}, x))));
      }
    });
    xhr.addEventListener('error', () => { start.disabled = false; progress.hidden = true; status.textContent = t('toast.offlineSave'); });
    xhr.send(f);
  });
  d.open();
}
