import { describe, expect, it } from 'vitest';
import { analysisUrl, bySeverity, categoricalColors, countByKind, evidenceRelationships, type Finding, sequentialColors } from '../src/analysis';

const finding = (id: string, severity: Finding['severity'], kind = 'silo', nodes: string[] = [], paths: string[][] = []): Finding => ({
  id, kind, severity, title: id, explanation: '', suggestion: '', evidence: { nodes, paths, dates: [] },
});

describe('analysis', () => {
  it('builds analysis URLs with only the parameters given', () => {
    expect(analysisUrl('blindspots', null, null)).toBe('/api/analysis/blindspots');
    expect(analysisUrl('metrics', 'region-zuid-west-vlaanderen', '2023-12-31')).toBe('/api/analysis/metrics?region=region-zuid-west-vlaanderen&asOf=2023-12-31');
  });

  it('groups findings most severe first and leaves out empty groups', () => {
    const groups = bySeverity([finding('a', 'low'), finding('b', 'high'), finding('c', 'low')]);
    expect(groups.map(([s, list]) => [s, list.map((f) => f.id)])).toEqual([['high', ['b']], ['low', ['a', 'c']]]);
  });

  it('counts findings per kind, most frequent first', () => {
    expect(countByKind([finding('a', 'low', 'silo'), finding('b', 'low', 'sector-gap'), finding('c', 'high', 'sector-gap')]))
      .toEqual([['sector-gap', 2], ['silo', 1]]);
  });

  it('highlights relationships along evidence paths and between evidence nodes, not beyond them', () => {
    const rels = [
      { id: 'r1', from: 'a', to: 'b' }, // on the path
      { id: 'r2', from: 'c', to: 'b' }, // on the path, reversed direction
      { id: 'r3', from: 'x', to: 'y' }, // both evidence nodes
      { id: 'r4', from: 'a', to: 'z' }, // leaves the evidence
    ];
    const f = finding('f', 'high', 'single-person-tie', ['x', 'y'], [['a', 'b', 'c']]);
    expect([...evidenceRelationships(f, rels)].sort()).toEqual(['r1', 'r2', 'r3']);
  });

  it('colours a metric light to dark by rank', () => {
    const colors = sequentialColors(new Map([['low', 0], ['mid', 0.5], ['high', 100]]));
    expect(colors.get('low')).toBe('#e0f2fe');
    expect(colors.get('high')).toBe('#1e3a8a');
    expect(new Set(colors.values()).size).toBe(3);
  });

  it('gives each community its own colour', () => {
    const colors = categoricalColors(new Map([['a', 3], ['b', 3], ['c', 7]]));
    expect(colors.get('a')).toBe(colors.get('b'));
    expect(colors.get('a')).not.toBe(colors.get('c'));
  });
});
