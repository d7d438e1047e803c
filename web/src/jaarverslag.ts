// The annual report (jaarverslag) of a region: per policy priority how often each platform met and with whom,
// attendance, organisations and municipalities reached, events, agreements and follow-up, blind spots found and acted
// on — with bar charts (each with its table), print styles and the editable Word document.
import './styles.css';
import { api, getJson } from './api/client';
import { type AnnualReport, annualReportUrl, type PrioritySection } from './api/reports';
import type { GraphSchema } from './api/types';
import { barChart } from './charts';
import { button, clear, h, on } from './dom';
import { formatDate, initLang, lang, loc, type MessageKey, t } from './i18n';
import { requireSession } from './session';

const REGION_KEY = 'netwerk.region';

interface State { region: string | null; year: number }

function initialState(): State {
  const query = new URLSearchParams(location.search);
  const thisYear = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Brussels', year: 'numeric' }).format(new Date()));
  const year = Number(query.get('year'));
  let stored: string | null = null;
  try { stored = localStorage.getItem(REGION_KEY); } catch { /* private mode */ }
  // The report a regisseur writes in spring is last year's.
  return { region: query.get('region') || stored, year: Number.isInteger(year) && year >= 1990 && year <= thisYear + 1 ? year : thisYear - 1 };
}

function label(schema: GraphSchema, kind: string, property: string, value: string | null): string {
  if (!value) return '–';
  const values = schema.nodeKinds.find((k) => k.code === kind)?.properties.find((p) => p.name === property)?.values ?? [];
  return loc(values.find((v) => v.value === value)?.label) || value;
}

const number = (n: number) => new Intl.NumberFormat(lang() === 'nl' ? 'nl-BE' : 'en-GB', { maximumFractionDigits: 1 }).format(n);

function table(caption: string | null, headers: string[], rows: (string | number)[][], attrs: Record<string, string> = {}): HTMLTableElement {
  return h('table', { className: 'report-table', ...attrs },
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...rows.map((row) => h('tr', {}, ...row.map((cell, i) =>
      i === 0 ? h('th', { scope: 'row' }, String(cell)) : h('td', { className: typeof cell === 'number' ? 'num' : '' }, typeof cell === 'number' ? number(cell) : cell))))));
}

function names(list: { name: string }[]): string {
  return list.map((x) => x.name).join(', ') || '–';
}

function section(report: AnnualReport, s: PrioritySection, index: number, schema: GraphSchema): HTMLElement {
  const partner = report.partner.label;
  const heading = s.code === 'none' ? s.title : `${index}. ${s.title}`;
  const root = h('section', { className: 'annual-section', id: `priority-${s.code}`, 'data-priority': s.code }, h('h2', {}, heading));
  const empty = s.meetingsHeld === 0 && s.platforms.length === 0 && s.events.length === 0 && s.agreements.length === 0;
  if (empty) root.append(h('p', {}, t('annual.section.empty', { year: report.year })));
  else {
    root.append(h('p', { className: 'section-summary' }, t('annual.section.summary', {
      year: report.year, meetings: number(s.meetingsHeld), attendance: number(s.attendance), organisations: number(s.organisations.length),
    }), s.municipalities.length ? ` ${t('annual.section.municipalities', { names: names(s.municipalities) })}` : ''));
  }
  if (s.platforms.length) {
    const tableId = `platforms-${s.code}`;
    root.append(h('h3', {}, t('annual.platforms')),
      h('figure', { className: 'chart' },
        barChart(t('annual.chart.platforms', { partner }), s.platforms.map((p) => ({
          label: p.name,
          segments: [
            { value: p.meetingsWithPartner, className: 'bar-with', label: t('annual.legend.with', { partner }) },
            { value: p.meetingsWithoutPartner, className: 'bar-without', label: t('annual.legend.without', { partner }) },
            { value: p.meetingsWithoutAttendance, className: 'bar-unknown', label: t('annual.legend.unknown') },
          ],
        })), tableId, [
          { className: 'bar-with', label: t('annual.legend.with', { partner }) },
          { className: 'bar-without', label: t('annual.legend.without', { partner }) },
          { className: 'bar-unknown', label: t('annual.legend.unknown') },
        ]),
        h('figcaption', {}, t('annual.chart.platforms', { partner }))),
      table(null, [t('annual.platform'), t('annual.platform.type'), t('annual.platform.held'), t('annual.platform.with', { partner }),
        t('annual.platform.without', { partner }), t('annual.platform.unknown'), t('annual.attendance'), t('annual.platform.average'), t('annual.platform.cadence')],
      s.platforms.map((p) => [p.name, label(schema, 'Platform', 'type', p.type), p.meetingsHeld, p.meetingsWithPartner, p.meetingsWithoutPartner,
        p.meetingsWithoutAttendance, p.attendance, p.averageAttendance ?? '–', p.cadencePerYear ?? '–']), { id: tableId, 'data-table': 'platforms' }));
  }
  if (s.events.length) {
    root.append(h('h3', {}, t('annual.events')),
      table(null, [t('annual.event.title'), t('annual.event.date'), t('annual.event.type'), t('annual.attendance'), t('annual.event.organisations')],
        s.events.map((e) => [e.held ? e.title : `${e.title} ${t('annual.event.planned')}`, formatDate(e.date), label(schema, 'Meeting', 'type', e.type), e.attendance, e.organisations]),
        { 'data-table': 'events' }));
  }
  if (s.agreements.length) {
    root.append(h('h3', {}, t('annual.agreements')),
      table(null, [t('annual.agreement'), t('annual.platform.type'), t('annual.agreement.period'), t('annual.agreement.parties'), t('annual.agreement.followedBy'), t('annual.agreement.meetings')],
        s.agreements.map((a) => [a.title, label(schema, 'Agreement', 'type', a.type), `${formatDate(a.start) || '…'} – ${formatDate(a.end) || '…'}`,
          names(a.parties), a.followedUp ? names(a.followedUpBy) : t('annual.agreement.nobody'), a.followUpMeetings]),
        { 'data-table': 'agreements' }));
  }
  if (s.themes.length) {
    root.append(h('h3', {}, t('annual.themes')),
      table(null, [t('annual.theme'), t('annual.meetings')], s.themes.map((x) => [x.name, x.meetings]), { 'data-table': 'themes' }));
  }
  if (s.code === 'wse-lr1') root.append(blindSpots(report));
  return root;
}

function blindSpots(report: AnnualReport): HTMLElement {
  const b = report.blindSpots;
  return h('section', { className: 'annual-blind', id: 'annual-blind' },
    h('h3', {}, t('annual.blind')),
    h('p', { id: 'annual-blind-summary' }, t('annual.blind.summary', { date: formatDate(b.asOf), found: b.found, acted: b.actedOn })),
    b.findings.length ? table(null, [t('annual.blind.finding'), t('annual.blind.severity'), t('annual.blind.followUp')],
      b.findings.map((f) => [f.title, t(`blind.severity.${f.severity}` as MessageKey),
        f.actedOn ? f.meetings.map((m) => m.start ? `${m.title} (${formatDate(m.start.slice(0, 10))})` : m.title).join(', ') : t('annual.blind.open')]),
      { 'data-table': 'blindspots' }) : null);
}

function renderReport(root: HTMLElement, report: AnnualReport, schema: GraphSchema): void {
  const x = report.totals;
  const byPriority = report.priorities;
  root.append(
    h('h1', { id: 'annual-title' }, t('annual.title', { year: report.year })),
    h('p', { className: 'report-meta' }, t('annual.subtitle', { region: report.regionName ?? report.region })),
    h('section', { id: 'annual-totals' },
      h('h2', {}, t('annual.totals')),
      h('dl', { className: 'key-figures' },
        ...([
          ['meetings', t('annual.totals.meetings'), number(x.meetingsHeld)],
          ['planned', t('annual.totals.planned'), number(x.meetingsPlanned)],
          ['attendance', t('annual.totals.attendance'), number(x.attendance)],
          ['people', t('annual.totals.people'), number(x.people)],
          ['organisations', t('annual.totals.organisations'), number(x.organisations)],
          ['municipalities', t('annual.totals.municipalities'), x.municipalitiesInRegion ? t('annual.totals.ofRegion', { n: x.municipalitiesReached, total: x.municipalitiesInRegion }) : number(x.municipalitiesReached)],
        ] as const).map(([key, name, value]) => h('div', { className: 'key-figure', 'data-figure': key }, h('dt', {}, name), h('dd', {}, value)))),
      x.municipalitiesNotReached.length ? h('p', { id: 'not-reached' }, t('annual.notReached', { year: report.year, names: names(x.municipalitiesNotReached) })) : null,
      h('figure', { className: 'chart' },
        barChart(t('annual.chart.byPriority'), byPriority.map((s) => ({
          label: s.code === 'none' ? s.title : s.code.toUpperCase(),
          segments: [{ value: s.meetingsHeld, className: 'bar-with', label: t('annual.meetings') }],
        })), 'priority-table'),
        h('figcaption', {}, t('annual.chart.byPriority'))),
      table(t('annual.chart.table'), [t('annual.priority'), t('annual.meetings'), t('annual.attendance')],
        byPriority.map((s) => [s.title, s.meetingsHeld, s.attendance]), { id: 'priority-table' })),
    ...byPriority.map((s, i) => section(report, s, i + 1, schema)));
}

async function start(root: HTMLElement): Promise<void> {
  const state = initialState();
  const [schema, regions] = await Promise.all([api.schema(), api.regions()]);
  const regionList = regions.items.map((r) => ({ id: r.id, name: String(r.properties.name ?? r.id) })).sort((a, b) => a.name.localeCompare(b.name));
  if (!state.region || !regionList.some((r) => r.id === state.region)) state.region = regionList[0]?.id ?? null;

  const regionSelect = h('select', { id: 'annual-region' }, ...regionList.map((r) => h('option', { value: r.id, selected: r.id === state.region }, r.name)));
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 12 }, (_, i) => thisYear + 1 - i);
  if (!years.includes(state.year)) years.push(state.year);
  const yearSelect = h('select', { id: 'annual-year' }, ...years.map((y) => h('option', { value: String(y), selected: y === state.year }, String(y))));
  const docx = h('a', { id: 'annual-docx', className: 'button-link primary', download: '' }, t('annual.docx'));
  const content = h('div', { id: 'annual-content', 'aria-live': 'polite' });

  root.append(
    h('nav', { className: 'report-actions annual-actions' },
      h('a', { href: '/' }, t('annual.back')),
      h('div', { className: 'field inline' }, h('label', { for: 'annual-region' }, t('annual.region')), regionSelect),
      h('div', { className: 'field inline' }, h('label', { for: 'annual-year' }, t('annual.year')), yearSelect),
      button(t('annual.print'), () => window.print(), { id: 'annual-print', className: 'secondary' }),
      docx),
    content);

  let loading = 0;
  const load = async () => {
    const ticket = ++loading;
    clear(content);
    if (!state.region) { content.append(h('p', {}, t('annual.noRegion'))); return; }
    history.replaceState(null, '', `?${new URLSearchParams({ region: state.region, year: String(state.year) })}`);
    docx.setAttribute('href', annualReportUrl(state.region, state.year, true));
    content.append(h('p', { role: 'status' }, t('app.loading')));
    try {
      const report = await getJson<AnnualReport>(annualReportUrl(state.region, state.year));
      if (ticket !== loading) return;
      clear(content);
      document.title = `${t('annual.title', { year: report.year })} — ${report.regionName ?? report.region}`;
      renderReport(content, report, schema);
      content.dataset.loaded = `${report.region}:${report.year}`;
    } catch (e) {
      if (ticket !== loading) return;
      clear(content);
      content.append(h('p', { className: 'error', role: 'alert' }, `${t('app.loadFailed')} ${e instanceof Error ? e.message : ''}`));
    }
  };
  on(regionSelect, 'change', () => {
    state.region = regionSelect.value;
    try { localStorage.setItem(REGION_KEY, state.region); } catch { /* private mode */ }
    void load();
  });
  on(yearSelect, 'change', () => { state.year = Number(yearSelect.value); void load(); });
  await load();
}

initLang();
document.documentElement.lang = lang();
const root = document.getElementById('jaarverslag')!;
root.append(h('p', { role: 'status' }, t('app.loading')));
requireSession(document.body).then((session) => {
  clear(root);
  return session ? start(root) : undefined;
}).catch((e: unknown) => {
  clear(root);
  root.append(h('p', { className: 'error', role: 'alert' }, `${t('app.loadFailed')} ${e instanceof Error ? e.message : ''}`));
});
