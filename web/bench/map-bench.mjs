// Map benchmark (not a test): 5,000 nodes and 20,000 relationships imported into a fresh server,
// the map opened in headless Chromium; prints first render, layout and interaction timings.
//   NETWERK_SERVER_DLL=/tmp/netwerk-server/Netwerk.Web.dll npm run bench
//   BENCH_NODES=5000 BENCH_RELS=20000 to change the size.
import os from 'node:os';
import { launch } from '../e2e/browser.mjs';
import { signedInState } from '../e2e/auth.mjs';
import { startServer } from '../e2e/server.mjs';

const N = Number(process.env.BENCH_NODES ?? 5000);
const M = Number(process.env.BENCH_RELS ?? 20000);

function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

/** A synthetic network shaped like a province: regions, municipalities, organisations, people, platforms… */
export function generate(n = N, m = M) {
  const rand = rng(42);
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const share = { Region: 0.002, Municipality: 0.06, Organisation: 0.3, Person: 0.45, Platform: 0.05, Theme: 0.01, Meeting: 0.08, Project: 0.02, Agreement: 0.018, Signal: 0.01 };
  const sectors = ['sociale-economie', 'reguliere-economie', 'overheid', 'zorg-welzijn', 'onderwijs', 'middenveld'];
  const orgTypes = ['maatwerkbedrijf', 'lokaal-bestuur', 'ocmw', 'vdab', 'zorgvoorziening', 'reguliere-onderneming', 'onderwijs', 'koepel'];
  const nodes = [];
  const by = {};
  let left = n;
  const kinds = Object.keys(share);
  for (const [i, kind] of kinds.entries()) {
    const count = i === kinds.length - 1 ? left : Math.max(1, Math.round(n * share[kind]));
    left -= count;
    by[kind] = [];
    for (let j = 0; j < count; j++) {
      const id = `${kind.toLowerCase()}-${j}`;
      let properties;
      switch (kind) {
        case 'Organisation': properties = { name: `Organisatie ${j}`, type: pick(orgTypes), sector: pick(sectors) }; break;
        case 'Person': properties = { name: `Persoon ${j}`, email: `persoon${j}@example.org` }; break;
        case 'Platform': properties = { name: `Overleg ${j}`, type: 'werkgroep' }; break;
        case 'Agreement': properties = { title: `Overeenkomst ${j}`, type: 'samenwerkingsovereenkomst' }; break;
        case 'Meeting': properties = { title: `Activiteit ${j}`, type: 'overleg', start: '2025-03-12T09:30:00+01:00' }; break;
        case 'Signal': properties = { title: `Signaal ${j}` }; break;
        default: properties = { name: `${kind} ${j}` };
      }
      nodes.push({ id, kind, properties });
      by[kind].push(id);
    }
  }
  const rels = [];
  const seen = new Set();
  const add = (type, from, to) => {
    const key = `${type}|${from}|${to}`;
    if (seen.has(key) || from === to) return false;
    seen.add(key);
    rels.push({ id: `rel-${rels.length}`, type, from, to, properties: {} });
    return true;
  };
  for (const mun of by.Municipality) add('PART_OF', mun, pick(by.Region));
  for (const p of by.Person) add('WORKS_FOR', p, pick(by.Organisation));
  for (const o of by.Organisation) add('ACTIVE_IN', o, pick(by.Municipality));
  for (const mt of by.Meeting) add('OF', mt, pick(by.Platform));
  const mix = [
    [0.3, () => add('MEMBER_OF', pick(by.Person), pick(by.Platform))],
    [0.12, () => add('MEMBER_OF', pick(by.Organisation), pick(by.Platform))],
    [0.25, () => add('ATTENDED', pick(by.Person), pick(by.Meeting))],
    [0.1, () => add('COLLABORATES_WITH', pick(by.Organisation), pick(by.Organisation))],
    [0.08, () => add('ACTIVE_IN', pick(by.Organisation), pick(by.Municipality))],
    [0.05, () => add('ADDRESSES', pick(by.Platform), pick(by.Theme))],
    [0.05, () => add('PARTY_TO', pick(by.Organisation), pick(by.Agreement))],
    [0.05, () => add('PARTY_TO', pick(by.Organisation), pick(by.Project))],
  ];
  while (rels.length < m) {
    let r = rand();
    for (const [w, f] of mix) { if ((r -= w) <= 0) { f(); break; } }
    if (r > 0) add('ABOUT', pick(by.Signal), pick(by.Theme));
  }
  return { nodes, relationships: rels };
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, mean: +mean.toFixed(1), p50: +q(0.5).toFixed(1), p95: +q(0.95).toFixed(1), max: +s[s.length - 1].toFixed(1) };
}

async function main() {
  const server = await startServer({ seed: false, fixtureIfEmpty: false });
  const browser = await launch();
  try {
    const signedIn = await signedInState(browser, server, 'bench@e2e.test'); // before the import: signing in opens the map
    const doc = generate();
    let t = performance.now();
    const imp = await server.api('POST', '/api/import', doc);
    if (imp.status !== 200) throw new Error(JSON.stringify(imp.body).slice(0, 500));
    const importMs = performance.now() - t;
    t = performance.now();
    const g = await server.api('GET', '/api/graph');
    const graphMs = performance.now() - t;

    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, storageState: signedIn });
    const t0 = Date.now();
    await page.goto(server.url + '/');
    await page.waitForFunction(() => window.netwerk?.debug && window.netwerk.debug().cy?.nodes().length > 0, null, { timeout: 120_000, polling: 50 });
    await page.evaluate(() => window.netwerk.debug().ready);
    // the first frame after the map is ready
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const firstRender = Date.now() - t0;
    const initialLayout = await page.evaluate(() => document.querySelector('#layout-select')?.value);
    // where the first render went (performance measures the app records while loading)
    const phases = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('measure')
      .filter((m) => m.name.startsWith('netwerk:')).map((m) => [m.name.slice(8), { startMs: Math.round(m.startTime), durationMs: Math.round(m.duration) }])));

    const layouts = {};
    for (const name of ['grouped', 'force', 'grouped']) {
      const ms = await page.evaluate(async (n) => {
        const t = performance.now();
        await window.netwerk.debug().layout(n);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - t;
      }, name);
      layouts[name] = Math.round(ms);
    }

    // interaction: frame intervals while the user drags and wheels over the map
    const box = await page.locator('#map').boundingBox();
    const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
    const record = () => page.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      window.__rec = true;
      const loop = (now) => { window.__frames.push(now - last); last = now; if (window.__rec) requestAnimationFrame(loop); };
      requestAnimationFrame(loop);
    });
    const stop = () => page.evaluate(() => { window.__rec = false; return window.__frames.slice(1); });

    await record();
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(cx + Math.sin(i / 6) * 200, cy + Math.cos(i / 6) * 120, { steps: 1 });
    await page.mouse.up();
    const pan = stats(await stop());

    await record();
    for (let i = 0; i < 40; i++) { await page.mouse.wheel(0, i < 20 ? -120 : 120); await page.waitForTimeout(16); }
    await page.waitForTimeout(300);
    const zoom = stats(await stop());

    // select + focus latency: programmatic (map + panel) and through the search box
    const ids = await page.evaluate(() => window.netwerk.debug().cy.nodes().slice(0, 4000).map((n) => n.id()).filter((_, i) => i % 400 === 0));
    const selectMs = [];
    for (const id of ids) {
      selectMs.push(await page.evaluate(async (i) => {
        const t = performance.now();
        window.netwerk.debug().select(i);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return performance.now() - t;
      }, id));
    }
    const searchMs = [];
    for (const j of [17, 342, 1203]) {
      await page.fill('#search', '');
      await page.type('#search', `Persoon ${j}`);
      const opt = page.locator('#search-list [role=option]', { hasText: new RegExp(`^.*Persoon ${j}$`) }).first();
      await opt.waitFor();
      const ts = Date.now();
      await page.keyboard.press('Enter');
      await page.locator('#panel-title', { hasText: `Persoon ${j}` }).waitFor();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      searchMs.push(Date.now() - ts);
    }

    const result = {
      graph: { nodes: g.body.nodes.length, relationships: g.body.relationships.length },
      server: { importMs: Math.round(importMs), graphGetMs: Math.round(graphMs) },
      firstRenderMs: firstRender,
      firstRenderPhases: phases,
      initialLayout,
      layoutMs: layouts,
      panFrameMs: pan,
      zoomFrameMs: zoom,
      selectFocusMs: stats(selectMs),
      searchEnterToPanelMs: stats(searchMs),
      cpu: { cores: os.cpus().length, loadAverage: os.loadavg().map((x) => +x.toFixed(2)) },
      note: 'headless Chromium with --disable-gpu (software rendering): frame times are pessimistic compared to a laptop with a GPU',
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
