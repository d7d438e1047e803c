import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LivePreview, type PreviewState } from '../src/planning/preview';
import { cleanRule, definitionOf, emptyLeaf, rootOf } from '../src/planning/invite-rules';
import { counts, filterPeople } from '../src/planning/checkin';

describe('live preview', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('asks once after the typing stops', async () => {
    const run = vi.fn(async (q: string) => q.length);
    const states: PreviewState<number>[] = [];
    const p = new LivePreview(run, (s) => states.push(s), 400);
    p.request('a'); p.request('ab'); p.request('abc');
    await vi.advanceTimersByTimeAsync(399);
    expect(run).not.toHaveBeenCalled();
    expect(p.state.status).toBe('waiting');
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith('abc');
    expect(p.state).toMatchObject({ status: 'ready', result: 3, stale: false });
  });

  it('shows only the answer to the latest question, keeping the old result meanwhile', async () => {
    const answers: ((n: number) => void)[] = [];
    const p = new LivePreview((_: string) => new Promise<number>((r) => answers.push(r)), () => undefined, 100);
    p.request('first');
    await vi.advanceTimersByTimeAsync(100);
    p.request('second');
    expect(p.state.status).toBe('waiting');
    await vi.advanceTimersByTimeAsync(100);
    answers[1]!(2);
    await Promise.resolve();
    answers[0]!(1); // late answer to the older question
    await Promise.resolve();
    expect(p.state.result).toBe(2);
    p.request('third');
    expect(p.state).toMatchObject({ status: 'waiting', result: 2, stale: true });
  });

  it('keeps the last result on an error and asks at once on flush', async () => {
    let fail = false;
    const p = new LivePreview(async (n: number) => { if (fail) throw new Error('offline'); return n * 2; }, () => undefined, 1000);
    p.request(2);
    expect(await p.flush()).toBe(4);
    fail = true;
    p.request(3);
    await p.flush();
    expect(p.state).toMatchObject({ status: 'error', result: 4 });
    p.request(null);
    expect(p.state).toMatchObject({ status: 'idle', result: null });
  });
});

describe('invite-list builder model', () => {
  it('sends only complete rows, a group of one as that rule', () => {
    const root = rootOf(null);
    root.rules.push({ type: 'function', functions: ['trajectbegeleider'], region: null, municipality: null }, emptyLeaf('platform-members'));
    expect(definitionOf(root, [], [])).toEqual({ rule: { type: 'function', functions: ['trajectbegeleider'] }, add: [], remove: [] });
    root.rules.push({ type: 'all', rules: [{ type: 'function', functions: ['sectorbemiddelaar'] }, { type: 'staff-of', organisations: ['org-vdab'] }] });
    expect(definitionOf(root, ['p1'], ['p2']).rule).toEqual({
      type: 'any', rules: [
        { type: 'function', functions: ['trajectbegeleider'] },
        { type: 'all', rules: [{ type: 'function', functions: ['sectorbemiddelaar'] }, { type: 'staff-of', organisations: ['org-vdab'] }] },
      ],
    });
    expect(cleanRule({ type: 'all', rules: [emptyLeaf('theme')] })).toBeNull();
  });

  it('opens a stored single rule as the one row of an "any" group', () => {
    expect(rootOf({ rule: { type: 'theme', theme: 't' }, add: [], remove: [] })).toEqual({ type: 'any', rules: [{ type: 'theme', theme: 't' }] });
  });
});

describe('check-in list', () => {
  const people = [
    { personId: 'a', name: 'Sofié Claeys', invited: true },
    { personId: 'b', name: 'Bart Declercq', invited: true },
    { personId: 'c', name: 'Anna Walk-in', invited: false },
  ];
  it('finds names whatever the case and accents', () => {
    expect(filterPeople(people, 'sofie').map((p) => p.personId)).toEqual(['a']);
    expect(filterPeople(people, '  ').map((p) => p.personId)).toEqual(['c', 'b', 'a']);
    expect(filterPeople(people, 'de cl').map((p) => p.personId)).toEqual(['b']);
  });
  it('counts who is there, walk-ins apart', () => {
    expect(counts(people, new Set(['a', 'c']))).toEqual({ present: 2, invited: 2, walkIns: 1 });
  });
});
