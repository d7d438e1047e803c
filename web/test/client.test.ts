import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, isCsrfProblem, onUnauthorized, setCsrfToken, xsrfHeader } from '../src/api/client';

type Call = { url: string; init: RequestInit };

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

describe('anti-forgery header', () => {
  it('is sent on unsafe methods only, and only with a token', () => {
    expect(xsrfHeader('POST', 'tok')).toEqual({ 'X-XSRF-TOKEN': 'tok' });
    expect(xsrfHeader('put', 'tok')).toEqual({ 'X-XSRF-TOKEN': 'tok' });
    expect(xsrfHeader('DELETE', 'tok')).toEqual({ 'X-XSRF-TOKEN': 'tok' });
    expect(xsrfHeader('PATCH', 'tok')).toEqual({ 'X-XSRF-TOKEN': 'tok' });
    expect(xsrfHeader('GET', 'tok')).toEqual({});
    expect(xsrfHeader('HEAD', 'tok')).toEqual({});
    expect(xsrfHeader('POST', null)).toEqual({});
  });

  it('recognises the csrf refusal by its problem type', () => {
    expect(isCsrfProblem(400, { status: 400, title: 'x', type: 'https://netwerk/problems/csrf' })).toBe(true);
    expect(isCsrfProblem(400, { status: 400, title: 'x', type: 'https://netwerk/problems/validation' })).toBe(false);
    expect(isCsrfProblem(403, { status: 403, title: 'x', type: 'csrf' })).toBe(false);
  });
});

describe('requests', () => {
  let calls: Call[];
  let answers: Response[];

  beforeEach(() => {
    calls = [];
    answers = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answers.shift() ?? json(200, {});
    }));
    setCsrfToken(null);
  });
  afterEach(() => { vi.unstubAllGlobals(); setCsrfToken(null); });

  const header = (c: Call, name: string) => (c.init.headers as Record<string, string>)[name];

  it('take the token from /me and send it on writes, not on reads', async () => {
    answers.push(json(200, { signedIn: true, csrfToken: 'from-me', developmentSignIn: false, oidc: false }));
    await api.me();
    await api.schema();
    await api.createToken('script');
    expect(header(calls[1]!, 'X-XSRF-TOKEN')).toBeUndefined();
    expect(header(calls[2]!, 'X-XSRF-TOKEN')).toBe('from-me');
    expect(calls[2]!.init.method).toBe('POST');
  });

  it('refresh the token from /me after signing in', async () => {
    answers.push(json(200, { signedIn: true, csrfToken: 'from-complete', developmentSignIn: false, oidc: false }));
    answers.push(json(200, { signedIn: true, csrfToken: 'from-me-after', developmentSignIn: false, oidc: false }));
    await api.completeSignIn('link-token');
    expect(calls.map((c) => c.url)).toEqual(['/api/auth/sign-in/complete', '/api/auth/me']);
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ token: 'link-token' });
    await api.deleteAccount('a1');
    expect(header(calls[2]!, 'X-XSRF-TOKEN')).toBe('from-me-after');
  });

  it('retry a write once with a fresh token after a csrf refusal', async () => {
    setCsrfToken('stale');
    answers.push(json(400, { type: 'https://netwerk/problems/csrf', title: 'Bad token', status: 400 }, 'application/problem+json'));
    answers.push(json(200, { signedIn: true, csrfToken: 'fresh', developmentSignIn: false, oidc: false }));
    answers.push(json(204, null));
    await api.revokeToken('t1');
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['DELETE /api/tokens/t1', 'GET /api/auth/me', 'DELETE /api/tokens/t1']);
    expect(header(calls[2]!, 'X-XSRF-TOKEN')).toBe('fresh');
  });

  it('give up after one retry', async () => {
    setCsrfToken('stale');
    const csrf = () => json(400, { type: 'csrf', title: 'Bad token', status: 400 });
    answers.push(csrf(), json(200, { signedIn: true, csrfToken: 'still-bad', developmentSignIn: false, oidc: false }), csrf());
    await expect(api.revokeToken('t1')).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(3);
  });

  it('report a 401 once to the app, and not for the sign-in calls themselves', async () => {
    const seen = vi.fn();
    onUnauthorized(seen);
    answers.push(json(401, { title: 'Unauthorized', status: 401 }), json(401, { title: 'Unauthorized', status: 401 }));
    await expect(api.schema()).rejects.toMatchObject({ status: 401 });
    await expect(api.graph(null, null)).rejects.toMatchObject({ status: 401 });
    expect(seen).toHaveBeenCalledTimes(1);
    onUnauthorized(seen);
    answers.push(json(401, { title: 'Unauthorized', status: 401 }));
    await expect(api.completeSignIn('x')).rejects.toMatchObject({ status: 401 });
    expect(seen).toHaveBeenCalledTimes(1);
  });

  it('name the exported file after the server\'s Content-Disposition', async () => {
    answers.push(new Response('{"name":"An"}', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="persoon-p1.json"; filename*=UTF-8\'\'persoon-p1%20export.json' } }));
    const { fileName, blob } = await api.exportPerson('p1');
    expect(fileName).toBe('persoon-p1 export.json');
    expect(await blob.text()).toBe('{"name":"An"}');
    answers.push(new Response('{}', { status: 200 }));
    expect((await api.exportPerson('p2')).fileName).toBe('persoon-p2.json');
  });
});
