// End-to-end: calendar subscriptions in real Chromium against a real server. An organiser opens
// "Agenda-abonnementen" in the planner, makes a feed of a platform, copies its https address with the
// copy button, the feed is fetched as a calendar client would (no account), and revoking it in the
// dialog makes the address answer 404. No Content Security Policy violation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn } from './auth.mjs';
import { launch, openRecording } from './browser.mjs';
import { startServer } from './server.mjs';

const PLATFORM = 'e2e-feed-platform';
const TITLE = 'Werkgroep abonnementen, <test>';
let server;
let browser;

before(async () => {
  server = await startServer({ seed: false, fixtureIfEmpty: false });
  browser = await launch();
  const imported = await server.api('POST', '/api/import', {
    nodes: [{ id: PLATFORM, kind: 'Platform', properties: { name: 'Werkgroep Abonnementen', type: 'werkgroep' } }],
    relationships: [],
  });
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  const start = new Date(Date.now() + 7 * 86_400_000);
  start.setUTCHours(9, 0, 0, 0);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  const meeting = await server.api('POST', '/api/meetings', {
    kind: 'overleg', title: TITLE, platform: PLATFORM, start: start.toISOString(), end: end.toISOString(),
    recurrence: 'FREQ=WEEKLY;COUNT=4',
  });
  assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('calendar subscriptions', () => {
  test('an organiser makes a platform feed, copies its address, a calendar fetches it, and revoking it ends it', async () => {
    const { context, page, csp } = await openRecording(browser, { viewport: { width: 1366, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signIn(page, server, 'organisator.feeds@e2e.test', { grants: [{ role: 'organiser', region: '*' }], name: 'Fleur Feeds' });
    await page.goto(`${server.url}/planner.html`);
    await page.waitForSelector('#cal-grid');

    await page.click('#open-feeds');
    await page.waitForSelector('#feeds-dialog[open]');
    assert.equal((await page.locator('#feeds-dialog h2').textContent()).trim(), 'Agenda-abonnementen');
    await page.waitForSelector('#feeds-none');
    await page.check('#feed-kind-platform');
    await page.selectOption('#feed-platform', PLATFORM);
    await page.fill('#feed-name', 'Werkgroep in mijn agenda');
    await page.click('#feed-create');
    await page.waitForSelector('#feed-url');
    const https = await page.inputValue('#feed-url');
    const webcal = await page.inputValue('#feed-webcal');
    assert.match(https, /^http:\/\/127\.0\.0\.1:\d+\/feeds\/nwf_[A-Za-z0-9_-]{43}\.ics$/);
    assert.equal(webcal, https.replace(/^http:/, 'webcal:'));
    assert.equal(await page.getAttribute('#feed-open-webcal', 'href'), webcal);
    assert.equal(await page.locator('#feed-hints li').count(), 3);
    assert.equal(await page.locator('#feeds-table tbody tr').count(), 1);
    if (process.env.NETWERK_E2E_SHOTS) await page.screenshot({ path: `${process.env.NETWERK_E2E_SHOTS}/feeds-created.png`, fullPage: true });

    await page.click('#feed-url-copy');
    await page.waitForFunction(() => document.querySelector('#feed-copied')?.textContent === 'Gekopieerd.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, https);

    // A calendar client fetches the copied address: no account, no cookie.
    const feed = await fetch(copied);
    assert.equal(feed.status, 200);
    assert.equal(feed.headers.get('content-type'), 'text/calendar; charset=utf-8');
    const text = await feed.text();
    assert.match(text, /METHOD:PUBLISH\r\n/);
    assert.match(text, /X-WR-CALNAME:Werkgroep in mijn agenda\r\n/);
    assert.match(text, /SUMMARY:Werkgroep abonnementen\\, <test>\r\n/);
    assert.match(text, /RRULE:FREQ=WEEKLY;COUNT=4/);
    assert.doesNotMatch(text, /ATTENDEE|ORGANIZER/);

    // Revoke it in the dialog: the address answers 404 and the list is empty.
    await page.click('#feed-dismiss');
    await page.click('#feeds-table tbody tr button.danger');
    await page.waitForSelector('#confirm-dialog[open]');
    await page.click('#confirm-dialog button.danger');
    await page.waitForSelector('#feeds-none');
    const gone = await fetch(copied);
    assert.equal(gone.status, 404);
    assert.doesNotMatch(await gone.text(), /VCALENDAR/);

    assert.deepEqual(await csp(), []);
    await context.close();
  });
});
