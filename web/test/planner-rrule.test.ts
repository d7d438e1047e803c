import { describe, expect, it } from 'vitest';
import { buildRRule, describe as describeRule, parseRRule, partOfDay, presetOf, presetSpec, weekdayOf } from '../src/planning/rrule';

const start = '2026-01-13T09:30:00+01:00'; // the second Tuesday of January
const when = { start, end: '2026-01-13T12:00:00+01:00' };

describe('recurrence builder', () => {
  it('makes "4 keer per jaar op dinsdagvoormiddag" from the first start', () => {
    const spec = presetSpec('quarterly', start, 8)!;
    expect(buildRRule(spec)).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=8');
    expect(describeRule(spec, 'nl', when)).toBe('4 keer per jaar (om de 3 maanden) op de 2de dinsdag van de maand, voormiddag (09:30–12:00), 8 keer');
    expect(describeRule(spec, 'en', when)).toBe('4 times a year (every 3 months) on the 2nd Tuesday of the month, morning (09:30–12:00), 8 times');
  });

  it('reads back what it writes, and names the preset', () => {
    for (const p of ['weekly', 'biweekly', 'monthly', 'quarterly', 'half-yearly', 'yearly'] as const) {
      const spec = presetSpec(p, start)!;
      const parsed = parseRRule(buildRRule(spec));
      expect(parsed).toEqual(spec);
      expect(presetOf(parsed)).toBe(p);
    }
  });

  it('reads common rules written elsewhere', () => {
    expect(parseRRule('RRULE:FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20261231T235959Z')).toMatchObject({ freq: 'WEEKLY', byDay: ['MO', 'TH'], until: '2026-12-31', count: null });
    expect(parseRRule('FREQ=MONTHLY;BYDAY=-1FR;COUNT=12')).toMatchObject({ ordinal: -1, byDay: ['FR'] });
    expect(parseRRule('FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3')).toMatchObject({ monthDay: 15 });
    expect(describeRule(parseRRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;UNTIL=20261231')!, 'nl')).toBe('om de 2 weken op maandag en donderdag, tot en met 31 dec 2026');
    expect(describeRule(parseRRule('FREQ=MONTHLY;BYDAY=-1FR;COUNT=1')!, 'en')).toBe('every month on the last Friday of the month, 1 time');
  });

  it('leaves what it cannot show to the raw field', () => {
    for (const raw of ['', 'FREQ=HOURLY;COUNT=2', 'FREQ=MONTHLY;BYSETPOS=2;BYDAY=TU;COUNT=2', 'FREQ=WEEKLY;COUNT=2;UNTIL=20260101', 'FREQ=MONTHLY;BYDAY=1MO,2TU', 'nonsense']) {
      expect(parseRRule(raw), raw).toBeNull();
    }
    expect(presetOf(parseRRule('FREQ=MONTHLY;INTERVAL=5;BYDAY=1TU;COUNT=3'))).toBe('custom');
  });

  it('names the part of the day and the weekday of the month', () => {
    expect(partOfDay('09:30', 'nl')).toBe('voormiddag');
    expect(partOfDay('13:30', 'nl')).toBe('namiddag');
    expect(partOfDay('19:00', 'en')).toBe('evening');
    expect(weekdayOf('2026-03-31')).toEqual({ day: 'TU', ordinal: -1 });
    expect(weekdayOf('2026-03-08')).toEqual({ day: 'SU', ordinal: 2 });
  });
});
