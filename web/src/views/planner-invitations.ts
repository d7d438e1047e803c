// The "Uitnodigingen" section of a meeting: the send button ("Uitnodigingen versturen", or "Wijziging
// versturen" once people have an older version), how far the sending is (verstuurd x/y, in wachtrij,
// mislukt), the answers (ja, misschien, nee, geen antwoord) and a sortable, filterable table per
// person. It re-reads GET /api/meetings/{id}/invitations when the change feed brings something about
// the meeting (every delivery state and answer is a change of an INVITED relationship), at most four
// times a second, so a bulk send of a hundred mails moves the counters without flooding the server.
// Viewers see it all without the button.
import { ApiError, api } from '../api/client';
import { type InvitationStatus, type InvitationsResponse, meetingsApi } from '../api/meetings';
import { button, clear, download, h } from '../dom';
import { type MessageKey, formatDateTime, t } from '../i18n';
import {
  type InvitationColumn, type InvitationFilter, Throttle, answerCounts, filterInvitations, progress, sendAction, sortInvitations,
} from '../planning/invitations';
import { confirmDialog } from './dialog';
import { showGeneral } from './form-view';
import type { PlannerCtx } from './planner-context';

const COLUMNS: [InvitationColumn, MessageKey][] = [
  ['name', 'planner.inv.col.name'], ['email', 'planner.inv.col.email'], ['delivery', 'planner.inv.col.delivery'],
  ['answer', 'planner.inv.col.answer'], ['answeredAt', 'planner.inv.col.answeredAt'],
];
const DELIVERIES = ['none', 'queued', 'sent', 'failed', 'outdated'] as const;
const ANSWERS = ['accepted', 'tentative', 'declined', 'waitlisted', 'needs-action'] as const;

/** At most this many re-reads a second while changes stream in. */
const REFRESH_MS = 250;

export class InvitationsView {
  readonly root: HTMLElement;
  private data: InvitationsResponse | null = null;
  private sending = false;
  private sortCol: InvitationColumn = 'name';
  private ascending = true;
  private filter: InvitationFilter = { text: '', delivery: '', answer: '' };
  private readonly throttle: Throttle;
  private readonly problems = h('div', { className: 'form-problems', role: 'alert', hidden: true, id: 'inv-problems' });
  private readonly hint = h('p', { className: 'muted small', id: 'inv-hint' });
  private readonly sendButton: HTMLButtonElement | null;
  private readonly bar = h('progress', { id: 'inv-progress', max: 100, value: 0, 'aria-labelledby': 'inv-progress-label' });
  private readonly progressLabel = h('span', { id: 'inv-progress-label' });
  /** the one sentence screen readers hear when it changes (not every counter tick) */
  private readonly announce = h('p', { className: 'visually-hidden', id: 'inv-announce', 'aria-live': 'polite', 'aria-atomic': 'true' });
  private readonly counters = h('dl', { className: 'inv-counters', id: 'inv-counters' });
  private readonly answers = h('dl', { className: 'inv-counters', id: 'inv-answers' });
  private readonly tableBox = h('div', { className: 'inv-table-box' });
  private readonly shown = h('p', { className: 'muted small', id: 'inv-shown', 'aria-live': 'polite' });

  constructor(private readonly ctx: PlannerCtx, private readonly meetingId: () => string | null, readOnly: boolean) {
    this.throttle = new Throttle(() => this.load(), REFRESH_MS);
    this.sendButton = readOnly ? null : button(t('planner.inv.send'), () => void this.send(), { id: 'inv-send', className: 'primary', disabled: true });
    const text = h('input', { type: 'search', id: 'inv-filter-text', placeholder: t('planner.inv.filterText'), 'aria-label': t('planner.inv.filterText') });
    text.addEventListener('input', () => { this.filter = { ...this.filter, text: text.value }; this.renderTable(); });
    const delivery = select('inv-filter-delivery', t('planner.inv.filterDelivery'), DELIVERIES.map((d) => [d, t(`planner.inv.d.${d}` as MessageKey)]));
    delivery.addEventListener('change', () => { this.filter = { ...this.filter, delivery: delivery.value as InvitationFilter['delivery'] }; this.renderTable(); });
    const answer = select('inv-filter-answer', t('planner.inv.filterAnswer'), ANSWERS.map((a) => [a, t(`planner.rsvp.${a}` as MessageKey)]));
    answer.addEventListener('change', () => { this.filter = { ...this.filter, answer: answer.value as InvitationFilter['answer'] }; this.renderTable(); });
    this.root = h('div', { className: 'invitations', id: 'invitations' },
      this.problems,
      h('div', { className: 'inv-actions' }, this.sendButton, this.hint),
      readOnly ? h('p', { className: 'muted small' }, t('planner.inv.readOnly')) : h('div', { className: 'inv-downloads', role: 'group', 'aria-label': t('planner.inv.downloads') },
        button(t('planner.inv.downloadInvitees'), () => void this.downloadList('invitees'), { className: 'secondary small', id: 'inv-download-invitees' }),
        button(t('planner.inv.downloadAttendance'), () => void this.downloadList('attendance'), { className: 'secondary small', id: 'inv-download-attendance' })),
      h('div', { className: 'inv-summary' },
        h('div', { className: 'inv-progress' }, this.progressLabel, this.bar),
        h('div', {}, h('h3', {}, t('planner.inv.delivery')), this.counters),
        h('div', {}, h('h3', {}, t('planner.inv.answers')), this.answers)),
      this.announce,
      h('div', { className: 'inv-filters', role: 'search' }, text, delivery, answer),
      this.shown, this.tableBox);
    this.render();
  }

  /** Something about the meeting changed (an INVITED relationship, the meeting's sequence): read again, throttled. */
  refresh(): void { if (this.meetingId()) this.throttle.request(); }

  /** The invitee or attendance list as .xlsx (name, organisation, function, e-mail, answer, present). */
  private async downloadList(list: 'invitees' | 'attendance'): Promise<void> {
    const id = this.meetingId();
    if (!id) return;
    try {
      const { blob, fileName } = await api.meetingList(id, list);
      download(fileName, blob);
    } catch (e) {
      showGeneral(this.problems, [e instanceof Error ? e.message : String(e)]);
    }
  }

  /** Reads the list now. */
  async load(): Promise<void> {
    const id = this.meetingId();
    if (!id) { this.data = null; this.render(); return; }
    try {
      const data = await meetingsApi.invitations(id);
      if (id !== this.meetingId()) return;
      this.data = data;
      this.render();
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) { this.data = null; this.render(); }
      // otherwise: offline for a moment; the next change (or the catch-up after reconnecting) reads again
    }
  }

  private render(): void {
    this.renderActions();
    this.renderCounters();
    this.renderTable();
  }

  private renderActions(): void {
    const d = this.data;
    const action = d ? sendAction(d) : null;
    if (this.sendButton) {
      const label = this.sending ? t('planner.inv.sending')
        : action?.kind === 'change' ? t('planner.inv.sendChange') : action?.kind === 'retry' ? t('planner.inv.retry') : t('planner.inv.send');
      this.sendButton.textContent = label;
      this.sendButton.disabled = this.sending || !action || action.kind === 'none';
      this.sendButton.dataset['kind'] = action?.kind ?? 'none';
    }
    this.hint.textContent = !d ? ''
      : action?.blocked === 'not-frozen' ? t('planner.inv.notFrozen')
        : action?.blocked === 'draft' ? t('planner.inv.draft')
          : !progress(d).total ? t('planner.inv.none')
            : action && action.pending ? t('planner.inv.pending', { n: action.pending })
              : progress(d).upToDate === progress(d).total ? t('planner.inv.allSent') : '';
  }

  private renderCounters(): void {
    const d = this.data;
    const p = d ? progress(d) : { total: 0, upToDate: 0, queued: 0, failed: 0, percent: 0, busy: false };
    const a = d ? answerCounts(d) : { accepted: 0, tentative: 0, declined: 0, waitlisted: 0, noAnswer: 0 };
    const sentText = t('planner.inv.progressOf', { done: p.upToDate, total: p.total });
    this.progressLabel.textContent = sentText;
    this.bar.value = p.percent;
    this.bar.setAttribute('aria-valuetext', sentText);
    fill(this.counters, [
      ['sent', t('planner.inv.progress'), `${p.upToDate}/${p.total}`],
      ['queued', t('planner.inv.queued'), p.queued],
      ['failed', t('planner.inv.failed'), p.failed],
    ]);
    fill(this.answers, [
      ['accepted', t('planner.inv.accepted'), a.accepted],
      ['tentative', t('planner.inv.tentative'), a.tentative],
      ['declined', t('planner.inv.declined'), a.declined],
      ...(a.waitlisted ? [['waitlisted', t('planner.inv.waitlisted'), a.waitlisted] as [string, string, number]] : []),
      ['no-answer', t('planner.inv.noAnswer'), a.noAnswer],
    ]);
    // announced only when the sending settles or an answer comes in, not at every mail
    const sentence = d && p.total && !p.busy
      ? `${sentText}, ${t('planner.inv.failed')} ${p.failed}. ${t('planner.inv.accepted')} ${a.accepted}, ${t('planner.inv.tentative')} ${a.tentative}, ${t('planner.inv.declined')} ${a.declined}, ${t('planner.inv.noAnswer')} ${a.noAnswer}.`
      : null;
    if (sentence !== null && this.announce.textContent !== sentence) this.announce.textContent = sentence;
  }

  private renderTable(): void {
    clear(this.tableBox);
    const all = this.data?.invitations ?? [];
    if (!all.length) { this.shown.textContent = ''; return; }
    const rows = sortInvitations(filterInvitations(all, this.filter), this.sortCol, this.ascending);
    this.shown.textContent = rows.length === all.length ? '' : t('planner.inv.shown', { n: rows.length, total: all.length });
    const head = h('tr', {}, ...COLUMNS.map(([col, key]) => {
      const sorted = this.sortCol === col;
      const b = button(t(key), () => {
        if (this.sortCol === col) this.ascending = !this.ascending; else { this.sortCol = col; this.ascending = true; }
        this.renderTable();
        this.tableBox.querySelector<HTMLButtonElement>(`th[data-col=${col}] button`)?.focus();
      }, { className: 'link sort', title: t('planner.inv.sortBy', { col: t(key) }) });
      if (sorted) b.append(h('span', { 'aria-hidden': 'true' }, this.ascending ? ' ▲' : ' ▼'));
      return h('th', { scope: 'col', 'data-col': col, 'aria-sort': sorted ? (this.ascending ? 'ascending' : 'descending') : 'none' }, b);
    }));
    const sequence = this.data?.sequence ?? 0;
    const body = h('tbody', {}, ...rows.map((i) => this.row(i, sequence)));
    if (!rows.length) body.append(h('tr', {}, h('td', { colspan: COLUMNS.length, className: 'muted' }, t('planner.inv.noMatch'))));
    this.tableBox.append(h('table', { className: 'inv-table', id: 'inv-table' },
      h('caption', { className: 'visually-hidden' }, t('planner.inv.tableCaption')), h('thead', {}, head), body));
  }

  private row(i: InvitationStatus, sequence: number): HTMLElement {
    const delivery = h('td', { className: `inv-delivery delivery-${i.delivery}` }, deliveryLabel(i.delivery));
    if (i.delivery === 'sent' && !i.upToDate && i.deliveredSequence !== null && i.deliveredSequence !== undefined && i.deliveredSequence < sequence) {
      delivery.append(h('span', { className: 'muted small inv-outdated' }, ` — ${t('planner.inv.outdated', { n: i.deliveredSequence })}`));
    }
    if (i.failure) delivery.append(h('span', { className: 'inv-failure' }, ` — ${i.failure}`));
    if (i.removed) delivery.append(h('span', { className: 'muted small' }, ` — ${t('planner.inv.removed')}`));
    return h('tr', { 'data-person': i.personId, className: i.removed ? 'removed' : '' },
      h('th', { scope: 'row' }, i.name),
      h('td', {}, i.email ?? ''),
      delivery,
      h('td', { className: `inv-answer answer-${i.answer}` }, t(`planner.rsvp.${i.answer}` as MessageKey) || i.answer),
      h('td', {}, i.answeredAt ? h('time', { datetime: i.answeredAt }, formatDateTime(i.answeredAt)) : ''));
  }

  private async send(): Promise<void> {
    const id = this.meetingId();
    const d = this.data;
    if (!id || !d || this.sending) return;
    const action = sendAction(d);
    const n = action.kind === 'retry' ? action.failed : action.pending;
    if (action.kind !== 'retry' && !(await confirmDialog(t('planner.inv.sendConfirmTitle'),
      t(action.kind === 'change' ? 'planner.inv.changeConfirm' : 'planner.inv.sendConfirm', { n }), t('planner.inv.sendYes')))) return;
    showGeneral(this.problems, null);
    this.sending = true;
    this.renderActions();
    try {
      const summary = await meetingsApi.sendInvitations(id);
      this.ctx.toast(summary.queued ? t('planner.inv.queuedToast', { n: summary.queued }) : t('planner.inv.nothingQueued'));
    } catch (e) {
      showGeneral(this.problems, [e instanceof ApiError ? (e.problem.detail || e.problem.title) : t('toast.offlineSave')]);
    } finally {
      this.sending = false;
      await this.load();
    }
  }
}

function deliveryLabel(d: string): string {
  return (DELIVERIES as readonly string[]).includes(d) ? t(`planner.inv.d.${d}` as MessageKey) : d;
}

function select(id: string, label: string, options: [string, string][]): HTMLSelectElement {
  return h('select', { id, 'aria-label': label },
    h('option', { value: '' }, `${label}: ${t('planner.inv.all')}`),
    ...options.map(([v, l]) => h('option', { value: v }, l)));
}

function fill(dl: HTMLElement, items: [string, string, string | number][]): void {
  clear(dl);
  for (const [key, label, value] of items) {
    dl.append(h('div', { className: `inv-count count-${key}` }, h('dt', {}, label), h('dd', { 'data-count': key }, String(value))));
  }
}
