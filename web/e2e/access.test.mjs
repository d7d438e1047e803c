// End-to-end: accounts, roles and personal data in real Chromium against a real server — the mailed
// sign-in link, a viewer's read-only map of one region, Beheer (accounts, API tokens, audit log), GDPR
// erasure from the side panel, and no Content Security Policy violation on any page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ALL, ensureAccount, mailsTo, signIn, signInLink, signedInState } from './auth.mjs';
import { launch, openRecording } from './browser.mjs';
import { startServer } from './server.mjs';

const SENT = 'Als dit adres bij ons bekend is, ontvangt u binnen enkele minuten een aanmeldlink.';
let server;
let browser;
let region; // { id, name } of the demo network's W13 (or the first region)

before(async () => {
  server = await startServer();
  browser = await launch();
  const regions = (await server.api('GET', '/api/nodes?kind=Region&limit=500')).body.items;
  const r = regions.find((x) => x.id === 'region-zuid-west-vlaanderen') ?? regions[0];
  region = { id: r.id, name: r.properties.name };
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh context and page that records CSP violations, page errors and console errors. */
function open(options = {}) {
  return openRecording(browser, options);
}

async function mapReady(page) {
  await page.waitForFunction(() => window.netwerk?.debug()?.cy?.nodes().length > 0, null, { timeout: 20_000 });
}

/** Submits the sign-in form and returns the message shown once the server answered. */
async function requestLink(page, email) {
  await page.fill('#signin-email', email);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/auth/sign-in') && r.request().method() === 'POST'),
    page.click('#signin-submit'),
  ]);
  await page.waitForFunction(() => document.querySelector('#signin-status')?.textContent !== '');
  return (await page.locator('#signin-status').textContent()).trim();
}

describe('access', () => {
  test('a fresh browser gets the sign-in screen; the mailed link signs in once and never again', async () => {
    const email = 'an.aanmelder@e2e.test';
    await ensureAccount(server, email, { name: 'An Aanmelder', grants: ALL });
    const { context, page, csp } = await open();
    await page.goto(server.url + '/');
    await page.waitForSelector('#signin-form');
    assert.equal(await page.locator('#signin-title').textContent(), 'Aanmelden');
    assert.equal(await page.locator('#map').count(), 0, 'no map before signing in');

    const since = Date.now();
    const known = new Set(mailsTo(server, email).map((m) => m.path));
    const unknownAnswer = await requestLink(page, 'niemand.gekend@e2e.test');
    const knownAnswer = await requestLink(page, email);
    assert.equal(unknownAnswer, SENT);
    assert.equal(knownAnswer, unknownAnswer, 'the same answer for a known and an unknown address');

    const { link } = await signInLink(server, email, since, { known });
    assert.match(link, /\/signin\.html#token=/, 'the token travels in the fragment');
    assert.equal(mailsTo(server, 'niemand.gekend@e2e.test').length, 0, 'no mail to an unknown address');

    await page.goto(link);
    assert.equal(await page.locator('h1').textContent(), 'Aanmelden bij Netwerk');
    await page.click('#signin-complete');
    await page.waitForURL(server.url + '/');
    await mapReady(page);
    assert.equal(await page.locator('#account-name').textContent(), 'An Aanmelder');
    assert.equal(await page.locator('#account-role').textContent(), 'regisseur');
    assert.deepEqual(await csp(), []);

    // the same link a second time, in another browser: refused, in Dutch
    const other = await open();
    await other.page.goto(link);
    await other.page.click('#signin-complete');
    await other.page.locator('#signin-link-status', { hasText: 'Deze aanmeldlink is ongeldig, verlopen of al gebruikt.' }).waitFor();
    assert.ok(await other.page.locator('#signin-again').isVisible());
    assert.ok(!other.page.url().includes('token='), 'the spent link leaves the address bar');
    assert.deepEqual(await other.csp(), []);
    await other.context.close();

    // signing out ends the session
    await page.click('#account-button');
    await page.click('#sign-out');
    await page.waitForSelector('#signin-form');
    assert.equal((await page.evaluate(() => fetch('/api/graph').then((r) => r.status))), 401);
    await context.close();
  });

  test('a viewer of one region sees only that region, read-only, and a direct write is refused', async () => {
    const { context, page } = await open();
    await signIn(page, server, 'kijker.een.gebied@e2e.test', { name: 'Kim Kijker', grants: [{ role: 'viewer', region: region.id }] });
    await mapReady(page);
    assert.deepEqual(await page.locator('#region-select option').allTextContents(), [region.name]);
    assert.equal(await page.locator('#region-select').inputValue(), region.id);
    assert.equal(await page.locator('#account-role').textContent(), 'kijker');
    for (const id of ['#new-node', '#import-menu-button', '#undo']) assert.equal(await page.locator(id).isVisible(), false, `${id} is not offered`);
    assert.ok(await page.locator('#read-only').isVisible());
    await page.click('#account-button');
    assert.equal(await page.locator('#open-admin').count(), 0, 'no Beheer for a viewer');
    await page.keyboard.press('Escape');

    const id = await page.evaluate(() => [...window.netwerk.debug().model.nodes.values()].find((n) => n.kind === 'Organisation')?.id);
    assert.ok(id, 'an organisation on the map');
    await page.evaluate((i) => window.netwerk.debug().select(i), id);
    await page.waitForSelector('#panel-title');
    assert.equal(await page.locator('#panel button:text-is("Bewerken")').count(), 0);
    assert.equal(await page.locator('#panel button:text-is("Verwijderen")').count(), 0);
    assert.equal(await page.locator('#panel .row-actions').count(), 0, 'no relationship edit buttons');

    const statuses = await page.evaluate(async (nodeId) => {
      const me = await (await fetch('/api/auth/me')).json();
      const node = await (await fetch(`/api/nodes/${encodeURIComponent(nodeId)}`)).json();
      const put = await fetch(`/api/nodes/${encodeURIComponent(nodeId)}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': me.csrfToken, 'If-Match': `"${node.version}"` },
        body: JSON.stringify({ properties: { ...node.properties, name: 'Door een kijker gewijzigd' } }),
      });
      const whole = await fetch('/api/graph');
      return { put: put.status, whole: whole.status };
    }, id);
    assert.deepEqual(statuses, { put: 403, whole: 403 });
    assert.notEqual((await server.api('GET', `/api/nodes/${encodeURIComponent(id)}`)).body.properties.name, 'Door een kijker gewijzigd');
    await context.close();
  });

  test('a regisseur of one region edits there and grants roles only there', async () => {
    const { context, page, csp } = await open();
    await signIn(page, server, 'regio.regisseur@e2e.test', { name: 'Ruben Regio', grants: [{ role: 'regisseur', region: region.id }] });
    await mapReady(page);
    assert.deepEqual(await page.locator('#region-select option').allTextContents(), [region.name]);
    assert.equal(await page.locator('#account-role').textContent(), 'regisseur');
    for (const id of ['#new-node', '#import-menu-button', '#undo']) assert.equal(await page.locator(id).isVisible(), true, `${id} is offered`);
    assert.equal(await page.locator('#read-only').isVisible(), false);
    await page.goto(`${server.url}/admin.html`);
    await page.waitForSelector('#accounts-table');
    await page.click('#account-new');
    assert.deepEqual(await page.locator('#grant-region-0 option').allTextContents(), [region.name], 'no "all regions" to give');
    await page.keyboard.press('Escape');
    assert.deepEqual(await csp(), []);
    await context.close();
  });

  test('a regisseur manages accounts and API tokens in Beheer and finds their change in the audit log', async () => {
    const { context, page, csp } = await open();
    const me = await signIn(page, server, 'rita.regisseur@e2e.test', { name: 'Rita Regisseur', grants: ALL });
    await mapReady(page);

    // a change made in the map, to find back in the audit log
    const theme = (await server.api('GET', '/api/nodes?kind=Theme&limit=1')).body.items[0];
    await page.evaluate((i) => window.netwerk.debug().select(i), theme.id);
    await page.click('#panel button:text-is("Bewerken")');
    const newName = `${theme.properties.name} (Rita)`;
    await page.fill('#node-dialog input[name=name]', newName);
    await page.click('#node-dialog button[type=submit]');
    await page.locator('#node-dialog').waitFor({ state: 'detached' });

    await page.click('#account-button');
    await page.click('#open-admin');
    await page.waitForURL(`${server.url}/admin.html`);
    await page.waitForSelector('#accounts-table');
    assert.equal(await page.locator('h1').textContent(), 'Beheer');

    // a new account with a role in one region
    await page.click('#account-new');
    await page.fill('#acc-name', 'Olivia Organisator');
    await page.fill('#acc-email', 'olivia.organisator@e2e.test');
    await page.selectOption('#grant-role-0', 'organiser');
    await page.selectOption('#grant-region-0', region.id);
    await page.click('#account-save');
    const row = page.locator('#accounts-table tr[data-email="olivia.organisator@e2e.test"]');
    await row.waitFor();
    assert.match(await row.textContent(), new RegExp(`organisator · ${region.name}`));
    const created = (await server.api('GET', '/api/accounts')).body.find((a) => a.email === 'olivia.organisator@e2e.test');
    assert.deepEqual(created.grants.map(({ role, region: r }) => ({ role, region: r })), [{ role: 'organiser', region: region.id }]);
    // the same address twice is refused next to the field
    await page.click('#account-new');
    await page.fill('#acc-name', 'Dubbel');
    await page.fill('#acc-email', 'olivia.organisator@e2e.test');
    await page.click('#account-save');
    await page.locator('#acc-email-error', { hasText: 'Er bestaat al een account met dit e-mailadres.' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#account-dialog').waitFor({ state: 'detached' });

    // an API token: the secret once, it works, and after revoking it no more
    await page.fill('#token-name', 'e2e script');
    await page.click('#token-create');
    await page.waitForSelector('#token-secret');
    const secret = await page.inputValue('#token-secret');
    assert.match(secret, /^nwk_/);
    assert.match(await page.locator('#token-secret-warning').textContent(), /niet opnieuw getoond/);
    const withSecret = () => fetch(`${server.url}/api/graph?region=${encodeURIComponent(region.id)}`, { headers: { Authorization: `Bearer ${secret}` } }).then((r) => r.status);
    assert.equal(await withSecret(), 200);
    await page.click('#token-dismiss');
    assert.equal(await page.locator('#token-secret').count(), 0, 'the secret is not shown again');
    const tokenRow = page.locator('#tokens-table tbody tr', { hasText: 'e2e script' });
    await tokenRow.locator('button', { hasText: 'Intrekken' }).click();
    await page.click('#confirm-dialog button.danger');
    await tokenRow.locator('td', { hasText: 'ingetrokken' }).waitFor();
    assert.equal(await withSecret(), 401);

    // the audit log, filtered on Rita: her change with her name
    await page.selectOption('#audit-actor', me.id);
    const first = page.locator('#audit-table tbody tr').first();
    await first.locator('td.audit-id', { hasText: theme.id }).waitFor();
    assert.equal(await first.locator('td.actor').textContent(), 'Rita Regisseur');
    assert.match(await first.textContent(), /Knoop gewijzigd/);
    // everyone: newest first, a page at a time
    await page.selectOption('#audit-actor', '');
    await page.waitForFunction(() => document.querySelectorAll('#audit-table tbody tr').length >= 50);
    const before = await page.locator('#audit-table tbody tr').count();
    await page.click('#audit-more');
    await page.waitForFunction((n) => document.querySelectorAll('#audit-table tbody tr').length > n, before);
    const sequences = await page.locator('#audit-table tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.dataset.sequence)));
    assert.deepEqual(sequences, [...sequences].sort((a, b) => b - a), 'newest first');
    // the id of a changed node opens it on the map
    await page.selectOption('#audit-actor', me.id);
    await page.locator('#audit-table tbody tr').first().locator('a', { hasText: theme.id }).click();
    await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('node') === theme.id);
    await page.locator('#panel-title', { hasText: newName }).waitFor({ timeout: 20_000 });
    assert.deepEqual(await csp(), []);
    await server.api('PUT', `/api/nodes/${encodeURIComponent(theme.id)}`, { properties: theme.properties },
      { 'If-Match': `"${(await server.api('GET', `/api/nodes/${encodeURIComponent(theme.id)}`)).body.version}"` });
    await context.close();
  });

  test('erasing a person from the panel takes them off every map, out of search and out of every export', async () => {
    const name = 'Wanda Wisbaar';
    const email = 'wanda.wisbaar@e2e.test';
    const org = (await server.api('GET', '/api/nodes?kind=Organisation&limit=1')).body.items[0];
    const person = (await server.api('POST', '/api/nodes', { kind: 'Person', properties: { name, email } })).body;
    const tie = await server.api('POST', '/api/relationships', { type: 'WORKS_FOR', from: person.id, to: org.id, properties: {} });
    assert.equal(tie.status, 201, JSON.stringify(tie.body));
    // someone without any relationship: the erasure's feed names them only by a tombstone
    const loner = (await server.api('POST', '/api/nodes', { kind: 'Person', properties: { name: 'Lotte Losstaand', email: 'lotte.losstaand@e2e.test' } })).body;

    const state = await signedInState(browser, server, 'erik.erfgoed@e2e.test', { name: 'Erik Regisseur', grants: ALL });
    const a = await open({ storageState: state });
    const b = await open({ storageState: state });
    for (const p of [a.page, b.page]) {
      await p.goto(server.url + '/');
      await mapReady(p);
      await p.waitForFunction((ids) => ids.every((id) => window.netwerk.debug().model.nodes.has(id)), [person.id, loner.id], { timeout: 10_000 });
    }
    await a.page.evaluate((id) => window.netwerk.debug().select(id), person.id);
    await a.page.locator('#panel-title', { hasText: name }).waitFor();

    // export first: everything about them, as a file
    const [exported] = await Promise.all([a.page.waitForEvent('download'), a.page.click('#gdpr-export')]);
    const personal = readFileSync(await exported.path(), 'utf8');
    assert.ok(personal.includes(name) && personal.includes(email), 'the export holds their data');

    await a.page.click('#gdpr-erase');
    const dialog = a.page.locator('#erase-dialog');
    await dialog.waitFor();
    assert.match(await dialog.textContent(), /anonieme aantallen/);
    await a.page.fill('#erase-name', 'Wanda');
    assert.equal(await a.page.locator('#erase-confirm').isDisabled(), true, 'only the full name confirms');
    await a.page.fill('#erase-name', name);
    await a.page.click('#erase-confirm');
    await dialog.waitFor({ state: 'detached' });
    await a.page.waitForFunction((id) => !window.netwerk.debug().model.nodes.has(id) && window.netwerk.debug().cy.getElementById(id).empty(), person.id);
    assert.equal(await a.page.locator('#panel').isVisible(), false, 'the panel closed');
    // the other browser drops them too, live
    await b.page.waitForFunction((id) => !window.netwerk.debug().model.nodes.has(id), person.id, { timeout: 5000 });
    // and someone erased without any relationship leaves every open map as well
    assert.equal((await server.api('POST', `/api/people/${encodeURIComponent(loner.id)}/erase`)).status, 200);
    for (const p of [a.page, b.page]) {
      await p.waitForFunction((id) => !window.netwerk.debug().model.nodes.has(id) && window.netwerk.debug().cy.getElementById(id).empty(), loner.id, { timeout: 5000 });
    }

    assert.equal((await server.api('GET', `/api/nodes/${encodeURIComponent(person.id)}`)).status, 404);
    const hits = (await server.api('GET', `/api/search?q=${encodeURIComponent('Wanda')}`)).body;
    assert.equal(hits.filter((h) => h.id === person.id || h.name === name).length, 0, 'not found by search');
    await a.page.fill('#search', 'Wanda');
    await a.page.waitForTimeout(600);
    assert.equal(await a.page.locator('#search-list [role=option]', { hasText: name }).count(), 0);

    const [graphFile] = await Promise.all([a.page.waitForEvent('download'), a.page.click('#export-menu-button').then(() => a.page.click('#export-json'))]);
    const graph = readFileSync(await graphFile.path(), 'utf8');
    assert.ok(!graph.includes(name) && !graph.includes(email), 'the map export holds neither name nor e-mail');
    const whole = JSON.stringify((await server.api('GET', '/api/graph')).body);
    assert.ok(!whole.includes(name) && !whole.includes(email), 'the server\'s graph holds neither');
    assert.deepEqual(await a.csp(), []);
    await a.context.close();
    await b.context.close();
  });

  test('no page breaks the Content Security Policy', async () => {
    const anonymous = await open();
    await anonymous.page.goto(server.url + '/');
    await anonymous.page.waitForSelector('#signin-form');
    await anonymous.page.selectOption('#lang-select', 'en');
    await anonymous.page.locator('#signin-title', { hasText: 'Sign in' }).waitFor();
    await anonymous.page.goto(server.url + '/signin.html#token=not-a-real-token');
    await anonymous.page.waitForSelector('#signin-complete');
    await anonymous.page.goto(server.url + '/admin.html');
    await anonymous.page.waitForSelector('#signin-form');
    assert.deepEqual(await anonymous.csp(), []);
    await anonymous.context.close();

    const state = await signedInState(browser, server, 'carla.csp@e2e.test', { name: 'Carla Csp', grants: ALL });
    const { context, page, csp } = await open({ storageState: state });
    const seen = [];
    for (const [path, ready] of [['/', '#live-status[data-status=online]'], ['/admin.html', '#audit-table'], [`/report.html?region=${region.id}`, '#report-count']]) {
      await page.goto(server.url + path);
      await page.waitForSelector(ready, { timeout: 30_000 });
      seen.push(...await csp());
    }
    assert.deepEqual(seen, []);
    await context.close();
  });
});

describe('sign-in rate limit', () => {
  let limited;
  before(async () => { limited = await startServer({ seed: false, signInPerMinute: 2 }); });
  after(async () => { await limited?.stop(); });

  test('too many sign-in requests in a row get a clear message', async () => {
    const { context, page } = await open();
    await page.goto(limited.url + '/');
    await page.waitForSelector('#signin-form');
    assert.equal(await requestLink(page, 'een@e2e.test'), SENT);
    assert.equal(await requestLink(page, 'twee@e2e.test'), SENT);
    assert.equal(await requestLink(page, 'drie@e2e.test'), 'Te veel aanvragen na elkaar. Wacht enkele minuten en probeer het dan opnieuw.');
    await context.close();
  });
});
