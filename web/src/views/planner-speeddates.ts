// The speed dates of a businessmixer: two groups, tables, rounds (or the time and a round's length) →
// the server's round-robin schedule as a rounds × tables grid with who waits each round, and a
// personal agenda per participant, printable one per page.
import { ApiError } from '../api/client';
import { type SpeedDateSettings, type SpeedDates, meetingsApi } from '../api/meetings';
import { button, clear, h } from '../dom';
import { type MessageKey, t } from '../i18n';
import { brusselsTime } from '../planning/calendar';
import { mapByPath } from '../problems';
import { showGeneral } from './form-view';
import { ChipList } from './planner-chips';
import type { PlannerCtx } from './planner-context';

export interface SpeedDateHost {
  meetingId(): string | null;
  /** when the first round starts: the meeting's start */
  startsAt(): string | null;
  changed(): void;
}

const NUMBERS = ['tables', 'rounds', 'roundMinutes', 'totalMinutes', 'changeoverMinutes'] as const;

export class SpeedDateView {
  readonly root: HTMLElement;
  private readonly groupA: ChipList;
  private readonly groupB: ChipList;
  private readonly numbers = new Map<string, HTMLInputElement>();
  private readonly errors = new Map<string, HTMLElement>();
  private readonly problems = h('div', { className: 'form-problems', role: 'alert', hidden: true });
  private readonly out = h('div', { id: 'speed-out' });

  constructor(private readonly ctx: PlannerCtx, initial: SpeedDateSettings | null, private readonly host: SpeedDateHost, private readonly readOnly: boolean) {
    const onChange = () => host.changed();
    this.groupA = new ChipList(ctx, initial?.groupA ?? [], { label: t('planner.speed.groupA'), kinds: ['Person'], id: 'speed-a', readOnly, onChange });
    this.groupB = new ChipList(ctx, initial?.groupB ?? [], { label: t('planner.speed.groupB'), kinds: ['Person'], id: 'speed-b', readOnly, onChange });
    const num = (name: (typeof NUMBERS)[number], label: MessageKey, value: number | null | undefined) => {
      const el = h('input', { type: 'number', id: `speed-${name}`, min: 0, value: value ?? '', readonly: readOnly, 'aria-describedby': `speed-${name}-err` });
      el.addEventListener('change', onChange);
      this.numbers.set(name, el);
      const err = h('p', { id: `speed-${name}-err`, className: 'field-error' });
      this.errors.set(name, err);
      return h('div', { className: 'field' }, h('label', { for: el.id }, t(label)), el, err);
    };
    const s = initial;
    this.root = h('div', { className: 'speed-dates' },
      h('div', { className: 'form-grid' },
        h('div', { className: 'field' }, this.groupA.root, this.errorFor('groupA')), h('div', { className: 'field' }, this.groupB.root, this.errorFor('groupB')),
        num('tables', 'planner.speed.tables', s?.tables ?? 6), num('rounds', 'planner.speed.rounds', s?.rounds),
        num('roundMinutes', 'planner.speed.roundMinutes', s?.roundMinutes ?? 8), num('totalMinutes', 'planner.speed.totalMinutes', s?.totalMinutes),
        num('changeoverMinutes', 'planner.speed.changeover', s?.changeoverMinutes ?? 2)),
      h('p', { className: 'muted small' }, t('planner.speed.hint')),
      h('div', { className: 'speed-actions' },
        button(t('planner.speed.plan'), () => void this.plan(), { className: 'primary', id: 'speed-plan' })),
      this.problems, this.out);
  }

  /** The settings as filled in; null without both groups. */
  settings(): SpeedDateSettings | null {
    const n = (k: string) => { const v = this.numbers.get(k)!.value.trim(); return v === '' ? null : Number(v); };
    if (!this.groupA.value.length && !this.groupB.value.length) return null;
    return {
      groupA: this.groupA.value, groupB: this.groupB.value, tables: n('tables') ?? 0, rounds: n('rounds'),
      roundMinutes: n('roundMinutes'), totalMinutes: n('totalMinutes'), changeoverMinutes: n('changeoverMinutes') ?? 0,
    };
  }

  /** A refusal of the meeting's speedDates, shown at the fields. */
  showProblem(e: unknown): void {
    for (const el of this.errors.values()) clear(el);
    if (!(e instanceof ApiError)) { showGeneral(this.problems, [String(e)]); return; }
    const prefix = e.problem.issues?.some((i) => i.field.startsWith('settings.')) ? 'settings.' : 'speedDates.';
    const m = mapByPath(e.problem, [...NUMBERS, 'groupA', 'groupB'].map((k) => prefix + k));
    for (const [k, msgs] of m.fields) { const el = this.errors.get(k.slice(prefix.length)); if (el) el.textContent = msgs.join(' '); }
    showGeneral(this.problems, m.general);
  }

  private errorFor(name: string): HTMLElement {
    const el = h('p', { id: `speed-${name}-err`, className: 'field-error' });
    this.errors.set(name, el);
    return el;
  }

  private async plan(): Promise<void> {
    showGeneral(this.problems, null);
    const settings = this.settings();
    if (!settings) { showGeneral(this.problems, [t('planner.speed.needGroups')]); return; }
    const id = this.host.meetingId();
    try {
      // a viewer reads the stored meeting's schedule; a planner sees the settings as they are being edited
      this.render(this.readOnly && id ? await meetingsApi.speedDates(id) : await meetingsApi.planSpeedDates(settings, this.host.startsAt()));
    } catch (e) { clear(this.out); this.showProblem(e); }
  }

  private render(s: SpeedDates): void {
    clear(this.out);
    const name = (id: string) => s.names[id] ?? this.ctx.lookups.name(id);
    const time = (x: { start?: string | null; end?: string | null }) => (x.start && x.end ? `${brusselsTime(x.start)}–${brusselsTime(x.end)}` : '');
    const tables = Math.max(0, ...s.schedule.rounds.map((r) => Math.max(0, ...r.seats.map((x) => x.table))));
    const sc = s.schedule;
    this.out.append(
      h('p', { id: 'speed-summary' }, t('planner.speed.summary', { rounds: sc.rounds.length, met: sc.pairsMet, allowed: sc.pairsAllowed })),
      h('div', { className: 'speed-grid-actions' },
        button(t('planner.speed.printGrid'), () => printOnly('print-grid'), { className: 'secondary' }),
        button(t('planner.speed.printAgendas'), () => printOnly('print-agendas'), { className: 'secondary', id: 'speed-print' })),
      h('div', { className: 'table-scroll speed-grid-box' }, h('table', { className: 'data-table speed-grid', id: 'speed-grid' },
        h('caption', {}, t('planner.speed.grid')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('planner.speed.round')),
          ...Array.from({ length: tables }, (_, i) => h('th', { scope: 'col' }, t('planner.speed.table', { n: i + 1 }))),
          h('th', { scope: 'col' }, t('planner.speed.idle')))),
        h('tbody', {}, ...sc.rounds.map((r) => h('tr', {},
          h('th', { scope: 'row' }, `${r.number}`, h('span', { className: 'muted small' }, ` ${time(r)}`)),
          ...Array.from({ length: tables }, (_, i) => {
            const seat = r.seats.find((x) => x.table === i + 1);
            return h('td', {}, seat ? h('span', {}, h('span', { className: 'grp-a' }, name(seat.a)), ' × ', h('span', { className: 'grp-b' }, name(seat.b))) : '—');
          }),
          h('td', { className: 'small' }, [...r.idleA, ...r.idleB].map(name).join(', ') || '—')))))),
      h('section', { className: 'agendas', id: 'speed-agendas', 'aria-label': t('planner.speed.agendas') },
        h('h4', { className: 'no-print' }, t('planner.speed.agendas')),
        ...sc.agendas.map((a) => h('article', { className: 'agenda-card' },
          h('h5', {}, name(a.id), h('span', { className: 'muted small' }, ` · ${t(a.group === 'a' ? 'planner.speed.groupA' : 'planner.speed.groupB')}`)),
          h('ol', {}, ...a.entries.map((e) => h('li', {},
            h('span', { className: 'muted' }, `${t('planner.speed.round')} ${e.round} ${time(e)}: `),
            e.partner ? t('planner.speed.meet', { table: e.table ?? '?', name: name(e.partner) }) : t('planner.speed.pause'))))))));
  }
}

/** Prints one part of the page: print CSS shows only what the body class names. */
function printOnly(cls: string): void {
  document.body.classList.add(cls);
  const done = () => { document.body.classList.remove(cls); window.removeEventListener('afterprint', done); };
  window.addEventListener('afterprint', done);
  window.print();
  setTimeout(done, 1000);
}
