// End-to-end: the annual report (jaarverslag) of W13 for 2023 on the demo network — opened from the map header, the
// figures W13's own report gives (lerend netwerk 6×, 3 with VDAB; meet & greets of 30, 30 and 100), charts with
// their tables, print layout, the Word document downloaded, and a name that looks like markup shown as text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedInState } from './auth.mjs';
import { launch, openRecording } from './browser.mjs';
import { startServer } from './server.mjs';

const REGION = 'region-zuid-west-vlaanderen';
const SCRIPT = '<img src=x onerror="window.__pwned=1">Werkgroep <b>vet</b>';
let server;
let browser;
let signedIn;
let downloads;

before(async () => {
  server = await startServer();
  browser = await launch();
  signedIn = await signedInState(browser, server, 'regisseur.jaarverslag@e2e.test');
  downloads = mkdtempSync(join(tmpdir(), 'netwerk-jaarverslag-'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

async function openReport(page, year = '2023') {
  await page.selectOption('#annual-year', year);
  await page.waitForSelector(`#annual-content[data-loaded="${REGION}:${year}"]`, { timeout: 30_000 });
}

/** The cells of the row whose first cell is `name`, in the table marked `kind`, under a priority section. */
async function row(page, priority, kind, name) {
  return page.locator(`#priority-${priority} table[data-table="${kind}"] tbody tr`, { hasText: name }).first()
    .locator('th, td').allTextContents();
}

describe('jaarverslag', () => {
  test('opens from the map header and shows the 2023 figures per policy priority with charts and tables', async () => {
    const { context, page, csp } = await openRecording(browser, { storageState: signedIn });
    await context.addInitScript((region) => localStorage.setItem('netwerk.region', region), REGION);
    await page.goto(server.url + '/');
    await page.waitForSelector('#open-annual', { timeout: 15_000 });
    await page.click('#open-annual');
    await page.waitForURL(/\/jaarverslag\.html/);
    await openReport(page);

    assert.equal(await page.locator('#annual-title').textContent(), 'Jaarverslag 2023');
    assert.match(await page.locator('.report-meta').textContent(), /Zuid-West-Vlaanderen/);
    assert.equal(await page.locator('[data-figure=meetings] dd').textContent(), '53');
    assert.equal(await page.locator('[data-figure=municipalities] dd').textContent(), '12 van 13');
    assert.match(await page.locator('#not-reached').textContent(), /Spiere-Helkijn/);

    const headings = await page.locator('.annual-section > h2').allTextContents();
    assert.match(headings[0], /^1\. Het opnemen van de lokale regierol .*\(WSE-LR1\)$/);
    assert.match(headings[3], /^4\. .*\(WSE-LR4\)$/);

    const lerend = await row(page, 'wse-lr1', 'platforms', 'Lerend netwerk trajectbegeleiders');
    assert.deepEqual(lerend.slice(2, 6), ['6', '3', '3', '0'], 'met 6 times: 3 with VDAB, 3 without');
    assert.equal((await row(page, 'wse-lr1', 'platforms', 'Algemene vergadering ROSE'))[2], '1');
    assert.equal((await row(page, 'wse-lr1', 'platforms', 'Actiegroep ROSE'))[2], '3');
    assert.equal((await row(page, 'wse-lr1', 'platforms', 'Regionaal overleg activering'))[2], '4');

    const greets = await page.locator('#priority-wse-lr4 table[data-table=events] tbody tr', { hasText: 'Meet & greet' }).evaluateAll(
      (rows) => rows.map((r) => r.cells[3].textContent));
    assert.deepEqual(greets, ['30', '30', '100']);
    assert.equal((await row(page, 'wse-lr1', 'events', 'inspiratiemoment'))[3] ?? '', '40');

    // Every chart is an image with a title, described by a table with the same figures.
    const charts = await page.locator('svg.bar-chart').evaluateAll((svgs) => svgs.map((s) => ({
      role: s.getAttribute('role'), title: s.querySelector('title')?.textContent, table: document.getElementById(s.getAttribute('aria-describedby'))?.tagName,
    })));
    assert.equal(charts.length, 4, 'the priorities chart and one per priority with platforms (LR3 has none)');
    for (const chart of charts) assert.deepEqual([chart.role, chart.table, Boolean(chart.title)], ['img', 'TABLE', true]);
    assert.ok(await page.locator('svg[aria-describedby="platforms-wse-lr1"] rect').count() > 6, 'bars drawn');

    assert.match(await page.locator('#annual-blind-summary').textContent(), /vond Netwerk \d+ blinde vlekken/);

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#annual-print').isVisible(), false, 'controls are not printed');
    assert.equal(await page.locator('svg.bar-chart').first().isVisible(), true, 'charts are printed');
    assert.deepEqual(await csp(), []);
    await context.close();
  });

  test('downloads the report as a Word document', async () => {
    const { context, page } = await openRecording(browser, { storageState: signedIn, acceptDownloads: true });
    await page.goto(`${server.url}/jaarverslag.html?region=${REGION}&year=2023`);
    await page.waitForSelector(`#annual-content[data-loaded="${REGION}:2023"]`, { timeout: 30_000 });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#annual-docx')]);
    assert.equal(download.suggestedFilename(), 'jaarverslag-2023-zuid-west-vlaanderen.docx');
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
    const xml = execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', file]).toString();
    assert.match(xml, /Lerend netwerk trajectbegeleiders kwam in 2023 6 keer samen: 3 keer met VDAB, 3 keer zonder\./);
    assert.match(xml, /w:pStyle w:val="Heading1"/);
    await context.close();
  });

  test('a platform name that looks like markup is shown as text', async () => {
    const imported = await server.api('POST', '/api/import', {
      nodes: [
        { id: 'platform-e2e-markup', kind: 'Platform', properties: { name: SCRIPT, type: 'werkgroep', priority: 'wse-lr3', active: true } },
        { id: 'meeting-e2e-markup', kind: 'Meeting', properties: { title: 'Overleg', type: 'overleg', start: '2023-06-01T10:00:00+02:00', end: '2023-06-01T12:00:00+02:00', status: 'held' } },
      ],
      relationships: [
        { id: 'rel-e2e-markup-1', type: 'ACTIVE_IN', from: 'platform-e2e-markup', to: REGION },
        { id: 'rel-e2e-markup-2', type: 'OF', from: 'meeting-e2e-markup', to: 'platform-e2e-markup' },
      ],
    });
    assert.equal(imported.status, 200);
    const { context, page, csp } = await openRecording(browser, { storageState: signedIn });
    await page.goto(`${server.url}/jaarverslag.html?region=${REGION}&year=2023`);
    await page.waitForSelector(`#annual-content[data-loaded="${REGION}:2023"]`, { timeout: 30_000 });

    const cell = page.locator('#priority-wse-lr3 table[data-table=platforms] tbody th', { hasText: 'Werkgroep' });
    assert.equal(await cell.textContent(), SCRIPT);
    assert.equal(await page.locator('#annual-content img, #annual-content b').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(await csp(), []);
    await context.close();
  });
});
