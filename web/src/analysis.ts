// The analysis API's blind-spot findings and metric colours, as pure functions the views share.

export type Severity = 'high' | 'medium' | 'low';

export interface Finding {
  id: string;
  kind: string;
  severity: Severity;
  title: string;
  explanation: string;
  suggestion: string;
  evidence: { nodes: string[]; paths: string[][]; dates: string[] };
}

export interface BlindSpotReport {
  asOf: string;
  region?: string | null;
  findings: Finding[];
}

export const severities: Severity[] = ['high', 'medium', 'low'];

/** The URL of an analysis resource for a region (null: the whole graph) on a date (null: today). */
export function analysisUrl(resource: 'metrics' | 'blindspots', region: string | null, asOf: string | null): string {
  const query = new URLSearchParams();
  if (region) query.set('region', region);
  if (asOf) query.set('asOf', asOf);
  const q = query.toString();
  return `/api/analysis/${resource}${q ? `?${q}` : ''}`;
}

/** Findings grouped by severity, most severe first; within a group in the order the server gave. */
export function bySeverity(findings: Finding[]): [Severity, Finding[]][] {
  return severities.map((s) => [s, findings.filter((f) => f.severity === s)] as [Severity, Finding[]]).filter(([, list]) => list.length > 0);
}

/** Counts per finding kind, most frequent first (for the report). */
export function countByKind(findings: Finding[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The relationships to highlight for a finding: those on its paths, and those between two evidence nodes. */
export function evidenceRelationships(
  finding: Finding,
  rels: Iterable<{ id: string; from: string; to: string }>,
): Set<string> {
  const nodes = new Set(finding.evidence.nodes);
  const steps = new Set<string>();
  for (const path of finding.evidence.paths) {
    for (let i = 1; i < path.length; i++) steps.add(`${path[i - 1]}|${path[i]}`).add(`${path[i]}|${path[i - 1]}`);
  }
  const out = new Set<string>();
  for (const r of rels) {
    if (steps.has(`${r.from}|${r.to}`) || (nodes.has(r.from) && nodes.has(r.to))) out.add(r.id);
  }
  return out;
}

const LOW = [224, 242, 254]; // #e0f2fe
const HIGH = [30, 58, 138]; // #1e3a8a

/** A light-to-dark blue per node for a numeric metric (rank-based, so one outlier does not wash out the rest). */
export function sequentialColors(values: Map<string, number>): Map<string, string> {
  const sorted = [...new Set(values.values())].sort((a, b) => a - b);
  const rank = new Map(sorted.map((v, i) => [v, sorted.length > 1 ? i / (sorted.length - 1) : 1]));
  const out = new Map<string, string>();
  for (const [id, v] of values) {
    const x = rank.get(v) ?? 0;
    const channel = (i: number) => Math.round(LOW[i]! + (HIGH[i]! - LOW[i]!) * x).toString(16).padStart(2, '0');
    out.set(id, `#${channel(0)}${channel(1)}${channel(2)}`);
  }
  return out;
}

const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4d7c0f', '#475569', '#7c3aed', '#0d9488'];

/** One distinct colour per community (cycling through 12 after that). */
export function categoricalColors(values: Map<string, number>): Map<string, string> {
  const communities = [...new Set(values.values())].sort((a, b) => a - b);
  const index = new Map(communities.map((c, i) => [c, i]));
  return new Map([...values].map(([id, c]) => [id, PALETTE[index.get(c)! % PALETTE.length]!]));
}
