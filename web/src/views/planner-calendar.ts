// The planner's calendar: every meeting occurrence (recurrences expanded by the server) by month,
// week or as a list, filtered by platform, kind and theme, with Belgian public holidays and Flemish
// school holidays shaded. The month and week grids are keyboard grids: arrows move between days
// (PageUp/PageDown by month, Home/End to the week's ends), Enter opens the day's meeting, or moves
// into the day's list when it has several (Escape goes back to the day).
import { ApiError } from '../api/client';
import { type Holidays, type Occurrence, meetingsApi } from '../api/meetings';
import type { Change } from '../api/types';
import { button, clear, debounce, h } from '../dom';
import { type MessageKey, loc, t, todayInBrussels } from '../i18n';
import {
  type CalendarView, type Ymd, addDays, brusselsTime, byDay, daysBetween, monthGrid, moveByKey, sameMonth, stepAnchor, visibleRange, weekDays, weekdayIndex,
} from '../planning/calendar';
import { formatDay, formatMonth, formatWhen } from '../planning/format';
import { type DayHoliday, holidaysByDay } from '../planning/holidays';
import { type LiveView, type PlannerCtx, meetingChanges } from './planner-context';
import { openFeedsDialog } from './planner-feeds';

const VIEW_KEY = 'netwerk.planner.view';

export class PlannerCalendar implements LiveView {
  private view: CalendarView = (localStorage.getItem(VIEW_KEY) as CalendarView | null) ?? 'month';
  private anchor: Ymd = todayInBrussels();
  private focusDay: Ymd = this.anchor;
  private filters = { platform: '', kind: '', theme: '' };
  private occurrences: Occurrence[] = [];
  private holidays: Holidays = { publicHolidays: [], schoolHolidays: [] };
  private seq = 0;
  private readonly title = h('h2', { id: 'cal-title', className: 'cal-title', 'aria-live': 'polite' });
  private readonly body = h('div', { id: 'cal-body', className: 'cal-body' });
  private readonly status = h('p', { className: 'muted small', id: 'cal-status', role: 'status' });

  constructor(readonly root: HTMLElement, private readonly ctx: PlannerCtx) {}

  private readonly reload = debounce(() => void this.load(this.body.contains(document.activeElement)), 300);

  /** A meeting changed elsewhere: read the period again. */
  remoteChanges(changes: Change[]): void {
    if (meetingChanges(changes).some((c) => c.label === 'Meeting') && this.root.isConnected) this.reload();
  }

  /** Opens on a date (e.g. after planning a meeting there). */
  show(date?: Ymd): void {
    if (date) { this.anchor = date; this.focusDay = date; }
    this.render();
  }

  render(): void {
    clear(this.root);
    const views: CalendarView[] = ['month', 'week', 'list'];
    const toolbar = h('div', { className: 'cal-toolbar', role: 'toolbar', 'aria-label': t('planner.calendar') },
      h('div', { className: 'segmented', role: 'group', 'aria-label': t('planner.view') }, ...views.map((v) =>
        button(t(`planner.view.${v}` as MessageKey), () => this.setView(v), { className: 'toggle', 'aria-pressed': String(this.view === v), id: `cal-view-${v}` }))),
      h('div', { className: 'segmented', role: 'group', 'aria-label': t('planner.period') },
        button(`‹ ${t('planner.previous')}`, () => this.step(-1), { id: 'cal-prev' }),
        button(t('planner.today'), () => { this.anchor = this.focusDay = todayInBrussels(); void this.load(); }, { id: 'cal-today' }),
        button(`${t('planner.next')} ›`, () => this.step(1), { id: 'cal-next' })),
      this.title,
      h('div', { className: 'spacer' }),
      button(t('planner.feeds.open'), () => openFeedsDialog(this.ctx), { className: 'secondary', id: 'open-feeds' }),
      this.ctx.canPlan ? button(`+ ${t('planner.newMeeting')}`, () => this.ctx.go('new'), { className: 'primary', id: 'new-meeting' })
        : h('span', { className: 'read-only-badge', id: 'read-only' }, t('role.readOnly')));
    this.root.append(toolbar, this.filterBar(), legend(), this.status, this.body);
    void this.load();
  }

  private filterBar(): HTMLElement {
    const select = (id: string, label: string, key: keyof PlannerCalendar['filters'], options: [string, string][]) => {
      const sel = h('select', { id }, h('option', { value: '' }, t('planner.filter.all')),
        ...options.map(([v, l]) => h('option', { value: v, selected: this.filters[key] === v }, l)));
      sel.addEventListener('change', () => { this.filters[key] = sel.value; void this.load(); });
      return h('div', { className: 'field inline' }, h('label', { for: id }, label), sel);
    };
    const l = this.ctx.lookups;
    return h('div', { className: 'cal-filters', role: 'group', 'aria-label': t('planner.filters') },
      select('filter-platform', t('planner.platform'), 'platform', l.platforms.map((p) => [p.id, p.name])),
      select('filter-kind', t('planner.kind'), 'kind', l.nodeValues('Meeting', 'type')),
      select('filter-theme', t('planner.themes'), 'theme', l.themes.map((x) => [x.id, x.name])));
  }

  private setView(v: CalendarView): void {
    this.view = v;
    localStorage.setItem(VIEW_KEY, v);
    this.root.querySelectorAll('[id^=cal-view-]').forEach((b) => b.setAttribute('aria-pressed', String(b.id === `cal-view-${v}`)));
    void this.load();
  }

  private step(dir: -1 | 1): void {
    this.anchor = stepAnchor(this.view, this.anchor, dir);
    this.focusDay = this.view === 'week' ? weekDays(this.anchor)[weekdayIndex(this.focusDay)]! : this.anchor;
    void this.load();
  }

  private async load(focus = false): Promise<void> {
    const seq = ++this.seq;
    const range = visibleRange(this.view, this.anchor);
    this.title.textContent = this.view === 'week'
      ? t('planner.weekOf', { date: formatDay(range.from, 'long') }) : formatMonth(this.anchor);
    this.body.setAttribute('aria-busy', 'true');
    try {
      const [list, holidays] = await Promise.all([
        meetingsApi.list({ ...range, ...this.filters }),
        // Shading is a help, not the content: a failed holiday read leaves the calendar unshaded.
        meetingsApi.holidays(range).catch(() => ({ publicHolidays: [], schoolHolidays: [] })),
      ]);
      if (seq !== this.seq) return;
      this.occurrences = list.occurrences;
      this.holidays = holidays;
      this.status.textContent = t('planner.count', { n: this.occurrences.length });
    } catch (e) {
      if (seq !== this.seq) return;
      this.occurrences = [];
      this.status.textContent = e instanceof ApiError ? e.message : t('app.loadFailed');
    } finally {
      if (seq === this.seq) this.body.removeAttribute('aria-busy');
    }
    this.renderBody(range, focus);
  }

  private renderBody(range: { from: Ymd; to: Ymd }, focus: boolean): void {
    clear(this.body);
    const holidays = holidaysByDay(this.holidays, range.from, range.to);
    if (this.view === 'list') { this.body.append(this.list(holidays)); return; }
    const weeks = this.view === 'month' ? monthGrid(this.anchor) : [weekDays(this.anchor)];
    const days = byDay(this.occurrences, weeks.flat());
    if (!weeks.flat().includes(this.focusDay)) this.focusDay = weeks.flat().find((d) => sameMonth(d, this.anchor)) ?? weeks[0]![0]!;
    const grid = h('div', { role: 'grid', className: `cal-grid cal-${this.view}`, 'aria-labelledby': 'cal-title', id: 'cal-grid' },
      h('div', { role: 'row', className: 'cal-row cal-head' }, ...weeks[0]!.map((d) =>
        h('div', { role: 'columnheader', className: 'cal-colhead' }, this.view === 'week' ? formatDay(d, 'short') : formatDay(d, 'weekday')))),
      ...weeks.map((week) => h('div', { role: 'row', className: 'cal-row' }, ...week.map((d) => this.dayCell(d, days.get(d) ?? [], holidays.get(d) ?? [])))));
    grid.addEventListener('keydown', (e) => this.gridKey(e));
    this.body.append(grid);
    if (focus) grid.querySelector<HTMLElement>(`[data-date="${this.focusDay}"]`)?.focus();
  }

  private dayCell(d: Ymd, items: Occurrence[], hol: DayHoliday[]): HTMLElement {
    const classes = ['cal-day'];
    if (this.view === 'month' && !sameMonth(d, this.anchor)) classes.push('outside');
    if (d === todayInBrussels()) classes.push('today');
    if (weekdayIndex(d) >= 5) classes.push('weekend');
    for (const x of new Set(hol.map((y) => y.kind))) classes.push(`hol-${x}`);
    const label = [formatDay(d, 'long'), ...hol.map((x) => loc(x.name)), t('planner.dayCount', { n: items.length })].join(' — ');
    const cell = h('div', {
      role: 'gridcell', className: classes.join(' '), tabindex: d === this.focusDay ? '0' : '-1', 'data-date': d, 'aria-label': label,
      'aria-selected': String(d === this.focusDay), 'aria-current': d === todayInBrussels() ? 'date' : null,
    },
    h('span', { className: 'cal-daynum', 'aria-hidden': 'true' }, String(Number(d.slice(8)))),
    hol.length ? h('span', { className: 'cal-holiday', 'aria-hidden': 'true' }, hol.map((x) => loc(x.name)).join(' · ')) : null,
    items.length ? h('ul', { className: 'cal-events' }, ...items.map((o) => h('li', {}, this.eventButton(o, this.view === 'week', -1)))) : null);
    cell.addEventListener('click', (e) => { if (e.target === cell) this.focus(d); });
    cell.addEventListener('dblclick', (e) => { if (e.target === cell && this.ctx.canPlan) this.ctx.go(`new?date=${d}`); });
    return cell;
  }

  private eventButton(o: Occurrence, detailed: boolean, tabindex: number): HTMLButtonElement {
    const l = this.ctx.lookups;
    const b = h('button', {
      type: 'button', tabindex: String(tabindex), 'data-meeting': o.meetingId, 'data-start': o.start,
      className: `cal-event kind-${o.kind}${o.cancelled ? ' cancelled' : ''}${o.changed ? ' changed' : ''}`,
      title: `${formatWhen(o.start, o.end)} · ${l.kindLabel(o.kind)}${o.cancelled ? ` · ${t('planner.cancelled')}` : ''}`,
    },
    h('span', { className: 'cal-time' }, brusselsTime(o.start)), ' ',
    h('span', { className: 'cal-event-title' }, o.title),
    o.cancelled ? h('span', { className: 'visually-hidden' }, ` (${t('planner.cancelled')})`) : null,
    o.changed ? h('span', { className: 'visually-hidden' }, ` (${t('planner.changed')})`) : null,
    detailed && o.venue.name ? h('span', { className: 'cal-venue' }, o.venue.name) : null,
    detailed ? h('span', { className: 'cal-kind' }, l.kindLabel(o.kind)) : null);
    b.addEventListener('click', () => this.open(o));
    return b;
  }

  private open(o: Occurrence): void {
    this.ctx.go(`meeting/${encodeURIComponent(o.meetingId)}${o.recurring ? `?occurrence=${encodeURIComponent(o.originalStart)}` : ''}`);
  }

  private focus(d: Ymd): void {
    this.focusDay = d;
    const cell = this.body.querySelector<HTMLElement>(`[data-date="${d}"]`);
    if (!cell || (this.view === 'month' && !sameMonth(d, this.anchor))) { this.anchor = d; void this.load(true); return; }
    this.body.querySelectorAll<HTMLElement>('[role=gridcell]').forEach((c) => {
      c.tabIndex = c === cell ? 0 : -1;
      c.setAttribute('aria-selected', String(c === cell));
    });
    cell.focus();
  }

  private gridKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    const cell = target.closest<HTMLElement>('[role=gridcell]');
    if (!cell) return;
    const d = cell.dataset['date']!;
    if (target !== cell) {
      // inside a day's list of meetings
      const items = [...cell.querySelectorAll<HTMLButtonElement>('.cal-event')];
      const i = items.indexOf(target as HTMLButtonElement);
      if (e.key === 'Escape') { e.preventDefault(); cell.focus(); }
      else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
      }
      return;
    }
    const next = moveByKey(d, e.key);
    if (next) { e.preventDefault(); this.focus(next); return; }
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const items = [...cell.querySelectorAll<HTMLButtonElement>('.cal-event')];
      if (items.length === 1) items[0]!.click();
      else if (items.length > 1) items[0]!.focus();
      else if (this.ctx.canPlan) this.ctx.go(`new?date=${d}`);
    }
  }

  private list(holidays: Map<Ymd, DayHoliday[]>): HTMLElement {
    const range = visibleRange('list', this.anchor);
    const days = byDay(this.occurrences, Array.from({ length: daysBetween(range.from, range.to) + 1 }, (_, i) => addDays(range.from, i)));
    const box = h('div', { className: 'cal-list', id: 'cal-list' });
    for (const [d, items] of days) {
      if (!items.length) continue;
      const hol = holidays.get(d) ?? [];
      box.append(h('section', { className: `cal-list-day${hol.length ? ` hol-${hol[0]!.kind}` : ''}`, 'aria-label': formatDay(d, 'long') },
        h('h3', {}, formatDay(d, 'long'), hol.length ? h('span', { className: 'cal-holiday' }, ` · ${hol.map((x) => loc(x.name)).join(' · ')}`) : null),
        h('ul', { className: 'cal-events' }, ...items.map((o) => h('li', {}, this.eventButton(o, true, 0),
          h('span', { className: 'muted small' }, ` ${formatWhen(o.start, o.end)}${o.platform ? ` · ${this.ctx.lookups.name(o.platform)}` : ''}`))))));
    }
    if (!box.childElementCount) box.append(h('p', { className: 'muted', id: 'cal-empty' }, t('planner.noMeetings')));
    return box;
  }
}

function legend(): HTMLElement {
  const item = (cls: string, key: MessageKey) => h('li', {}, h('span', { className: `swatch cal-swatch ${cls}`, 'aria-hidden': 'true' }), t(key));
  return h('ul', { className: 'cal-legend', 'aria-label': t('planner.legend') },
    item('hol-public', 'planner.legend.public'), item('hol-regional', 'planner.legend.regional'),
    item('hol-school', 'planner.legend.school'), item('cancelled', 'planner.legend.cancelled'));
}
