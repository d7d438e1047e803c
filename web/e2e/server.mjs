// Starts the Netwerk backend for the end-to-end tests and the benchmark: a free port, its own
// SQLite file in a temp folder, the built front end as web root; waits for /health; stops it after.
// Access: a random bootstrap token that the api() helper sends as a bearer token (the tests' own
// regisseur of every region), and mail written as .eml files to an outbox folder the tests read.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, '..');
export const repoDir = resolve(webDir, '..');
export const wwwroot = join(repoDir, 'src/Netwerk.Web/wwwroot');

export function serverDll() {
  return process.env.NETWERK_SERVER_DLL ?? join(repoDir, 'src/Netwerk.Web/bin/Release/net10.0/Netwerk.Web.dll');
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

/** Build the front end into wwwroot when it is not there yet. */
export function ensureBuilt() {
  if (existsSync(join(wwwroot, 'index.html')) && !process.env.NETWERK_REBUILD) return;
  execFileSync('npx', ['vite', 'build'], { cwd: webDir, stdio: 'inherit' });
}

/**
 * @param {{ seed?: boolean, fixtureIfEmpty?: boolean, signInPerMinute?: number }} options
 *   signInPerMinute: the sign-in rate limit per client address (the tests all come from 127.0.0.1)
 * @returns {Promise<{ url: string, bootstrapToken: string, outboxDir: string, stop: () => Promise<void>, restart: (pauseMs?: number) => Promise<void>, log: () => string,
 *   api: (method: string, path: string, body?: unknown, headers?: Record<string,string|null>) => Promise<{status:number, headers: Headers, body:any}> }>}
 *   api() sends the bootstrap token unless headers.Authorization is given (null: no Authorization at all).
 */
export async function startServer({ seed = true, fixtureIfEmpty = true, signInPerMinute = 1000 } = {}) {
  const dll = serverDll();
  if (!existsSync(dll)) throw new Error(`Netwerk server not found at ${dll}; build it or set NETWERK_SERVER_DLL`);
  ensureBuilt();
  // the demo network ships next to the server; without it, seeding would fail: use the e2e fixture
  if (seed && !existsSync(join(dirname(dll), 'DemoData', 'demo-network.json'))) seed = false;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'netwerk-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const bootstrapToken = randomBytes(32).toString('base64url');
  const outboxDir = join(dir, 'outbox');
  let log = '';
  let child;
  let exited;
  const spawnServer = () => {
    child = spawn('dotnet', [dll, '--urls', url, `--Storage:Sqlite:Path=${join(dir, 'netwerk.db')}`,
      `--Netwerk:SeedDemoData=${seed}`, '--webroot', wwwroot, '--environment', 'Testing',
      `--Netwerk:Auth:BootstrapToken=${bootstrapToken}`, `--Smtp:OutboxPath=${outboxDir}`, `--Invitations:PublicBaseUrl=${url}`,
      `--Netwerk:Auth:SignInRequestsPerMinute=${signInPerMinute}`], {
      cwd: dirname(dll), stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => { log += d; });
    child.stderr.on('data', (d) => { log += d; });
    exited = new Promise((res) => child.on('exit', res));
  };
  spawnServer();

  const api = async (method, path, body, headers = {}) => {
    const all = { Accept: 'application/json', Authorization: `Bearer ${bootstrapToken}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers };
    if (all.Authorization === null) delete all.Authorization;
    const res = await fetch(url + path, {
      method,
      headers: all,
      body: body !== undefined ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
    });
    const text = await res.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
    return { status: res.status, headers: res.headers, body: parsed };
  };

  const waitHealthy = async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
      try {
        const r = await fetch(url + '/health');
        if (r.ok) return await r.json();
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 200));
    }
    child.kill('SIGKILL');
    throw new Error(`server did not become healthy:\n${log}`);
  };
  const health = await waitHealthy();

  // Without the demo data file (or with seeding off), load the small e2e network instead.
  if (fixtureIfEmpty && health.store.nodeCount === 0) {
    const doc = readFileSync(join(here, 'fixture.json'), 'utf8');
    const r = await api('POST', '/api/import', doc);
    if (r.status !== 200) throw new Error(`fixture import failed: ${JSON.stringify(r.body)}`);
  }

  const halt = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
  };
  const stop = async () => {
    await halt();
    rmSync(dir, { recursive: true, force: true });
  };
  /** Stop the process (the database stays) and start it again on the same address. */
  const restart = async (pauseMs = 0) => {
    await halt();
    await new Promise((r) => setTimeout(r, pauseMs));
    spawnServer();
    await waitHealthy();
  };
  return { url, api, stop, restart, log: () => log, bootstrapToken, outboxDir };
}
