// Import from spreadsheets: upload (with upload progress), preview, import, progress. Types are checked against the
// generated OpenAPI types in openapi-check.ts.
import { ApiError, callJson, parseProblemText, reportUnauthorized, xsrfHeader } from './client';
import type { Problem } from './types';
import { lang } from '../i18n';

export type ImportTarget = 'organisations' | 'people' | 'memberships';

export interface LocalizedText { nl: string; en: string }
export interface AllowedValue { value: string; label: LocalizedText }
export interface TargetProperty { name: string; label: LocalizedText; required: boolean; values?: AllowedValue[] | null; schema?: boolean }
export interface TargetDescription { target: ImportTarget; properties: TargetProperty[]; suggested: Record<string, string> }
export interface SheetRow { number: number; cells: string[] }
export interface SpreadsheetUpload {
  id: string; fileName: string; format: string; detail: string | null; rowCount: number; columns: string[];
  sample: SheetRow[]; targets: TargetDescription[]; expiresAt: string;
}
export interface SpreadsheetImportRequest {
  target?: ImportTarget;
  mapping?: Record<string, string>;
  defaults?: Record<string, string>;
  skipBadRows?: boolean;
  overwrite?: boolean;
  decisions?: Record<string, string>;
}
export interface RowIssue { column: string | null; property: string | null; code: string; message: string }
export interface RowMatch { nodeId: string; name: string; reason: string }
export interface RowCandidate { nodeId: string; kind: string; name: string; score: number; detail: string | null }
export interface RowLink { type: string; name: string; nodeId: string | null }
export type RowStatus = 'new' | 'matched' | 'needs-decision' | 'duplicate' | 'error' | 'skipped';
export interface PreviewRow {
  row: number; status: string; name: string; values: Record<string, unknown>; errors: RowIssue[]; warnings: RowIssue[];
  match: RowMatch | null; candidates: RowCandidate[]; duplicateOf: number | null; links: RowLink[];
}
export interface PreviewSummary { rows: number; new: number; matched: number; needsDecision: number; errors: number; duplicates: number; skipped: number }
export interface SpreadsheetPreview { target: ImportTarget; summary: PreviewSummary; rows: PreviewRow[] }
export interface ImportProgress { phase: string; done: number; total: number }
export interface SpreadsheetImportResult {
  nodesCreated: number; nodesUpdated: number; nodesUnchanged: number; relationshipsCreated: number; relationshipsUpdated: number;
  relationshipsUnchanged: number; rowsImported: number; rowsSkipped: number; latestSequence: number; createdIds: string[];
}
/** The rows a refused import names (ProblemDetails extension "rows"). */
export interface RefusedRow { row: number; name: string; errors: RowIssue[] }

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Uploads a file as multipart form data, reporting the share sent; rejects with an ApiError carrying the ProblemDetails. */
export function uploadSpreadsheet(file: File, onProgress: (fraction: number) => void): Promise<SpreadsheetUpload> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/spreadsheets');
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', lang());
    for (const [k, v] of Object.entries(xsrfHeader('POST'))) xhr.setRequestHeader(k, v);
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) { resolve(JSON.parse(xhr.responseText) as SpreadsheetUpload); return; }
      reportUnauthorized(xhr.status, '/api/spreadsheets');
      reject(new ApiError(xhr.status, parseProblemText(xhr.status, xhr.responseText)));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { status: 0, title: 'offline' } as Problem)));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

const base = (id: string) => `/api/spreadsheets/${encodeURIComponent(id)}`;

export const spreadsheets = {
  preview: async (id: string, body: SpreadsheetImportRequest) => (await callJson<SpreadsheetPreview>('POST', `${base(id)}/preview`, body)).body,
  import: async (id: string, body: SpreadsheetImportRequest) => (await callJson<SpreadsheetImportResult>('POST', `${base(id)}/import`, body)).body,
  progress: async (id: string) => (await callJson<ImportProgress>('GET', `${base(id)}/progress`)).body,
};

/** The columns → property mapping remembered for this set of headers (or header by header) in this browser. */
export function rememberedMapping(storage: Pick<Storage, 'getItem'> | null, target: ImportTarget, columns: string[]): Record<string, string> | null {
  if (!storage) return null;
  try {
    // Stored by folded header, so "E-mail" and "e mail" are one column; handed back under the sheet's own headers.
    const exact = storage.getItem(signatureKey(target, columns));
    const byHeader = JSON.parse(exact ?? storage.getItem(headerKey(target)) ?? '{}') as Record<string, string>;
    const found = Object.fromEntries(columns.filter((c) => byHeader[fold(c)]).map((c) => [c, byHeader[fold(c)]!]));
    return exact || Object.keys(found).length ? found : null;
  } catch {
    return null;
  }
}

export function rememberMapping(storage: Pick<Storage, 'getItem' | 'setItem'> | null, target: ImportTarget, columns: string[], mapping: Record<string, string>): void {
  if (!storage) return;
  try {
    storage.setItem(signatureKey(target, columns), JSON.stringify(Object.fromEntries(columns.filter((c) => mapping[c]).map((c) => [fold(c), mapping[c]!]))));
    const byHeader = JSON.parse(storage.getItem(headerKey(target)) ?? '{}') as Record<string, string>;
    for (const c of columns) {
      if (mapping[c]) byHeader[fold(c)] = mapping[c]!;
      else delete byHeader[fold(c)];
    }
    storage.setItem(headerKey(target), JSON.stringify(byHeader));
  } catch { /* storage full or denied: the mapping is simply not remembered */ }
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
const signatureKey = (target: ImportTarget, columns: string[]) => `netwerk.sheetMapping.${target}.${columns.map(fold).join('|')}`;
const headerKey = (target: ImportTarget) => `netwerk.sheetMapping.${target}.headers`;
