// Shading the planner's calendar: the server's public and school holidays (GET /api/planning/holidays, from
// Netwerk.Core/Planning, the one place the rules live) laid out per day.
import type { Holidays } from '../api/meetings';
import { type Ymd, addDays } from './calendar';
import type { Localized } from '../api/types';

export interface DayHoliday { kind: 'public' | 'regional' | 'school'; code: string; name: Localized }

/** Every holiday on the days from `from` to `to` (both included), by day. */
export function holidaysByDay(holidays: Holidays, from: Ymd, to: Ymd): Map<Ymd, DayHoliday[]> {
  const out = new Map<Ymd, DayHoliday[]>();
  const add = (d: Ymd, x: DayHoliday) => { if (d >= from && d <= to) (out.get(d) ?? out.set(d, []).get(d)!).push(x); };
  for (const hol of holidays.publicHolidays) add(hol.date, { kind: hol.isLegal ? 'public' : 'regional', code: hol.code, name: hol.name });
  for (const period of holidays.schoolHolidays) {
    const first = period.first < from ? from : period.first;
    const last = period.last > to ? to : period.last;
    for (let d = first; d <= last; d = addDays(d, 1)) add(d, { kind: 'school', code: period.code, name: period.name });
  }
  return out;
}
