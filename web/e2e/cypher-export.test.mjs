// End-to-end: the Cypher export (GET /api/export?format=cypher) of the whole demo network passes Neo4j's own parser and
// linter (@neo4j-cypher/language-support, the lint step of test.sh) with zero errors; so does an export holding hostile
// names (quotes, backslashes, line breaks, a would-be injection), and the linter does fail on a broken export.
// No browser needed: the built app with the demo data, called over HTTP with the tests' bootstrap token.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintCypher } from '../scripts/lint-cypher.mjs';
import { startServer } from './server.mjs';

let server;

before(async () => {
  server = await startServer({ seed: true });
});

after(async () => {
  await server?.stop();
});

async function exportCypher(method, path, body) {
  const res = await fetch(server.url + path, {
    method,
    headers: { Authorization: `Bearer ${server.bootstrapToken}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get('content-type'), 'application/x-cypher; charset=utf-8');
  return res.text();
}

/** The UNWIND statements of an export, one string each (the export escapes line breaks, so ";\n" ends a statement). */
const statements = (script) => script.split(/;\n/).map((s) => s.search(/^UNWIND /m) >= 0 ? s.slice(s.search(/^UNWIND /m)) + ';' : null).filter(Boolean);

const HOSTILE = [
  'O\'Brien \\ "x"',
  '\'}); MATCH (n) DETACH DELETE n; //',
  'regel 1\nregel 2\r\n\tingesprongen \u0001 \u2028 einde',
  '\\u0041 is geen A, ` geen backtick, /* geen commentaar',
  'Café – 🎉',
];

describe('cypher export', () => {
  test('the export of the whole demo network passes Neo4j\'s Cypher linter', async () => {
    let started = performance.now();
    const script = await exportCypher('GET', '/api/export?format=cypher');
    const exportMs = performance.now() - started;
    const health = await (await fetch(server.url + '/health')).json();
    assert.ok(health.store.nodeCount > 100, 'the demo network is loaded');
    assert.equal((script.match(/^CREATE CONSTRAINT /gm) ?? []).length > 10, true, 'the constraints of cypher/schema.cypher come first');

    started = performance.now();
    const errors = lintCypher(script);
    const lintMs = performance.now() - started;
    assert.deepEqual(errors, []);
    console.log(`cypher export of the demo: ${script.length} characters, ${statements(script).length} UNWIND statements, `
      + `exported in ${Math.round(exportMs)} ms, linted in ${Math.round(lintMs)} ms`);
  });

  test('hostile names come out as literals the linter accepts, and a broken export fails it', async () => {
    const r = await server.api('POST', '/api/import', {
      nodes: HOSTILE.map((name, i) => ({ id: `e2e-hostile-${i}`, kind: 'Organisation', properties: { name, description: name, type: 'maatwerkbedrijf', sector: 'sociale-economie' } })),
      relationships: [{ id: 'e2e-hostile-tie', type: 'COLLABORATES_WITH', from: 'e2e-hostile-0', to: 'e2e-hostile-1', properties: { description: HOSTILE[1] }, validFrom: '2025-01-01' }],
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    // The current view of just these nodes: the same writer, a script small enough to lint in a moment.
    const script = await exportCypher('POST', '/api/export/cypher', { nodes: HOSTILE.map((_, i) => `e2e-hostile-${i}`) });
    assert.equal(statements(script).length, 2);
    assert.deepEqual(lintCypher(script), []);

    // The linter does look: an unescaped quote in a literal, a missing bracket, a misspelt keyword.
    const [nodes, ties] = statements(script);
    for (const [statement, broken] of [
      [nodes, nodes.replace("O\\'Brien", "O'Brien")],
      [nodes, nodes.replace('] AS row', ' AS row')],
      [ties, ties.replace('CREATE (a)', 'CRETE (a)')],
    ]) {
      assert.notEqual(broken, statement);
      assert.ok(lintCypher(broken).length > 0, `no error found in:\n${broken}`);
    }
  });
});
