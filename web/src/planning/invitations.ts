// The organiser's view of sending a meeting's invitations, as pure functions of the server's
// GET /api/meetings/{id}/invitations answer: what the send button should do, how far the sending is,
// and the per-person list sorted and filtered. Plus the throttle that keeps a bulk send (one change
// feed entry per person) from re-reading the list more than a few times a second.
import type { InvitationStatus, InvitationsResponse } from '../api/meetings';

/** What the send button does now: the first invitations, the update after a change, a retry of failures, or nothing. */
export type SendKind = 'send' | 'change' | 'retry' | 'none';

export interface SendAction {
  kind: SendKind;
  /** people a click would send something to (first invitation or update) */
  pending: number;
  /** people whose message of the current sequence failed */
  failed: number;
  /** why there is nothing to send: the list is not frozen, the meeting is a draft or cancelled */
  blocked: 'not-frozen' | 'draft' | null;
}

const listed = (r: InvitationsResponse): InvitationStatus[] => r.invitations.filter((i) => !i.removed);

/** Queued (or being sent) at the meeting's current sequence: the jobs are on it. */
const queuedNow = (i: InvitationStatus, sequence: number) => i.delivery === 'queued' && i.sequence >= sequence;
const failedNow = (i: InvitationStatus, sequence: number) => i.delivery === 'failed' && i.sequence >= sequence;

export function sendAction(r: InvitationsResponse): SendAction {
  const rows = listed(r);
  const pending = rows.filter((i) => !i.upToDate && !queuedNow(i, r.sequence) && !failedNow(i, r.sequence));
  const failed = rows.filter((i) => failedNow(i, r.sequence)).length;
  const blocked = !r.frozen ? 'not-frozen' : r.meetingStatus === 'draft' ? 'draft' : null;
  if (blocked) return { kind: 'none', pending: pending.length, failed, blocked };
  if (pending.length) {
    // someone already has an older version: this click sends the change (newcomers get their first invitation with it)
    const change = rows.some((i) => i.deliveredSequence !== null && i.deliveredSequence !== undefined && i.deliveredSequence < r.sequence);
    return { kind: change ? 'change' : 'send', pending: pending.length, failed, blocked };
  }
  return { kind: failed ? 'retry' : 'none', pending: 0, failed, blocked };
}

export interface SendProgress {
  /** people on the list (not the ones taken off) */
  total: number;
  /** have the current version */
  upToDate: number;
  queued: number;
  failed: number;
  /** 0–100, of the people who have it */
  percent: number;
  /** something is still on its way */
  busy: boolean;
}

export function progress(r: InvitationsResponse): SendProgress {
  const rows = listed(r);
  const total = rows.length;
  const upToDate = rows.filter((i) => i.upToDate).length;
  const queued = rows.filter((i) => i.delivery === 'queued').length;
  const failed = rows.filter((i) => i.delivery === 'failed').length;
  return { total, upToDate, queued, failed, percent: total ? Math.round((100 * upToDate) / total) : 0, busy: queued > 0 };
}

export interface AnswerCounts { accepted: number; tentative: number; declined: number; waitlisted: number; noAnswer: number }

export function answerCounts(r: InvitationsResponse): AnswerCounts {
  const c: AnswerCounts = { accepted: 0, tentative: 0, declined: 0, waitlisted: 0, noAnswer: 0 };
  for (const i of listed(r)) {
    if (i.answer === 'accepted') c.accepted++;
    else if (i.answer === 'tentative') c.tentative++;
    else if (i.answer === 'declined') c.declined++;
    else if (i.answer === 'waitlisted') c.waitlisted++;
    else c.noAnswer++;
  }
  return c;
}

// ---------------------------------------------------------------- the per-person list

export type InvitationColumn = 'name' | 'email' | 'delivery' | 'answer' | 'answeredAt';

export interface InvitationFilter {
  /** part of the name or e-mail address, any case */
  text?: string;
  /** outdated: everyone still on the list who lacks the current version */
  delivery?: 'none' | 'queued' | 'sent' | 'failed' | 'outdated' | '';
  answer?: 'needs-action' | 'accepted' | 'tentative' | 'declined' | 'waitlisted' | '';
}

/** Order of delivery states in a sort: the ones that need attention first. */
const DELIVERY_ORDER: Record<string, number> = { failed: 0, none: 1, queued: 2, sent: 3 };
const ANSWER_ORDER: Record<string, number> = { accepted: 0, tentative: 1, waitlisted: 2, declined: 3, 'needs-action': 4 };

export function filterInvitations(rows: readonly InvitationStatus[], f: InvitationFilter): InvitationStatus[] {
  const text = (f.text ?? '').trim().toLocaleLowerCase('nl');
  return rows.filter((i) => {
    if (text && !i.name.toLocaleLowerCase('nl').includes(text) && !(i.email ?? '').toLocaleLowerCase('nl').includes(text)) return false;
    if (f.delivery === 'outdated') { if (i.upToDate || i.removed) return false; }
    else if (f.delivery && i.delivery !== f.delivery) return false;
    if (f.answer && i.answer !== f.answer) return false;
    return true;
  });
}

export function sortInvitations(rows: readonly InvitationStatus[], col: InvitationColumn, ascending: boolean): InvitationStatus[] {
  const key = (i: InvitationStatus): string | number => {
    switch (col) {
      case 'name': return i.name;
      case 'email': return i.email ?? '';
      case 'delivery': return DELIVERY_ORDER[i.delivery] ?? 9;
      case 'answer': return ANSWER_ORDER[i.answer] ?? 9;
      case 'answeredAt': return i.answeredAt ? Date.parse(i.answeredAt) : Number.POSITIVE_INFINITY;
    }
  };
  const sign = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const ka = key(a); const kb = key(b);
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb), 'nl', { sensitivity: 'base' });
    // ties by name, always ascending, so the list stays stable as answers arrive
    return c !== 0 ? sign * c : a.name.localeCompare(b.name, 'nl', { sensitivity: 'base' }) || a.personId.localeCompare(b.personId);
  });
}

// ---------------------------------------------------------------- throttle

/**
 * Runs `run` at most once per `ms`: the first call at once, later ones folded into one trailing run.
 * A run in progress is never overlapped; a call meanwhile schedules one more run after it.
 */
export class Throttle {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private again = false;

  constructor(private readonly run: () => Promise<void> | void, private readonly ms: number, private readonly now: () => number = () => Date.now()) {}

  request(): void {
    if (this.running) { this.again = true; return; }
    if (this.timer) return;
    const wait = this.last + this.ms - this.now();
    if (wait <= 0) void this.fire();
    else this.timer = setTimeout(() => { this.timer = undefined; void this.fire(); }, wait);
  }

  private async fire(): Promise<void> {
    this.running = true;
    this.last = this.now();
    try { await this.run(); } catch { /* the next change tries again */ } finally {
      this.running = false;
      if (this.again) { this.again = false; this.request(); }
    }
  }

  cancel(): void { clearTimeout(this.timer); this.timer = undefined; this.again = false; }
}
