// End-to-end: the "Blinde vlekken" drawer, colour by community and the printable region report, on the
// demo network of W13 as of the end of 2023 (the year its annual report describes).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signedInState } from './auth.mjs';
import { launch } from './browser.mjs';
import { startServer } from './server.mjs';

const REGION = 'region-zuid-west-vlaanderen';
let server;
let browser;
let signedIn; // a regisseur of every region

before(async () => {
  server = await startServer();
  browser = await launch();
  signedIn = await signedInState(browser, server, 'regisseur.vlekken@e2e.test');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openW13() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'nl-BE', timezoneId: 'Europe/Brussels', storageState: signedIn });
  await context.addInitScript((region) => localStorage.setItem('netwerk.region', region), REGION);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url + '/');
  await page.waitForSelector('#live-status[data-status=online]', { timeout: 15_000 });
  await page.fill('#as-of', '2023-12-31');
  await page.dispatchEvent('#as-of', 'change');
  await page.waitForFunction(() => window.netwerk?.debug()?.model?.asOf === '2023-12-31' && window.netwerk.debug().cy.nodes().length > 0);
  return { context, page, errors };
}

describe('blind spots', () => {
  test('the drawer lists the findings by severity and highlights a finding\'s evidence on the map', async () => {
    const { context, page, errors } = await openW13();
    await page.click('#open-blindspots');
    await page.waitForSelector('#blindspots-count', { timeout: 30_000 });
    assert.match(await page.locator('#blindspots-count').textContent(), /\d+ bevindingen op 31 dec\.? 2023/);
    assert.equal(await page.locator('#blindspots .finding-group h3').first().textContent().then((s) => s.startsWith('Hoog')), true);

    const rose = page.locator('#blindspots .finding[data-kind="platform-behind-cadence"]', { hasText: 'ROSE' }).first();
    assert.match(await rose.textContent(), /1/); // met once against an intended cadence of 4
    await rose.locator('.finding-title').click();

    await page.waitForSelector('#highlight-banner:not([hidden])');
    assert.match(await page.locator('#highlight-banner').textContent(), /Blinde vlek: .*ROSE/);
    assert.equal(await page.evaluate(() => window.netwerk.debug().cy.getElementById('platform-rose').hasClass('hl')), true);
    assert.ok(await page.evaluate(() => window.netwerk.debug().cy.nodes('.dim').length) > 0, 'the rest is dimmed');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('one action turns a finding into a draft meeting in the planner', async () => {
    const { context, page, errors } = await openW13();
    await page.click('#open-blindspots');
    await page.waitForSelector('#blindspots-count', { timeout: 30_000 });
    const finding = page.locator('#blindspots .finding[data-kind="sector-gap"]').first();
    const title = (await finding.locator('.finding-title').textContent()).trim();
    await finding.locator('.plan-finding').click();

    await page.waitForURL(/\/planner\.html#meeting\//, { timeout: 30_000 });
    await page.waitForFunction((t) => [...document.querySelectorAll('input')].some((i) => i.value === t), title, { timeout: 30_000 });
    const id = decodeURIComponent(new URL(page.url()).hash.replace('#meeting/', ''));
    const meeting = await server.api('GET', `/api/meetings/${encodeURIComponent(id)}`);
    assert.equal(meeting.body.status, 'draft');
    assert.equal(meeting.body.kind, 'meet-and-greet');
    assert.equal(meeting.body.hasInviteRules, true);
    const invitees = await server.api('GET', `/api/meetings/${encodeURIComponent(id)}/invitees`);
    assert.ok(invitees.body.count > 0, 'the invite list comes from the evidence: both sides of the gap');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('nodes can be coloured by community', async () => {
    const { context, page } = await openW13();
    await page.waitForSelector('#color-select option[value=community]', { state: 'attached', timeout: 30_000 });
    const colours = () => page.evaluate(() => new Set(window.netwerk.debug().cy.nodes().map((n) => n.data('color'))).size);
    const before = await colours();
    await page.selectOption('#color-select', 'community');
    await page.waitForFunction((b) => new Set(window.netwerk.debug().cy.nodes().map((n) => n.data('color'))).size !== b, before);
    assert.ok(await colours() >= 3, 'several communities, several colours');
    await page.selectOption('#color-select', 'default');
    await page.waitForFunction((b) => new Set(window.netwerk.debug().cy.nodes().map((n) => n.data('color'))).size === b, before);
    await context.close();
  });

  test('the region report summarises the findings and can be printed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'nl-BE', storageState: signedIn });
    const page = await context.newPage();
    await page.goto(`${server.url}/report.html?region=${REGION}&asOf=2023-12-31`);
    await page.waitForSelector('#report-count', { timeout: 30_000 });
    assert.equal(await page.locator('h1').textContent(), 'Blinde vlekken in het netwerk');
    assert.match(await page.locator('.report-meta').textContent(), /Zuid-West-Vlaanderen/);
    assert.ok(await page.locator('article.finding[data-kind="platform-behind-cadence"]').count() >= 1);
    assert.ok(await page.locator('.report-table tbody tr').count() >= 3, 'findings counted per kind');
    assert.equal(await page.locator('.report-table td[data-kind="sector-gap"]').textContent(), 'Sectoren die elkaar niet ontmoeten');
    assert.equal(await page.locator('#print-report').isVisible(), true);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#print-report').isVisible(), false, 'buttons are not printed');
    await context.close();
  });
});
