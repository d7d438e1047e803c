// The meeting form: kind, title, agenda, start and end (Brussels wall clock), venue, capacity,
// themes, platform, organisers, status and recurrence. Messages of a refused save appear next to
// their fields, named by the request's own paths ("venue.onlineUrl", "themes[1]").
import type { Meeting, MeetingInput } from '../api/meetings';
import type { Problem } from '../api/types';
import { clear, h } from '../dom';
import { brusselsLocalToIso, isoToBrusselsLocal } from '../forms';
import { type MessageKey, t, todayInBrussels } from '../i18n';
import { type Ymd, addDays } from '../planning/calendar';
import { type FieldMessages, mapByPath } from '../problems';
import { ChipList } from './planner-chips';
import type { PlannerCtx } from './planner-context';
import { RecurrenceBuilder } from './planner-recurrence';

type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The form's fields by the request path the server names in its problems. */
const PATHS = ['kind', 'title', 'description', 'start', 'end', 'venue.name', 'venue.address', 'venue.room', 'venue.onlineUrl',
  'capacity', 'waitingList', 'themes', 'platform', 'organisers', 'status', 'priority', 'recurrence'] as const;
type Path = (typeof PATHS)[number];

export class MeetingForm {
  readonly root: HTMLElement;
  private readonly inputs = new Map<Path, Input>();
  private readonly errors = new Map<Path, HTMLElement>();
  private readonly themes: HTMLInputElement[] = [];
  private readonly organisers: ChipList;
  readonly recurrence: RecurrenceBuilder;
  private kindListeners: ((kind: string) => void)[] = [];

  constructor(ctx: PlannerCtx, meeting: Meeting | null, defaults: { date?: Ymd | null }, readOnly: boolean) {
    const l = ctx.lookups;
    const sel = (options: [string, string][], empty?: string) =>
      h('select', {}, empty !== undefined ? h('option', { value: '' }, empty) : null, ...options.map(([v, x]) => h('option', { value: v }, x)));
    const kind = sel(l.nodeValues('Meeting', 'type'));
    const status = sel(l.nodeValues('Meeting', 'status'));
    const platform = sel(l.platforms.map((p) => [p.id, p.name]), t('planner.noPlatform'));
    const priority = sel(l.nodeValues('Meeting', 'priority'), t('planner.noPriority'));
    const fields: [Path, Input][] = [
      ['kind', kind], ['title', h('input', { type: 'text', maxlength: 300 })], ['description', h('textarea', { rows: 4, maxlength: 10000 })],
      ['start', h('input', { type: 'datetime-local' })], ['end', h('input', { type: 'datetime-local' })],
      ['venue.name', h('input', { type: 'text', maxlength: 300 })], ['venue.address', h('input', { type: 'text', maxlength: 300 })],
      ['venue.room', h('input', { type: 'text', maxlength: 200 })], ['venue.onlineUrl', h('input', { type: 'url', placeholder: 'https://' })],
      ['capacity', h('input', { type: 'number', min: 1, step: 1 })], ['waitingList', h('input', { type: 'checkbox' })],
      ['platform', platform], ['status', status], ['priority', priority],
    ];
    for (const [path, input] of fields) {
      input.id = `m-${path.replace('.', '-')}`;
      input.setAttribute('aria-describedby', `${input.id}-err`);
      if (readOnly) input.setAttribute(input instanceof HTMLSelectElement || input.type === 'checkbox' ? 'disabled' : 'readonly', '');
      this.inputs.set(path, input);
    }
    kind.addEventListener('change', () => { for (const f of this.kindListeners) f(kind.value); });
    const start = this.input('start'), end = this.input('end');
    let lastStart = '';
    start.addEventListener('focus', () => { lastStart = start.value; });
    start.addEventListener('change', () => {
      // moving the start keeps the length of the meeting
      const before = brusselsLocalToIso(lastStart), after = brusselsLocalToIso(start.value), oldEnd = brusselsLocalToIso(end.value);
      if (before && after && oldEnd) end.value = isoToBrusselsLocal(new Date(Date.parse(after) + Date.parse(oldEnd) - Date.parse(before)).toISOString());
      lastStart = start.value;
      this.recurrence.startChanged();
    });
    end.addEventListener('change', () => this.recurrence.startChanged());

    this.organisers = new ChipList(ctx, meeting?.organisers ?? [], { label: t('planner.organisers'), kinds: ['Person'], id: 'm-organisers', readOnly });
    this.recurrence = new RecurrenceBuilder(null, () => this.when(), readOnly, () => undefined);
    const themeBox = h('div', { className: 'checks scroll theme-checks', role: 'group', 'aria-labelledby': 'm-themes-label', id: 'm-themes' },
      ...l.themes.map((x) => {
        const box = h('input', { type: 'checkbox', id: `m-theme-${x.id}`, value: x.id, disabled: readOnly });
        this.themes.push(box);
        return h('div', { className: 'check' }, box, h('label', { for: box.id }, x.name));
      }));

    this.root = h('div', { className: 'meeting-form', id: 'meeting-form' },
      h('div', { className: 'form-grid' },
        this.field('kind', 'planner.kind'), this.field('status', 'planner.status'),
        this.field('title', 'planner.title', 'wide'),
        this.field('start', 'planner.start'), this.field('end', 'planner.end'),
        this.field('description', 'planner.description', 'wide')),
      h('fieldset', { className: 'form-grid venue' }, h('legend', {}, t('planner.venue')),
        this.field('venue.name', 'planner.venueName'), this.field('venue.room', 'planner.room'),
        this.field('venue.address', 'planner.address'), this.field('venue.onlineUrl', 'planner.onlineUrl'),
        this.field('capacity', 'planner.capacity'), this.checkField('waitingList', 'planner.waitingList')),
      h('div', { className: 'form-grid' },
        this.field('platform', 'planner.platform'), this.field('priority', 'planner.priority'),
        h('div', { className: 'field' }, this.organisers.root, this.errorEl('organisers', 'm-organisers-err')),
        h('div', { className: 'field wide' }, h('span', { className: 'label', id: 'm-themes-label' }, t('planner.themes')), themeBox, this.errorEl('themes', 'm-themes-err'))),
      this.recurrence.root);
    this.errors.set('recurrence', this.recurrence.root.querySelector('#recurrence-err')!);
    if (meeting) this.fill(meeting); else this.defaults(defaults.date ?? null);
  }

  onKindChange(f: (kind: string) => void): void { this.kindListeners.push(f); }

  get kind(): string { return this.input('kind').value; }

  /** The start and end as instants, when both are filled in. */
  when(): { start: string; end: string } | null {
    const start = brusselsLocalToIso(this.input('start').value), end = brusselsLocalToIso(this.input('end').value);
    return start && end ? { start, end } : null;
  }

  /** The place as typed, for finding times when it is free (other meetings at the same place book it). */
  venue(): { name: string | null; address: string | null; room: string | null } {
    const s = (p: Path) => this.input(p).value.trim() || null;
    return { name: s('venue.name'), address: s('venue.address'), room: s('venue.room') };
  }

  durationMinutes(): number | null {
    const w = this.when();
    return w ? Math.round((Date.parse(w.end) - Date.parse(w.start)) / 60000) : null;
  }

  /** "Kies dit tijdstip": a suggested slot fills start and end. */
  setTime(startIso: string, endIso: string): void {
    this.input('start').value = isoToBrusselsLocal(startIso);
    this.input('end').value = isoToBrusselsLocal(endIso);
    this.recurrence.startChanged();
    for (const el of [this.input('start'), this.input('end')]) { el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash'); }
  }

  fill(m: Meeting): void {
    const v = (p: Path, x: string | number | null | undefined) => { this.input(p).value = x === null || x === undefined ? '' : String(x); };
    v('kind', m.kind); v('status', m.status); v('title', m.title); v('description', m.description);
    v('start', isoToBrusselsLocal(m.start)); v('end', isoToBrusselsLocal(m.end));
    v('venue.name', m.venue.name); v('venue.address', m.venue.address); v('venue.room', m.venue.room); v('venue.onlineUrl', m.venue.onlineUrl);
    v('capacity', m.capacity); v('platform', m.platform); v('priority', m.priority);
    (this.input('waitingList') as HTMLInputElement).checked = m.waitingList;
    for (const box of this.themes) box.checked = m.themes.includes(box.value);
    this.organisers.set(m.organisers);
    this.recurrence.set(m.recurrence ?? null);
  }

  private defaults(date: Ymd | null): void {
    const day = date ?? addDays(todayInBrussels(), 7);
    this.input('kind').value = 'meet-and-greet';
    this.input('status').value = 'planned';
    this.input('start').value = `${day}T10:00`;
    this.input('end').value = `${day}T12:00`;
    (this.input('waitingList') as HTMLInputElement).checked = true;
    this.recurrence.set(null);
  }

  /** The request as filled in; times that do not parse go as typed, for the server to name. */
  read(): MeetingInput {
    const s = (p: Path) => this.input(p).value.trim();
    const opt = (p: Path) => s(p) || null;
    const capacity = s('capacity');
    return {
      kind: s('kind'), title: s('title'), description: this.input('description').value || null,
      start: brusselsLocalToIso(s('start')) ?? s('start'), end: brusselsLocalToIso(s('end')) ?? s('end'),
      venue: { name: opt('venue.name'), address: opt('venue.address'), room: opt('venue.room'), onlineUrl: opt('venue.onlineUrl') },
      capacity: capacity === '' ? null : Number(capacity),
      waitingList: (this.input('waitingList') as HTMLInputElement).checked,
      themes: this.themes.filter((b) => b.checked).map((b) => b.value),
      platform: opt('platform'), organisers: this.organisers.value, status: opt('status'), priority: s('priority'),
      recurrence: this.recurrence.value(),
    };
  }

  /** Required fields left empty, shown at once; true when the form may be sent. */
  checkRequired(): boolean {
    this.clearErrors();
    const missing = (['title', 'start', 'end'] as Path[]).filter((p) => !this.input(p).value.trim());
    this.showErrors(new Map(missing.map((p) => [p, [t('form.requiredMissing')]])));
    return missing.length === 0;
  }

  /** Puts a refusal's messages next to their fields; returns what belongs to no field. */
  showProblem(problem: Problem): FieldMessages {
    this.clearErrors();
    const m = mapByPath(problem, PATHS);
    this.showErrors(m.fields);
    return m;
  }

  clearErrors(): void {
    for (const [p, el] of this.errors) { clear(el); this.inputs.get(p)?.removeAttribute('aria-invalid'); }
  }

  private showErrors(fields: Map<string, string[]>): void {
    let first: HTMLElement | null = null;
    for (const [p, msgs] of fields) {
      const el = this.errors.get(p as Path);
      if (!el) continue;
      el.textContent = msgs.join(' ');
      const input = this.inputs.get(p as Path) ?? (p === 'recurrence' ? this.recurrence.raw : null);
      input?.setAttribute('aria-invalid', 'true');
      first ??= input ?? null;
    }
    first?.focus();
  }

  private input(p: Path): Input { return this.inputs.get(p)!; }

  private errorEl(p: Path, id: string): HTMLElement {
    const el = h('p', { id, className: 'field-error', 'aria-live': 'polite' });
    this.errors.set(p, el);
    return el;
  }

  private field(p: Path, label: MessageKey, cls = ''): HTMLElement {
    const input = this.input(p);
    return h('div', { className: `field ${cls}` }, h('label', { for: input.id }, t(label)), input, this.errorEl(p, `${input.id}-err`));
  }

  private checkField(p: Path, label: MessageKey): HTMLElement {
    const input = this.input(p);
    return h('div', { className: 'field' }, h('div', { className: 'check' }, input, h('label', { for: input.id }, t(label))), this.errorEl(p, `${input.id}-err`));
  }
}
