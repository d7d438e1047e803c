// Slot suggestions: a window of days, the weekdays and hours that suit, the meeting's length → the
// server's ranked slots with their reasons (invitees with another meeting then, and which; a school
// holiday; a regional holiday); "kies dit tijdstip" puts one in the meeting form.
import { ApiError } from '../api/client';
import { type Invitee, type SlotCandidate, type SlotsResponse, type Weekday, meetingsApi } from '../api/meetings';
import { button, clear, h } from '../dom';
import { type MessageKey, loc, t, todayInBrussels } from '../i18n';
import { addDays } from '../planning/calendar';
import { formatDay, formatWhen } from '../planning/format';
import { mapByPath } from '../problems';
import { showGeneral } from './form-view';
import type { PlannerCtx } from './planner-context';

export interface SlotHost {
  meetingId(): string | null;
  invitees(): Promise<Invitee[]>;
  duration(): number | null;
  venue(): { name: string | null; address: string | null; room: string | null };
  pick(start: string, end: string): void;
}

const DAYS: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const FIELDS = ['firstDay', 'lastDay', 'weekdays', 'durationMinutes', 'dayStart', 'dayEnd'] as const;
/** The planning engine's subjects ("duration") named as the request's fields. */
const SUBJECT: Record<string, string> = { duration: 'durationMinutes', weekdays: 'weekdays', lastDay: 'lastDay', dayEnd: 'dayEnd' };

export class SlotFinderView {
  readonly root: HTMLElement;
  private readonly inputs = new Map<string, HTMLInputElement>();
  private readonly errors = new Map<string, HTMLElement>();
  private readonly days: HTMLInputElement[];
  private readonly avoid = h('input', { type: 'checkbox', id: 'slots-avoid-school', checked: true });
  private readonly spread = h('input', { type: 'checkbox', id: 'slots-one-per-day', checked: true });
  private readonly problems = h('div', { className: 'form-problems', role: 'alert', hidden: true });
  private readonly results = h('div', { id: 'slot-results', 'aria-live': 'polite' });
  private readonly find: HTMLButtonElement;
  private names = new Map<string, string>();

  constructor(private readonly ctx: PlannerCtx, private readonly host: SlotHost) {
    const first = addDays(todayInBrussels(), 1);
    const input = (name: string, type: string, value: string, attrs: Record<string, string | number> = {}) => {
      const el = h('input', { type, id: `slots-${name}`, value, 'aria-describedby': `slots-${name}-err`, ...attrs });
      this.inputs.set(name, el);
      return el;
    };
    const field = (name: string, label: MessageKey, el: HTMLElement) => {
      const err = h('p', { id: `slots-${name}-err`, className: 'field-error' });
      this.errors.set(name, err);
      return h('div', { className: 'field' }, h('label', { for: el.id }, t(label)), el, err);
    };
    this.days = DAYS.map((d, i) => h('input', { type: 'checkbox', id: `slots-day-${d}`, value: d, checked: i < 5 }));
    const dayErr = h('p', { id: 'slots-weekdays-err', className: 'field-error' });
    this.errors.set('weekdays', dayErr);
    this.find = button(t('planner.slots.find'), () => void this.search(), { className: 'primary', id: 'slots-find' });
    this.root = h('div', { className: 'slot-finder' },
      h('div', { className: 'form-grid slots-form' },
        field('firstDay', 'planner.slots.firstDay', input('firstDay', 'date', first)),
        field('lastDay', 'planner.slots.lastDay', input('lastDay', 'date', addDays(first, 41))),
        field('dayStart', 'planner.slots.dayStart', input('dayStart', 'time', '09:00', { step: 900 })),
        field('dayEnd', 'planner.slots.dayEnd', input('dayEnd', 'time', '17:00', { step: 900 })),
        field('durationMinutes', 'planner.slots.duration', input('durationMinutes', 'number', '', { min: 15, step: 15 })),
        h('fieldset', { className: 'weekdays wide' }, h('legend', {}, t('planner.slots.weekdays')),
          ...this.days.map((box, i) => h('span', { className: 'check' }, box, h('label', { for: box.id }, formatDay(`2024-01-0${i + 1}`, 'weekday')))), dayErr),
        h('div', { className: 'check wide' }, this.avoid, h('label', { for: this.avoid.id }, t('planner.slots.avoidSchool'))),
        h('div', { className: 'check wide' }, this.spread, h('label', { for: this.spread.id }, t('planner.slots.onePerDay')))),
      this.find, this.problems, this.results);
  }

  private async search(): Promise<void> {
    for (const [name, el] of this.errors) { clear(el); this.inputs.get(name)?.removeAttribute('aria-invalid'); }
    showGeneral(this.problems, null);
    clear(this.results);
    this.find.disabled = true;
    this.results.append(h('p', { className: 'muted' }, t('planner.slots.searching')));
    const v = (n: string) => this.inputs.get(n)!.value;
    try {
      const invitees = await this.host.invitees();
      for (const p of invitees) this.names.set(p.personId, p.name);
      const id = this.host.meetingId();
      const duration = Number(v('durationMinutes')) || this.host.duration();
      const answer = await meetingsApi.slots({
        firstDay: v('firstDay'), lastDay: v('lastDay'), durationMinutes: duration, dayStart: v('dayStart'), dayEnd: v('dayEnd'),
        weekdays: this.days.filter((d) => d.checked).map((d) => d.value as Weekday),
        invitees: invitees.map((p) => p.personId), meeting: id, venue: this.host.venue(),
        avoidSchoolHolidays: this.avoid.checked, maxResults: 10, maxPerDay: this.spread.checked ? 1 : null,
      });
      await this.ctx.lookups.ensureNames(answer.result.candidates.flatMap((c) => c.conflictingInvitees).filter((p) => !this.names.has(p)));
      this.render(answer);
    } catch (e) {
      clear(this.results);
      this.showProblem(e);
    } finally { this.find.disabled = false; }
  }

  /** Opens with the meeting's length filled in. */
  refresh(): void {
    const duration = this.inputs.get('durationMinutes')!;
    if (!duration.value) duration.value = String(this.host.duration() ?? 120);
  }

  private showProblem(e: unknown): void {
    if (!(e instanceof ApiError)) { showGeneral(this.problems, [t('toast.offlineSave')]); return; }
    const subjects = (e.problem as { subjects?: string[] }).subjects ?? [];
    const problem = e.problem.issues?.length ? e.problem
      : { ...e.problem, issues: [{ field: SUBJECT[subjects[0] ?? ''] ?? '', code: String(e.problem.code ?? ''), message: e.problem.detail || e.problem.title }] };
    const m = mapByPath(problem, FIELDS);
    for (const [name, msgs] of m.fields) {
      const err = this.errors.get(name);
      if (err) err.textContent = msgs.join(' ');
      this.inputs.get(name)?.setAttribute('aria-invalid', 'true');
    }
    showGeneral(this.problems, m.general);
  }

  private render(answer: SlotsResponse): void {
    clear(this.results);
    const r = answer.result;
    this.results.append(h('p', { className: 'muted small', id: 'slots-summary' },
      t('planner.slots.summary', { slots: r.slotsConsidered, people: answer.invitees.length, busy: answer.busyIntervals }),
      r.holidaysSkipped.length ? ` ${t('planner.slots.holidaysSkipped', { list: r.holidaysSkipped.map((x) => `${loc(x.name)} (${formatDay(x.date, 'short')})`).join(', ') })}` : '',
      r.slotsBlockedByVenue ? ` ${t('planner.slots.venueBooked', { n: r.slotsBlockedByVenue })}` : ''));
    if (!r.candidates.length) { this.results.append(h('p', { id: 'slots-none' }, t('planner.slots.none'))); return; }
    this.results.append(h('ol', { className: 'slot-list', id: 'slot-list' }, ...r.candidates.map((c, i) => this.candidate(c, i))));
  }

  private candidate(c: SlotCandidate, i: number): HTMLElement {
    const name = (id: string) => this.names.get(id) ?? this.ctx.lookups.name(id);
    const clean = c.reasons.length === 0;
    return h('li', { className: `slot${clean ? ' clean' : ''}`, 'data-start': c.start },
      h('div', { className: 'slot-head' },
        h('strong', { className: 'slot-when' }, formatWhen(c.start, c.end)),
        h('span', { className: 'slot-score', title: t('planner.slots.scoreHint') }, t('planner.slots.score', { n: c.score })),
        button(t('planner.slots.pick'), () => this.host.pick(c.start, c.end), { className: i === 0 ? 'primary small slot-pick' : 'secondary small slot-pick' })),
      clean ? h('p', { className: 'slot-ok small' }, `✓ ${t('planner.slots.free')}`) : h('ul', { className: 'slot-reasons small' },
        ...c.reasons.map((x) => h('li', { className: `reason reason-${x.code}` }, loc(x.text)))),
      c.conflicts.length ? h('details', { className: 'slot-conflicts small' }, h('summary', {}, t('planner.slots.who', { n: c.conflictingInvitees.length })),
        h('ul', {}, ...c.conflicts.map((m) => h('li', {}, h('strong', {}, m.meetingTitle), ': ', m.personIds.map(name).join(', '))))) : null);
  }
}
