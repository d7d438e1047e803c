// Belgian public holidays and Flemish school holidays, to shade the planner's calendar. The server
// computes the same (Netwerk.Core/Planning/BelgianHolidays.cs and FlemishSchoolHolidays.cs, with the
// sources of the rules) for slot finding but has no endpoint that lists them, so the rules are
// repeated here; the Vitest suite checks them against the official calendars of known years.
import type { Localized } from '../api/types';
import { type Ymd, addDays, weekdayIndex } from './calendar';

export interface DayHoliday { kind: 'public' | 'regional' | 'school'; code: string; name: Localized }

const ymd = (y: number, m: number, d: number): Ymd => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

/** Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): Ymd {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30, i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The ten legal public holidays and 11 July (Flemish Community: no legal holiday, but local governments close). */
export function publicHolidays(year: number): { date: Ymd; code: string; name: Localized; legal: boolean }[] {
  const easter = easterSunday(year);
  const legal = (date: Ymd, code: string, nl: string, en: string) => ({ date, code, name: { nl, en }, legal: true });
  return [
    legal(ymd(year, 1, 1), 'new-year', 'Nieuwjaar', "New Year's Day"),
    legal(addDays(easter, 1), 'easter-monday', 'Paasmaandag', 'Easter Monday'),
    legal(ymd(year, 5, 1), 'labour-day', 'Dag van de Arbeid', 'Labour Day'),
    legal(addDays(easter, 39), 'ascension', 'O.L.H. Hemelvaart', 'Ascension Day'),
    legal(addDays(easter, 50), 'whit-monday', 'Pinkstermaandag', 'Whit Monday'),
    { date: ymd(year, 7, 11), code: 'flemish-community', name: { nl: 'Feest van de Vlaamse Gemeenschap', en: 'Day of the Flemish Community' }, legal: false },
    legal(ymd(year, 7, 21), 'national-day', 'Nationale feestdag', 'Belgian National Day'),
    legal(ymd(year, 8, 15), 'assumption', 'O.L.V. Hemelvaart', 'Assumption Day'),
    legal(ymd(year, 11, 1), 'all-saints', 'Allerheiligen', "All Saints' Day"),
    legal(ymd(year, 11, 11), 'armistice', 'Wapenstilstand', 'Armistice Day'),
    legal(ymd(year, 12, 25), 'christmas', 'Kerstmis', 'Christmas Day'),
  ].sort((x, y) => x.date.localeCompare(y.date));
}

const mondayOfWeek = (d: Ymd) => addDays(d, -weekdayIndex(d));

/** The school holiday periods of the school year that starts in September of `startYear`. */
export function schoolHolidays(startYear: number): { code: string; name: Localized; first: Ymd; last: Ymd }[] {
  const next = startYear + 1;
  const easter = easterSunday(next);
  const allSaints = ymd(startYear, 11, 1);
  const autumn = weekdayIndex(allSaints) === 6 ? addDays(allSaints, 1) : mondayOfWeek(allSaints);
  const christmasDay = ymd(startYear, 12, 25);
  const xmasDow = weekdayIndex(christmasDay);
  const christmas = xmasDow === 5 ? addDays(christmasDay, 2) : xmasDow === 6 ? addDays(christmasDay, 1) : mondayOfWeek(christmasDay);
  const spring = addDays(easter, -48);
  let easterFirst: Ymd, easterLast: Ymd;
  if (easter.slice(5, 7) === '03') { easterFirst = addDays(easter, 1); easterLast = addDays(easterFirst, 13); }
  else if (Number(easter.slice(8, 10)) > 15) { easterFirst = addDays(easter, -13); easterLast = addDays(easter, 1); }
  else {
    const april1 = ymd(next, 4, 1);
    easterFirst = addDays(april1, (7 - weekdayIndex(april1)) % 7);
    easterLast = addDays(easterFirst, 13);
  }
  const ascension = addDays(easter, 39);
  const p = (code: string, nl: string, en: string, first: Ymd, last: Ymd) => ({ code, name: { nl, en }, first, last });
  return [
    p('autumn', 'Herfstvakantie', 'Autumn holiday', autumn, addDays(autumn, 6)),
    p('christmas', 'Kerstvakantie', 'Christmas holiday', christmas, addDays(christmas, 13)),
    p('spring', 'Krokusvakantie', 'Spring half-term (krokus) holiday', spring, addDays(spring, 6)),
    p('easter', 'Paasvakantie', 'Easter holiday', easterFirst, easterLast),
    p('ascension', 'Hemelvaart (en de dag erna)', 'Ascension Day and the day after', ascension, addDays(ascension, 1)),
    p('summer', 'Zomervakantie', 'Summer holiday', ymd(next, 7, 1), ymd(next, 8, 31)),
  ];
}

/** Every holiday on the days from `from` to `to` (both included), by day. */
export function holidaysBetween(from: Ymd, to: Ymd): Map<Ymd, DayHoliday[]> {
  const out = new Map<Ymd, DayHoliday[]>();
  const add = (d: Ymd, x: DayHoliday) => { if (d >= from && d <= to) (out.get(d) ?? out.set(d, []).get(d)!).push(x); };
  const y0 = Number(from.slice(0, 4)), y1 = Number(to.slice(0, 4));
  for (let y = y0; y <= y1; y++) {
    for (const hol of publicHolidays(y)) add(hol.date, { kind: hol.legal ? 'public' : 'regional', code: hol.code, name: hol.name });
  }
  for (let y = y0 - 1; y <= y1; y++) {
    for (const period of schoolHolidays(y)) {
      if (period.last < from || period.first > to) continue;
      for (let d = period.first; d <= period.last; d = addDays(d, 1)) add(d, { kind: 'school', code: period.code, name: period.name });
    }
  }
  return out;
}
