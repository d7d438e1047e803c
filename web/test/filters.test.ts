import { describe, expect, it } from 'vitest';
import { emptyFilters, visibleNodeIds, visibleRelIds } from '../src/filters';
import { GraphModel } from '../src/model';
import { egoNetwork, shortestPath } from '../src/paths';
import { groupedPositions, sizeScale } from '../src/layouts';

const at = '2026-01-01T00:00:00Z';
const n = (id: string, kind: string, properties: Record<string, unknown> = {}) => ({ id, kind, properties: { name: id, ...properties }, version: 1, createdAt: at, updatedAt: at });
const r = (id: string, type: string, from: string, to: string) => ({ id, type, from, to, properties: {}, version: 1, createdAt: at, updatedAt: at });

function model(): GraphModel {
  const m = new GraphModel();
  m.load({
    nodes: [
      n('mentor', 'Organisation', { sector: 'sociale-economie', type: 'maatwerkbedrijf' }),
      n('vdab', 'Organisation', { sector: 'overheid', type: 'vdab' }),
      n('wzc', 'Organisation', { sector: 'zorg-welzijn', type: 'zorgvoorziening' }),
      n('an', 'Person'), n('bart', 'Person'),
      n('rose', 'Platform'), n('ln', 'Platform'),
      n('taal', 'Theme'),
    ],
    relationships: [
      r('1', 'MEMBER_OF', 'mentor', 'rose'), r('2', 'MEMBER_OF', 'an', 'ln'), r('3', 'MEMBER_OF', 'bart', 'ln'),
      r('4', 'WORKS_FOR', 'an', 'vdab'), r('5', 'ADDRESSES', 'ln', 'taal'), r('6', 'COLLABORATES_WITH', 'mentor', 'wzc'),
    ],
  }, 0);
  return m;
}

describe('filters', () => {
  it('shows everything without filters', () => {
    expect(visibleNodeIds(model(), emptyFilters()).size).toBe(8);
  });

  it('filters by kind', () => {
    const f = emptyFilters(); f.kinds.add('Person');
    expect([...visibleNodeIds(model(), f)].sort()).toEqual(['an', 'bart']);
  });

  it('filters organisations by sector and type, leaving other kinds alone', () => {
    const f = emptyFilters(); f.sectors.add('overheid');
    const v = visibleNodeIds(model(), f);
    expect(v.has('vdab')).toBe(true);
    expect(v.has('mentor')).toBe(false);
    expect(v.has('an')).toBe(true);
    const g = emptyFilters(); g.orgTypes.add('maatwerkbedrijf');
    expect([...visibleNodeIds(model(), g)].filter((x) => ['mentor', 'vdab', 'wzc'].includes(x))).toEqual(['mentor']);
  });

  it('shows what is tied to a chosen platform or theme', () => {
    const f = emptyFilters(); f.platforms.add('ln');
    expect([...visibleNodeIds(model(), f)].sort()).toEqual(['an', 'bart', 'ln', 'taal']);
    const g = emptyFilters(); g.themes.add('taal');
    expect([...visibleNodeIds(model(), g)].sort()).toEqual(['ln', 'taal']);
  });

  it('combines kind and platform filters', () => {
    const f = emptyFilters(); f.platforms.add('ln'); f.kinds.add('Person');
    expect([...visibleNodeIds(model(), f)].sort()).toEqual(['an', 'bart']);
  });

  it('keeps relationships whose both ends are visible', () => {
    const m = model();
    const f = emptyFilters(); f.kinds.add('Person'); f.kinds.add('Platform');
    expect([...visibleRelIds(m, visibleNodeIds(m, f))].sort()).toEqual(['2', '3']);
  });
});

describe('ego network and shortest path', () => {
  it('grows the ego network by depth', () => {
    const m = model();
    expect([...egoNetwork(m, 'an', 1).nodes].sort()).toEqual(['an', 'ln', 'vdab']);
    expect([...egoNetwork(m, 'an', 2).nodes].sort()).toEqual(['an', 'bart', 'ln', 'taal', 'vdab']);
  });

  it('finds a shortest path, undirected', () => {
    const m = model();
    expect(shortestPath(m, 'bart', 'vdab')).toEqual({ nodes: ['bart', 'ln', 'an', 'vdab'], rels: ['3', '2', '4'] });
    expect(shortestPath(m, 'bart', 'wzc')).toBeNull();
    expect(shortestPath(m, 'bart', 'vdab', new Set(['bart', 'vdab']))).toBeNull();
  });
});

describe('layout helpers', () => {
  it('groups kinds into separate blocks', () => {
    const items = [...Array(30)].map((_, i) => ({ id: `p${i}`, kind: i < 20 ? 'Person' : 'Organisation', size: 20 }));
    const pos = groupedPositions(items, ['Organisation', 'Person']);
    expect(pos.size).toBe(30);
    const box = (k: string) => {
      const ps = items.filter((i) => i.kind === k).map((i) => pos.get(i.id)!);
      return { x1: Math.min(...ps.map((p) => p.x)), x2: Math.max(...ps.map((p) => p.x)), y1: Math.min(...ps.map((p) => p.y)), y2: Math.max(...ps.map((p) => p.y)) };
    };
    const a = box('Organisation'), b = box('Person');
    const overlap = a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;
    expect(overlap).toBe(false);
    expect(new Set([...pos.values()].map((p) => `${p.x},${p.y}`)).size).toBe(30);
  });

  it('scales size by any metric', () => {
    const s = sizeScale(new Map([['a', 0], ['b', 25], ['c', 100]]), 10, 50);
    expect(s('a')).toBe(10);
    expect(s('c')).toBe(50);
    expect(s('b')).toBe(30);
    expect(s('missing')).toBe(10);
  });
});

import { parseMetrics } from '../src/metrics';
describe('metrics parsing', () => {
  it('reads arrays, wrapped arrays and records of numbers', () => {
    const a = parseMetrics([{ id: 'x', degree: 3, betweenness: 0.5, community: 2, name: 'X' }, { id: 'y', degree: 1 }]);
    expect([...a.keys()].sort()).toEqual(['betweenness', 'community', 'degree']);
    expect(a.get('degree')!.get('y')).toBe(1);
    const b = parseMetrics({ nodes: [{ nodeId: 'x', metrics: { pagerank: 0.1 } }] });
    expect(b.get('pagerank')!.get('x')).toBe(0.1);
    const c = parseMetrics({ x: { coreNumber: 2 } });
    expect(c.get('coreNumber')!.get('x')).toBe(2);
    expect(parseMetrics(null).size).toBe(0);
  });
});
