import { describe, expect, it } from 'vitest';
import type { GraphNode, GraphRelationship, Problem } from '../src/api/types';
import { fieldKey, mapProblem } from '../src/problems';
import { inverseOf, mentions } from '../src/undo';

describe('problem → field mapping', () => {
  const problem: Problem = {
    title: 'De gegevens zijn ongeldig.', status: 422, code: 'validation',
    errors: { 'properties.email': ['Geen geldig e-mailadres.'] },
    issues: [
      { field: 'properties.email', code: 'bad-email', message: 'Geen geldig e-mailadres.' },
      { field: 'properties.goals[1]', code: 'too-long', message: 'Te lang.' },
      { field: 'to', code: 'bad-endpoint', message: 'Dit eindpunt kan niet.' },
      { field: 'properties.unknownThing', code: 'unknown-property', message: 'Onbekende eigenschap.' },
    ],
  };

  it('maps field paths to form fields', () => {
    expect(fieldKey('properties.email')).toBe('email');
    expect(fieldKey('properties.goals[2]')).toBe('goals');
    expect(fieldKey('nodes[3].properties.name')).toBe('name');
    expect(fieldKey('kind')).toBe('$kind');
    expect(fieldKey('')).toBe('$');
  });

  it('puts messages next to their fields and the rest in general', () => {
    const m = mapProblem(problem, ['email', 'goals', 'name'], ['$to']);
    expect(m.fields.get('email')).toEqual(['Geen geldig e-mailadres.']);
    expect(m.fields.get('goals')).toEqual(['Te lang.']);
    expect(m.fields.get('$to')).toEqual(['Dit eindpunt kan niet.']);
    expect(m.general).toEqual(['properties.unknownThing: Onbekende eigenschap.']);
  });

  it('falls back to errors, then to the title', () => {
    const onlyErrors = mapProblem({ ...problem, issues: null }, ['email']);
    expect(onlyErrors.fields.get('email')).toEqual(['Geen geldig e-mailadres.']);
    const bare = mapProblem({ title: 'Niet gevonden.', status: 404 }, ['email']);
    expect(bare.general).toEqual(['Niet gevonden.']);
  });
});

describe('undo inverse', () => {
  const at = '2026-01-01T00:00:00Z';
  const before: GraphNode = { id: 'n1', kind: 'Person', properties: { name: 'Oud' }, version: 3, createdAt: at, updatedAt: at };
  const after: GraphNode = { ...before, properties: { name: 'Nieuw' }, version: 4 };
  const rel: GraphRelationship = { id: 'r1', type: 'MEMBER_OF', from: 'n1', to: 'p1', properties: { role: 'lid' }, validFrom: '2024-01-01', validUntil: null, version: 2, createdAt: at, updatedAt: at };

  it('knows which steps hold a node\'s data, so an erased person leaves nothing to undo', () => {
    const other: GraphNode = { ...before, id: 'n2' };
    expect(mentions({ op: 'updateNode', before, after }, 'n1')).toBe(true);
    expect(mentions({ op: 'updateNode', before: other, after: other }, 'n1')).toBe(false);
    expect(mentions({ op: 'createRel', rel }, 'n1')).toBe(true);
    expect(mentions({ op: 'createRel', rel }, 'p1')).toBe(true);
    expect(mentions({ op: 'deleteRel', rel }, 'n2')).toBe(false);
    expect(mentions({ op: 'deleteNode', node: other, relationships: [rel] }, 'n1')).toBe(true);
    expect(mentions({ op: 'deleteNode', node: other, relationships: [] }, 'n1')).toBe(false);
  });

  it('create → delete at the created version', () => {
    expect(inverseOf({ op: 'createNode', node: { ...before, version: 1 } })).toEqual({ method: 'DELETE', entity: 'node', id: 'n1', version: 1 });
    expect(inverseOf({ op: 'createRel', rel })).toEqual({ method: 'DELETE', entity: 'relationship', id: 'r1', version: 2 });
  });

  it('update → put the previous properties, naming the version the update produced', () => {
    expect(inverseOf({ op: 'updateNode', before, after })).toEqual({ method: 'PUT', entity: 'node', id: 'n1', version: 4, body: { properties: { name: 'Oud' } } });
    const relAfter = { ...rel, properties: { role: 'trekker' }, validUntil: '2025-01-01', version: 3 };
    expect(inverseOf({ op: 'updateRel', before: rel, after: relAfter })).toEqual({
      method: 'PUT', entity: 'relationship', id: 'r1', version: 3, body: { properties: { role: 'lid' }, validFrom: '2024-01-01', validUntil: null },
    });
  });

  it('delete → recreate the node with the same id and its relationships', () => {
    expect(inverseOf({ op: 'deleteNode', node: before, relationships: [rel] })).toEqual({
      method: 'IMPORT',
      document: {
        nodes: [{ id: 'n1', kind: 'Person', properties: { name: 'Oud' } }],
        relationships: [{ id: 'r1', type: 'MEMBER_OF', from: 'n1', to: 'p1', properties: { role: 'lid' }, validFrom: '2024-01-01' }],
      },
    });
    expect(inverseOf({ op: 'deleteRel', rel })).toEqual({
      method: 'IMPORT', document: { nodes: [], relationships: [{ id: 'r1', type: 'MEMBER_OF', from: 'n1', to: 'p1', properties: { role: 'lid' }, validFrom: '2024-01-01' }] },
    });
  });
});
