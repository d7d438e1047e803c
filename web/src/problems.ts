// Turning an API refusal (ProblemDetails) into messages next to form fields.
import type { Problem } from './api/types';

export interface FieldMessages {
  /** form field name → messages. Properties map to their property name ("properties.email" → "email"). */
  fields: Map<string, string[]>;
  /** messages not tied to a field of the form */
  general: string[];
}

/**
 * Map a problem onto the fields a form has. Field paths: "properties.email" → "email",
 * "properties.goals[2]" → "goals", "kind" / "type" / "from" / "to" / "validFrom" → themselves with a "$" prefix
 * (form-level inputs), anything else → general.
 */
export function mapProblem(problem: Problem, formFields: Iterable<string>, formInputs: Iterable<string> = []): FieldMessages {
  const fields = new Map<string, string[]>();
  const general: string[] = [];
  const props = new Set(formFields);
  const inputs = new Set(formInputs);
  const add = (key: string, msg: string) => {
    const list = fields.get(key) ?? [];
    if (!list.includes(msg)) list.push(msg);
    fields.set(key, list);
  };
  const entries = problemEntries(problem);
  for (const [path, msg] of entries) {
    const key = fieldKey(path);
    if (key.startsWith('$')) {
      if (inputs.has(key)) add(key, msg); else general.push(msg);
    } else if (props.has(key)) add(key, msg);
    else general.push(path ? `${path}: ${msg}` : msg);
  }
  if (!entries.length) general.push(problem.detail || problem.title);
  return { fields, general };
}

/** [field path, message] of every issue of a problem (its `issues`, else its `errors`). */
function problemEntries(problem: Problem): [string, string][] {
  const entries: [string, string][] = [];
  if (problem.issues?.length) for (const i of problem.issues) entries.push([i.field ?? '', i.message]);
  else if (problem.errors) for (const [f, msgs] of Object.entries(problem.errors)) for (const m of msgs) entries.push([f, m]);
  return entries;
}

/**
 * Map a problem onto forms that use the request's own field paths (the meeting planner: "venue.name",
 * "themes[2]", "rule.rules[0].functions[1]"): an issue goes to the longest known path it equals or starts
 * (followed by "." or "["); the rest is general.
 */
export function mapByPath(problem: Problem, known: Iterable<string>): FieldMessages {
  const paths = [...known].sort((a, b) => b.length - a.length);
  const fields = new Map<string, string[]>();
  const general: string[] = [];
  const entries = problemEntries(problem);
  for (const [path, msg] of entries) {
    const key = paths.find((k) => path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[`));
    if (key === undefined) { general.push(path ? `${path}: ${msg}` : msg); continue; }
    const list = fields.get(key) ?? [];
    if (!list.includes(msg)) list.push(msg);
    fields.set(key, list);
  }
  if (!entries.length) general.push(problem.detail || problem.title);
  return { fields, general };
}

/** "properties.email" → "email"; "properties.goals[1]" → "goals"; "to" → "$to"; "" → "$". */
export function fieldKey(path: string): string {
  const p = path.replace(/^(nodes|relationships)\[\d+\]\./, '');
  const m = /^properties\.([^.[]+)/.exec(p);
  if (m) return m[1]!;
  const top = /^([A-Za-z]+)/.exec(p);
  return '$' + (top ? top[1] : '');
}
