import { describe, expect, it } from 'vitest';
import type { Change, Subgraph } from '../src/api/types';
import { GraphModel, validOn } from '../src/model';

const at = '2026-01-01T10:00:00+00:00';
const node = (id: string, name = id, version = 1) => ({ id, kind: 'Person', properties: { name }, version, createdAt: at, updatedAt: at });
const rel = (id: string, from: string, to: string, extra: object = {}) => ({ id, type: 'MEMBER_OF', from, to, properties: {}, version: 1, createdAt: at, updatedAt: at, ...extra });

function model(): GraphModel {
  const g: Subgraph = { nodes: [node('a'), node('b'), node('c')], relationships: [rel('r1', 'a', 'b'), rel('r2', 'b', 'c')] };
  const m = new GraphModel();
  m.load(g, 10);
  return m;
}

let seq = 10;
function change(p: Partial<Change> & Pick<Change, 'entity' | 'operation' | 'id'>): Change {
  return { sequence: ++seq, at, label: p.entity === 'node' ? 'Person' : 'MEMBER_OF', version: 1, ...p };
}

describe('GraphModel.applyChanges', () => {
  it('drops an erased person whom the feed names only by a tombstone, learnt from the erased relationships', () => {
    const m = model();
    const d = m.applyChanges([
      change({ entity: 'relationship', operation: 'deleted', id: 'r1', from: 'erased-9f', to: 'b', cause: 'erasure' }),
      change({ entity: 'node', operation: 'deleted', id: 'erased-9f', cause: 'erasure' }),
    ]);
    expect(m.nodes.has('a')).toBe(false);
    expect(d.removedNodes).toEqual(['a']);
    expect(d.removedRels).toEqual(['r1']);
    expect(m.nodes.has('b')).toBe(true);
  });

  it('counts an erasure it cannot place (the view is then read again) and leaves the map alone meanwhile', () => {
    const m = model();
    const d = m.applyChanges([change({ entity: 'node', operation: 'deleted', id: 'erased-00', cause: 'erasure' })]);
    expect(d.removedNodes).toEqual([]);
    expect(d.unknownErasures).toBe(1);
    expect(m.nodes.size).toBe(3);
    // an ordinary deletion of a node elsewhere is no reason to read anything again
    expect(m.applyChanges([change({ entity: 'node', operation: 'deleted', id: 'elsewhere' })]).unknownErasures).toBe(0);
  });

  it('removes a node on request with its relationships', () => {
    const m = model();
    const d = m.removeNode('b');
    expect(d.removedNodes).toEqual(['b']);
    expect(d.removedRels.sort()).toEqual(['r1', 'r2']);
    expect(m.removeNode('b').removedNodes).toEqual([]);
  });

  it('creates, updates and deletes nodes', () => {
    const m = model();
    const d1 = m.applyChanges([change({ entity: 'node', operation: 'created', id: 'd', data: { id: 'd', kind: 'Person', properties: { name: 'Dirk' } } })]);
    expect(d1.addedNodes).toEqual(['d']);
    expect(m.nodes.get('d')!.properties['name']).toBe('Dirk');
    const d2 = m.applyChanges([change({ entity: 'node', operation: 'updated', id: 'a', version: 2, data: { id: 'a', kind: 'Person', properties: { name: 'An' } } })]);
    expect(d2.updatedNodes).toEqual(['a']);
    expect(m.nodes.get('a')!.version).toBe(2);
  });

  it('removes a deleted node with its relationships', () => {
    const m = model();
    const d = m.applyChanges([change({ entity: 'node', operation: 'deleted', id: 'b', version: 2 })]);
    expect(d.removedNodes).toEqual(['b']);
    expect(d.removedRels.sort()).toEqual(['r1', 'r2']);
    expect(m.rels.size).toBe(0);
    expect(m.degree('a')).toBe(0);
  });

  it('is harmless to apply twice, and ignores older versions', () => {
    const m = model();
    const c = change({ entity: 'node', operation: 'updated', id: 'a', version: 3, data: { id: 'a', kind: 'Person', properties: { name: 'v3' } } });
    m.applyChanges([c]);
    const again = m.applyChanges([c]);
    expect(again.updatedNodes).toEqual([]);
    const older = m.applyChanges([change({ entity: 'node', operation: 'updated', id: 'a', version: 2, data: { id: 'a', kind: 'Person', properties: { name: 'v2' } } })]);
    expect(older.updatedNodes).toEqual([]);
    expect(m.nodes.get('a')!.properties['name']).toBe('v3');
  });

  it('skips changes at or below the sequence the graph was loaded at', () => {
    const m = model();
    const d = m.applyChanges([{ sequence: 5, at, entity: 'node', operation: 'deleted', id: 'a', label: 'Person', version: 9 }]);
    expect(d.removedNodes).toEqual([]);
    expect(m.nodes.has('a')).toBe(true);
  });

  it('adds relationships and reports those whose endpoint is missing', () => {
    const m = model();
    const d = m.applyChanges([
      change({ entity: 'relationship', operation: 'created', id: 'r3', data: { id: 'r3', type: 'MEMBER_OF', from: 'a', to: 'c', properties: { role: 'lid' } } }),
      change({ entity: 'relationship', operation: 'created', id: 'r4', data: { id: 'r4', type: 'MEMBER_OF', from: 'a', to: 'zz', properties: {} } }),
    ]);
    expect(d.addedRels).toEqual(['r3']);
    expect(d.missingNodes).toEqual(['zz']);
    m.addNodes([node('zz')], d);
    m.placePending(d.pending, d);
    expect(m.rels.has('r4')).toBe(true);
    expect(m.degree('a')).toBe(3);
  });

  it('drops a relationship no longer valid on the date shown', () => {
    const m = model();
    m.asOf = '2024-06-01';
    const d = m.applyChanges([change({ entity: 'relationship', operation: 'updated', id: 'r1', version: 2, data: { id: 'r1', type: 'MEMBER_OF', from: 'a', to: 'b', properties: {}, validUntil: '2023-12-31' } })]);
    expect(d.removedRels).toEqual(['r1']);
  });

  it('applies changes in sequence order and keeps the last sequence', () => {
    const m = model();
    const c1 = change({ entity: 'node', operation: 'created', id: 'x', data: { id: 'x', kind: 'Person', properties: { name: 'X' } } });
    const c2 = change({ entity: 'node', operation: 'deleted', id: 'x' });
    const d = m.applyChanges([c2, c1]);
    expect(m.nodes.has('x')).toBe(false);
    expect(d.addedNodes).toEqual([]);
    expect(m.lastSequence).toBe(c2.sequence);
  });

  it('exports the import format, ordered by id', () => {
    const m = model();
    const doc = m.toDocument(['b', 'a']);
    expect(doc.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(doc.relationships).toEqual([{ id: 'r1', type: 'MEMBER_OF', from: 'a', to: 'b', properties: {} }]);
    expect(Object.keys(doc.nodes[0]!)).toEqual(['id', 'kind', 'properties']);
  });

  it('validOn uses inclusive bounds', () => {
    expect(validOn({ validFrom: '2024-01-01', validUntil: '2024-12-31' }, '2024-12-31')).toBe(true);
    expect(validOn({ validFrom: '2024-01-01' }, '2023-12-31')).toBe(false);
    expect(validOn({}, null)).toBe(true);
  });
});
