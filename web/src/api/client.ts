import type {
  Account, AccountInput, ApiToken, AuditPage, CalendarFeed, ChangePage, CreatedFeed, CreatedToken, EraseResult, GraphDocument, GraphNode,
  GraphRelationship, GraphSchema, HealthReport, ImportResult, Me, Page, Problem, Properties, SearchHit, Subgraph,
} from './types';
import { lang } from '../i18n';

/** A refusal from the API, carrying its ProblemDetails. */
export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
  }
}

// The anti-forgery token of the session (from /api/auth/me): sent on every unsafe request so that a
// page on another site cannot make the browser write with the user's cookie.
let csrfToken: string | null = null;
let unauthorized: (() => void) | null = null;
let unauthorizedReported = false;

export function setCsrfToken(token: string | null | undefined): void { csrfToken = token ?? null; }

/**
 * Called once when an API call answers 401 (the session ended or never was): the app shows its
 * sign-in screen. Not called again until a new handler is set, so a page full of failing calls
 * does not loop.
 */
export function onUnauthorized(handler: () => void): void {
  unauthorized = handler;
  unauthorizedReported = false;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** The anti-forgery header an unsafe request needs; nothing for safe methods or without a token. */
export function xsrfHeader(method: string, token: string | null = csrfToken): Record<string, string> {
  return token && !SAFE_METHODS.has(method.toUpperCase()) ? { 'X-XSRF-TOKEN': token } : {};
}

/** A refusal because the anti-forgery token was missing or stale (ProblemDetails code "csrf", or a type ending in it). */
export function isCsrfProblem(status: number, p: Problem): boolean {
  return status === 400 && (p.code === 'csrf' || (typeof p.type === 'string' && /csrf$/i.test(p.type)));
}

function headers(method: string, extra: Record<string, string> = {}): Record<string, string> {
  return { Accept: 'application/json, application/problem+json', 'Accept-Language': lang(), ...xsrfHeader(method), ...extra };
}

/** Report a 401 to the app, unless it is the answer of the sign-in machinery itself. */
export function reportUnauthorized(status: number, path: string): void {
  if (status !== 401 || path.startsWith('/api/auth/') || unauthorizedReported || !unauthorized) return;
  unauthorizedReported = true;
  unauthorized();
}

async function send(method: string, path: string, body?: unknown, extra: Record<string, string> = {}, retried = false): Promise<Response> {
  const init: RequestInit = { method, headers: headers(method, extra), cache: 'no-store', credentials: 'same-origin' };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, init);
  if (res.ok) return res;
  const problem = await readProblem(res);
  // a stale token (the session changed in another tab): fetch the current one and try once more
  if (!retried && isCsrfProblem(res.status, problem)) {
    await refreshSession().catch(() => undefined);
    return send(method, path, body, extra, true);
  }
  reportUnauthorized(res.status, path);
  throw new ApiError(res.status, problem);
}

async function request<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const res = await send(method, path, body, extra);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * A JSON call for feature modules that keep their own endpoints (api/meetings.ts): the answer and the
 * version in its ETag (null without one), with the session's headers, anti-forgery token and 401 handling.
 */
export async function callJson<T>(method: string, path: string, body?: unknown, version?: number | null): Promise<{ body: T; version: number | null }> {
  const res = await send(method, path, body, version === undefined || version === null ? {} : ifMatch(version));
  const tag = /^(?:W\/)?"?(\d+)"?$/.exec(res.headers.get('ETag') ?? '');
  const text = res.status === 204 ? '' : await res.text();
  return { body: (text ? JSON.parse(text) : undefined) as T, version: tag ? Number(tag[1]) : null };
}

/** GET a JSON document at any same-origin address (analysis endpoints build their own URLs). */
export function getJson<T>(url: string): Promise<T> { return request<T>('GET', url); }

/** The current session; keeps its anti-forgery token for the next unsafe request. */
export async function refreshSession(): Promise<Me> {
  const me = await request<Me>('GET', '/api/auth/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** A sign-in answered with a session: take its token, then the one /me hands out for that session. */
async function signedIn(p: Promise<Me>): Promise<Me> {
  setCsrfToken((await p).csrfToken);
  return refreshSession();
}

function fileName(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) { try { return decodeURIComponent(star[1]!.trim()); } catch { /* fall through */ } }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1]!.trim() : fallback;
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

  me: refreshSession,
  requestSignIn: (email: string) => request<void>('POST', '/api/auth/sign-in', { email }),
  completeSignIn: (token: string) => signedIn(request<Me>('POST', '/api/auth/sign-in/complete', { token })),
  developmentSignIn: () => signedIn(request<Me>('POST', '/api/auth/development')),
  signOut: async () => { await request<void>('POST', '/api/auth/sign-out'); setCsrfToken(null); },
  oidcUrl: (returnUrl: string) => '/api/auth/oidc' + qs({ returnUrl }),

  accounts: () => request<Account[]>('GET', '/api/accounts'),
  createAccount: (a: AccountInput) => request<Account>('POST', '/api/accounts', a),
  updateAccount: (id: string, a: AccountInput) => request<Account>('PUT', `/api/accounts/${enc(id)}`, a),
  deleteAccount: (id: string) => request<void>('DELETE', `/api/accounts/${enc(id)}`),
  tokens: () => request<ApiToken[]>('GET', '/api/tokens'),
  createToken: (name: string) => request<CreatedToken>('POST', '/api/tokens', { name }),
  revokeToken: (id: string) => request<void>('DELETE', `/api/tokens/${enc(id)}`),
  feeds: () => request<CalendarFeed[]>('GET', '/api/feeds'),
  createFeed: (feed: { kind: 'personal' | 'platform'; platform?: string | null; name?: string | null }) => request<CreatedFeed>('POST', '/api/feeds', feed),
  revokeFeed: (id: string) => request<void>('DELETE', `/api/feeds/${enc(id)}`),
  audit: (params: { actor?: string | null; before?: number | null; limit?: number }) => request<AuditPage>('GET', '/api/audit' + qs(params)),

  /** Everything stored about a person, as the file the server offers for download. */
  exportPerson: async (id: string) => {
    const res = await send('GET', `/api/people/${enc(id)}/export`);
    return { blob: await res.blob(), fileName: fileName(res, `persoon-${id}.json`) };
  },
  /**
   * A network export as a file: GEXF, GraphML, a Cypher script for Neo4j or CSV (one kind or relationship type). With `nodes` the server
   * exports that view of the map (POST), without it the region or whole graph (GET).
   */
  exportGraph: async (format: ExportFormat, req: ExportRequest) => {
    const query = qs({ region: req.region, asOf: req.asOf, kind: req.kind, type: req.type });
    const res = req.nodes
      ? await send('POST', `/api/export/${format}`, { region: req.region, asOf: req.asOf, nodes: req.nodes, kind: req.kind, type: req.type })
      : await send('GET', `/api/export/${format}${query}`);
    return { blob: await res.blob(), fileName: fileName(res, `netwerk.${format}`) };
  },
  /** A meeting's invitee or attendance list as .xlsx. */
  meetingList: async (id: string, list: 'invitees' | 'attendance') => {
    const res = await send('GET', `/api/meetings/${enc(id)}/${list}.xlsx`, undefined, { Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/problem+json' });
    return { blob: await res.blob(), fileName: fileName(res, `${list}-${id}.xlsx`) };
  },
  erasePerson: (id: string) => request<EraseResult>('POST', `/api/people/${enc(id)}/erase`),
};

export type Api = typeof api;

export type ExportFormat = 'gexf' | 'graphml' | 'cypher' | 'csv';

/** The network export formats in button order, with the name each goes by. */
export const exportFormats: Record<ExportFormat, string> = { gexf: 'GEXF', graphml: 'GraphML', cypher: 'Cypher', csv: 'CSV' };

export interface ExportRequest {
  region: string | null;
  asOf: string | null;
  /** the node ids the map shows; absent = the region (or whole graph) */
  nodes?: string[];
  kind?: string;
  type?: string;
  /** CSV: 'semicolon' (default, Excel in Belgium) or 'comma' */
  delimiter?: string;
}
