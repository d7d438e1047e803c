// The spreadsheet import wizard: upload → map columns → preview with per-row errors and match decisions → import with
// live progress. Mappings are remembered in this browser per set of column headers (and header by header). Every name
// and cell from the sheet is shown as text.
import { ApiError } from '../api/client';
import {
  MAX_UPLOAD_BYTES, type ImportTarget, type PreviewRow, type RefusedRow, type SpreadsheetImportRequest, type SpreadsheetPreview,
  type SpreadsheetUpload, type TargetDescription, rememberMapping, rememberedMapping, spreadsheets, uploadSpreadsheet,
} from '../api/spreadsheets';
import { button, clear, h } from '../dom';
import { type MessageKey, loc, t } from '../i18n';
import { Dialog } from './dialog';

const TARGETS: ImportTarget[] = ['people', 'organisations', 'memberships'];
const SHOWN_ROWS = 300;

function storage(): Storage | null {
  try { return window.localStorage; } catch { return null; }
}

function problemText(e: unknown): string {
  return e instanceof ApiError ? (e.problem.detail || e.problem.title || e.message) : String(e);
}

export function openSheetImport(afterImport: () => void): void {
  new SheetImportWizard(afterImport).open();
}

class SheetImportWizard {
  private readonly dialog = new Dialog(t('sheet.title'), { id: 'sheet-import-dialog', wide: true });
  private readonly steps = h('ol', { className: 'wizard-steps', 'aria-label': t('sheet.steps') });
  private readonly content = h('div', { className: 'wizard-content' });
  private upload: SpreadsheetUpload | null = null;
  private target: ImportTarget = 'people';
  private mapping: Record<string, string> = {};
  private defaults: Record<string, string> = {};
  private overwrite = false;
  private skipBadRows = false;
  private decisions: Record<string, string> = {};
  private preview: SpreadsheetPreview | null = null;
  private showAll = false;

  constructor(private readonly afterImport: () => void) {
    this.dialog.el.classList.add('sheet-dialog');
    this.dialog.body.append(this.steps, this.content);
  }

  open(): void {
    this.showUpload();
    this.dialog.open();
  }

  private step(index: number): void {
    clear(this.steps);
    const keys: MessageKey[] = ['sheet.step.upload', 'sheet.step.map', 'sheet.step.preview', 'sheet.step.import'];
    keys.forEach((k, i) => this.steps.append(h('li', { className: i === index ? 'current' : '', 'aria-current': i === index ? 'step' : null }, t(k))));
    clear(this.content);
    clear(this.dialog.footer);
  }

  // 1. Upload
  private showUpload(): void {
    this.step(0);
    const file = h('input', { type: 'file', id: 'sheet-file', accept: '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'aria-describedby': 'sheet-file-hint' });
    const progress = h('progress', { max: 100, value: 0, hidden: true, id: 'sheet-upload-progress' });
    const status = h('p', { role: 'status', 'aria-live': 'polite', id: 'sheet-upload-status' });
    const start = h('button', { type: 'button', className: 'primary', id: 'sheet-upload' }, t('sheet.upload'));
    this.content.append(
      h('div', { className: 'field' }, h('label', { for: 'sheet-file' }, t('sheet.file')), file, h('p', { className: 'hint', id: 'sheet-file-hint' }, t('sheet.fileHint'))),
      progress, status);
    this.dialog.footer.append(button(t('sheet.close'), () => this.dialog.close(), { className: 'secondary' }), start);
    start.addEventListener('click', () => {
      const f = file.files?.[0];
      if (!f) { status.textContent = t('sheet.chooseFile'); file.focus(); return; }
      if (f.size > MAX_UPLOAD_BYTES) { status.textContent = t('sheet.tooLarge'); return; }
      start.disabled = true;
      progress.hidden = false;
      uploadSpreadsheet(f, (fraction) => {
        progress.value = Math.round(fraction * 100);
        status.textContent = fraction < 1 ? t('sheet.uploading', { pct: Math.round(fraction * 100) }) : t('sheet.reading');
        if (fraction >= 1) progress.removeAttribute('value');
      }).then((upload) => {
        this.upload = upload;
        this.target = this.guessTarget(upload);
        this.loadMapping();
        this.showMapping();
      }, (e: unknown) => {
        start.disabled = false;
        progress.hidden = true;
        status.textContent = t('sheet.failed', { msg: problemText(e) });
      });
    });
  }

  /** The target whose suggestion covers most columns (people when tied). */
  private guessTarget(upload: SpreadsheetUpload): ImportTarget {
    const count = (d: TargetDescription | undefined) => Object.keys(d?.suggested ?? {}).length;
    const by = (x: ImportTarget) => upload.targets.find((d) => d.target === x);
    if (by('memberships')?.suggested && Object.values(by('memberships')!.suggested).includes('platform')) return 'memberships';
    return count(by('organisations')) > count(by('people')) && !Object.values(by('people')?.suggested ?? {}).includes('organisation') ? 'organisations' : 'people';
  }

  private description(): TargetDescription {
    return this.upload!.targets.find((d) => d.target === this.target)!;
  }

  private mappingSource: 'remembered' | 'suggested' = 'suggested';

  private loadMapping(): void {
    const remembered = rememberedMapping(storage(), this.target, this.upload!.columns);
    const offered = new Set(this.description().properties.map((p) => p.name));
    const valid = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).filter(([c, p]) => this.upload!.columns.includes(c) && offered.has(p)));
    this.mappingSource = remembered ? 'remembered' : 'suggested';
    this.mapping = valid(remembered ?? this.description().suggested);
    this.defaults = {};
    this.decisions = {};
  }

  // 2. Map columns
  private showMapping(): void {
    const upload = this.upload!;
    this.step(1);
    this.content.append(h('p', { id: 'sheet-read' }, t('sheet.read', { file: upload.fileName, rows: upload.rowCount, cols: upload.columns.length, detail: upload.detail ?? upload.format })));

    const targets = h('fieldset', { className: 'sheet-targets' }, h('legend', {}, t('sheet.target')));
    for (const target of TARGETS) {
      const radio = h('input', { type: 'radio', name: 'sheet-target', id: `sheet-target-${target}`, value: target, checked: target === this.target });
      radio.addEventListener('change', () => { this.target = target; this.loadMapping(); this.showMapping(); document.getElementById(`sheet-target-${target}`)?.focus(); });
      targets.append(h('label', { className: 'inline', for: `sheet-target-${target}` }, radio, ' ', t(`sheet.target.${target}` as MessageKey)));
    }
    this.content.append(targets, h('p', { className: 'hint', id: 'sheet-mapping-source' }, t(this.mappingSource === 'remembered' ? 'sheet.remembered' : 'sheet.suggested')));

    const properties = this.description().properties;
    const table = h('table', { className: 'data sheet-mapping' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('sheet.column')), h('th', { scope: 'col' }, t('sheet.examples')), h('th', { scope: 'col' }, t('sheet.property')))));
    const body = h('tbody');
    upload.columns.forEach((column, i) => {
      const id = `sheet-map-${i}`;
      const select = h('select', { id, 'data-column': column });
      select.append(h('option', { value: '' }, t('sheet.ignore')));
      for (const p of properties) {
        select.append(h('option', { value: p.name, selected: this.mapping[column] === p.name }, `${loc(p.label)}${p.required ? ` (${t('sheet.required')})` : ''}`));
      }
      select.addEventListener('change', () => {
        if (select.value) {
          // A property is filled from one column: another column that had it lets go.
          for (const [c, p] of Object.entries(this.mapping)) if (p === select.value && c !== column) delete this.mapping[c];
          this.mapping[column] = select.value;
        } else delete this.mapping[column];
        this.showMapping();
        document.getElementById(id)?.focus();
      });
      const examples = upload.sample.map((r) => r.cells[i] ?? '').filter((c) => c !== '').slice(0, 3).join(' · ');
      body.append(h('tr', {}, h('th', { scope: 'row' }, h('label', { for: id }, column)), h('td', { className: 'examples' }, examples), h('td', {}, select)));
    });
    table.append(body);
    this.content.append(h('div', { className: 'table-scroll' }, table));

    // Required properties with fixed values (e.g. the sector of every organisation in the list) when no column has them.
    const mapped = new Set(Object.values(this.mapping));
    const needDefault = properties.filter((p) => p.values && p.values.length && !mapped.has(p.name) && (p.required || p.name === 'function' || p.name === 'role'));
    if (needDefault.length) {
      const defaults = h('fieldset', { className: 'sheet-defaults' }, h('legend', {}, t('sheet.defaults')));
      for (const p of needDefault) {
        const id = `sheet-default-${p.name}`;
        const select = h('select', { id });
        select.append(h('option', { value: '' }, t('sheet.noDefault')));
        for (const v of p.values!) select.append(h('option', { value: v.value, selected: this.defaults[p.name] === v.value }, loc(v.label)));
        select.addEventListener('change', () => { if (select.value) this.defaults[p.name] = select.value; else delete this.defaults[p.name]; });
        defaults.append(h('div', { className: 'field' }, h('label', { for: id }, `${loc(p.label)}${p.required ? ` (${t('sheet.required')})` : ''}`), select));
      }
      this.content.append(defaults);
    }
    if (this.target !== 'memberships') {
      const overwrite = h('input', { type: 'checkbox', id: 'sheet-overwrite', checked: this.overwrite });
      overwrite.addEventListener('change', () => { this.overwrite = overwrite.checked; });
      this.content.append(h('div', { className: 'field' }, h('label', { className: 'inline', for: 'sheet-overwrite' }, overwrite, ' ', t('sheet.overwrite'))));
    }
    const status = h('p', { role: 'status', 'aria-live': 'polite', id: 'sheet-map-status' });
    this.content.append(status);
    const next = h('button', { type: 'button', className: 'primary', id: 'sheet-to-preview' }, t('sheet.toPreview'));
    next.addEventListener('click', () => {
      next.disabled = true;
      status.textContent = t('sheet.reading');
      rememberMapping(storage(), this.target, upload.columns, this.mapping);
      this.loadPreview().then(() => this.showPreview(), (e: unknown) => { next.disabled = false; status.textContent = t('sheet.failed', { msg: problemText(e) }); });
    });
    this.dialog.footer.append(button(t('sheet.back'), () => this.showUpload(), { className: 'secondary' }), next);
  }

  private request(): SpreadsheetImportRequest {
    return { target: this.target, mapping: this.mapping, defaults: this.defaults, overwrite: this.overwrite, skipBadRows: this.skipBadRows, decisions: this.decisions };
  }

  private async loadPreview(): Promise<void> {
    this.preview = await spreadsheets.preview(this.upload!.id, { ...this.request(), decisions: {} });
  }

  // 3. Preview with decisions
  private showPreview(): void {
    const preview = this.preview!;
    this.step(2);
    const s = preview.summary;
    this.content.append(h('p', { id: 'sheet-summary' }, t('sheet.summary', {
      rows: s.rows, new: s.new, matched: s.matched, decide: s.needsDecision, errors: s.errors, duplicates: s.duplicates, skipped: s.skipped,
    })));
    const filter = h('select', { id: 'sheet-filter' },
      h('option', { value: 'attention', selected: !this.showAll }, t('sheet.filter.attention')),
      h('option', { value: 'all', selected: this.showAll }, t('sheet.filter.all')));
    filter.addEventListener('change', () => { this.showAll = filter.value === 'all'; this.showPreview(); document.getElementById('sheet-filter')?.focus(); });
    const allNew = button(t('sheet.allNew'), () => {
      for (const r of preview.rows) if (r.status === 'needs-decision' && !this.decisions[String(r.row)]) this.decisions[String(r.row)] = 'new';
      this.showPreview();
    }, { className: 'secondary', id: 'sheet-all-new', disabled: !preview.rows.some((r) => r.status === 'needs-decision') });
    this.content.append(h('div', { className: 'toolbar sheet-preview-tools' }, h('label', { for: 'sheet-filter' }, t('sheet.filter')), filter, allNew));

    const attention = (r: PreviewRow) => r.status !== 'new' || r.warnings.length > 0;
    const rows = this.showAll ? preview.rows : preview.rows.filter(attention);
    const table = h('table', { className: 'data sheet-preview', id: 'sheet-preview' },
      h('thead', {}, h('tr', {}, ...(['sheet.row', 'sheet.status', 'sheet.name', 'sheet.values', 'sheet.decision', 'sheet.problems'] as MessageKey[]).map((k) => h('th', { scope: 'col' }, t(k))))));
    const body = h('tbody');
    for (const row of rows.slice(0, SHOWN_ROWS)) body.append(this.previewRow(row));
    table.append(body);
    this.content.append(h('div', { className: 'table-scroll preview-scroll' }, table));
    if (rows.length > SHOWN_ROWS) this.content.append(h('p', { className: 'hint' }, t('sheet.hidden', { n: rows.length - SHOWN_ROWS })));

    const skip = h('input', { type: 'checkbox', id: 'sheet-skip-bad', checked: this.skipBadRows, 'aria-describedby': 'sheet-skip-hint' });
    skip.addEventListener('change', () => { this.skipBadRows = skip.checked; this.updateReadiness(); });
    this.content.append(h('div', { className: 'field' },
      h('label', { className: 'inline', for: 'sheet-skip-bad' }, skip, ' ', t('sheet.skipBad')),
      h('p', { className: 'hint', id: 'sheet-skip-hint' }, t('sheet.skipBadHint'))));
    this.content.append(h('p', { role: 'status', 'aria-live': 'polite', id: 'sheet-readiness' }));
    const go = h('button', { type: 'button', className: 'primary', id: 'sheet-import' }, t('sheet.import'));
    go.addEventListener('click', () => this.runImport());
    this.dialog.footer.append(button(t('sheet.back'), () => this.showMapping(), { className: 'secondary' }), go);
    this.updateReadiness();
  }

  private previewRow(row: PreviewRow): HTMLTableRowElement {
    const decision = this.decisions[String(row.row)];
    const status = decision === 'skip' ? 'skipped' : row.status === 'needs-decision' && decision ? (decision === 'new' ? 'new' : 'matched') : row.status;
    const values = Object.entries(row.values).filter(([k]) => k !== 'name').map(([, v]) => (Array.isArray(v) ? v.join(', ') : String(v)));
    const links = row.links.map((l) => l.name);
    const cell = h('td');
    if (row.status === 'duplicate') cell.append(t('sheet.duplicateOf', { row: row.duplicateOf ?? '' }));
    else if (row.status !== 'error') cell.append(this.decisionSelect(row));
    const problems = h('td', { className: 'problems' });
    const issues = [...row.errors.map((e) => ({ e, cls: 'error' })), ...row.warnings.map((e) => ({ e, cls: 'warning' }))];
    if (issues.length) problems.append(h('ul', {}, ...issues.map(({ e, cls }) => h('li', { className: cls }, e.column ? `${e.column}: ${e.message}` : e.message))));
    return h('tr', { className: `status-${status}`, 'data-row': row.row },
      h('th', { scope: 'row' }, String(row.row)),
      h('td', {}, h('span', { className: `badge status-${status}` }, t(`sheet.status.${status}` as MessageKey))),
      h('td', {}, row.name),
      h('td', { className: 'values' }, [...values, ...links].join(' · ')),
      cell, problems);
  }

  private decisionSelect(row: PreviewRow): HTMLSelectElement {
    const key = String(row.row);
    const select = h('select', { 'aria-label': t('sheet.decisionFor', { row: row.row }), 'data-row': row.row, className: 'sheet-decision' });
    const current = this.decisions[key];
    if (row.status === 'needs-decision') select.append(h('option', { value: '', selected: !current }, t('sheet.choose')));
    if (row.match && !row.candidates.some((c) => c.nodeId === row.match!.nodeId)) {
      select.append(h('option', { value: row.match.nodeId, selected: !current || current === row.match.nodeId },
        `${t('sheet.sameAs', { name: row.match.name })} (${t(`sheet.reason.${row.match.reason}` as MessageKey)})`));
    }
    for (const c of row.candidates) {
      const detail = [c.detail, `${Math.round(c.score * 100)}%`].filter(Boolean).join(', ');
      select.append(h('option', { value: c.nodeId, selected: current === c.nodeId }, `${t('sheet.sameAs', { name: c.name })} (${detail})`));
    }
    if (this.target !== 'memberships') select.append(h('option', { value: 'new', selected: current === 'new' || (!current && row.status === 'new') }, t('sheet.asNew')));
    select.append(h('option', { value: 'skip', selected: current === 'skip' }, t('sheet.skip')));
    select.addEventListener('change', () => {
      const automatic = (row.status === 'new' && select.value === 'new') || (row.status === 'matched' && select.value === row.match?.nodeId);
      if (!select.value || automatic) delete this.decisions[key]; else this.decisions[key] = select.value;
      const tr = select.closest('tr');
      if (tr) { const fresh = this.previewRow(row); tr.replaceWith(fresh); fresh.querySelector('select')?.focus(); }
      this.updateReadiness();
    });
    return select;
  }

  private undecided(): number {
    return this.preview!.rows.filter((r) => r.status === 'needs-decision' && !this.decisions[String(r.row)]).length;
  }

  private updateReadiness(): void {
    const status = document.getElementById('sheet-readiness');
    const go = document.getElementById('sheet-import') as HTMLButtonElement | null;
    if (!status || !go) return;
    const undecided = this.undecided();
    const errors = this.preview!.rows.filter((r) => r.status === 'error').length;
    const importable = this.preview!.rows.filter((r) => !['error', 'duplicate'].includes(r.status) && this.decisions[String(r.row)] !== 'skip').length;
    if (undecided) status.textContent = t('sheet.blockedDecisions', { n: undecided });
    else if (errors && !this.skipBadRows) status.textContent = t('sheet.blockedErrors', { n: errors });
    else status.textContent = t('sheet.ready', { n: importable });
    go.disabled = undecided > 0 || (errors > 0 && !this.skipBadRows) || importable === 0;
  }

  // 4. Import with live progress
  private runImport(): void {
    this.step(3);
    const progress = h('progress', { max: 100, id: 'sheet-import-progress' });
    const status = h('p', { role: 'status', 'aria-live': 'polite', id: 'sheet-import-status' }, t('sheet.phase.reading'));
    const result = h('div', { id: 'sheet-result' });
    this.content.append(progress, status, result);
    const close = button(t('sheet.close'), () => this.dialog.close(), { className: 'primary', id: 'sheet-close', disabled: true });
    this.dialog.footer.append(close);
    const id = this.upload!.id;
    let running = true;
    const poll = async () => {
      while (running) {
        await new Promise((r) => setTimeout(r, 200));
        if (!running) break;
        try {
          const p = await spreadsheets.progress(id);
          if (!running) break;
          if (p.phase === 'matching' && p.total > 0) { progress.max = p.total; progress.value = p.done; }
          else if (p.phase === 'writing') progress.removeAttribute('value');
          status.textContent = t(`sheet.phase.${p.phase}` as MessageKey, { done: p.done, total: p.total });
        } catch { /* progress is a courtesy; the import's own answer decides */ }
      }
    };
    void poll();
    spreadsheets.import(id, this.request()).then((r) => {
      running = false;
      progress.max = 1; progress.value = 1;
      status.textContent = t('sheet.phase.done');
      result.append(h('p', { id: 'sheet-result-counts' }, t('sheet.result', {
        rows: r.rowsImported, skipped: r.rowsSkipped, nc: r.nodesCreated, nu: r.nodesUpdated, nn: r.nodesUnchanged, rc: r.relationshipsCreated, ru: r.relationshipsUpdated,
      })));
      close.disabled = false;
      close.focus();
      this.afterImport();
    }, (e: unknown) => {
      running = false;
      progress.hidden = true;
      status.textContent = t('sheet.refused', { msg: problemText(e) });
      const refused = e instanceof ApiError ? (e.problem as { rows?: RefusedRow[] }).rows ?? [] : [];
      if (refused.length) {
        result.append(h('ul', { className: 'refused-rows' }, ...refused.slice(0, 50).map((r) =>
          h('li', {}, `${t('sheet.row')} ${r.row} (${r.name}): ${r.errors.map((x) => x.message).join(' ')}`))));
      }
      this.dialog.footer.prepend(button(t('sheet.back'), () => this.showPreview(), { className: 'secondary' }));
      close.disabled = false;
    });
  }
}
