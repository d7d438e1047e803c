// The printable region report: the blind spots of a region on a date, summarised for a regisseur's
// jaarverslag or a meeting of the local governments. Opened from the "Blinde vlekken" drawer.
import './styles.css';
import { analysisUrl, type BlindSpotReport, bySeverity, countByKind } from './analysis';
import { api, getJson } from './api/client';
import type { GraphNode } from './api/types';
import { indexSchema } from './context';
import { button, clear, h } from './dom';
import { formatDate, initLang, lang, type MessageKey, messages, t } from './i18n';
import { nodeName } from './model';
import { requireSession } from './session';

interface MetricsReport {
  asOf: string;
  nodes: { id: string; kind: string; betweenness: number }[];
  modularity: number;
  components: number;
}

/** The Dutch (or English) name of a finding kind; the code itself when the table has none. */
function kindLabel(kind: string): string {
  const key = `finding.${kind}` as MessageKey;
  return key in messages.nl ? t(key) : kind;
}

async function render(root: HTMLElement): Promise<void> {
  const query = new URLSearchParams(location.search);
  const region = query.get('region');
  const asOf = query.get('asOf');
  const [schema, graph, report, metrics] = await Promise.all([
    api.schema(),
    api.graph(region, asOf),
    getJson<BlindSpotReport>(analysisUrl('blindspots', region, asOf)),
    getJson<MetricsReport>(analysisUrl('metrics', region, asOf)),
  ]);
  const kinds = indexSchema(schema).kinds;
  const byId = new Map<string, GraphNode>(graph.nodes.map((n) => [n.id, n]));
  const name = (id: string) => { const n = byId.get(id); return n ? nodeName(n, kinds) : id; };
  const brokers = metrics.nodes.filter((n) => n.betweenness > 0).sort((a, b) => b.betweenness - a.betweenness).slice(0, 10);

  clear(root);
  document.title = `${t('report.title')} — ${region ? name(region) : t('report.whole')}`;
  root.append(
    h('nav', { className: 'report-actions' },
      h('a', { href: '/' }, t('report.back')),
      button(t('report.print'), () => window.print(), { className: 'primary', id: 'print-report' })),
    h('h1', {}, t('report.title')),
    h('p', { className: 'report-meta' },
      region ? t('report.region', { name: name(region) }) : t('report.whole'), ' · ',
      t('report.date', { date: formatDate(report.asOf) })),
    h('section', {},
      h('h2', {}, t('report.summary')),
      h('p', {}, t('report.network', { nodes: metrics.nodes.length, components: metrics.components, modularity: metrics.modularity.toFixed(2) })),
      h('p', { id: 'report-count' }, t('blind.count', { n: report.findings.length, date: formatDate(report.asOf) })),
      h('h3', {}, t('report.byKind')),
      h('table', { className: 'report-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('report.kind')), h('th', { scope: 'col' }, t('report.number')))),
        h('tbody', {}, ...countByKind(report.findings).map(([kind, n]) => h('tr', {}, h('td', { 'data-kind': kind }, kindLabel(kind)), h('td', {}, String(n)))))),
      h('h3', {}, t('report.brokers')),
      h('ol', {}, ...brokers.map((b) => h('li', {}, `${name(b.id)} (${b.betweenness.toFixed(3)})`)))),
    h('section', {},
      h('h2', {}, t('report.findings')),
      ...bySeverity(report.findings).map(([severity, findings]) => h('section', { className: 'finding-group' },
        h('h3', {}, `${t(`blind.severity.${severity}` as MessageKey)} (${findings.length})`),
        ...findings.map((f) => h('article', { className: `finding severity-${f.severity}`, 'data-kind': f.kind },
          h('h4', {}, f.title),
          h('p', {}, f.explanation),
          h('p', { className: 'suggestion' }, h('strong', {}, `${t('blind.suggestion')}: `), f.suggestion),
          f.evidence.nodes.length ? h('p', { className: 'muted small' }, `${t('report.evidence')}: `, f.evidence.nodes.slice(0, 12).map(name).join(', '),
            f.evidence.nodes.length > 12 ? ` … (+${f.evidence.nodes.length - 12})` : '') : null))))));
}

initLang();
document.documentElement.lang = lang();
const root = document.getElementById('report')!;
root.append(h('p', { role: 'status' }, t('app.loading')));
requireSession(document.body).then((session) => session ? render(root) : undefined).catch((e: unknown) => {
  clear(root);
  root.append(h('p', { className: 'error', role: 'alert' }, `${t('app.loadFailed')} ${e instanceof Error ? e.message : ''}`));
});
