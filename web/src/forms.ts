// Forms generated from the schema: the pure part (which inputs, how values convert both ways).
// The DOM rendering lives in views/form-view.ts.
import type { Localized, Properties, PropertyDefinition } from './api/types';
import { type Lang, loc } from './i18n';

export type InputKind = 'text' | 'textarea' | 'number' | 'checkbox' | 'date' | 'datetime-local' | 'email' | 'url' | 'tel' | 'select' | 'list';

export interface FieldSpec {
  name: string;
  label: string;
  input: InputKind;
  required: boolean;
  /** for selects: [value, label] */
  options?: [string, string][];
  min?: number;
  max?: number;
  step?: string;
  maxLength?: number;
  pattern?: string;
  /** the value as the input shows it */
  value: string;
  checked?: boolean;
  propertyType: PropertyDefinition['type'];
}

const inputFor: Record<PropertyDefinition['type'], InputKind> = {
  string: 'text', text: 'textarea', integer: 'number', number: 'number', boolean: 'checkbox',
  date: 'date', datetime: 'datetime-local', email: 'email', url: 'url', phone: 'tel', enum: 'select', stringList: 'list',
};

/** Inputs for the properties a person may edit; the ones Netwerk keeps itself (managed) are left out and kept by the server. */
export function fieldSpecs(props: PropertyDefinition[], values: Properties | null, l: Lang): FieldSpec[] {
  return props.filter((p) => !p.managed).map((p) => {
    const raw = values ? values[p.name] : p.default;
    const spec: FieldSpec = {
      name: p.name,
      label: loc(p.label as Localized, l) || p.name,
      input: inputFor[p.type] ?? 'text',
      required: !!p.required,
      value: toInputValue(p.type, raw),
      propertyType: p.type,
    };
    if (p.type === 'boolean') spec.checked = raw === true;
    if (p.type === 'enum') spec.options = (p.values ?? []).map((v) => [v.value, loc(v.label, l) || v.value]);
    if (p.type === 'integer' || p.type === 'number') {
      if (p.minimum !== null && p.minimum !== undefined) spec.min = Number(p.minimum);
      if (p.maximum !== null && p.maximum !== undefined) spec.max = Number(p.maximum);
      spec.step = p.type === 'integer' ? '1' : 'any';
    }
    if (p.maxLength && p.type !== 'stringList') spec.maxLength = Number(p.maxLength);
    if (p.pattern) spec.pattern = p.pattern;
    return spec;
  });
}

export function toInputValue(type: PropertyDefinition['type'], v: unknown): string {
  if (v === null || v === undefined) return '';
  switch (type) {
    case 'stringList': return Array.isArray(v) ? v.map(String).join('\n') : String(v);
    case 'datetime': return typeof v === 'string' ? isoToBrusselsLocal(v) : '';
    case 'boolean': return v === true ? 'true' : 'false';
    default: return String(v);
  }
}

/**
 * Property values from the raw input values. Empty optional fields are left out; values that do not
 * parse are passed on as typed so the server's validation names them.
 */
export function readProperties(specs: FieldSpec[], raw: Record<string, string | boolean>): Properties {
  const out: Properties = {};
  for (const s of specs) {
    const v = raw[s.name];
    if (s.propertyType === 'boolean') { out[s.name] = v === true || v === 'true'; continue; }
    const str = typeof v === 'string' ? v : '';
    if (s.propertyType === 'stringList') {
      const items = str.split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
      if (items.length) out[s.name] = items;
      continue;
    }
    const trimmed = s.propertyType === 'text' ? str : str.trim();
    if (!trimmed.trim()) continue;
    switch (s.propertyType) {
      case 'integer': { const n = Number(trimmed); out[s.name] = Number.isInteger(n) ? n : trimmed; break; }
      case 'number': { const n = Number(trimmed.replace(',', '.')); out[s.name] = Number.isFinite(n) ? n : trimmed; break; }
      case 'datetime': out[s.name] = brusselsLocalToIso(trimmed) ?? trimmed; break;
      default: out[s.name] = trimmed;
    }
  }
  return out;
}

/** Required fields left empty, checked before sending (the server checks again). */
export function missingRequired(specs: FieldSpec[], props: Properties): string[] {
  return specs.filter((s) => s.required && s.propertyType !== 'boolean' && (props[s.name] === undefined || props[s.name] === '')).map((s) => s.name);
}

// --- Europe/Brussels wall-clock time <-> ISO 8601 with offset -------------------------------------

const TZ = 'Europe/Brussels';
const partsFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

function brusselsParts(d: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of partsFmt.formatToParts(d)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return out;
}

/** Brussels offset from UTC in minutes at an instant. */
export function brusselsOffsetMinutes(d: Date): number {
  const p = brusselsParts(d);
  const asUtc = Date.UTC(p['year']!, p['month']! - 1, p['day']!, p['hour']!, p['minute']!, p['second']!);
  return Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60000);
}

/** "2024-03-12T09:30:00+01:00" → "2024-03-12T09:30" (Brussels wall clock). */
export function isoToBrusselsLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = brusselsParts(d);
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p['year']}-${pad(p['month'])}-${pad(p['day'])}T${pad(p['hour'])}:${pad(p['minute'])}`;
}

/** "2024-03-12T09:30" (Brussels wall clock) → "2024-03-12T09:30:00+01:00". */
export function brusselsLocalToIso(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [y, mo, d, hh, mm, ss] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '00'].map(Number) as number[];
  const wall = Date.UTC(y!, mo! - 1, d!, hh!, mm!, ss!);
  // the offset at the instant, found by two passes (handles the DST switch)
  let offset = brusselsOffsetMinutes(new Date(wall));
  offset = brusselsOffsetMinutes(new Date(wall - offset * 60000));
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${String(ss).padStart(2, '0')}${off}`;
}
