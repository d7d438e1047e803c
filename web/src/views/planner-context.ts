// What the planner's views share: the session and whether it may plan, the schema's value lists
// (meeting kinds, functions, organisation types…), the nodes that rules and filters choose from
// (platforms, themes, regions, municipalities, agreements), a cache of names, toasts and navigation.
import { api } from '../api/client';
import type { Change, GraphNode, GraphSchema, NodeKindDefinition } from '../api/types';
import { canPlan } from '../auth';
import { loc } from '../i18n';
import { nodeName } from '../model';
import type { Session } from '../session';

export interface Named { id: string; name: string }

export interface PlannerCtx {
  session: Session;
  schema: GraphSchema;
  kinds: Map<string, NodeKindDefinition>;
  /** an organiser or regisseur somewhere: may create and change meetings */
  canPlan: boolean;
  lookups: Lookups;
  toast(msg: string, kind?: 'info' | 'error'): void;
  /** show another screen of the planner: '' (calendar), 'new', 'meeting/<id>', 'meeting/<id>/checkin' */
  go(route: string): void;
}

/** A screen of the planner that follows changes made elsewhere (another organiser, an RSVP, a second tablet). */
export interface LiveView {
  remoteChanges(changes: Change[]): void;
}

/** The changes the planner cares about: meetings, invitations and attendance. */
export function meetingChanges(changes: readonly Change[]): Change[] {
  return changes.filter((c) => c.label === 'Meeting' || c.label === 'INVITED' || c.label === 'ATTENDED');
}

/** The meeting a change is about: the node itself, or the meeting end of an INVITED/ATTENDED relationship. */
export function meetingOf(c: Change): string | null {
  if (c.entity === 'node') return c.label === 'Meeting' ? c.id : null;
  return c.to ?? (c.data && 'to' in c.data ? c.data.to : null) ?? null;
}

export class Lookups {
  platforms: Named[] = [];
  themes: Named[] = [];
  regions: Named[] = [];
  municipalities: Named[] = [];
  /** agreements and projects: both have parties */
  agreements: Named[] = [];
  private readonly names = new Map<string, string>();

  constructor(private readonly schema: GraphSchema, private readonly kinds: Map<string, NodeKindDefinition>) {}

  async load(): Promise<void> {
    const of = async (kind: string) => {
      const page = await api.nodes({ kind, limit: 1000 }).catch(() => ({ items: [] as GraphNode[] }));
      const list = page.items.map((n) => ({ id: n.id, name: nodeName(n, this.kinds) })).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      for (const x of list) this.names.set(x.id, x.name);
      return list;
    };
    const [platforms, themes, regions, municipalities, agreements, projects] = await Promise.all(
      ['Platform', 'Theme', 'Region', 'Municipality', 'Agreement', 'Project'].map(of));
    Object.assign(this, { platforms, themes, regions, municipalities, agreements: [...agreements!, ...projects!] });
  }

  /** A node's name as far as known (the id otherwise). */
  name(id: string): string { return this.names.get(id) ?? id; }

  remember(id: string, name: string): void { this.names.set(id, name); }

  /** Names for ids not known yet, fetched once each. */
  async ensureNames(ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.names.has(id)).slice(0, 200);
    await Promise.all(missing.map((id) => api.node(id).then((n) => this.names.set(id, nodeName(n, this.kinds))).catch(() => undefined)));
  }

  /** The allowed values of a node kind's enum property, as [value, label] in the current language. */
  nodeValues(kind: string, property: string): [string, string][] {
    const p = this.kinds.get(kind)?.properties.find((x) => x.name === property);
    return (p?.values ?? []).map((v) => [v.value, loc(v.label) || v.value]);
  }

  /** The allowed values of a relationship type's enum property. */
  relationshipValues(type: string, property: string): [string, string][] {
    const p = this.schema.relationshipTypes.find((r) => r.code === type)?.properties.find((x) => x.name === property);
    return (p?.values ?? []).map((v) => [v.value, loc(v.label) || v.value]);
  }

  /** A meeting kind's label ("meet-and-greet" → "Meet & greet"). */
  kindLabel(kind: string): string { return this.nodeValues('Meeting', 'type').find(([v]) => v === kind)?.[1] ?? kind; }
  statusLabel(status: string): string { return this.nodeValues('Meeting', 'status').find(([v]) => v === status)?.[1] ?? status; }
}

export function plannerAllowed(s: Session): boolean { return canPlan(s.account.grants); }
