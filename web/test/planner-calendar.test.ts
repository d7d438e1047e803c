import { describe, expect, it } from 'vitest';
import {
  addMonths, brusselsDate, brusselsTime, byDay, daysCovered, monthGrid, moveByKey, stepAnchor, visibleRange, weekDays, weekdayIndex,
} from '../src/planning/calendar';

describe('planner calendar grid', () => {
  it('lays a month out in whole Monday-first weeks', () => {
    const weeks = monthGrid('2025-03-15');
    expect(weeks[0]![0]).toBe('2025-02-24');
    expect(weeks[weeks.length - 1]![6]).toBe('2025-04-06');
    expect(weeks.flat()).toHaveLength(weeks.length * 7);
    for (const w of weeks) expect(weekdayIndex(w[0]!)).toBe(0);
  });

  it('has every day once across the spring and autumn DST switches', () => {
    for (const anchor of ['2025-03-01', '2025-10-01', '2026-03-29']) {
      const days = monthGrid(anchor).flat();
      expect(new Set(days).size).toBe(days.length);
      for (let i = 1; i < days.length; i++) expect(Date.parse(days[i]!) - Date.parse(days[i - 1]!)).toBe(86_400_000);
    }
    expect(weekDays('2025-03-30')).toEqual(['2025-03-24', '2025-03-25', '2025-03-26', '2025-03-27', '2025-03-28', '2025-03-29', '2025-03-30']);
    expect(weekDays('2025-10-26')[6]).toBe('2025-10-26');
  });

  it('places instants on the Brussels wall clock, in summer and winter time', () => {
    expect(brusselsDate('2025-03-30T00:30:00Z')).toBe('2025-03-30'); // 01:30 CET
    expect(brusselsTime('2025-03-30T01:30:00Z')).toBe('03:30'); // after the switch: CEST
    expect(brusselsDate('2025-10-25T22:30:00Z')).toBe('2025-10-26'); // 00:30 CEST
    expect(brusselsTime('2025-10-26T01:30:00Z')).toBe('02:30'); // the second 02:30, CET
    expect(brusselsDate('2024-12-31T23:30:00Z')).toBe('2025-01-01');
  });

  it('puts an occurrence on each day it touches, not on the day an end at midnight starts', () => {
    expect(daysCovered('2025-10-25T20:00:00+02:00', '2025-10-26T00:00:00+02:00')).toEqual(['2025-10-25']);
    expect(daysCovered('2025-03-29T20:00:00+01:00', '2025-03-30T10:00:00+02:00')).toEqual(['2025-03-29', '2025-03-30']);
    const days = weekDays('2025-03-26');
    const map = byDay([
      { id: 'b', start: '2025-03-30T14:00:00+02:00', end: '2025-03-30T16:00:00+02:00' },
      { id: 'a', start: '2025-03-30T09:00:00+02:00', end: '2025-03-30T10:00:00+02:00' },
    ], days);
    expect(map.get('2025-03-30')!.map((x) => x.id)).toEqual(['a', 'b']);
    expect(map.get('2025-03-29')).toEqual([]);
  });

  it('moves by keys and periods, clamping month ends', () => {
    expect(moveByKey('2025-03-31', 'ArrowRight')).toBe('2025-04-01');
    expect(moveByKey('2025-03-03', 'ArrowUp')).toBe('2025-02-24');
    expect(moveByKey('2025-03-05', 'Home')).toBe('2025-03-03');
    expect(moveByKey('2025-03-05', 'End')).toBe('2025-03-09');
    expect(moveByKey('2025-01-31', 'PageDown')).toBe('2025-02-28');
    expect(moveByKey('2025-01-31', 'x')).toBeNull();
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(stepAnchor('week', '2025-03-28', 1)).toBe('2025-04-04');
    expect(stepAnchor('month', '2025-03-28', -1)).toBe('2025-02-28');
  });

  it('asks the API for the dates the view shows', () => {
    expect(visibleRange('month', '2025-03-15')).toEqual({ from: '2025-02-24', to: '2025-04-06' });
    expect(visibleRange('week', '2025-03-15')).toEqual({ from: '2025-03-10', to: '2025-03-16' });
    expect(visibleRange('list', '2025-02-10')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
  });
});
