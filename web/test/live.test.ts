import { describe, expect, it } from 'vitest';
import type { Change, ChangePage } from '../src/api/types';
import { LiveSync } from '../src/live';
import { GraphModel } from '../src/model';

const at = '2026-01-01T00:00:00Z';
function feed(total: number, pageSize: number) {
  const all: Change[] = Array.from({ length: total }, (_, i) => ({
    sequence: i + 1, at, entity: 'node', operation: 'created', id: `n${i + 1}`, label: 'Theme', version: 1,
    data: { id: `n${i + 1}`, kind: 'Theme', properties: { name: `T${i + 1}` } },
  }));
  const calls: number[] = [];
  const changes = async (since: number): Promise<ChangePage> => {
    calls.push(since);
    const page = all.filter((c) => c.sequence > since).slice(0, pageSize);
    return { changes: page, latestSequence: total, hasMore: page.length > 0 && page[page.length - 1]!.sequence < total };
  };
  return { all, calls, changes };
}

describe('catch-up from the change feed', () => {
  it('reads pages until hasMore is false and applies each change once', async () => {
    const model = new GraphModel();
    model.load({ nodes: [], relationships: [] }, 0);
    const f = feed(25, 10);
    const live = new LiveSync({ changes: f.changes, lastSequence: () => model.lastSequence, apply: (c) => { model.applyChanges(c); }, status: () => undefined });
    await live.catchUp();
    expect(f.calls).toEqual([0, 10, 20]);
    expect(model.nodes.size).toBe(25);
    expect(model.lastSequence).toBe(25);
    await live.catchUp();
    expect(f.calls).toEqual([0, 10, 20, 25]);
  });

  it('serialises overlapping hints into one more round', async () => {
    const model = new GraphModel();
    model.load({ nodes: [], relationships: [] }, 0);
    const f = feed(5, 10);
    const live = new LiveSync({ changes: f.changes, lastSequence: () => model.lastSequence, apply: (c) => { model.applyChanges(c); }, status: () => undefined });
    await Promise.all([live.catchUp(), live.catchUp(), live.catchUp()]);
    expect(f.calls).toEqual([0, 5]);
    expect(model.nodes.size).toBe(5);
  });

  it('survives an unreachable server and catches up later', async () => {
    const model = new GraphModel();
    model.load({ nodes: [], relationships: [] }, 0);
    const f = feed(3, 10);
    let down = true;
    const live = new LiveSync({
      changes: (s) => (down ? Promise.reject(new Error('offline')) : f.changes(s)),
      lastSequence: () => model.lastSequence, apply: (c) => { model.applyChanges(c); }, status: () => undefined,
    });
    await live.catchUp();
    expect(model.nodes.size).toBe(0);
    down = false;
    await live.catchUp();
    expect(model.nodes.size).toBe(3);
  });
});
