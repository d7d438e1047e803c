// Export of the network for other tools: GEXF (Gephi), GraphML, Cypher (Neo4j) and CSV per kind or relationship type, of the
// current view (the nodes the map shows, as of its date) or of the whole region with its full history.
import { api, exportFormats, type ExportFormat } from '../api/client';
import type { GraphSchema } from '../api/types';
import { button, download, h } from '../dom';
import { loc, t } from '../i18n';
import { Dialog } from './dialog';

export interface ExportContext {
  schema: GraphSchema;
  region: string | null;
  asOf: string | null;
  /** ids of the nodes the map shows now */
  visible: () => string[];
  toast: (msg: string, kind?: 'info' | 'error') => void;
}

export function openExportDialog(format: ExportFormat, ctx: ExportContext): void {
  const d = new Dialog(t('export.title', { format: exportFormats[format] }), { id: 'export-dialog' });
  const shown = ctx.visible();
  const viewRadio = h('input', { type: 'radio', name: 'export-scope', id: 'export-view', value: 'view', checked: true });
  const wholeRadio = h('input', { type: 'radio', name: 'export-scope', id: 'export-whole', value: 'whole' });
  d.body.append(
    h('fieldset', {},
      h('legend', {}, t('export.scope')),
      h('div', {}, viewRadio, h('label', { for: 'export-view' }, t('export.view', { n: shown.length }))),
      h('div', {}, wholeRadio, h('label', { for: 'export-whole' }, t(ctx.region ? 'export.wholeRegion' : 'export.whole')))));
  let what: HTMLSelectElement | null = null;
  if (format === 'csv') {
    what = h('select', { id: 'export-what' },
      h('optgroup', { label: t('export.kinds') },
        ...ctx.schema.nodeKinds.map((k) => h('option', { value: `kind:${k.code}` }, loc(k.plural)))),
      h('optgroup', { label: t('export.types') },
        ...ctx.schema.relationshipTypes.map((r) => h('option', { value: `type:${r.code}` }, loc(r.label)))));
    d.body.append(h('div', { className: 'field' }, h('label', { for: 'export-what' }, t('export.what')), what),
      h('p', { className: 'hint' }, t('export.csvHint')));
  } else {
    d.body.append(h('p', { className: 'hint' }, t(`export.${format}Hint`)));
  }
  const go = button(t('export.download'), () => void run(), { className: 'primary', id: 'export-download' });
  d.footer.append(button(t('form.cancel'), () => d.close(), { className: 'secondary' }), go);

  async function run(): Promise<void> {
    go.disabled = true;
    const view = viewRadio.checked;
    const [sort, code] = (what?.value ?? '').split(':');
    try {
      const { blob, fileName } = await api.exportGraph(format, {
        region: ctx.region,
        // the whole region is exported with its history, so Gephi's timeline can play it
        asOf: view ? ctx.asOf : null,
        nodes: view ? shown : undefined,
        kind: sort === 'kind' ? code : undefined,
        type: sort === 'type' ? code : undefined,
      });
      download(fileName, blob);
      ctx.toast(t('export.done', { file: fileName }));
      d.close();
    } catch (e) {
      ctx.toast(t('toast.error', { msg: e instanceof Error ? e.message : String(e) }), 'error');
      go.disabled = false;
    }
  }
  d.open();
}
