import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvitationStatus, InvitationsResponse } from '../src/api/meetings';
import { Throttle, answerCounts, filterInvitations, progress, sendAction, sortInvitations } from '../src/planning/invitations';

const inv = (personId: string, x: Partial<InvitationStatus> = {}): InvitationStatus => ({
  personId, name: personId, email: `${personId}@x.test`, delivery: 'none', sequence: 0, upToDate: false, answer: 'needs-action', removed: false, ...x,
});

const resp = (invitations: InvitationStatus[], x: Partial<InvitationsResponse> = {}): InvitationsResponse => ({
  meetingId: 'm', sequence: 0, meetingStatus: 'planned', frozen: true,
  counts: { invited: 0, notSent: 0, queued: 0, sent: 0, failed: 0, upToDate: 0, accepted: 0, tentative: 0, declined: 0, waitlisted: 0, noAnswer: 0 },
  invitations, ...x,
});

const sent = (seq: number, x: Partial<InvitationStatus> = {}): Partial<InvitationStatus> =>
  ({ delivery: 'sent', sequence: seq, deliveredSequence: seq, upToDate: true, ...x });

describe('send button', () => {
  it('sends the first invitations to everyone not sent yet', () => {
    expect(sendAction(resp([inv('a'), inv('b'), inv('c', sent(0))]))).toEqual({ kind: 'send', pending: 2, failed: 0, blocked: null });
  });

  it('sends the change once someone has an older version', () => {
    const r = resp([inv('a', sent(0, { upToDate: false })), inv('b', sent(0, { upToDate: false })), inv('new')], { sequence: 1 });
    expect(sendAction(r)).toMatchObject({ kind: 'change', pending: 3 });
  });

  it('has nothing to do while everything is queued or delivered, and ignores people taken off the list', () => {
    const r = resp([inv('a', { delivery: 'queued', sequence: 1 }), inv('b', sent(1)), inv('gone', { removed: true, delivery: 'queued' })], { sequence: 1 });
    expect(sendAction(r)).toMatchObject({ kind: 'none', pending: 0 });
  });

  it('offers a retry when only failures of the current version are left', () => {
    const r = resp([inv('a', sent(2)), inv('b', { delivery: 'failed', sequence: 2, failure: 'geen e-mailadres' })], { sequence: 2 });
    expect(sendAction(r)).toMatchObject({ kind: 'retry', pending: 0, failed: 1 });
  });

  it('is blocked before the list is frozen and for a draft', () => {
    expect(sendAction(resp([inv('a')], { frozen: false }))).toMatchObject({ kind: 'none', blocked: 'not-frozen', pending: 1 });
    expect(sendAction(resp([inv('a')], { meetingStatus: 'draft' }))).toMatchObject({ kind: 'none', blocked: 'draft' });
  });
});

describe('progress and answers', () => {
  it('counts who has the current version, queued and failed, of the people on the list', () => {
    const r = resp([inv('a', sent(1)), inv('b', { delivery: 'queued', sequence: 1 }), inv('c', { delivery: 'failed', sequence: 1 }), inv('d', sent(1)),
      inv('e', { removed: true, delivery: 'queued' })], { sequence: 1 });
    expect(progress(r)).toEqual({ total: 4, upToDate: 2, queued: 1, failed: 1, percent: 50, busy: true });
    expect(progress(resp([]))).toMatchObject({ total: 0, percent: 0, busy: false });
  });

  it('counts the answers', () => {
    const r = resp([inv('a', { answer: 'accepted' }), inv('b', { answer: 'accepted' }), inv('c', { answer: 'declined' }), inv('d', { answer: 'tentative' }),
      inv('e'), inv('f', { answer: 'waitlisted' }), inv('g', { answer: 'accepted', removed: true })]);
    expect(answerCounts(r)).toEqual({ accepted: 2, tentative: 1, declined: 1, waitlisted: 1, noAnswer: 1 });
  });
});

describe('the per-person list', () => {
  const rows = [
    inv('p1', { name: 'Zeger Zand', email: 'zeger@a.test', delivery: 'sent', upToDate: true, answer: 'accepted', answeredAt: '2026-03-02T10:00:00+01:00' }),
    inv('p2', { name: 'An Appel', email: 'an@b.test', delivery: 'failed', failure: 'adres geweigerd' }),
    inv('p3', { name: 'Bart Boom', email: null, delivery: 'queued', answer: 'declined', answeredAt: '2026-03-01T10:00:00+01:00' }),
    inv('p4', { name: 'Carine Cel', delivery: 'sent', deliveredSequence: 0, sequence: 0, upToDate: false }),
  ];

  it('filters by text in name or e-mail, delivery, old version and answer', () => {
    expect(filterInvitations(rows, { text: 'APPEL' }).map((r) => r.personId)).toEqual(['p2']);
    expect(filterInvitations(rows, { text: 'a.test' }).map((r) => r.personId)).toEqual(['p1']);
    expect(filterInvitations(rows, { delivery: 'sent' }).map((r) => r.personId)).toEqual(['p1', 'p4']);
    expect(filterInvitations(rows, { delivery: 'outdated' }).map((r) => r.personId)).toEqual(['p2', 'p3', 'p4']);
    expect(filterInvitations(rows, { answer: 'declined', text: '' }).map((r) => r.personId)).toEqual(['p3']);
  });

  it('sorts by a column, either way, ties by name; unanswered last', () => {
    expect(sortInvitations(rows, 'name', true).map((r) => r.name)).toEqual(['An Appel', 'Bart Boom', 'Carine Cel', 'Zeger Zand']);
    expect(sortInvitations(rows, 'name', false).map((r) => r.name)[0]).toBe('Zeger Zand');
    expect(sortInvitations(rows, 'delivery', true).map((r) => r.personId)).toEqual(['p2', 'p3', 'p4', 'p1']);
    expect(sortInvitations(rows, 'answeredAt', true).map((r) => r.personId)).toEqual(['p3', 'p1', 'p2', 'p4']);
    expect(sortInvitations(rows, 'answer', true).map((r) => r.personId)).toEqual(['p1', 'p3', 'p2', 'p4']);
  });
});

describe('throttle', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('runs at once, then folds a burst into one trailing run per interval', async () => {
    const run = vi.fn(async () => undefined);
    const th = new Throttle(run, 250);
    th.request();
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) th.request();
    await vi.advanceTimersByTimeAsync(249);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('never overlaps a slow run, and runs once more after it when asked meanwhile', async () => {
    let finish!: () => void;
    const run = vi.fn(() => new Promise<void>((r) => { finish = r; }));
    const th = new Throttle(run, 100);
    th.request();
    await vi.advanceTimersByTimeAsync(500);
    th.request(); th.request();
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('keeps working after a failed run', async () => {
    const run = vi.fn(async () => { throw new Error('offline'); });
    const th = new Throttle(run, 100);
    th.request();
    await vi.advanceTimersByTimeAsync(100);
    th.request();
    expect(run).toHaveBeenCalledTimes(2);
  });
});
