// End-to-end: downloads. A regisseur exports the map's current view as GEXF (the browser's download event gives
// the file; it holds exactly the nodes the map shows, in GEXF 1.3), and an organiser downloads a meeting's
// invitee list as .xlsx from the planner. No CSP violation on the way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { signIn } from './auth.mjs';
import { launch, openRecording } from './browser.mjs';
import { startServer } from './server.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ seed: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function saved(download) {
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

describe('export', () => {
  test('the map exports its current view as GEXF for Gephi', async () => {
    const { context, page, csp } = await openRecording(browser, { acceptDownloads: true });
    await signIn(page, server, 'regisseur.export@e2e.test', { grants: [{ role: 'regisseur', region: '*' }] });
    await page.goto(server.url + '/');
    await page.waitForFunction(() => window.netwerk?.debug()?.cy?.nodes().length > 0, undefined, { timeout: 20_000 });
    const shown = await page.evaluate(() => window.netwerk.debug().cy.nodes(':visible').map((n) => n.id()).filter((id) => window.netwerk.debug().model.nodes.has(id)).sort());

    await page.click('#export-menu-button');
    await page.click('#export-gexf');
    await page.waitForSelector('#export-dialog[open]');
    assert.ok(await page.isChecked('#export-view'), 'the current view is the default');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-download')]);
    const file = await saved(download);

    assert.match(file.name, /^netwerk-.+-\d{4}-\d{2}-\d{2}-weergave\.gexf$/);
    const gexf = file.bytes.toString('utf8');
    assert.match(gexf, /<gexf version="1\.3" xmlns="http:\/\/gexf\.net\/1\.3">/);
    const ids = [...gexf.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(ids, shown);
    await page.locator('#export-dialog').waitFor({ state: 'detached' });
    assert.deepEqual(await csp(), []);
    await context.close();
  });

  test('the planner downloads a meeting\'s invitee list as .xlsx', async () => {
    const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    let r = await server.api('POST', '/api/meetings', {
      kind: 'inspiratiemoment', title: 'Inspiratiemoment export', status: 'planned', themes: [],
      start: `${day}T13:30:00+02:00`, end: `${day}T16:00:00+02:00`,
    });
    if (r.status === 422) {
      // an inspiratiemoment needs a theme: take one of the demo's
      const themes = (await server.api('GET', '/api/nodes?kind=Theme&limit=1')).body.items;
      r = await server.api('POST', '/api/meetings', {
        kind: 'inspiratiemoment', title: 'Inspiratiemoment export', status: 'planned', themes: [themes[0].id],
        start: `${day}T13:30:00+02:00`, end: `${day}T16:00:00+02:00`,
      });
    }
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const meeting = r.body;
    r = await server.api('POST', '/api/import', {
      nodes: [{ id: 'e2e-export-person', kind: 'Person', properties: { name: '=Export Peeters', email: 'export.peeters@e2e.test' } }],
      relationships: [{ id: 'e2e-export-invited', type: 'INVITED', from: 'e2e-export-person', to: meeting.id, properties: { status: 'accepted', sequence: 0 } }],
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));

    const { context, page, csp } = await openRecording(browser, { acceptDownloads: true });
    await signIn(page, server, 'organisator.export@e2e.test', { grants: [{ role: 'organiser', region: '*' }] });
    await page.goto(`${server.url}/planner.html#meeting/${encodeURIComponent(meeting.id)}`);
    await page.waitForSelector('#inv-download-invitees');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#inv-download-invitees')]);
    const file = await saved(download);

    assert.match(file.name, new RegExp(`^genodigden-${day}-${meeting.id}\\.xlsx$`));
    assert.equal(file.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a zip package');
    assert.ok(file.bytes.length > 2000);
    assert.deepEqual(await csp(), []);
    await context.close();
  });
});
