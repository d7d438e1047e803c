// Calendar arithmetic for the planner on Brussels calendar dates ('yyyy-MM-dd'), independent of the
// browser's own time zone: a date is a day number (UTC midnight), so a DST switch never makes a day
// 23 or 25 hours long here. Instants from the API are placed on the Brussels wall clock.
import { isoToBrusselsLocal } from '../forms';

export type Ymd = string;
export type CalendarView = 'month' | 'week' | 'list';

const DAY = 86_400_000;

function toDay(d: Ymd): number {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, dd);
}
function fromDay(ms: number): Ymd { return new Date(ms).toISOString().slice(0, 10); }

export function isYmd(s: string): boolean { return /^\d{4}-\d{2}-\d{2}$/.test(s) && fromDay(toDay(s)) === s; }
export function addDays(d: Ymd, n: number): Ymd { return fromDay(toDay(d) + n * DAY); }
export function daysBetween(a: Ymd, b: Ymd): number { return Math.round((toDay(b) - toDay(a)) / DAY); }
/** 0 = Monday … 6 = Sunday (the Belgian week). */
export function weekdayIndex(d: Ymd): number { return (new Date(toDay(d)).getUTCDay() + 6) % 7; }
export function startOfWeek(d: Ymd): Ymd { return addDays(d, -weekdayIndex(d)); }
export function startOfMonth(d: Ymd): Ymd { return `${d.slice(0, 8)}01`; }
export function sameMonth(a: Ymd, b: Ymd): boolean { return a.slice(0, 7) === b.slice(0, 7); }

/** The same day n months on, or the month's last day when it has fewer days (31 Jan + 1 → 28/29 Feb). */
export function addMonths(d: Ymd, n: number): Ymd {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromDay(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(dd, last)));
}

export function endOfMonth(d: Ymd): Ymd { return addDays(addMonths(startOfMonth(d), 1), -1); }

/** The weeks (Monday first) that show a month: from the Monday on or before the 1st to the Sunday on or after the last day. */
export function monthGrid(anchor: Ymd): Ymd[][] {
  const first = startOfWeek(startOfMonth(anchor));
  const last = addDays(startOfWeek(endOfMonth(anchor)), 6);
  const weeks: Ymd[][] = [];
  for (let d = first; d <= last; d = addDays(d, 7)) weeks.push(Array.from({ length: 7 }, (_, i) => addDays(d, i)));
  return weeks;
}

export function weekDays(anchor: Ymd): Ymd[] {
  const first = startOfWeek(anchor);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/** The dates a view shows, both included: what to ask the API for. */
export function visibleRange(view: CalendarView, anchor: Ymd): { from: Ymd; to: Ymd } {
  if (view === 'week') { const days = weekDays(anchor); return { from: days[0]!, to: days[6]! }; }
  if (view === 'list') return { from: startOfMonth(anchor), to: endOfMonth(anchor) };
  const weeks = monthGrid(anchor);
  return { from: weeks[0]![0]!, to: weeks[weeks.length - 1]![6]! };
}

/** The anchor of the previous (-1) or next (+1) period. */
export function stepAnchor(view: CalendarView, anchor: Ymd, dir: -1 | 1): Ymd {
  return view === 'week' ? addDays(anchor, 7 * dir) : addMonths(anchor, dir);
}

/** Where a key moves the focused day in a grid: arrows by day and week, Home/End to the week's ends, PageUp/PageDown by month. */
export function moveByKey(d: Ymd, key: string): Ymd | null {
  switch (key) {
    case 'ArrowLeft': return addDays(d, -1);
    case 'ArrowRight': return addDays(d, 1);
    case 'ArrowUp': return addDays(d, -7);
    case 'ArrowDown': return addDays(d, 7);
    case 'Home': return startOfWeek(d);
    case 'End': return addDays(startOfWeek(d), 6);
    case 'PageUp': return addMonths(d, -1);
    case 'PageDown': return addMonths(d, 1);
    default: return null;
  }
}

/** The Brussels date of an instant. */
export function brusselsDate(iso: string): Ymd { return isoToBrusselsLocal(iso).slice(0, 10); }
/** The Brussels wall-clock time of an instant, "HH:mm". */
export function brusselsTime(iso: string): string { return isoToBrusselsLocal(iso).slice(11, 16); }

/** The Brussels days an interval touches; an end at midnight does not touch the next day. */
export function daysCovered(startIso: string, endIso: string): Ymd[] {
  const first = brusselsDate(startIso);
  const endLocal = isoToBrusselsLocal(endIso);
  let last = endLocal.slice(0, 10);
  if (endLocal.slice(11, 16) === '00:00' && last > first) last = addDays(last, -1);
  if (!isYmd(first) || !isYmd(last) || last < first) return isYmd(first) ? [first] : [];
  const days: Ymd[] = [];
  for (let d = first; d <= last && days.length < 62; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Items by the days they touch, each day's in start order; only the given days are keys. */
export function byDay<T extends { start: string; end: string }>(items: readonly T[], days: readonly Ymd[]): Map<Ymd, T[]> {
  const map = new Map<Ymd, T[]>(days.map((d) => [d, []]));
  const sorted = [...items].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const item of sorted) for (const d of daysCovered(item.start, item.end)) map.get(d)?.push(item);
  return map;
}
