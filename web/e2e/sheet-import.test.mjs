// End-to-end: import people from an .xlsx on the map page — map columns, see an error row and a fuzzy match to
// confirm in the preview, import, and find the new person on the map.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signedInState } from './auth.mjs';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'nieuwe-contacten.xlsx');
let server;
let browser;
let signedIn;

before(async () => {
  server = await startServer();
  browser = await launch();
  signedIn = await signedInState(browser, server, 'regisseur.import@e2e.test');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a regisseur imports people from an .xlsx: map, preview with an error row and a fuzzy match, import, see them on the map', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'nl-BE', timezoneId: 'Europe/Brussels', storageState: signedIn });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url + '/');
  await page.waitForSelector('#live-status[data-status=online]', { timeout: 15_000 });
  await page.waitForFunction(() => window.netwerk?.debug()?.cy?.nodes().length > 0);

  await page.click('#import-menu-button');
  await page.click('#import-sheet');
  await page.setInputFiles('#sheet-file', { name: 'nieuwe-contacten.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: readFileSync(fixture) });
  await page.click('#sheet-upload');

  // Columns mapped from their Dutch names; the sheet's merged title row is not a column.
  await page.waitForSelector('#sheet-read');
  assert.match(await page.textContent('#sheet-read'), /3 rijen, 5 kolommen/);
  assert.equal(await page.isChecked('#sheet-target-people'), true);
  assert.equal(await page.inputValue('select[data-column="Naam"]'), 'name');
  assert.equal(await page.inputValue('select[data-column="Organisatie"]'), 'organisation');
  if (process.env.NETWERK_E2E_SHOTS) await page.screenshot({ path: join(process.env.NETWERK_E2E_SHOTS, 'sheet-import-mapping.png') });
  await page.click('#sheet-to-preview');

  await page.waitForSelector('#sheet-preview');
  assert.match(await page.textContent('#sheet-summary'), /3 rijen: 1 nieuw, 0 herkend, 1 te beslissen, 1 met fouten/);
  const errorRow = page.locator('#sheet-preview tr[data-row="5"]');
  assert.match(await errorRow.textContent(), /E-mail: Geen geldig e-mailadres\./);
  const decision = page.locator('select[data-row="4"]');
  const options = await decision.locator('option').allTextContents();
  assert.ok(options.some((o) => /Zelfde als Lotte Vandenbussche/.test(o)), options.join(' | '));
  assert.equal(await page.isDisabled('#sheet-import'), true);
  assert.match(await page.textContent('#sheet-readiness'), /Beslis eerst voor 1 rij/);

  await decision.selectOption('person-lotte-vandenbussche');
  assert.match(await page.textContent('#sheet-readiness'), /1 rij\(en\) hebben fouten/);
  assert.equal(await page.isDisabled('#sheet-import'), true);
  await page.check('#sheet-skip-bad');
  assert.equal(await page.isDisabled('#sheet-import'), false);
  if (process.env.NETWERK_E2E_SHOTS) await page.screenshot({ path: join(process.env.NETWERK_E2E_SHOTS, 'sheet-import-preview.png') });
  await page.click('#sheet-import');

  await page.waitForSelector('#sheet-result-counts', { timeout: 20_000 });
  assert.match(await page.textContent('#sheet-result-counts'), /2 rijen geïmporteerd \(1 overgeslagen\)\. Knopen: 1 nieuw, 0 bijgewerkt, 1 ongewijzigd\. Relaties: 1 nieuw/);
  await page.click('#sheet-close');

  // The map takes the new person in through the change feed.
  await page.waitForFunction(() => [...window.netwerk.debug().model.nodes.values()].some((n) => n.properties?.name === 'Nieuwe Collega Één'), undefined, { timeout: 15_000 });
  // Confirmed as Lotte Vandenbussche: no second Lotte, and her own data kept (the sheet only fills in what is empty).
  const lottes = (await server.api('GET', '/api/search?q=lotte')).body.filter((h) => h.kind === 'Person');
  assert.deepEqual(lottes.map((h) => h.id), ['person-lotte-vandenbussche']);
  if (process.env.NETWERK_E2E_SHOTS) await page.screenshot({ path: join(process.env.NETWERK_E2E_SHOTS, 'sheet-import.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the column mapping is remembered for the next sheet with the same columns', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'nl-BE', storageState: signedIn });
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await page.waitForSelector('#live-status[data-status=online]', { timeout: 15_000 });
  const upload = async () => {
    await page.click('#import-menu-button');
    await page.click('#import-sheet');
    await page.setInputFiles('#sheet-file', { name: 'nieuwe-contacten.xlsx', mimeType: 'application/octet-stream', buffer: readFileSync(fixture) });
    await page.click('#sheet-upload');
    await page.waitForSelector('#sheet-read');
  };
  await upload();
  await page.selectOption('select[data-column="Telefoon"]', '');
  await page.click('#sheet-to-preview');
  await page.waitForSelector('#sheet-preview');
  await page.keyboard.press('Escape');

  await upload();
  assert.equal(await page.inputValue('select[data-column="Telefoon"]'), '');
  assert.match(await page.textContent('#sheet-mapping-source'), /vorige keer/);
  await context.close();
});
