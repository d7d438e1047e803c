// Signing in for the end-to-end tests, the way a user does: the account is made through the API (with
// the bootstrap token), the sign-in form is submitted, the mail is read from the server's outbox folder
// and its link opened and used.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ALL = [{ role: 'regisseur', region: '*' }];

/** The account with this address, made or brought to these grants through the API. */
export async function ensureAccount(server, email, { name = nameFrom(email), grants = ALL, language = 'nl' } = {}) {
  const list = await server.api('GET', '/api/accounts');
  if (list.status !== 200) throw new Error(`GET /api/accounts: ${list.status} ${JSON.stringify(list.body)}`);
  const found = list.body.find((a) => a.email.toLowerCase() === email.toLowerCase());
  const body = { email, name, language, grants };
  const r = found ? await server.api('PUT', `/api/accounts/${encodeURIComponent(found.id)}`, body) : await server.api('POST', '/api/accounts', body);
  if (r.status !== 200 && r.status !== 201) throw new Error(`account ${email}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

function nameFrom(email) {
  return email.split('@')[0].split(/[._-]/).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

/** The outbox files addressed to `email` that appeared after `since` (ms), newest first. */
export function mailsTo(server, email, since = 0) {
  if (!existsSync(server.outboxDir)) return [];
  return readdirSync(server.outboxDir).filter((f) => f.endsWith('.eml'))
    .map((f) => join(server.outboxDir, f))
    .map((path) => ({ path, mtime: statSync(path).mtimeMs }))
    .filter((m) => m.mtime >= since - 1000) // file times have coarse resolution on some file systems
    .map((m) => ({ ...m, text: readFileSync(m.path, 'latin1') }))
    .filter((m) => addressedTo(m.text, email))
    .sort((a, b) => b.mtime - a.mtime);
}

/** Waits for a new mail to `email` and returns the sign-in link in its text part. */
export async function signInLink(server, email, since, { known = new Set(), timeout = 10_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const mail = mailsTo(server, email, since).find((m) => !known.has(m.path));
    if (mail) {
      const link = linkIn(textOf(mail.text));
      if (!link) throw new Error(`no sign-in link in ${mail.path}:\n${textOf(mail.text)}`);
      return { link, path: mail.path };
    }
    if (Date.now() > deadline) throw new Error(`no sign-in mail to ${email} in ${server.outboxDir}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Signs `page` in as `email` (an account with `grants` is made first). The page ends on the map, or on
 * `returnTo` when given. Returns the account.
 */
export async function signIn(page, server, email, options = {}) {
  const account = await ensureAccount(server, email, options);
  const known = new Set(mailsTo(server, email).map((m) => m.path));
  const since = Date.now();
  await page.goto(server.url + (options.returnTo ?? '/'));
  await page.waitForSelector('#signin-form');
  await page.fill('#signin-email', email);
  await page.click('#signin-submit');
  await page.locator('#signin-status', { hasText: /bekend|known/ }).waitFor();
  const { link } = await signInLink(server, email, since, { known });
  await page.goto(link);
  await page.click('#signin-complete');
  await page.waitForURL((u) => !u.pathname.endsWith('/signin.html'), { timeout: 10_000 });
  return account;
}

/** A browser storage state (session cookie) for `email`, to open contexts already signed in. */
export async function signedInState(browser, server, email, options = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server, email, options);
  await page.waitForSelector('#account-name');
  const state = await context.storageState();
  await context.close();
  return state;
}

// ---------------------------------------------------------------- a small MIME reader

/** The text/plain body of a message, transfer-decoded (quoted-printable soft line breaks joined). */
export function textOf(eml) {
  const text = findText(eml.replace(/\r\n/g, '\n'));
  if (text === null) throw new Error('no text/plain part');
  return text;
}

/** The first part of a message with this content type (e.g. text/calendar), transfer-decoded; null when there is none. */
export function partOf(eml, type) {
  return findText(eml.replace(/\r\n/g, '\n'), new RegExp(`^${type.replace('/', '\\/')}`, 'i'));
}

function findText(entity, wanted = /^text\/plain/i) {
  const split = entity.indexOf('\n\n');
  const head = split < 0 ? entity : entity.slice(0, split);
  const body = split < 0 ? '' : entity.slice(split + 2);
  const headers = parseHeaders(head);
  const type = headers['content-type'] ?? 'text/plain';
  if (/^multipart\//i.test(type)) {
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (!boundary) return null;
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const found = findText(part.replace(/^\n/, ''), wanted);
      if (found !== null) return found;
    }
    return null;
  }
  if (!wanted.test(type)) return null;
  return decode(body, headers['content-transfer-encoding'] ?? '7bit', /charset="?([^";]+)"?/i.exec(type)?.[1] ?? 'utf-8');
}

function parseHeaders(head) {
  const headers = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function decode(body, encoding, charset) {
  const enc = encoding.toLowerCase();
  let bytes;
  if (enc === 'quoted-printable') {
    const joined = body.replace(/=\n/g, '');
    const out = [];
    for (let i = 0; i < joined.length; i++) {
      if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(joined.slice(i + 1, i + 3))) { out.push(parseInt(joined.slice(i + 1, i + 3), 16)); i += 2; }
      else out.push(joined.charCodeAt(i) & 0xff);
    }
    bytes = Buffer.from(out);
  } else if (enc === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else bytes = Buffer.from(body, 'latin1');
  return new TextDecoder(charset).decode(bytes);
}

function addressedTo(eml, email) {
  const h = parseHeaders(eml.replace(/\r\n/g, '\n').split('\n\n')[0]);
  const all = [h.to, h.cc, h.bcc].filter(Boolean).join(',').toLowerCase();
  const escaped = email.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[<\\s,:])${escaped}($|[>\\s,])`).test(all);
}

/** The sign-in link (…/signin.html#token=…) in a mail's text. */
export function linkIn(text) {
  return /https?:\/\/[^\s<>"]+\/signin\.html#token=[^\s<>"]+/.exec(text)?.[0] ?? null;
}
