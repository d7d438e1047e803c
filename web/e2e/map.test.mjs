// End-to-end tests of the network map in real headless Chromium against a real Netwerk server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signedInState } from './auth.mjs';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';

let server;
let browser;
let signedIn; // a regisseur of every region

before(async () => {
  server = await startServer();
  browser = await launch();
  signedIn = await signedInState(browser, server, 'regisseur.kaart@e2e.test');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh browser context with the map open and live. */
async function openMap({ lang } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'nl-BE', timezoneId: 'Europe/Brussels', storageState: signedIn });
  if (lang) await context.addInitScript((l) => localStorage.setItem('netwerk.lang', l), lang);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url + '/');
  await page.waitForSelector('#live-status[data-status=online]', { timeout: 15_000 });
  await page.waitForFunction(() => window.netwerk?.debug()?.cy?.nodes().length > 0);
  return { context, page, errors };
}

const nodeCount = (page) => page.evaluate(() => window.netwerk.debug().cy.nodes().length);
const modelNode = (page, id) => page.evaluate((i) => window.netwerk.debug().model.nodes.get(i) ?? null, id);

/** Type in the search box and pick a hit: by node id when given, else by text. */
async function searchAndPick(page, text, expected) {
  await page.fill('#search', '');
  await page.type('#search', text, { delay: 20 });
  const option = expected?.id
    ? page.locator(`#search-list [role=option][data-id="${expected.id}"]`)
    : page.locator('#search-list [role=option]', { hasText: expected ?? text }).first();
  await option.waitFor();
  await option.click();
}

async function findPlatform(q) {
  const r = await server.api('GET', `/api/search?q=${encodeURIComponent(q)}`);
  const hit = r.body.find((h) => h.kind === 'Platform');
  assert.ok(hit, `a platform matching "${q}"`);
  return hit;
}

async function getNode(id) { return (await server.api('GET', `/api/nodes/${encodeURIComponent(id)}`)).body; }

async function renameViaApi(id, name) {
  const n = await getNode(id);
  const r = await server.api('PUT', `/api/nodes/${encodeURIComponent(id)}`, { properties: { ...n.properties, name } }, { 'If-Match': `"${n.version}"` });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

async function somePerson(skip = new Set()) {
  const r = await server.api('GET', '/api/nodes?kind=Person&limit=500');
  const p = r.body.items.find((x) => !skip.has(x.id));
  assert.ok(p, 'a person');
  return p;
}

describe('network map', () => {
  test('opens the demo map with legend, filters and a live connection', async () => {
    const { context, page, errors } = await openMap();
    const health = (await server.api('GET', '/health')).body;
    assert.ok(await nodeCount(page) > 0);
    assert.ok(await nodeCount(page) <= health.store.nodeCount);
    assert.equal(await page.locator('h1').textContent(), 'Netwerk');
    assert.match(await page.locator('#live-status').textContent(), /Verbonden/);
    assert.match(await page.locator('#filter-count').textContent(), /\d+ van \d+ knopen zichtbaar/);
    assert.ok(await page.locator('.legend li').count() >= 10, 'legend from the schema');
    assert.equal(await page.locator('#region-select option').first().textContent(), 'Hele netwerk');
    // the table shows the same nodes, sortable
    await page.click('#view-table');
    const rows = await page.locator('.data-table tbody tr').count();
    assert.ok(rows > 0);
    const th = page.locator('th', { has: page.locator('button[data-col=degree]') });
    await page.click('button[data-col=degree]');
    assert.ok(['ascending', 'descending'].includes(await th.getAttribute('aria-sort')));
    await page.click('#view-map');
    // layout switch and English
    await page.selectOption('#layout-select', 'grouped');
    await page.selectOption('#lang-select', 'en');
    assert.match(await page.locator('#live-status').textContent(), /Connected/);
    assert.equal(await page.evaluate(() => localStorage.getItem('netwerk.lang')), 'en');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('search focuses the node on the map and opens its panel', async () => {
    const { context, page } = await openMap();
    const hit = await findPlatform('lerend');
    await searchAndPick(page, 'lerend', hit);
    await page.waitForFunction((id) => window.netwerk.debug().cy.$(':selected').map((n) => n.id()).includes(id), hit.id);
    assert.equal((await page.locator('#panel-title').textContent()).trim(), hit.name);
    assert.ok(await page.locator('#panel').isVisible());
    await context.close();
  });

  test('region picker and "as of" date reload the map', async () => {
    const { context, page } = await openMap();
    const whole = await nodeCount(page);
    const regions = (await server.api('GET', '/api/nodes?kind=Region')).body.items;
    const region = regions.find((r) => /zuid-west|w13/i.test(`${r.id} ${r.properties.name}`)) ?? regions[0];
    const expected = (await server.api('GET', `/api/graph?region=${region.id}`)).body;
    await page.selectOption('#region-select', region.id);
    await page.waitForFunction((n) => window.netwerk.debug().cy.nodes().length === n, expected.nodes.length, { timeout: 30_000 });
    assert.ok(expected.nodes.length < whole);
    const past = (await server.api('GET', `/api/graph?region=${region.id}&asOf=2015-01-01`)).body;
    await page.fill('#as-of', '2015-01-01');
    await page.dispatchEvent('#as-of', 'change');
    await page.waitForFunction(([n, r]) => window.netwerk.debug().model.nodes.size === n && window.netwerk.debug().model.rels.size <= r, [past.nodes.length, past.relationships.length], { timeout: 30_000 });
    assert.equal(await page.evaluate(() => localStorage.getItem('netwerk.region')), region.id);
    await page.selectOption('#region-select', '');
    await context.close();
  });

  test('ego network and "Hoe zijn wij verbonden?" highlight on the map', async () => {
    const { context, page } = await openMap();
    const hit = await findPlatform('lerend');
    await searchAndPick(page, 'lerend', hit);
    await page.selectOption('#ego-depth', '2');
    await page.click('#panel button:text-is("Ego-netwerk")');
    await page.locator('#highlight-banner', { hasText: 'Ego-netwerk van' }).waitFor();
    const [hl, dim] = await page.evaluate(() => [window.netwerk.debug().cy.nodes('.hl').length, window.netwerk.debug().cy.nodes('.dim').length]);
    assert.ok(hl > 1 && dim > 0, `highlighted ${hl}, dimmed ${dim}`);
    await page.click('#clear-highlight');
    assert.equal(await page.evaluate(() => window.netwerk.debug().cy.nodes('.hl, .dim').length), 0);
    // path from the platform to a person two steps or more away
    const person = await somePerson();
    await page.click('#panel button:text-is("Hoe zijn wij verbonden?")');
    await page.type('#path-to', person.properties.name, { delay: 10 });
    await page.locator(`#path-to-list [role=option][data-id="${person.id}"]`).click();
    await page.click('#path-find');
    await page.locator('#path-dialog .path-result', { hasText: /Verbonden in \d+ stap/ }).waitFor();
    const steps = await page.locator('#path-dialog .path-steps li').count();
    assert.ok(steps >= 2);
    assert.equal(await page.evaluate(() => window.netwerk.debug().cy.nodes('.hl').length), steps);
    await page.keyboard.press('Escape');
    await context.close();
  });

  test('deleting a node and undoing it brings the node and its relationships back', async () => {
    const { context, page } = await openMap();
    const person = await somePerson();
    const relsBefore = (await server.api('GET', `/api/relationships?node=${person.id}&limit=1000`)).body.items.map((r) => r.id).sort();
    await searchAndPick(page, person.properties.name, person);
    await page.click('#panel button:text-is("Verwijderen")');
    await page.click('#confirm-dialog button.danger');
    await page.waitForFunction((id) => !window.netwerk.debug().model.nodes.has(id), person.id, { timeout: 5000 });
    assert.equal((await server.api('GET', `/api/nodes/${person.id}`)).status, 404);
    await page.click('#undo');
    await page.waitForFunction((id) => window.netwerk.debug().model.nodes.has(id), person.id, { timeout: 5000 });
    const relsAfter = (await server.api('GET', `/api/relationships?node=${person.id}&limit=1000`)).body.items.map((r) => r.id).sort();
    assert.deepEqual(relsAfter, relsBefore);
    assert.equal((await getNode(person.id)).properties.name, person.properties.name);
    await context.close();
  });

  test('filter by kind shows only that kind on the map and in the table', async () => {
    const { context, page } = await openMap();
    await page.check('#f-kinds-Person');
    const visibleKinds = await page.evaluate(() => [...new Set(window.netwerk.debug().cy.nodes().filter((n) => !n.hasClass('filtered')).map((n) => n.data('kind')))]);
    assert.deepEqual(visibleKinds, ['Person']);
    const persons = await page.evaluate(() => [...window.netwerk.debug().model.nodes.values()].filter((n) => n.kind === 'Person').length);
    assert.match(await page.locator('#filter-count').textContent(), new RegExp(`^${persons} van `));
    await page.click('#view-table');
    assert.equal(await page.locator('.data-table tbody tr').count(), Math.min(persons, 300));
    await context.close();
  });

  test('an edit in one browser appears live in another', async () => {
    const a = await openMap();
    const b = await openMap();
    const person = await somePerson();
    await searchAndPick(b.page, person.properties.name, person);
    await searchAndPick(a.page, person.properties.name, person);
    await a.page.click('#panel button:text-is("Bewerken")');
    const newName = `${person.properties.name} (gewijzigd)`;
    const nameInput = a.page.locator('#node-dialog input[name=name]');
    await nameInput.fill(newName);
    const t0 = Date.now();
    await a.page.click('#node-dialog button[type=submit]');
    await b.page.waitForFunction(([id, name]) => window.netwerk.debug().model.nodes.get(id)?.properties.name === name, [person.id, newName], { timeout: 5000 });
    const latency = Date.now() - t0;
    assert.ok(latency < 2000, `arrived in ${latency} ms`);
    await b.page.locator('#panel-title', { hasText: newName }).waitFor({ timeout: 2000 });
    assert.equal(await b.page.evaluate((id) => window.netwerk.debug().cy.getElementById(id).data('label'), person.id), newName);
    // undo in A puts the old name back, everywhere
    await a.page.click('#undo');
    await b.page.waitForFunction(([id, name]) => window.netwerk.debug().model.nodes.get(id)?.properties.name === name, [person.id, person.properties.name], { timeout: 5000 });
    await a.context.close();
    await b.context.close();
  });

  test('a client that was offline shows it, reconnects and catches up', async () => {
    const { context, page } = await openMap();
    const person = await somePerson();
    await context.setOffline(true);
    await page.waitForSelector('#live-status[data-status=offline]', { timeout: 10_000 });
    assert.match(await page.locator('#live-status').textContent(), /Offline – opnieuw verbinden/);
    const name = `Offline gewijzigd ${Date.now()}`;
    await renameViaApi(person.id, name);
    const created = await server.api('POST', '/api/nodes', { kind: 'Theme', properties: { name: `Thema tijdens offline ${Date.now()}` } });
    assert.equal(created.status, 201);
    await page.waitForTimeout(500);
    assert.notEqual((await modelNode(page, person.id)).properties.name, name, 'offline: not yet seen');
    await context.setOffline(false);
    await page.waitForSelector('#live-status[data-status=online]', { timeout: 15_000 });
    await page.waitForFunction(([id, n]) => window.netwerk.debug().model.nodes.get(id)?.properties.name === n, [person.id, name], { timeout: 10_000 });
    await page.waitForFunction((id) => window.netwerk.debug().cy.getElementById(id).nonempty(), created.body.id, { timeout: 5000 });
    await context.close();
  });

  test('after the server restarts, the client reconnects, watches again and catches up', async () => {
    const { context, page } = await openMap();
    const statuses = [];
    await page.exposeFunction('__status', (s) => statuses.push(s));
    await page.evaluate(() => new MutationObserver(() => window.__status(document.querySelector('#live-status').dataset.status))
      .observe(document.querySelector('#live-status'), { attributes: true, childList: true }));
    await server.restart(1500);
    const name = `Na herstart ${Date.now()}`;
    const person = await somePerson();
    await renameViaApi(person.id, name); // committed while the client may still be reconnecting
    await page.waitForSelector('#live-status[data-status=online]', { timeout: 30_000 });
    await page.waitForFunction(([id, n]) => window.netwerk.debug().model.nodes.get(id)?.properties.name === n, [person.id, name], { timeout: 10_000 });
    assert.ok(statuses.includes('offline'), `statuses seen: ${statuses.join(', ')}`);
    // and live hints work again (the Watch group was rejoined)
    const later = `${name} (live)`;
    await renameViaApi(person.id, later);
    await page.waitForFunction(([id, n]) => window.netwerk.debug().model.nodes.get(id)?.properties.name === n, [person.id, later], { timeout: 3000 });
    await context.close();
  });

  test('an invalid edit is refused with the API\'s Dutch message next to the field', async () => {
    const { context, page } = await openMap();
    const person = await somePerson();
    await searchAndPick(page, person.properties.name, person);
    await page.click('#panel button:text-is("Bewerken")');
    await page.fill('#node-dialog input[name=email]', 'geen-adres');
    await page.click('#node-dialog button[type=submit]');
    const err = page.locator('#node-dialog input[name=email] ~ .field-error');
    await err.waitFor();
    assert.equal((await err.textContent()).trim(), 'Geen geldig e-mailadres.');
    assert.equal(await page.locator('#node-dialog input[name=email]').getAttribute('aria-invalid'), 'true');
    assert.ok(await page.locator('#node-dialog').isVisible(), 'the dialog stays open');
    assert.equal((await getNode(person.id)).version, person.version, 'nothing was written');
    await page.keyboard.press('Escape');
    await page.locator('#node-dialog').waitFor({ state: 'detached' });
    await context.close();
  });

  test('a concurrent edit shows both versions and nothing is overwritten silently', async () => {
    const { context, page } = await openMap();
    const person = await somePerson();
    await searchAndPick(page, person.properties.name, person);
    await page.click('#panel button:text-is("Bewerken")');
    await page.fill('#node-dialog input[name=name]', 'Mijn versie');
    const theirs = await renameViaApi(person.id, 'Hun versie');
    await page.click('#node-dialog button[type=submit]');
    const dlg = page.locator('#conflict-dialog');
    await dlg.waitFor();
    const text = await dlg.textContent();
    assert.match(text, /Mijn versie/);
    assert.match(text, /Hun versie/);
    assert.match(text, new RegExp(`v${theirs.version}`));
    await dlg.locator('button', { hasText: 'Mijn versie behouden' }).click();
    await page.waitForFunction((id) => window.netwerk.debug().model.nodes.get(id)?.properties.name === 'Mijn versie', person.id, { timeout: 5000 });
    const now = await getNode(person.id);
    assert.equal(now.properties.name, 'Mijn versie');
    assert.equal(now.version, theirs.version + 1);
    await renameViaApi(person.id, person.properties.name);
    await context.close();
  });

  test('importing a file shows progress and the result counts, and the map updates', async () => {
    const { context, page } = await openMap();
    const doc = { nodes: [{ id: 'theme-e2e-import', kind: 'Theme', properties: { name: 'Geïmporteerd thema' } }], relationships: [] };
    await page.click('#import-menu-button');
    await page.click('#import');
    await page.setInputFiles('#import-file', { name: 'netwerk.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await page.click('#import-dialog button.primary');
    await page.locator('#import-status', { hasText: 'Knopen: 1 nieuw' }).waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => window.netwerk.debug().cy.getElementById('theme-e2e-import').nonempty(), null, { timeout: 5000 });
    await page.keyboard.press('Escape');
    await page.locator('#import-dialog').waitFor({ state: 'detached' });
    await context.close();
  });

  test('a node named like HTML is shown as text', async () => {
    const { context, page } = await openMap();
    let dialogs = 0;
    page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });
    const evil = '<img src=x onerror=alert(1)>';
    let id = (await server.api('GET', '/api/search?q=img')).body.find((h) => h.name === evil)?.id;
    if (!id) {
      const r = await server.api('POST', '/api/nodes', { kind: 'Organisation', properties: { name: evil, type: 'andere', sector: 'middenveld' } });
      assert.equal(r.status, 201);
      id = r.body.id;
    }
    await page.waitForFunction((i) => window.netwerk.debug().model.nodes.has(i), id, { timeout: 5000 });
    await searchAndPick(page, 'img', { id });
    await page.locator('#panel-title').waitFor();
    assert.equal(await page.locator('#panel-title').textContent(), evil);
    assert.equal(await page.locator('img').count(), 0, 'no <img> element was created');
    await page.click('#view-table');
    assert.ok(await page.locator('.data-table button', { hasText: evil }).count() >= 1);
    await page.waitForTimeout(300);
    assert.equal(dialogs, 0, 'no alert fired');
    await context.close();
  });

  test('done when: find the lerend netwerk, see who is in it, add a person, a second browser updates at once', async () => {
    const platform = await findPlatform('lerend');
    const members = (await server.api('GET', `/api/relationships?type=MEMBER_OF&to=${encodeURIComponent(platform.id)}&limit=500`)).body.items;
    const newcomer = await somePerson(new Set(members.map((m) => m.from)));

    const a = await openMap();
    const b = await openMap();
    for (const p of [a.page, b.page]) {
      await searchAndPick(p, 'lerend', platform);
      await p.locator('#panel-title', { hasText: platform.name }).waitFor();
    }
    // who is in it: the panel lists the members under "lid van"
    const memberGroup = a.page.locator('#panel h4', { hasText: 'lid van' });
    await memberGroup.waitFor();
    const memberCount = Number((await memberGroup.textContent()).match(/\((\d+)\)/)[1]);
    assert.equal(memberCount, members.length);

    // add a person (MEMBER_OF) from the platform's panel
    await a.page.click('#panel button:text-is("Relatie toevoegen")');
    const typeSel = a.page.locator('#rel-type');
    const optionValue = await typeSel.locator('option', { hasText: '→ lid van →' }).first().getAttribute('value');
    await typeSel.selectOption(optionValue);
    await a.page.type('#rel-other', newcomer.properties.name.split(' ')[0], { delay: 20 });
    await a.page.locator(`#rel-other-list [role=option][data-id="${newcomer.id}"]`).click();
    const role = a.page.locator('#rel-dialog select[name=role]');
    if (await role.count()) await role.selectOption('lid');
    const t0 = Date.now();
    await a.page.click('#rel-dialog button[type=submit]');
    await a.page.locator('#rel-dialog').waitFor({ state: 'detached' });

    // the second browser shows the new member at once
    await b.page.locator('#panel .rel-list button', { hasText: newcomer.properties.name }).first().waitFor({ timeout: 3000 });
    const latency = Date.now() - t0;
    assert.ok(latency < 2000, `second browser updated in ${latency} ms`);
    const after = (await server.api('GET', `/api/relationships?type=MEMBER_OF&to=${encodeURIComponent(platform.id)}&limit=500`)).body.items;
    assert.equal(after.length, members.length + 1);
    await b.page.locator('#panel h4', { hasText: `lid van (${members.length + 1})` }).waitFor({ timeout: 3000 });
    await a.context.close();
    await b.context.close();
  });
});
