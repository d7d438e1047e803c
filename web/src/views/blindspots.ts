// The "Blinde vlekken" drawer: the analysis API's findings for the region and date on the map, by
// severity, each with its explanation and suggestion; choosing one highlights its evidence on the map.
import { analysisUrl, type BlindSpotReport, bySeverity, type Finding } from '../analysis';
import { getJson } from '../api/client';
import { button, clear, h } from '../dom';
import { formatDate, type MessageKey, t } from '../i18n';

export interface BlindSpotEvents {
  show: (finding: Finding) => void;
  /** Turns a finding into a draft meeting; absent for accounts that cannot plan. */
  plan?: (finding: Finding) => Promise<void>;
}

export class BlindSpotsView {
  private report: BlindSpotReport | null = null;
  private error: string | null = null;
  private loadSeq = 0;
  private region: string | null = null;
  private asOf: string | null = null;

  constructor(readonly root: HTMLElement, private readonly ev: BlindSpotEvents) {}

  get isOpen(): boolean { return !this.root.hidden; }

  toggle(open = this.root.hidden): void {
    this.root.hidden = !open;
    if (open) { void this.load(this.region, this.asOf); this.root.focus(); }
  }

  /** Reads the findings again (region or date changed, or the network changed while open). */
  async load(region: string | null, asOf: string | null): Promise<void> {
    this.region = region;
    this.asOf = asOf;
    if (this.root.hidden) return;
    const seq = ++this.loadSeq;
    this.root.setAttribute('aria-busy', 'true');
    try {
      const report = await getJson<BlindSpotReport>(analysisUrl('blindspots', region, asOf));
      if (seq !== this.loadSeq) return;
      this.report = report;
      this.error = null;
    } catch (e) {
      if (seq !== this.loadSeq) return;
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (seq === this.loadSeq) this.root.removeAttribute('aria-busy');
    }
    this.render();
  }

  render(): void {
    clear(this.root);
    const reportLink = h('a', { href: `/report.html?${new URLSearchParams({ ...(this.region ? { region: this.region } : {}), ...(this.asOf ? { asOf: this.asOf } : {}) })}`, target: '_blank', rel: 'noopener', className: 'small', id: 'blindspots-report' }, t('blind.report'));
    this.root.append(
      h('div', { className: 'panel-head' },
        h('h2', { id: 'blindspots-title' }, t('blind.title')),
        button('×', () => this.toggle(false), { className: 'icon-button', 'aria-label': t('dialog.close'), title: t('dialog.close') })),
      h('p', { className: 'muted small' }, t('blind.intro')), reportLink);
    if (this.error) { this.root.append(h('p', { className: 'error', role: 'alert' }, this.error)); return; }
    if (!this.report) { this.root.append(h('p', { className: 'muted' }, t('app.loading'))); return; }
    if (this.report.findings.length === 0) { this.root.append(h('p', {}, t('blind.none'))); return; }
    this.root.append(h('p', { className: 'small', id: 'blindspots-count' }, t('blind.count', { n: this.report.findings.length, date: formatDate(this.report.asOf) })));
    for (const [severity, findings] of bySeverity(this.report.findings)) {
      const list = h('ol', { className: 'findings' });
      for (const f of findings) {
        const plan = this.ev.plan;
        const details = h('div', { className: 'finding-details' },
          h('p', {}, f.explanation),
          h('p', { className: 'suggestion' }, h('strong', {}, `${t('blind.suggestion')}: `), f.suggestion),
          plan ? button(t('blind.plan'), (e) => {
            const b = e.currentTarget as HTMLButtonElement;
            b.disabled = true;
            void plan(f).finally(() => { b.disabled = false; });
          }, { className: 'secondary small plan-finding' }) : null);
        list.append(h('li', { className: `finding severity-${f.severity}`, 'data-kind': f.kind, 'data-id': f.id },
          button(f.title, () => this.ev.show(f), { className: 'finding-title' }),
          details));
      }
      this.root.append(h('section', { className: 'finding-group' },
        h('h3', {}, `${t(`blind.severity.${severity}` as MessageKey)} (${findings.length})`), list));
    }
  }
}
