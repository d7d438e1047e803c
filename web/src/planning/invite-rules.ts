// The invite-list builder's model: a root group (all/any) of rule rows, where a row is a leaf rule of
// one of the server's kinds or a nested group; plus people added and removed by hand. Rows still
// being filled in (no platform chosen yet) are left out of what is sent, so the preview follows the
// complete rows while the organiser types.
import type { GroupRule, InviteListDefinition, InviteRule, LeafRule } from '../api/meetings';

export const LEAF_TYPES = ['function', 'platform-members', 'organisations', 'staff-of', 'agreement-parties', 'theme', 'attendees'] as const;
export type LeafType = (typeof LEAF_TYPES)[number];

/** The deepest nesting the builder offers (the server allows 6). */
export const MAX_GROUP_DEPTH = 3;

export function emptyLeaf(type: LeafType): LeafRule {
  switch (type) {
    case 'platform-members': return { type, platform: '', roles: [], includeOrganisationStaff: false };
    case 'function': return { type, functions: [], region: null, municipality: null };
    case 'organisations': return { type, types: [], sectors: [], region: null, municipality: null };
    case 'staff-of': return { type, organisations: [] };
    case 'agreement-parties': return { type, agreement: '' };
    case 'theme': return { type, theme: '' };
    case 'attendees': return { type, meetings: [], platform: null, since: null };
  }
}

export function isGroup(r: InviteRule): r is GroupRule { return r.type === 'all' || r.type === 'any'; }

const has = (xs: readonly unknown[] | null | undefined) => !!xs && xs.length > 0;

/** A leaf the server would accept as far as the form can tell (it checks ids and values itself). */
export function isComplete(r: LeafRule): boolean {
  switch (r.type) {
    case 'platform-members': return !!r.platform;
    case 'function': return has(r.functions) || !!r.region || !!r.municipality;
    case 'organisations': return has(r.types) || has(r.sectors) || !!r.region || !!r.municipality;
    case 'staff-of': return has(r.organisations);
    case 'agreement-parties': return !!r.agreement;
    case 'theme': return !!r.theme;
    case 'attendees': return has(r.meetings) || !!r.platform;
  }
}

/** The rule without empty optional parts; null when nothing complete is left. A group of one is that one rule. */
export function cleanRule(r: InviteRule): InviteRule | null {
  if (isGroup(r)) {
    const rules = r.rules.map(cleanRule).filter((x): x is InviteRule => x !== null);
    if (!rules.length) return null;
    return rules.length === 1 ? rules[0]! : { type: r.type, rules };
  }
  if (!isComplete(r)) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    if (v === null || v === undefined || v === '' || v === false || (Array.isArray(v) && !v.length)) continue;
    out[k] = v;
  }
  return out as LeafRule;
}

/** The definition to preview or save. */
export function definitionOf(root: GroupRule, add: readonly string[], remove: readonly string[]): InviteListDefinition {
  return { rule: cleanRule(root), add: [...add], remove: [...remove] };
}

/** The editor's root group for a stored definition: a single rule becomes the one row of an "any" group. */
export function rootOf(def: InviteListDefinition | null | undefined): GroupRule {
  const rule = def?.rule;
  if (!rule) return { type: 'any', rules: [] };
  return isGroup(rule) ? structuredClone(rule) : { type: 'any', rules: [structuredClone(rule)] };
}

/** How deep a rule nests groups (a leaf is 0). */
export function groupDepth(r: InviteRule): number {
  return isGroup(r) ? 1 + Math.max(0, ...r.rules.map(groupDepth)) : 0;
}

/** A stable key for comparing definitions (the preview asks again only when this changes). */
export function definitionKey(def: InviteListDefinition): string { return JSON.stringify(def); }

/** A reason code of the server ("platform-members:platform-rose") in words, with names looked up. */
export function reasonParts(code: string): { kind: string; id: string | null } {
  const i = code.indexOf(':');
  return i < 0 ? { kind: code, id: null } : { kind: code.slice(0, i), id: code.slice(i + 1) };
}
