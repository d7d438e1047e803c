// One meeting, new or saved: its details, its invite list, slot suggestions, the speed dates of a
// businessmixer and the occurrences of a series. "Opslaan" saves the meeting (If-Match with the version
// read; a conflict shows both versions, as on the map) and then its invite rules. A viewer sees it all
// read-only.
import { ApiError } from '../api/client';
import { type Invitees, type Meeting, type MeetingInput, meetingsApi } from '../api/meetings';
import type { Change } from '../api/types';
import { button, clear, h } from '../dom';
import { t } from '../i18n';
import { type Ymd, brusselsDate } from '../planning/calendar';
import { formatWhen } from '../planning/format';
import { confirmDialog } from './dialog';
import { conflictDialog } from './editing';
import { showGeneral } from './form-view';
import { type LiveView, type PlannerCtx, meetingChanges, meetingOf } from './planner-context';
import { InvitationsView } from './planner-invitations';
import { InviteBuilder } from './planner-invitees';
import { MeetingForm } from './planner-meeting-form';
import { OccurrencesView } from './planner-occurrences';
import { SlotFinderView } from './planner-slots';
import { SpeedDateView } from './planner-speeddates';

export class MeetingWorkspace implements LiveView {
  private readonly form: MeetingForm;
  private readonly invites: InviteBuilder;
  private readonly invitations: InvitationsView;
  private readonly slots: SlotFinderView | null;
  private readonly speed: SpeedDateView;
  private readonly occurrences: OccurrencesView;
  private readonly general = h('div', { className: 'form-problems', role: 'alert', hidden: true, id: 'meeting-problems' });
  private readonly title = h('h1', { id: 'ws-title', tabindex: '-1' });
  private readonly actions = h('div', { className: 'ws-actions' });
  private readonly speedSection: HTMLElement;
  private readonly occSection: HTMLElement;
  private savedInput: string;

  constructor(
    private readonly root: HTMLElement, private readonly ctx: PlannerCtx, private meeting: Meeting | null,
    invitees: Invitees | null, opts: { date?: Ymd | null; occurrence?: string | null },
  ) {
    const readOnly = !ctx.canPlan;
    this.form = new MeetingForm(ctx, meeting, { date: opts.date ?? null }, readOnly);
    this.invites = new InviteBuilder(ctx, {
      meetingId: () => this.meeting?.id ?? null,
      capacity: () => this.form.read().capacity ?? null,
      ensureSaved: () => this.ensureSaved(),
      versionChanged: (v) => { if (this.meeting) this.meeting = { ...this.meeting, version: v }; },
    }, invitees, readOnly);
    this.invitations = new InvitationsView(ctx, () => this.meeting?.id ?? null, readOnly);
    this.slots = readOnly ? null : new SlotFinderView(ctx, {
      meetingId: () => this.meeting?.id ?? null,
      invitees: () => this.invites.invitees(),
      duration: () => this.form.durationMinutes(),
      venue: () => this.form.venue(),
      pick: (start, end) => {
        this.form.setTime(start, end);
        this.ctx.toast(t('planner.slots.picked', { when: formatWhen(start, end) }));
        this.root.querySelector<HTMLElement>('#m-start')?.focus();
      },
    });
    this.speed = new SpeedDateView(ctx, meeting?.speedDates ?? null, {
      meetingId: () => this.meeting?.id ?? null, startsAt: () => this.form.when()?.start ?? null, changed: () => undefined,
    }, readOnly);
    this.occurrences = new OccurrencesView(ctx, {
      meeting: () => this.meeting!,
      updated: (m, split) => { this.meeting = m; this.form.fill(m); this.savedInput = this.inputKey(); void this.occurrences.load(); if (split) ctx.toast(t('planner.occ.split', { title: split.title })); },
      reload: () => this.reload(),
    }, readOnly, opts.occurrence ?? null);
    this.speedSection = section('ws-speed', t('planner.section.speed'), this.speed.root);
    this.occSection = section('ws-occurrences', t('planner.section.occurrences'), this.occurrences.root);
    this.form.onKindChange((k) => { this.speedSection.hidden = k !== 'businessmixer'; });
    this.savedInput = meeting ? this.inputKey() : '';
    this.render();
  }

  /** Changes made elsewhere: the meeting reloads when nothing is being edited; answers and attendance show at once. */
  remoteChanges(changes: Change[]): void {
    const m = this.meeting;
    if (!m || !this.root.isConnected) return;
    const mine = meetingChanges(changes).filter((c) => meetingOf(c) === m.id);
    if (mine.some((c) => c.entity === 'node' && c.operation === 'updated' && c.version > m.version) && !this.dirty) {
      void this.reload().then(() => this.ctx.toast(t('planner.live.updated')));
    }
    if (mine.some((c) => c.entity === 'relationship')) void this.invites.refresh(m.id);
    // delivery states and answers live on INVITED; a new sequence (the meeting moved) changes what is up to date
    if (mine.length) this.invitations.refresh();
  }

  private render(): void {
    clear(this.root);
    const back = button(`← ${t('planner.backToCalendar')}`, () => void this.leave(), { className: 'secondary', id: 'ws-back' });
    const nav = h('nav', { className: 'ws-nav', 'aria-label': t('planner.sections') }, h('ul', {},
      ...[['ws-details', 'planner.section.details'], ['ws-invitees', 'planner.section.invitees'], ['ws-invitations', 'planner.section.invitations'], ['ws-slots', 'planner.section.slots'],
        ['ws-speed', 'planner.section.speed'], ['ws-occurrences', 'planner.section.occurrences']]
        .map(([id, key]) => h('li', { 'data-for': id }, h('a', { href: `#${id}`, 'data-target': id }, t(key as 'planner.section.details'))))));
    nav.addEventListener('click', (e) => {
      const a = (e.target as HTMLElement).closest('a');
      if (!a) return;
      e.preventDefault(); // the hash is the planner's route
      const target = document.getElementById(a.dataset['target']!);
      target?.scrollIntoView({ block: 'start' });
      target?.querySelector<HTMLElement>('h2')?.focus();
    });
    this.root.append(h('div', { className: 'workspace' },
      h('div', { className: 'ws-head' }, back, this.title, h('div', { className: 'spacer' }), this.actions),
      nav, this.general,
      section('ws-details', t('planner.section.details'), this.form.root),
      section('ws-invitees', t('planner.section.invitees'), this.invites.root),
      section('ws-invitations', t('planner.section.invitations'), this.invitations.root),
      this.slots ? section('ws-slots', t('planner.section.slots'), h('p', { className: 'muted small' }, t('planner.slots.intro')), this.slots.root) : null,
      this.speedSection, this.occSection));
    this.slots?.refresh();
    this.refreshHead();
    this.speedSection.hidden = this.form.kind !== 'businessmixer';
    nav.querySelector('[data-for=ws-slots]')?.toggleAttribute('hidden', !this.slots);
    this.title.focus();
  }

  private refreshHead(): void {
    const m = this.meeting;
    this.title.textContent = m ? m.title : t('planner.newMeeting');
    document.title = `${this.title.textContent} — ${t('planner.title.page')}`;
    clear(this.actions);
    if (m) this.actions.append(h('span', { className: `status-badge status-${m.status}`, id: 'ws-status' }, this.ctx.lookups.statusLabel(m.status)));
    if (this.ctx.canPlan) {
      if (m) this.actions.append(button(t('planner.checkin.open'), () => this.ctx.go(`meeting/${encodeURIComponent(m.id)}/checkin`), { className: 'secondary', id: 'open-checkin' }));
      if (m && m.status !== 'cancelled') this.actions.append(button(t('planner.cancelMeeting'), () => void this.cancelMeeting(), { className: 'danger', id: 'cancel-meeting' }));
      this.actions.append(button(t('form.save'), () => void this.save(), { className: 'primary', id: 'meeting-save' }));
    }
    this.refreshInvitations();
    const recurring = !!m?.recurrence;
    this.occSection.hidden = !recurring;
    this.root.querySelector('[data-for=ws-occurrences]')?.toggleAttribute('hidden', !recurring);
    if (recurring) void this.occurrences.load();
  }

  /** The invitations section shows for a saved meeting only; read now (a save may have raised the sequence). */
  private refreshInvitations(): void {
    const el = this.root.querySelector<HTMLElement>('#ws-invitations');
    if (el) el.hidden = !this.meeting;
    this.root.querySelector('[data-for=ws-invitations]')?.toggleAttribute('hidden', !this.meeting);
    if (this.meeting) this.invitations.refresh();
  }

  private input(): MeetingInput {
    const input = this.form.read();
    return { ...input, speedDates: input.kind === 'businessmixer' ? this.speed.settings() : null };
  }

  private inputKey(): string { return JSON.stringify(this.input()); }

  get dirty(): boolean { return this.inputKey() !== this.savedInput || this.invites.dirty; }

  /** Saves the meeting, then its invite rules; the meeting as saved, or null when something was refused. */
  async save(): Promise<Meeting | null> {
    showGeneral(this.general, null);
    if (!this.form.checkRequired() || !this.invites.checkComplete()) { showGeneral(this.general, [], t('form.errors')); return null; }
    const input = this.input();
    const saveButton = this.root.querySelector<HTMLButtonElement>('#meeting-save');
    if (saveButton) { saveButton.disabled = true; saveButton.textContent = t('form.saving'); }
    try {
      const created = !this.meeting;
      const m = this.meeting ? await this.update(this.meeting, input) : await meetingsApi.create(input);
      if (!m) return null;
      this.meeting = m;
      this.savedInput = JSON.stringify(input);
      if (created) history.replaceState(null, '', `#meeting/${encodeURIComponent(m.id)}`);
      if (this.invites.dirty) {
        try {
          this.meeting = { ...m, version: await this.invites.save(m.id, m.version) };
        } catch (e) { this.invites.showProblem(e); this.refreshHead(); return null; }
      }
      this.ctx.toast(t('toast.saved'));
      this.refreshHead();
      return this.meeting;
    } catch (e) {
      this.showProblem(e);
      return null;
    } finally {
      const b = this.root.querySelector<HTMLButtonElement>('#meeting-save');
      if (b) { b.disabled = false; b.textContent = t('form.save'); }
    }
  }

  private showProblem(e: unknown): void {
    if (!(e instanceof ApiError)) { showGeneral(this.general, [t('toast.offlineSave')]); return; }
    const m = this.form.showProblem(e.problem);
    const speed = m.general.filter((x) => x.startsWith('speedDates'));
    if (speed.length) this.speed.showProblem(e);
    showGeneral(this.general, m.general.filter((x) => !x.startsWith('speedDates')), t('form.errors'));
  }

  /** PUT with the version read; on a conflict both versions side by side, as on the map. */
  private async update(base: Meeting, input: MeetingInput): Promise<Meeting | null> {
    try {
      return await meetingsApi.update(base.id, base.version, input);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 412)) throw e;
      const current = await meetingsApi.get(base.id);
      const choice = await conflictDialog(this.compare(input, current), current.version, t('conflict.keepMine'));
      if (choice === 'mine') return meetingsApi.update(base.id, current.version, input);
      this.meeting = current;
      if (choice === 'theirs') { this.form.fill(current); this.savedInput = this.inputKey(); this.refreshHead(); }
      return null;
    }
  }

  private compare(mine: MeetingInput, theirs: Meeting): [string, string, string][] {
    const n = (ids: readonly string[] | null | undefined) => (ids ?? []).map((id) => this.ctx.lookups.name(id)).join(', ') || '—';
    const s = (x: unknown) => (x === null || x === undefined || x === '' ? '—' : String(x));
    return [
      [t('planner.title'), s(mine.title), s(theirs.title)],
      [t('planner.kind'), this.ctx.lookups.kindLabel(mine.kind), this.ctx.lookups.kindLabel(theirs.kind)],
      [t('planner.status'), this.ctx.lookups.statusLabel(mine.status ?? ''), this.ctx.lookups.statusLabel(theirs.status)],
      [t('planner.start'), formatWhen(mine.start, mine.end), formatWhen(theirs.start, theirs.end)],
      [t('planner.venueName'), s(mine.venue?.name), s(theirs.venue.name)],
      [t('planner.address'), s(mine.venue?.address), s(theirs.venue.address)],
      [t('planner.capacity'), s(mine.capacity), s(theirs.capacity)],
      [t('planner.platform'), mine.platform ? n([mine.platform]) : '—', theirs.platform ? n([theirs.platform]) : '—'],
      [t('planner.themes'), n(mine.themes), n(theirs.themes)],
      [t('planner.organisers'), n(mine.organisers), n(theirs.organisers)],
      [t('planner.recurrence'), s(mine.recurrence), s(theirs.recurrence)],
      [t('planner.description'), s(mine.description), s(theirs.description)],
    ];
  }

  private async ensureSaved(): Promise<{ id: string; version: number } | null> {
    const m = this.meeting && !this.dirty ? this.meeting : await this.save();
    return m ? { id: m.id, version: m.version } : null;
  }

  private async cancelMeeting(): Promise<void> {
    const m = this.meeting!;
    if (!(await confirmDialog(t('planner.cancelMeeting'), t('planner.cancelConfirm', { title: m.title }), t('planner.occ.cancelYes')))) return;
    try {
      this.meeting = await meetingsApi.cancel(m.id, m.version, {});
      this.form.fill(this.meeting);
      this.savedInput = this.inputKey();
      this.refreshHead();
      this.ctx.toast(t('planner.occ.cancelled'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) { await this.reload(); showGeneral(this.general, [t('planner.occ.stale')]); } else this.showProblem(e);
    }
  }

  private async reload(): Promise<void> {
    if (!this.meeting) return;
    this.meeting = await meetingsApi.get(this.meeting.id);
    this.form.fill(this.meeting);
    this.savedInput = this.inputKey();
    this.refreshHead();
  }

  private async leave(): Promise<void> {
    if (this.ctx.canPlan && this.dirty && !(await confirmDialog(t('planner.leaveTitle'), t('planner.leaveConfirm'), t('planner.leaveYes')))) return;
    this.ctx.go(this.meeting ? `?date=${brusselsDate(this.meeting.start)}` : '');
  }
}

function section(id: string, title: string, ...content: (Node | null)[]): HTMLElement {
  return h('section', { className: 'ws-section', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title`, tabindex: '-1' }, title), ...content);
}
