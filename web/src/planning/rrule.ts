// The friendly recurrence builder: the common RRULEs of a regisseur's overleg ("4 keer per jaar op
// dinsdagvoormiddag", weekly, monthly) as a small spec, to and from RFC 5545 RRULE text, and in words.
// The server accepts only bounded rules (COUNT or UNTIL) at most daily; whatever the builder cannot
// show stays a raw RRULE that the server checks.
import { type Lang, formatDate } from '../i18n';
import { brusselsDate, brusselsTime, weekdayIndex } from './calendar';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type Freq = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface RecurrenceSpec {
  freq: Freq;
  interval: number;
  /** WEEKLY: the days; MONTHLY with `ordinal`: the one weekday */
  byDay: Weekday[];
  /** MONTHLY: the nth weekday (1–4, or -1 for the last); null with `monthDay` or for other frequencies */
  ordinal: number | null;
  /** MONTHLY: a day of the month (BYMONTHDAY) */
  monthDay: number | null;
  count: number | null;
  /** the last day (Brussels date) */
  until: string | null;
}

/** The presets of the builder's first choice. */
export type Preset = 'none' | 'weekly' | 'biweekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly' | 'custom';

/** A spec from RRULE text, or null when the builder cannot show it (it stays raw). */
export function parseRRule(rule: string): RecurrenceSpec | null {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (!text) return null;
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const [k, v] = part.split('=');
    if (!k || v === undefined || parts.has(k.toUpperCase())) return null;
    parts.set(k.toUpperCase(), v.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') return null;
  const spec: RecurrenceSpec = { freq, interval: 1, byDay: [], ordinal: null, monthDay: null, count: null, until: null };
  for (const [k, v] of parts) {
    switch (k) {
      case 'FREQ': case 'WKST': break;
      case 'INTERVAL': if (!/^[1-9]\d*$/.test(v)) return null; spec.interval = Number(v); break;
      case 'COUNT': if (!/^[1-9]\d*$/.test(v)) return null; spec.count = Number(v); break;
      case 'UNTIL': {
        const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(v);
        if (!m) return null;
        spec.until = `${m[1]}-${m[2]}-${m[3]}`;
        break;
      }
      case 'BYMONTHDAY': if (!/^([1-9]|[12]\d|3[01])$/.test(v)) return null; spec.monthDay = Number(v); break;
      case 'BYDAY': {
        for (const d of v.split(',')) {
          const m = /^(-1|[1-4])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
          if (!m) return null;
          if (m[1]) {
            if (spec.ordinal !== null) return null;
            spec.ordinal = Number(m[1]);
          }
          spec.byDay.push(m[2] as Weekday);
        }
        break;
      }
      default: return null;
    }
  }
  if (spec.count !== null && spec.until !== null) return null;
  if (spec.ordinal !== null && (spec.freq !== 'MONTHLY' || spec.byDay.length !== 1)) return null;
  if (spec.freq === 'MONTHLY' && spec.ordinal === null && spec.byDay.length) return null;
  if (spec.monthDay !== null && (spec.freq !== 'MONTHLY' || spec.byDay.length)) return null;
  if ((spec.freq === 'DAILY' || spec.freq === 'YEARLY') && spec.byDay.length) return null;
  return spec;
}

/** RRULE text of a spec, in a fixed order. */
export function buildRRule(s: RecurrenceSpec): string {
  const parts = [`FREQ=${s.freq}`];
  if (s.interval > 1) parts.push(`INTERVAL=${s.interval}`);
  if (s.byDay.length) parts.push(`BYDAY=${s.ordinal !== null ? s.ordinal : ''}${s.ordinal !== null ? s.byDay[0] : s.byDay.join(',')}`);
  if (s.monthDay !== null) parts.push(`BYMONTHDAY=${s.monthDay}`);
  if (s.count !== null) parts.push(`COUNT=${s.count}`);
  else if (s.until) parts.push(`UNTIL=${s.until.replace(/-/g, '')}T235959Z`);
  return parts.join(';');
}

/** The weekday of a Brussels date and which one of the month it is (5th → -1, "the last"). */
export function weekdayOf(date: string): { day: Weekday; ordinal: number } {
  const n = Math.ceil(Number(date.slice(8, 10)) / 7);
  return { day: WEEKDAYS[weekdayIndex(date)]!, ordinal: n > 4 ? -1 : n };
}

/** A preset for a series starting at `startIso`, ending after `count` occurrences. */
export function presetSpec(preset: Preset, startIso: string, count = 8): RecurrenceSpec | null {
  const { day, ordinal } = weekdayOf(brusselsDate(startIso));
  const base = { byDay: [] as Weekday[], ordinal: null, monthDay: null, count, until: null };
  const monthly = (interval: number): RecurrenceSpec => ({ ...base, freq: 'MONTHLY', interval, byDay: [day], ordinal });
  switch (preset) {
    case 'weekly': return { ...base, freq: 'WEEKLY', interval: 1, byDay: [day] };
    case 'biweekly': return { ...base, freq: 'WEEKLY', interval: 2, byDay: [day] };
    case 'monthly': return monthly(1);
    case 'quarterly': return monthly(3);
    case 'half-yearly': return monthly(6);
    case 'yearly': return { ...base, freq: 'YEARLY', interval: 1 };
    default: return null;
  }
}

/** The preset a spec is, for the builder's select. */
export function presetOf(s: RecurrenceSpec | null): Preset {
  if (!s) return 'none';
  if (s.freq === 'WEEKLY' && s.byDay.length <= 1) return s.interval === 1 ? 'weekly' : s.interval === 2 ? 'biweekly' : 'custom';
  if (s.freq === 'MONTHLY' && s.ordinal !== null) return ({ 1: 'monthly', 3: 'quarterly', 6: 'half-yearly' } as Record<number, Preset>)[s.interval] ?? 'custom';
  if (s.freq === 'YEARLY' && s.interval === 1) return 'yearly';
  return 'custom';
}

const DAY_NAMES: Record<Lang, string[]> = {
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** "voormiddag" before noon, "namiddag" until five, "avond" after. */
export function partOfDay(time: string, l: Lang): string {
  const hour = Number(time.slice(0, 2));
  const i = hour < 12 ? 0 : hour < 17 ? 1 : 2;
  return (l === 'nl' ? ['voormiddag', 'namiddag', 'avond'] : ['morning', 'afternoon', 'evening'])[i]!;
}

function list(items: string[], l: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${l === 'nl' ? 'en' : 'and'} ${items[items.length - 1]}`;
}

function ordinalWord(n: number, l: Lang): string {
  if (n === -1) return l === 'nl' ? 'laatste' : 'last';
  return l === 'nl' ? `${n}de` : `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n] ?? 'th'}`;
}

function often(s: RecurrenceSpec, l: Lang): string {
  const nl = l === 'nl';
  const n = s.interval;
  switch (s.freq) {
    case 'DAILY': return n === 1 ? (nl ? 'elke dag' : 'every day') : nl ? `om de ${n} dagen` : `every ${n} days`;
    case 'WEEKLY': return n === 1 ? (nl ? 'elke week' : 'every week') : nl ? `om de ${n} weken` : `every ${n} weeks`;
    case 'YEARLY': return n === 1 ? (nl ? 'elk jaar' : 'every year') : nl ? `om de ${n} jaar` : `every ${n} years`;
    case 'MONTHLY': {
      if (n === 1) return nl ? 'elke maand' : 'every month';
      if (12 % n === 0) {
        const times = 12 / n;
        if (times === 1) return nl ? 'elk jaar' : 'every year';
        return nl ? `${times} keer per jaar (om de ${n} maanden)` : `${times} times a year (every ${n} months)`;
      }
      return nl ? `om de ${n} maanden` : `every ${n} months`;
    }
  }
}

/**
 * The rule in words, with the time of day of the first start when given:
 * "4 keer per jaar (om de 3 maanden) op de 2de dinsdag van de maand, voormiddag (09:30–12:00), 8 keer".
 */
export function describe(s: RecurrenceSpec, l: Lang, when?: { start: string; end: string }): string {
  const nl = l === 'nl';
  const names = DAY_NAMES[l];
  let text = often(s, l);
  if (s.freq === 'WEEKLY' && s.byDay.length) text += `${nl ? ' op ' : ' on '}${list(s.byDay.map((d) => names[WEEKDAYS.indexOf(d)]!), l)}`;
  if (s.freq === 'MONTHLY' && s.ordinal !== null) {
    text += nl ? ` op de ${ordinalWord(s.ordinal, l)} ${names[WEEKDAYS.indexOf(s.byDay[0]!)]} van de maand`
      : ` on the ${ordinalWord(s.ordinal, l)} ${names[WEEKDAYS.indexOf(s.byDay[0]!)]} of the month`;
  }
  if (s.monthDay !== null) text += nl ? ` op dag ${s.monthDay} van de maand` : ` on day ${s.monthDay} of the month`;
  if (when) {
    const from = brusselsTime(when.start), to = brusselsTime(when.end);
    text += `, ${partOfDay(from, l)} (${from}–${to})`;
  }
  if (s.count !== null) text += nl ? `, ${s.count} keer` : `, ${s.count} time${s.count === 1 ? '' : 's'}`;
  else if (s.until) text += nl ? `, tot en met ${formatDate(s.until, l)}` : `, until ${formatDate(s.until, l)}`;
  return text;
}
