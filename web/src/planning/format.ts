// Dates and times as the planner shows them, in Brussels time and the UI's language.
import { type Lang, lang } from '../i18n';
import { type Ymd, brusselsDate, brusselsTime } from './calendar';

const locale = (l: Lang) => (l === 'nl' ? 'nl-BE' : 'en-GB');
const utcDay = (d: Ymd) => new Date(`${d}T12:00:00Z`);

/** A calendar date in words: "dinsdag 13 januari 2026" (long) or "di 13 jan." (short). */
export function formatDay(d: Ymd, style: 'long' | 'short' | 'weekday' = 'long', l: Lang = lang()): string {
  const opts: Intl.DateTimeFormatOptions = style === 'long'
    ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
    : style === 'short' ? { weekday: 'short', day: 'numeric', month: 'short' } : { weekday: 'short' };
  return new Intl.DateTimeFormat(locale(l), { ...opts, timeZone: 'UTC' }).format(utcDay(d));
}

/** "januari 2026" */
export function formatMonth(d: Ymd, l: Lang = lang()): string {
  return new Intl.DateTimeFormat(locale(l), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utcDay(d));
}

/** "di 13 jan. 2026, 09:30–12:00", the end date too when it is another day. */
export function formatWhen(startIso: string, endIso: string, l: Lang = lang()): string {
  const d0 = brusselsDate(startIso), d1 = brusselsDate(endIso);
  const day = new Intl.DateTimeFormat(locale(l), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const start = `${day.format(utcDay(d0))}, ${brusselsTime(startIso)}`;
  return d0 === d1 ? `${start}–${brusselsTime(endIso)}` : `${start} – ${day.format(utcDay(d1))}, ${brusselsTime(endIso)}`;
}
