// The check-in list at the door, made for a tablet: every invitee with a big "aanwezig" checkbox, a
// search box, the counts, and walk-ins added by name. Each tap saves at once (the whole list, so the
// server's ATTENDED relationships follow the screen); taps during a save are sent right after it.
import { ApiError } from '../api/client';
import { type Meeting, type Occurrence, meetingsApi } from '../api/meetings';
import type { Change } from '../api/types';
import { button, clear, h } from '../dom';
import { t } from '../i18n';
import { addDays, brusselsDate } from '../planning/calendar';
import { type CheckinPerson, counts, filterPeople } from '../planning/checkin';
import { formatWhen } from '../planning/format';
import { type LiveView, type PlannerCtx, meetingChanges, meetingOf } from './planner-context';
import { NodePicker } from './search';

export class CheckinView implements LiveView {
  private people: CheckinPerson[] = [];
  private present = new Set<string>();
  private occurrence: string | null = null;
  private saving = false;
  private again = false;
  /** taps so far: a load that started before the latest tap does not overwrite it */
  private taps = 0;
  private readonly search = h('input', { type: 'search', id: 'checkin-search', className: 'checkin-search', autocomplete: 'off' });
  private readonly list = h('ul', { className: 'checkin-list', id: 'checkin-list' });
  private readonly countEl = h('p', { className: 'checkin-count', id: 'checkin-count', 'aria-live': 'polite' });
  private readonly saveState = h('p', { className: 'checkin-saved muted', id: 'checkin-state', role: 'status' });

  constructor(private readonly root: HTMLElement, private readonly ctx: PlannerCtx, private readonly meeting: Meeting, occurrence: string | null) {
    this.occurrence = meeting.recurrence ? occurrence : null;
  }

  /** Another tablet at the door registered someone: show it, unless a save of ours is under way. */
  remoteChanges(changes: Change[]): void {
    if (this.saving || !this.root.isConnected) return;
    if (meetingChanges(changes).some((c) => c.label === 'ATTENDED' && meetingOf(c) === this.meeting.id)) void this.load();
  }

  async show(): Promise<void> {
    clear(this.root);
    const m = this.meeting;
    const walkIn = new NodePicker(this.ctx, {
      label: t('planner.checkin.walkIn'), placeholder: t('planner.searchToAdd'), kinds: new Set(['Person']), id: 'checkin-walkin',
      onPick: (hit) => {
        walkIn.set(null);
        if (!this.people.some((p) => p.personId === hit.id)) this.people.push({ personId: hit.id, name: hit.name, invited: false });
        this.toggle(hit.id, true);
      },
    });
    this.search.setAttribute('placeholder', t('planner.checkin.search'));
    this.search.addEventListener('input', () => this.renderList());
    this.root.append(h('div', { className: 'checkin' },
      h('div', { className: 'checkin-head' },
        h('div', {}, h('h1', { id: 'checkin-title' }, t('planner.checkin.title', { title: m.title })),
          h('p', { className: 'muted' }, formatWhen(m.start, m.end))),
        button(`← ${t('planner.checkin.back')}`, () => this.ctx.go(`meeting/${encodeURIComponent(m.id)}`), { className: 'secondary', id: 'checkin-back' })),
      m.recurrence ? await this.occurrencePicker() : null,
      h('div', { className: 'checkin-bar' },
        h('label', { for: 'checkin-search', className: 'visually-hidden' }, t('planner.checkin.search')), this.search, this.countEl),
      this.saveState, this.list, h('div', { className: 'checkin-walkin' }, walkIn.root)));
    await this.load();
  }

  private async occurrencePicker(): Promise<HTMLElement> {
    const m = this.meeting;
    const from = brusselsDate(m.start);
    let occurrences: Occurrence[] = [];
    try {
      occurrences = (await meetingsApi.list({ from, to: addDays(from, 5 * 365), kind: m.kind })).occurrences.filter((o) => o.meetingId === m.id && !o.cancelled);
    } catch { /* the whole series then */ }
    const today = new Date().toISOString();
    this.occurrence ??= (occurrences.find((o) => o.end >= today) ?? occurrences[occurrences.length - 1])?.originalStart ?? null;
    const sel = h('select', { id: 'checkin-occurrence' }, ...occurrences.map((o) =>
      h('option', { value: o.originalStart, selected: Date.parse(o.originalStart) === Date.parse(this.occurrence ?? '') }, formatWhen(o.start, o.end))));
    sel.addEventListener('change', () => { this.occurrence = sel.value; void this.load(); });
    return h('div', { className: 'field inline' }, h('label', { for: sel.id }, t('planner.checkin.occurrence')), sel);
  }

  private async load(): Promise<void> {
    const taps = this.taps;
    if (!this.people.length) this.saveState.textContent = t('planner.invite.loading');
    try {
      const [list, attendance] = await Promise.all([
        meetingsApi.invitees(this.meeting.id),
        // registering nobody answers who is registered already, for this occurrence
        meetingsApi.attendance(this.meeting.id, { present: [], occurrence: this.occurrence }),
      ]);
      const walkIns = this.people.filter((p) => !p.invited);
      this.people = list.body.invitees.map((p) => ({ personId: p.personId, name: p.name, invited: true }));
      for (const p of walkIns) if (!this.people.some((x) => x.personId === p.personId)) this.people.push(p);
      if (taps !== this.taps || this.saving) { this.renderList(); return; }
      this.present = new Set(attendance.attendees);
      await this.ctx.lookups.ensureNames(attendance.attendees.filter((id) => !this.people.some((p) => p.personId === id)));
      for (const id of this.present) if (!this.people.some((p) => p.personId === id)) this.people.push({ personId: id, name: this.ctx.lookups.name(id), invited: false });
      if (this.saveState.textContent === t('planner.invite.loading')) this.saveState.textContent = '';
    } catch (e) {
      this.saveState.textContent = e instanceof ApiError ? e.message : t('app.loadFailed');
    }
    this.renderList();
  }

  private toggle(id: string, on: boolean): void {
    this.taps++;
    if (on) this.present.add(id); else this.present.delete(id);
    this.renderList();
    void this.save();
  }

  private async save(): Promise<void> {
    if (this.saving) { this.again = true; return; }
    this.saving = true;
    this.saveState.textContent = t('planner.checkin.saving');
    try {
      do {
        this.again = false;
        const r = await meetingsApi.attendance(this.meeting.id, { present: [...this.present], occurrence: this.occurrence, replace: true });
        if (!this.again) this.present = new Set(r.attendees);
      } while (this.again);
      this.saveState.textContent = t('planner.checkin.saved');
    } catch (e) {
      this.saveState.textContent = `${t('planner.checkin.failed')} ${e instanceof ApiError ? e.message : ''}`;
      this.saveState.append(' ', button(t('app.retry'), () => void this.save(), { className: 'secondary small' }));
    } finally {
      this.saving = false;
      this.renderList();
    }
  }

  private renderList(): void {
    const c = counts(this.people, this.present);
    this.countEl.textContent = t('planner.checkin.count', { present: c.present, invited: c.invited, walkIns: c.walkIns });
    const active = document.activeElement?.id;
    clear(this.list);
    const shown = filterPeople(this.people, this.search.value);
    for (const p of shown) {
      const id = `checkin-${p.personId}`;
      const box = h('input', { type: 'checkbox', id, checked: this.present.has(p.personId), 'data-person': p.personId });
      box.addEventListener('change', () => this.toggle(p.personId, box.checked));
      this.list.append(h('li', { className: `checkin-row${this.present.has(p.personId) ? ' present' : ''}` },
        box, h('label', { for: id }, h('span', { className: 'checkin-name' }, p.name),
          h('span', { className: 'checkin-mark' }, this.present.has(p.personId) ? t('planner.checkin.present') : t('planner.checkin.absent')),
          p.invited ? null : h('span', { className: 'tag' }, t('planner.checkin.notInvited')))));
    }
    if (!shown.length) this.list.append(h('li', { className: 'muted' }, t('search.none')));
    if (active) document.getElementById(active)?.focus();
  }
}
