import { describe, expect, it } from 'vitest';
import { easterSunday, holidaysBetween, publicHolidays, schoolHolidays } from '../src/planning/holidays';

describe('planner holidays (the same rules as the server)', () => {
  it('knows Easter', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
  });

  it('lists the Belgian public holidays and 11 July', () => {
    const y = publicHolidays(2026);
    expect(y.map((x) => x.date)).toEqual(['2026-01-01', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25', '2026-07-11', '2026-07-21', '2026-08-15', '2026-11-01', '2026-11-11', '2026-12-25']);
    expect(y.find((x) => x.code === 'flemish-community')!.legal).toBe(false);
  });

  it('gives the Flemish school holidays of 2025–2026', () => {
    const p = Object.fromEntries(schoolHolidays(2025).map((x) => [x.code, `${x.first}/${x.last}`]));
    expect(p).toEqual({
      autumn: '2025-10-27/2025-11-02', christmas: '2025-12-22/2026-01-04', spring: '2026-02-16/2026-02-22',
      easter: '2026-04-06/2026-04-19', ascension: '2026-05-14/2026-05-15', summer: '2026-07-01/2026-08-31',
    });
  });

  it('follows the Easter rules: late Easter ends on Easter Monday, Easter in March starts after it', () => {
    const late = schoolHolidays(2024).find((x) => x.code === 'easter')!; // Easter 20 April 2025
    expect([late.first, late.last]).toEqual(['2025-04-07', '2025-04-21']);
    const march = schoolHolidays(2026).find((x) => x.code === 'easter')!; // Easter 28 March 2027
    expect([march.first, march.last]).toEqual(['2027-03-29', '2027-04-11']);
    const autumn = schoolHolidays(2026).find((x) => x.code === 'autumn')!; // 1 November 2026 is a Sunday
    expect(autumn.first).toBe('2026-11-02');
  });

  it('shades each day of a range with its holidays', () => {
    const m = holidaysBetween('2025-10-27', '2025-11-11');
    expect(m.get('2025-10-27')!.map((x) => x.kind)).toEqual(['school']);
    expect(m.get('2025-11-01')!.map((x) => x.kind).sort()).toEqual(['public', 'school']);
    expect(m.get('2025-11-11')!.map((x) => x.code)).toEqual(['armistice']);
    expect(m.has('2025-11-05')).toBe(false);
  });
});
