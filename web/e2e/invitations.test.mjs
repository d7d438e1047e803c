// End-to-end: sending a meet & greet's invitations from the planner and following them live. The
// meeting is planned through the API (people, meeting, rule, frozen list); an organiser opens it in
// Chromium, sends, and watches "verstuurd" reach everyone without reloading; two partners open the
// answer links from their .eml files and say yes and no, and the organiser's counters follow; the
// meeting moves an hour, the change is sent, and every new mail carries the same UID with a higher
// SEQUENCE, so calendars update the item instead of adding a second one. No CSP violation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mailsTo, partOf, signIn, textOf } from './auth.mjs';
import { launch, openRecording } from './browser.mjs';
import { startServer } from './server.mjs';

const ORG_A = 'e2e-inv-ocmw';
const ORG_B = 'e2e-inv-vdab';
const PEOPLE = [
  ['e2e-inv-1', 'Anke Uitnodiging', ORG_A], ['e2e-inv-2', 'Bert Uitnodiging', ORG_A], ['e2e-inv-3', 'Cato Uitnodiging', ORG_A],
  ['e2e-inv-4', 'Dries Uitnodiging', ORG_B], ['e2e-inv-5', 'Eva Uitnodiging', ORG_B], ['e2e-inv-6', 'Filip Uitnodiging', ORG_B],
];
const N = PEOPLE.length;
const email = (id) => `${id}@e2e.test`;
let server;
let browser;
let meeting;

before(async () => {
  server = await startServer({ seed: false });
  browser = await launch();
  const nodes = [
    { id: 'e2e-inv-mun', kind: 'Municipality', properties: { name: 'Uitnodigem' } },
    { id: ORG_A, kind: 'Organisation', properties: { name: 'OCMW Uitnodigem', type: 'ocmw', sector: 'overheid' } },
    { id: ORG_B, kind: 'Organisation', properties: { name: 'VDAB Uitnodigem', type: 'vdab', sector: 'overheid' } },
    ...PEOPLE.map(([id, name]) => ({ id, kind: 'Person', properties: { name, email: email(id), function: 'trajectbegeleider' } })),
  ];
  const relationships = [
    { id: 'e2e-inv-a-in', type: 'ACTIVE_IN', from: ORG_A, to: 'e2e-inv-mun', properties: {} },
    { id: 'e2e-inv-b-in', type: 'ACTIVE_IN', from: ORG_B, to: 'e2e-inv-mun', properties: {} },
    ...PEOPLE.map(([id, , org]) => ({ id: `${id}-works`, type: 'WORKS_FOR', from: id, to: org, properties: {} })),
  ];
  let r = await server.api('POST', '/api/import', { nodes, relationships });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const day = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  r = await server.api('POST', '/api/meetings', {
    kind: 'meet-and-greet', title: 'Meet & greet uitnodigingen Uitnodigem', status: 'planned',
    start: brussels(day, '10:00'), end: brussels(day, '12:00'), venue: { name: 'Zaal Uitnodigem', address: 'Markt 1, Uitnodigem' },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  meeting = r.body;
  r = await server.api('PUT', `/api/meetings/${meeting.id}/invitees`, { rule: { type: 'staff-of', organisations: [ORG_A, ORG_B] }, add: [], remove: [] }, { 'If-Match': `"${meeting.version}"` });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  r = await server.api('POST', `/api/meetings/${meeting.id}/invitees/freeze`, undefined, { 'If-Match': r.headers.get('etag') });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.count, N);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function brussels(ymd, time) {
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${ymd}T${time}:00Z`)).find((p) => p.type === 'timeZoneName').value.slice(3) || '+00:00';
  return `${ymd}T${time}:00${offset}`;
}

/** UID, SEQUENCE and METHOD of a mail's inline calendar. */
function calendarOf(eml) {
  const ics = partOf(eml, 'text/calendar');
  assert.ok(ics, 'the mail has a text/calendar part');
  const all = ics.replace(/\r\n/g, '\n').replace(/\n[ \t]/g, '').split('\n');
  // the event's own properties, not the VTIMEZONE's DTSTARTs
  const lines = [...all.slice(0, all.findIndex((l) => l.startsWith('BEGIN:VTIMEZONE'))), ...all.slice(all.indexOf('BEGIN:VEVENT'))];
  const value = (name) => lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))?.split(':').slice(1).join(':');
  return { uid: value('UID'), sequence: Number(value('SEQUENCE')), method: value('METHOD'), start: value('DTSTART') };
}

/** The invitation mails to a person, newest first, each with its calendar. */
function invitationsTo(id) {
  return mailsTo(server, email(id)).filter((m) => /text\/calendar/i.test(m.text)).map((m) => ({ ...m, calendar: calendarOf(m.text) }))
    .sort((a, b) => b.calendar.sequence - a.calendar.sequence);
}

async function waitFor(what, f, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const count = (page, key) => page.locator(`#inv-counters dd[data-count=${key}], #inv-answers dd[data-count=${key}]`);

describe('invitations', () => {
  test('an organiser sends the meet & greet invitations, sees them go out and the answers come in live, and sends a move as an update', async () => {
    const { context, page, csp } = await openRecording(browser, { viewport: { width: 1366, height: 900 } });
    await signIn(page, server, 'organisator.uitnodigingen@e2e.test', { grants: [{ role: 'organiser', region: '*' }], name: 'Otto Organisator' });
    await page.goto(`${server.url}/planner.html#meeting/${encodeURIComponent(meeting.id)}`);
    await page.waitForSelector('#ws-invitations');
    const send = page.locator('#inv-send');
    await page.locator('#inv-send:not([disabled])').waitFor();
    assert.equal((await send.textContent()).trim(), 'Uitnodigingen versturen');
    assert.equal(await count(page, 'sent').textContent(), `0/${N}`);
    assert.equal(await page.locator('#inv-table tbody tr').count(), N);
    let marker = await page.evaluate(() => { window.__noReload = true; return true; });

    // send: the counter climbs to everyone as the jobs report, without a reload
    await send.click();
    await page.click('#confirm-dialog button.danger');
    await page.locator(`#inv-counters dd[data-count=sent]`, { hasText: `${N}/${N}` }).waitFor({ timeout: 30_000 });
    assert.equal(await count(page, 'failed').textContent(), '0');
    assert.equal(await count(page, 'queued').textContent(), '0');
    assert.equal(await page.locator('#inv-table .inv-delivery', { hasText: 'verstuurd' }).count(), N);
    assert.ok(await send.isDisabled(), 'nothing left to send');
    assert.equal(await count(page, 'no-answer').textContent(), String(N));

    // two partners answer from the links in their mails
    const answer = async (id, choice) => {
      const mail = await waitFor(`the invitation to ${id}`, () => invitationsTo(id)[0]);
      const link = /https?:\/\/[^\s<>"]+\/rsvp\/[^\s<>"]+/.exec(textOf(mail.text))?.[0];
      assert.ok(link, `an answer link in the mail to ${id}`);
      assert.ok(link.startsWith(server.url), link);
      const partner = await openRecording(browser);
      await partner.page.goto(link);
      await partner.page.click(`button[data-answer=${choice}]`);
      await partner.page.locator('#rsvp-status', { hasText: /bewaard|saved|genoteerd/i }).waitFor().catch(() => undefined);
      await waitFor(`${id}'s answer stored`, async () => (await server.api('GET', `/api/meetings/${meeting.id}/invitations`)).body.invitations.find((i) => i.personId === id).answer === choice);
      assert.deepEqual(await partner.csp(), []);
      await partner.context.close();
    };
    await answer('e2e-inv-1', 'accepted');
    await page.locator('#inv-answers dd[data-count=accepted]', { hasText: '1' }).waitFor();
    await answer('e2e-inv-4', 'declined');
    await page.locator('#inv-answers dd[data-count=declined]', { hasText: '1' }).waitFor();
    assert.equal(await count(page, 'no-answer').textContent(), String(N - 2));
    assert.equal(await page.locator('tr[data-person=e2e-inv-1] .inv-answer').textContent(), 'komt');
    assert.ok((await page.locator('tr[data-person=e2e-inv-4] time').count()) === 1, 'answered at is shown');
    // the table filters and sorts by keyboard
    await page.selectOption('#inv-filter-answer', 'declined');
    assert.equal(await page.locator('#inv-table tbody tr').count(), 1);
    await page.selectOption('#inv-filter-answer', '');
    await page.locator('th[data-col=answer] button').focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('th[data-col=answer]').getAttribute('aria-sort'), 'ascending');
    assert.equal(await page.locator('#inv-table tbody tr').first().getAttribute('data-person'), 'e2e-inv-1');
    marker = await page.evaluate(() => window.__noReload === true);
    assert.ok(marker, 'the page was never reloaded');

    const first = new Map(PEOPLE.map(([id]) => [id, invitationsTo(id)[0].calendar]));
    for (const c of first.values()) assert.equal(c.method, 'REQUEST');

    // the meeting moves an hour (a colleague, through the API): the page offers to send the change
    const current = await server.api('GET', `/api/meetings/${meeting.id}`);
    const later = (iso) => new Date(Date.parse(iso) + 3_600_000).toISOString();
    const moved = await server.api('PUT', `/api/meetings/${meeting.id}`, { ...current.body, start: later(current.body.start), end: later(current.body.end) }, { 'If-Match': current.headers.get('etag') });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    await page.locator('#inv-send:not([disabled])', { hasText: 'Wijziging versturen' }).waitFor();
    assert.equal(await count(page, 'sent').textContent(), `0/${N}`, 'nobody has the new time yet');
    await send.click();
    await page.click('#confirm-dialog button.danger');
    await page.locator(`#inv-counters dd[data-count=sent]`, { hasText: `${N}/${N}` }).waitFor({ timeout: 30_000 });
    assert.equal(await count(page, 'accepted').textContent(), '1', 'the answers stay');

    // every partner got an update of the same calendar item
    for (const [id] of PEOPLE) {
      const update = await waitFor(`the update to ${id}`, () => invitationsTo(id).find((m) => m.calendar.sequence > first.get(id).sequence));
      assert.equal(update.calendar.uid, first.get(id).uid, `${id}: same UID`);
      assert.equal(update.calendar.method, 'REQUEST');
      assert.notEqual(update.calendar.start, first.get(id).start, `${id}: the new time`);
    }
    assert.ok(await page.evaluate(() => window.__noReload === true), 'still no reload');
    if (process.env.NETWERK_E2E_SHOTS) {
      await page.locator('#ws-invitations').scrollIntoViewIfNeeded();
      await page.locator('#ws-invitations').screenshot({ path: `${process.env.NETWERK_E2E_SHOTS}/invitations.png` });
    }
    assert.deepEqual(await csp(), []);
    await context.close();
  });

  test('a viewer sees the invitations read-only', async () => {
    const { context, page, csp } = await openRecording(browser);
    await signIn(page, server, 'kijker.uitnodigingen@e2e.test', { grants: [{ role: 'viewer', region: '*' }], name: 'Vera Kijker' });
    await page.goto(`${server.url}/planner.html#meeting/${encodeURIComponent(meeting.id)}`);
    await page.waitForSelector('#inv-table');
    assert.equal(await page.locator('#inv-send').count(), 0);
    assert.equal(await count(page, 'sent').textContent(), `${N}/${N}`);
    assert.deepEqual(await csp(), []);
    await context.close();
  });
});
