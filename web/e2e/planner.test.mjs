// End-to-end: the meeting planner in real Chromium against a real server. An organiser plans "Meet &
// greet trajectbegeleiders × sectorbemiddelaars VDAB" for ~100 people from a rule, picks a suggested
// date that avoids a school holiday and the invitees' other meetings, saves and fixes the list,
// registers attendance at the door, and sees it in the person's history on the map. A viewer reads the
// calendar by keyboard and cannot plan. No Content Security Policy violation anywhere.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signIn } from './auth.mjs';
import { launch, openRecording } from './browser.mjs';
import { startServer } from './server.mjs';

const TITLE = 'Meet & greet trajectbegeleiders × sectorbemiddelaars VDAB';
const REGION = 'e2e-regio-testland';
const VDAB = 'e2e-vdab-testland';
let server;
let browser;
/** the school holiday the suggestions must avoid, and the days of the other meetings */
let holiday;
let conflictDays;
let windowDays;
let recurringId;
const people = { tb: [], sb: [] };

before(async () => {
  server = await startServer();
  browser = await launch();
  await seedPeople();
  holiday = await nextShortSchoolHoliday();
  windowDays = { first: addDays(holiday.first, -7), last: addDays(holiday.last, 7) };
  const tuesdayBefore = weekday(addDays(holiday.first, -7), 2);
  conflictDays = [tuesdayBefore, addDays(tuesdayBefore, 2)];
  await seedConflicts();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// ---------------------------------------------------------------- data

const FIRST = ['An', 'Bart', 'Carine', 'Dirk', 'Els', 'Frank', 'Griet', 'Hans', 'Ilse', 'Jan', 'Katrien', 'Lieven', 'Marijke', 'Nico', 'Olga', 'Pieter', 'Rita', 'Ruben', 'Sofie', 'Tom'];
const LAST = ['Testaert', 'Proefmans', 'Voorbeeldt', 'Oefenaere', 'Probeerens'];

async function seedPeople() {
  const nodes = [
    { id: REGION, kind: 'Region', properties: { name: 'Regio Testland', province: 'West-Vlaanderen' } },
    { id: 'e2e-mun-testdorp', kind: 'Municipality', properties: { name: 'Testdorp' } },
    { id: VDAB, kind: 'Organisation', properties: { name: 'VDAB Testland', type: 'vdab', sector: 'overheid' } },
  ];
  const rels = [{ id: 'e2e-rel-mun', type: 'PART_OF', from: 'e2e-mun-testdorp', to: REGION, properties: {} },
    { id: 'e2e-rel-vdab-in', type: 'ACTIVE_IN', from: VDAB, to: 'e2e-mun-testdorp', properties: {} }];
  for (let i = 0; i < 5; i++) {
    nodes.push({ id: `e2e-ocmw-${i}`, kind: 'Organisation', properties: { name: `OCMW Testdorp ${i + 1}`, type: 'ocmw', sector: 'overheid' } });
    rels.push({ id: `e2e-rel-ocmw-${i}-in`, type: 'ACTIVE_IN', from: `e2e-ocmw-${i}`, to: 'e2e-mun-testdorp', properties: {} });
  }
  const person = (id, name, fn, org, extra = {}) => {
    nodes.push({ id, kind: 'Person', properties: { name, function: fn, email: `${id}@e2e.test`, ...extra } });
    rels.push({ id: `e2e-rel-${id}`, type: 'WORKS_FOR', from: id, to: org, properties: { function: fn } });
  };
  for (let i = 0; i < 60; i++) {
    const id = `e2e-tb-${i}`;
    // two opted out of invitations; three have no e-mail address
    const extra = i < 2 ? { invitationOptOut: true } : i < 5 ? { email: undefined } : {};
    person(id, `${FIRST[i % 20]} ${LAST[Math.floor(i / 20)]}`, 'trajectbegeleider', `e2e-ocmw-${i % 5}`, extra);
    people.tb.push({ id, name: `${FIRST[i % 20]} ${LAST[Math.floor(i / 20)]}` });
  }
  for (let i = 0; i < 40; i++) {
    const id = `e2e-sb-${i}`;
    person(id, `${FIRST[i % 20]} ${LAST[3 + Math.floor(i / 20)]}`, 'sectorbemiddelaar', VDAB);
    people.sb.push({ id, name: `${FIRST[i % 20]} ${LAST[3 + Math.floor(i / 20)]}` });
  }
  // sectorbemiddelaars who do not work for VDAB: not for this meet & greet
  person('e2e-sb-elsewhere-1', 'Zeger Elders', 'sectorbemiddelaar', 'e2e-ocmw-0');
  person('e2e-sb-elsewhere-2', 'Yana Elders', 'sectorbemiddelaar', 'e2e-ocmw-1');
  for (const n of nodes) for (const [k, v] of Object.entries(n.properties)) if (v === undefined) delete n.properties[k];
  const r = await server.api('POST', '/api/import', { nodes, relationships: rels });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

/** The next Flemish school holiday of at most two weeks that starts at least ten days from now, as the server knows it. */
async function nextShortSchoolHoliday() {
  const today = new Date().toISOString().slice(0, 10);
  for (let from = addDays(today, 10); ; from = addDays(from, 300)) {
    const r = await server.api('POST', '/api/planning/slots', {
      firstDay: from, lastDay: addDays(from, 300), weekdays: ['monday', 'tuesday'],
      dayStart: '10:00', dayEnd: '12:00', durationMinutes: 120, avoidSchoolHolidays: true, maxResults: 100, maxPerDay: 1,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const periods = r.body.result.candidates.map((c) => c.schoolHoliday).filter(Boolean)
      .filter((p) => p.first >= from && daysBetween(p.first, p.last) <= 15 && daysBetween(p.first, p.last) >= 6)
      .sort((a, b) => a.first.localeCompare(b.first));
    if (periods.length) return periods[0];
  }
}

/** Two meetings the invitees already have in the week before the holiday, and a weekly series with one occurrence cancelled. */
async function seedConflicts() {
  const create = async (body) => {
    const r = await server.api('POST', '/api/meetings', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };
  const inviteAndFreeze = async (m, organisations) => {
    let r = await server.api('PUT', `/api/meetings/${m.id}/invitees`, { rule: { type: 'staff-of', organisations }, add: [], remove: [] }, { 'If-Match': `"${m.version}"` });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    r = await server.api('POST', `/api/meetings/${m.id}/invitees/freeze`, undefined, { 'If-Match': r.headers.get('etag') });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  };
  const tb = await create({ kind: 'overleg', title: 'Lerend netwerk trajectbegeleiders Testland', start: brussels(conflictDays[0], '09:30'), end: brussels(conflictDays[0], '12:00'), platform: await somePlatform() });
  await inviteAndFreeze(tb, [0, 1, 2, 3, 4].map((i) => `e2e-ocmw-${i}`));
  const sb = await create({ kind: 'andere', title: 'Teamdag sectorbemiddelaars VDAB Testland', start: brussels(conflictDays[1], '10:00'), end: brussels(conflictDays[1], '11:30') });
  await inviteAndFreeze(sb, [VDAB]);
  const wednesday = addDays(conflictDays[0], 1);
  const series = await create({ kind: 'andere', title: 'Wekelijkse permanentie Testland', start: brussels(wednesday, '14:00'), end: brussels(wednesday, '15:00'), recurrence: 'FREQ=WEEKLY;COUNT=3' });
  const cancelled = await server.api('POST', `/api/meetings/${series.id}/cancel`, { occurrence: brussels(addDays(wednesday, 7), '14:00'), scope: 'occurrence' }, { 'If-Match': `"${series.version}"` });
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  recurringId = series.id;
}

async function somePlatform() {
  return (await server.api('GET', '/api/nodes?kind=Platform&limit=1')).body.items[0].id;
}

// ---------------------------------------------------------------- dates (Brussels)

function addDays(ymd, n) { const d = new Date(`${ymd}T12:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }
function daysBetween(a, b) { return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000); }
/** The day of the week (1 = Monday) in the week of `ymd`. */
function weekday(ymd, n) { const dow = (new Date(`${ymd}T12:00:00Z`).getUTCDay() + 6) % 7; return addDays(ymd, n - 1 - dow); }
function brussels(ymd, time) {
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${ymd}T${time}:00Z`)).find((p) => p.type === 'timeZoneName').value.slice(3) || '+00:00';
  return `${ymd}T${time}:00${offset}`;
}

// ---------------------------------------------------------------- browser

/** Screenshots of the steps when NETWERK_E2E_SHOTS names a folder (for looking at the pages, not for asserting). */
async function shot(page, name) {
  if (process.env.NETWERK_E2E_SHOTS) await page.screenshot({ path: `${process.env.NETWERK_E2E_SHOTS}/planner-${name}.png`, fullPage: true });
}

async function open(email, grants, name) {
  const { context, page, csp } = await openRecording(browser, { viewport: { width: 1366, height: 900 } });
  page.on('dialog', (d) => void d.dismiss());
  await signIn(page, server, email, { grants, name });
  return { context, page, csp };
}

describe('meeting planner', () => {
  test('an organiser plans a meet & greet for ~100 people, avoiding a school holiday and other meetings, and registers attendance', async () => {
    const { context, page, csp } = await open('organisator.planner@e2e.test', [{ role: 'organiser', region: '*' }], 'Olivia Organisator');
    await page.goto(`${server.url}/planner.html`);
    await page.waitForSelector('#cal-grid');
    assert.equal(await page.locator('#cal-view-month').getAttribute('aria-pressed'), 'true');
    await page.click('#new-meeting');
    await page.waitForSelector('#meeting-form');
    assert.equal(await page.locator('#ws-title').textContent(), 'Nieuwe activiteit');

    await page.selectOption('#m-kind', 'meet-and-greet');
    await page.fill('#m-title', TITLE);
    await page.fill('#m-venue-name', 'VDAB-opleidingscentrum Testdorp');
    await page.fill('#m-capacity', '120');

    // rule 1: trajectbegeleiders in Regio Testland; rule 2: a group of sectorbemiddelaar AND staff of VDAB
    await page.click('.rules-box > .rule-group > .rule-add .rule-add-rule');
    const first = page.locator('.rules-box > .rule-group > .rule-rows > .rule-row').nth(0);
    await first.locator('.rule-functions').selectOption(['trajectbegeleider']);
    await first.locator('.rule-region').selectOption(REGION);
    await page.click('.rules-box > .rule-group > .rule-add .rule-add-group');
    const group = page.locator('.rule-row-group .rule-group');
    await group.locator('.rule-combine').selectOption('all');
    await group.locator('.rule-add-rule').click();
    await group.locator('.rule-row').nth(0).locator('.rule-functions').selectOption(['sectorbemiddelaar']);
    await group.locator('.rule-add-rule').click();
    await group.locator('.rule-row').nth(1).locator('.rule-type').selectOption('staff-of');
    const orgSearch = group.locator('.rule-row').nth(1).locator('input[role=combobox]');
    await orgSearch.pressSequentially('VDAB Testland', { delay: 15 });
    await page.locator(`[role=option][data-id="${VDAB}"]`).click();

    // the live preview: 100 people named, 2 opted out, 3 without e-mail (flagged, still invited)
    const definition = {
      rule: { type: 'any', rules: [
        { type: 'function', functions: ['trajectbegeleider'], region: REGION },
        { type: 'all', rules: [{ type: 'function', functions: ['sectorbemiddelaar'] }, { type: 'staff-of', organisations: [VDAB] }] },
      ] }, add: [], remove: [],
    };
    const expected = (await server.api('POST', '/api/planning/invitees', definition)).body;
    assert.equal(expected.count, 98);
    await page.locator('#invite-count', { hasText: /^98$/ }).waitFor({ timeout: 10_000 });
    assert.match(await page.locator('#invite-optout').textContent(), /^2 met opt-out/);
    assert.match(await page.locator('#invite-noemail').textContent(), /^3 zonder e-mailadres/);
    assert.equal(await page.locator('#invite-list .no-email').count(), 3);
    assert.equal(await page.locator('#invite-list tr[data-person="e2e-sb-elsewhere-1"]').count(), 0, 'a sectorbemiddelaar outside VDAB is not invited');

    // slot suggestions in the weeks around the school holiday, Tuesdays and Thursdays 10–12
    await page.fill('#slots-firstDay', windowDays.first);
    await page.fill('#slots-lastDay', windowDays.last);
    for (const d of ['monday', 'wednesday', 'friday']) await page.uncheck(`#slots-day-${d}`);
    await page.fill('#slots-dayStart', '10:00');
    await page.fill('#slots-dayEnd', '12:00');
    await page.fill('#slots-durationMinutes', '120');
    await page.click('#slots-find');
    await page.waitForSelector('#slot-list');
    const slots = await page.$$eval('#slot-list > li', (lis) => lis.map((li) => ({
      start: li.dataset.start, clean: li.classList.contains('clean'), text: li.textContent,
      school: !!li.querySelector('.reason-school-holiday'), conflict: !!li.querySelector('.reason-invitee-conflict'),
    })));
    const day = (s) => s.start.slice(0, 10);
    const inHoliday = (s) => day(s) >= holiday.first && day(s) <= holiday.last;
    assert.ok(slots.length >= 3, JSON.stringify(slots));
    assert.ok(slots[0].clean && !inHoliday(slots[0]) && !conflictDays.includes(day(slots[0])), `first suggestion ${JSON.stringify(slots[0])}`);
    const holidaySlot = slots.find(inHoliday);
    assert.ok(holidaySlot?.school && holidaySlot.text.includes(holiday.name.nl.toLowerCase()), 'a slot in the holiday says so');
    const busy = slots.find((s) => day(s) === conflictDays[0]);
    assert.ok(busy?.conflict && busy.text.includes('Lerend netwerk trajectbegeleiders Testland'), 'a busy slot names the other meeting');
    assert.ok(slots.indexOf(busy) > slots.indexOf(holidaySlot), 'busy invitees weigh more than a school holiday');
    await shot(page, 'slots');
    await page.locator('#slot-list > li').first().locator('.slot-pick').click();
    assert.equal(await page.inputValue('#m-start'), `${day(slots[0])}T10:00`);
    assert.equal(await page.inputValue('#m-end'), `${day(slots[0])}T12:00`);

    // save: the meeting, then its rules
    await page.click('#meeting-save');
    await page.waitForFunction(() => location.hash.startsWith('#meeting/'));
    const id = decodeURIComponent(await page.evaluate(() => location.hash.slice('#meeting/'.length)));
    await page.locator('#ws-title', { hasText: TITLE }).waitFor();
    const saved = (await server.api('GET', `/api/meetings/${encodeURIComponent(id)}`)).body;
    assert.equal(saved.kind, 'meet-and-greet');
    assert.equal(saved.start, `${day(slots[0])}T10:00:00${slots[0].start.slice(19)}`);
    assert.equal(saved.hasInviteRules, true);

    // freeze the list: everyone on it is INVITED
    await page.click('#invite-freeze');
    await page.click('#confirm-dialog button.danger');
    await page.locator('#invite-frozen').waitFor();
    await shot(page, 'frozen');
    const invitees = (await server.api('GET', `/api/meetings/${encodeURIComponent(id)}/invitees`)).body;
    assert.equal(invitees.frozen, true);
    assert.equal(invitees.count, 98);
    assert.ok(invitees.invitees.every((p) => p.status === 'needs-action'));

    // the calendar shows it on its day
    await page.click('#ws-back');
    await page.locator(`#cal-grid .cal-event[data-meeting="${id}"]`).waitFor();

    // check-in: three people present
    await page.goto(`${server.url}/planner.html#meeting/${encodeURIComponent(id)}/checkin`);
    await page.waitForSelector('#checkin-list li input');
    assert.equal(await page.locator('#checkin-list li input').count(), 98);
    const present = [people.tb[10], people.tb[11], people.sb[5]];
    for (const p of present) {
      await page.fill('#checkin-search', p.name);
      await page.locator(`label[for="checkin-${p.id}"]`).click();
      await page.locator('#checkin-state', { hasText: 'Opgeslagen.' }).waitFor();
    }
    await page.fill('#checkin-search', '');
    await shot(page, 'checkin');
    assert.match(await page.locator('#checkin-count').textContent(), /^3 aanwezig · 98 genodigden/);
    const attended = (await server.api('GET', `/api/relationships?node=${present[0].id}&limit=100`)).body.items.filter((r) => r.type === 'ATTENDED' && r.to === id);
    assert.equal(attended.length, 1);

    // the map: the person's history shows the attendance
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => window.netwerk?.debug()?.cy?.nodes().length > 0, null, { timeout: 30_000 });
    await page.locator('#search').pressSequentially(present[0].name, { delay: 15 });
    await page.locator(`#search-list [role=option][data-id="${present[0].id}"]`).click();
    await page.locator('#panel-title', { hasText: present[0].name }).waitFor();
    await page.locator('#panel .history li', { hasText: 'nam deel aan' }).waitFor({ timeout: 10_000 });
    assert.match(await page.locator('#panel .history li', { hasText: 'nam deel aan' }).first().textContent(), /Meet & greet trajectbegeleiders/);
    await shot(page, 'map');
    assert.deepEqual(await csp(), []);
    await context.close();
  });

  test('a viewer reads the calendar by keyboard, sees cancelled occurrences struck through, and cannot plan', async () => {
    const { context, page, csp } = await open('kijker.planner@e2e.test', [{ role: 'viewer', region: '*' }], 'Vera Viewer');
    await page.goto(`${server.url}/planner.html#?date=${conflictDays[0]}`);
    await page.waitForSelector('#cal-grid');
    assert.equal(await page.locator('#new-meeting').count(), 0, 'no "new meeting" for a viewer');
    assert.ok(await page.locator('#read-only').isVisible());

    // the school holiday is shaded; the cancelled occurrence of the series is struck through
    assert.ok(await page.locator(`[data-date="${holiday.first}"]`).evaluate((el) => el.classList.contains('hol-school')));
    const cancelled = page.locator(`.cal-event.cancelled[data-meeting="${recurringId}"]`);
    await cancelled.waitFor();
    assert.equal(await cancelled.evaluate((el) => getComputedStyle(el).textDecorationLine), 'line-through');
    assert.equal(await page.locator(`.cal-event[data-meeting="${recurringId}"]:not(.cancelled)`).count() >= 1, true);

    // arrows between days, Enter opens the day's meeting
    await page.locator(`[data-date="${conflictDays[0]}"]`).focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((d) => document.activeElement?.dataset.date === d, addDays(conflictDays[0], 1));
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((d) => document.activeElement?.dataset.date === d, conflictDays[0]);
    await page.keyboard.press('Enter');
    await page.locator('#ws-title', { hasText: 'Lerend netwerk trajectbegeleiders Testland' }).waitFor();
    assert.equal(await page.locator('#meeting-save').count(), 0, 'read-only: no save');
    assert.equal(await page.locator('#invite-freeze').count(), 0);
    assert.ok(await page.locator('#m-title').evaluate((el) => el.readOnly));

    // the week and list views
    await page.click('#ws-back');
    await page.click('#cal-view-week');
    await page.locator('.cal-week .cal-event', { hasText: 'Lerend netwerk' }).waitFor();
    await shot(page, 'viewer-week');
    await page.click('#cal-view-list');
    await page.locator('#cal-list .cal-event', { hasText: 'Lerend netwerk' }).waitFor();
    await shot(page, 'viewer-list');
    await page.click('#cal-view-month');
    await shot(page, 'viewer-month');

    // a direct write is refused
    const status = await page.evaluate(async (start) => {
      const me = await (await fetch('/api/auth/me')).json();
      const r = await fetch('/api/meetings', {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': me.csrfToken },
        body: JSON.stringify({ kind: 'andere', title: 'Mag niet', start, end: start.replace('T10', 'T11') }),
      });
      return r.status;
    }, brussels(conflictDays[0], '10:00'));
    assert.equal(status, 403);
    assert.deepEqual(await csp(), []);
    await context.close();
  });

  test('a series from the recurrence builder: refusals next to their fields, a concurrent edit, one occurrence moved, the rest cancelled; speed dates of a businessmixer', async () => {
    const { context, page, csp } = await open('organisator.reeks@e2e.test', [{ role: 'organiser', region: '*' }], 'Rik Reeks');
    await page.goto(`${server.url}/planner.html#new`);
    await page.waitForSelector('#meeting-form');
    const tuesday = secondTuesday(addDays(holiday.last, 40));
    await page.selectOption('#m-kind', 'overleg');
    await page.fill('#m-title', 'Regionaal overleg activering Testland');
    await page.fill('#m-start', `${tuesday}T09:30`);
    await page.fill('#m-end', `${tuesday}T09:00`);
    await page.click('#meeting-save');
    // the server's refusals appear next to the fields they name
    await page.locator('#m-end-err', { hasText: /./ }).waitFor();
    await page.locator('#m-platform-err', { hasText: /./ }).waitFor();
    assert.equal(await page.getAttribute('#m-end', 'aria-invalid'), 'true');

    await page.fill('#m-end', `${tuesday}T12:00`);
    await page.selectOption('#m-platform', await somePlatform());
    await page.selectOption('#m-priority', 'wse-lr2'); // the jaarverslag groups meetings by it
    await page.selectOption('#rec-preset', 'quarterly');
    assert.equal(await page.inputValue('#rec-raw'), 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=8');
    assert.equal(await page.locator('#rec-text').textContent(), '4 keer per jaar (om de 3 maanden) op de 2de dinsdag van de maand, voormiddag (09:30–12:00), 8 keer');
    await page.click('#meeting-save');
    await page.waitForFunction(() => location.hash.startsWith('#meeting/'));
    const id = decodeURIComponent(await page.evaluate(() => location.hash.slice('#meeting/'.length)));
    await page.locator('#occurrences tbody tr').nth(7).waitFor();
    assert.equal(await page.locator('#occurrences tbody tr').count(), 8);

    // someone else renames it while I edit: saving shows both versions; keeping mine wins
    await page.fill('#m-description', 'Agenda: stand van zaken activering.');
    const theirs = await server.api('GET', `/api/meetings/${encodeURIComponent(id)}`);
    const renamed = await server.api('PUT', `/api/meetings/${encodeURIComponent(id)}`, { ...theirs.body, title: 'Hernoemd door een collega' }, { 'If-Match': theirs.headers.get('etag') });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    await page.click('#meeting-save');
    await page.locator('#conflict-dialog tr.differs', { hasText: 'Hernoemd door een collega' }).waitFor();
    await page.click('#conflict-dialog button.primary');
    await page.locator('#conflict-dialog').waitFor({ state: 'detached' });
    await page.waitForFunction(async (mid) => (await (await fetch(`/api/meetings/${encodeURIComponent(mid)}`)).json()).description?.startsWith('Agenda'), id);
    const mine = (await server.api('GET', `/api/meetings/${encodeURIComponent(id)}`)).body;
    assert.equal(mine.title, 'Regionaal overleg activering Testland');
    assert.equal(mine.priority, 'wse-lr2');

    // while nothing is being edited, a change made elsewhere shows up by itself (live)
    const current = await server.api('GET', `/api/meetings/${encodeURIComponent(id)}`);
    await server.api('PUT', `/api/meetings/${encodeURIComponent(id)}`, { ...current.body, title: 'Regionaal overleg activering Testland 2027' }, { 'If-Match': current.headers.get('etag') });
    await page.locator('#ws-title', { hasText: 'Testland 2027' }).waitFor({ timeout: 5000 });
    assert.equal(await page.inputValue('#m-title'), 'Regionaal overleg activering Testland 2027');

    // the second occurrence moves to the afternoon; from the fourth on the series is cancelled
    await page.locator('#occurrences tbody tr').nth(1).locator('.occ-change').click();
    const second = await page.locator('#occurrences tbody tr').nth(1).getAttribute('data-original');
    await page.fill('#occ-start', `${second.slice(0, 10)}T13:30`);
    await page.fill('#occ-end', `${second.slice(0, 10)}T16:00`);
    await page.click('#occ-save');
    await page.locator('#occurrences tbody tr').nth(1).locator('.tag', { hasText: 'gewijzigd' }).waitFor();
    await page.locator('#occurrences tbody tr').nth(3).locator('.occ-cancel').click();
    await page.check('#occ-cancel-scope-following');
    await page.click('#occ-cancel-confirm');
    await page.waitForFunction(() => document.querySelectorAll('#occurrences tbody tr').length === 3);
    await shot(page, 'series');
    const series = (await server.api('GET', `/api/meetings/${encodeURIComponent(id)}`)).body;
    assert.equal(series.exceptions.length, 1);
    assert.match(series.recurrence, /UNTIL=/);

    // a businessmixer: two groups over two tables
    await page.goto(`${server.url}/planner.html#new`);
    await page.waitForSelector('#meeting-form');
    assert.ok(await page.locator('#ws-speed').isHidden());
    await page.selectOption('#m-kind', 'businessmixer');
    await page.fill('#m-title', 'Businessmixer zorg × sociale economie Testland');
    await page.fill('#m-start', `${tuesday}T13:30`);
    await page.fill('#m-end', `${tuesday}T17:00`);
    assert.ok(await page.locator('#ws-speed').isVisible());
    const pick = async (input, p) => {
      await page.locator(input).pressSequentially(p.name, { delay: 10 });
      await page.locator(`[role=option][data-id="${p.id}"]`).click();
    };
    for (const p of people.tb.slice(20, 23)) await pick('#speed-a', p);
    for (const p of people.sb.slice(20, 22)) await pick('#speed-b', p);
    await page.fill('#speed-tables', '2');
    await page.fill('#speed-roundMinutes', '8');
    await page.fill('#speed-totalMinutes', '30');
    await page.fill('#speed-changeoverMinutes', '2');
    await page.click('#speed-plan');
    await page.locator('#speed-grid tbody tr').first().waitFor();
    assert.equal(await page.locator('#speed-grid tbody tr').count(), 3);
    assert.equal(await page.locator('#speed-agendas .agenda-card').count(), 5);
    await shot(page, 'speed');
    // printing the agendas shows one card a page and nothing else
    await page.evaluate(() => document.body.classList.add('print-agendas'));
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('#speed-agendas .agenda-card').first().isVisible());
    assert.equal(await page.locator('#m-title').isVisible(), false);
    assert.equal(await page.locator('#speed-agendas .agenda-card').first().evaluate((el) => getComputedStyle(el).breakAfter), 'page');
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => document.body.classList.remove('print-agendas'));
    assert.match(await page.locator('#speed-grid tbody tr').first().textContent(), /13:30–13:38/);
    await page.click('#meeting-save');
    await page.waitForFunction(() => location.hash.startsWith('#meeting/'));
    const mixer = decodeURIComponent(await page.evaluate(() => location.hash.slice('#meeting/'.length)));
    const stored = (await server.api('GET', `/api/meetings/${encodeURIComponent(mixer)}/speeddates`)).body;
    assert.equal(stored.schedule.agendas.length, 5);
    assert.deepEqual(await csp(), []);
    await context.close();
  });
});

/** The second Tuesday of the month of `ymd`. */
function secondTuesday(ymd) {
  const first = `${ymd.slice(0, 8)}01`;
  const dow = (new Date(`${first}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(first, ((1 - dow + 7) % 7) + 7);
}
