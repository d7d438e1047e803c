import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, messages, t, todayInBrussels } from '../src/i18n';

describe('i18n', () => {
  it('has every key in Dutch and English, none empty', () => {
    const nl = Object.keys(messages.nl).sort();
    const en = Object.keys(messages.en).sort();
    expect(en).toEqual(nl);
    for (const l of ['nl', 'en'] as const) for (const [k, v] of Object.entries(messages[l])) expect(v.trim(), `${l}:${k}`).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(messages.nl) as (keyof typeof messages.nl)[]) expect(vars(messages.en[k]), k).toEqual(vars(messages.nl[k]));
  });

  it('fills placeholders', () => {
    expect(t('filters.count', { shown: 3, total: 10 }, 'nl')).toBe('3 van 10 knopen zichtbaar');
    expect(t('filters.count', { shown: 3, total: 10 }, 'en')).toBe('3 of 10 nodes visible');
  });

  it('formats instants in Brussels time, summer and winter', () => {
    expect(formatDateTime('2024-03-12T08:30:00Z', 'nl')).toContain('09:30');
    expect(formatDateTime('2024-07-12T08:30:00Z', 'nl')).toContain('10:30');
    expect(formatDateTime('2024-07-12T08:30:00Z', 'en')).toContain('10:30');
  });

  it('formats calendar dates without shifting them', () => {
    expect(formatDate('2025-12-31', 'nl')).toMatch(/31.*dec.*2025/);
    expect(formatDate('2025-01-01', 'en')).toMatch(/1 Jan 2025/);
  });

  it('knows the Brussels date near midnight', () => {
    expect(todayInBrussels(new Date('2024-06-30T22:30:00Z'))).toBe('2024-07-01');
    expect(todayInBrussels(new Date('2024-12-31T22:30:00Z'))).toBe('2024-12-31');
  });
});
