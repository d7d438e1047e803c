import { describe, expect, it } from 'vitest';
import type { Holidays } from '../src/api/meetings';
import { holidaysByDay } from '../src/planning/holidays';

const name = (nl: string) => ({ nl, en: nl });
// As GET /api/planning/holidays answers for 27 October – 11 November 2025.
const answer: Holidays = {
  publicHolidays: [
    { date: '2025-11-01', code: 'all-saints', name: name('Allerheiligen'), isLegal: true },
    { date: '2025-11-11', code: 'armistice', name: name('Wapenstilstand'), isLegal: true },
  ],
  schoolHolidays: [{ code: 'autumn', name: name('Herfstvakantie'), first: '2025-10-27', last: '2025-11-02', schoolYear: 2025 }],
};

describe('planner holidays (laid out from the server\'s answer)', () => {
  it('shades each day of a range with its holidays', () => {
    const m = holidaysByDay(answer, '2025-10-27', '2025-11-11');
    expect(m.get('2025-10-27')!.map((x) => x.kind)).toEqual(['school']);
    expect(m.get('2025-11-01')!.map((x) => x.kind).sort()).toEqual(['public', 'school']);
    expect(m.get('2025-11-11')!.map((x) => x.code)).toEqual(['armistice']);
    expect(m.has('2025-11-05')).toBe(false);
  });

  it('keeps to the range asked for, also for periods that run over its edges', () => {
    const m = holidaysByDay(answer, '2025-10-30', '2025-10-31');
    expect([...m.keys()]).toEqual(['2025-10-30', '2025-10-31']);
  });

  it('marks 11 July as a regional holiday, not a legal one', () => {
    const m = holidaysByDay({ publicHolidays: [{ date: '2026-07-11', code: 'flemish-community', name: name('Feest van de Vlaamse Gemeenschap'), isLegal: false }], schoolHolidays: [] }, '2026-07-01', '2026-07-31');
    expect(m.get('2026-07-11')![0]!.kind).toBe('regional');
  });
});
