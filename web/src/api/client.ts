import type {
  ChangePage, GraphDocument, GraphNode, GraphRelationship, GraphSchema, HealthReport, ImportResult,
  Page, Problem, Properties, SearchHit, Subgraph,
} from './types';
import { lang } from '../i18n';

/** A refusal from the API, carrying its ProblemDetails. */
export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { Accept: 'application/json, application/problem+json', 'Accept-Language': lang(), ...extra };
}

async function request<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, headers: headers(extra), cache: 'no-store' };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, init);
  if (!res.ok) throw new ApiError(res.status, await readProblem(res));
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function readProblem(res: Response): Promise<Problem> {
  try {
    const p = (await res.json()) as Problem;
    return { ...p, status: p.status ?? res.status, title: p.title ?? res.statusText };
  } catch {
    return { status: res.status, title: res.statusText || `HTTP ${res.status}` };
  }
}

export function parseProblemText(status: number, text: string): Problem {
  try {
    const p = JSON.parse(text) as Problem;
    return { ...p, status: p.status ?? status, title: p.title ?? `HTTP ${status}` };
  } catch {
    return { status, title: `HTTP ${status}` };
  }
}

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
const enc = encodeURIComponent;
function qs(params: Record<string, string | number | null | undefined>): string {
  const p = Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return p.length ? '?' + p.map(([k, v]) => `${enc(k)}=${enc(String(v))}`).join('&') : '';
}

export const api = {
  health: () => request<HealthReport>('GET', '/health'),
  schema: () => request<GraphSchema>('GET', '/api/schema'),
  graph: (region: string | null, asOf: string | null) => request<Subgraph>('GET', '/api/graph' + qs({ region, asOf })),
  regions: () => request<Page<GraphNode>>('GET', '/api/nodes' + qs({ kind: 'Region', limit: 500 })),
  nodes: (params: Record<string, string | number>) => request<Page<GraphNode>>('GET', '/api/nodes' + qs(params)),
  node: (id: string) => request<GraphNode>('GET', `/api/nodes/${enc(id)}`),
  createNode: (kind: string, properties: Properties, id?: string) =>
    request<GraphNode>('POST', '/api/nodes', id ? { id, kind, properties } : { kind, properties }),
  updateNode: (id: string, version: number, properties: Properties) =>
    request<GraphNode>('PUT', `/api/nodes/${enc(id)}`, { properties }, ifMatch(version)),
  deleteNode: (id: string, version: number) => request<void>('DELETE', `/api/nodes/${enc(id)}`, undefined, ifMatch(version)),
  history: (id: string) => request<import('./types').Change[]>('GET', `/api/nodes/${enc(id)}/history`),
  relationship: (id: string) => request<GraphRelationship>('GET', `/api/relationships/${enc(id)}`),
  relationshipsOf: (node: string) => request<Page<GraphRelationship>>('GET', '/api/relationships' + qs({ node, limit: 1000 })),
  createRelationship: (r: { type: string; from: string; to: string; properties: Properties; validFrom?: string | null; validUntil?: string | null }) =>
    request<GraphRelationship>('POST', '/api/relationships', r),
  updateRelationship: (id: string, version: number, r: { properties: Properties; validFrom?: string | null; validUntil?: string | null }) =>
    request<GraphRelationship>('PUT', `/api/relationships/${enc(id)}`, r, ifMatch(version)),
  deleteRelationship: (id: string, version: number) =>
    request<void>('DELETE', `/api/relationships/${enc(id)}`, undefined, ifMatch(version)),
  search: (q: string, limit = 12) => request<SearchHit[]>('GET', '/api/search' + qs({ q, limit })),
  changes: (since: number, limit = 500) => request<ChangePage>('GET', '/api/changes' + qs({ since, limit })),
  importDocument: (doc: GraphDocument) => request<ImportResult>('POST', '/api/import', doc),
};

export type Api = typeof api;
