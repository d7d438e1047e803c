// The invite-list builder: rule rows, people added and removed by hand, and a live preview of the
// list the server evaluates (debounced): how many, who opted out and is left out, who has no e-mail
// address, duplicates removed, over capacity. Saving stores the rules on the meeting; freezing
// ("lijst vastleggen") invites everyone on it. A viewer sees the saved list only.
import { ApiError } from '../api/client';
import { type GroupRule, type InviteListDefinition, type Invitee, type Invitees, meetingsApi } from '../api/meetings';
import { append, button, clear, h } from '../dom';
import { type MessageKey, formatDateTime, t } from '../i18n';
import { definitionKey, definitionOf, reasonParts, rootOf } from '../planning/invite-rules';
import { LivePreview, type PreviewState } from '../planning/preview';
import { confirmDialog } from './dialog';
import { showGeneral } from './form-view';
import { ChipList } from './planner-chips';
import type { PlannerCtx } from './planner-context';
import { RuleGroupEditor } from './planner-rules';

/** What the builder needs of the meeting it belongs to. */
export interface InviteHost {
  meetingId(): string | null;
  capacity(): number | null;
  /** saves the meeting (and this list) when needed; the id and version to freeze with, or null when saving failed */
  ensureSaved(): Promise<{ id: string; version: number } | null>;
  versionChanged(version: number): void;
}

export class InviteBuilder {
  readonly root: HTMLElement;
  private rules: GroupRule;
  private add: ChipList;
  private remove: string[];
  private savedKey: string;
  private frozenAt: string | null = null;
  private editor!: RuleGroupEditor;
  private readonly rulesBox = h('div', { className: 'rules-box' });
  private readonly problems = h('div', { className: 'form-problems', role: 'alert', hidden: true, id: 'invite-problems' });
  private readonly summary = h('div', { className: 'invite-summary', id: 'invite-summary', 'aria-live': 'polite' });
  private readonly listBox = h('div', { className: 'invite-list', id: 'invite-list' });
  private readonly preview: LivePreview<InviteListDefinition, Invitees>;
  private readonly freezeButton: HTMLButtonElement | null;

  constructor(private readonly ctx: PlannerCtx, private readonly host: InviteHost, initial: Invitees | null, private readonly readOnly: boolean) {
    this.rules = rootOf(initial?.definition);
    this.remove = [...(initial?.definition.remove ?? [])];
    this.savedKey = initial ? definitionKey(definitionOf(rootOf(initial.definition), initial.definition.add, initial.definition.remove)) : definitionKey(definitionOf(this.rules, [], []));
    this.frozenAt = initial?.frozenAt ?? null;
    this.add = new ChipList(ctx, initial?.definition.add ?? [], {
      label: t('planner.invite.addByHand'), kinds: ['Person'], id: 'invite-add', readOnly, onChange: () => this.changed(),
    });
    this.preview = new LivePreview((def) => meetingsApi.preview(this.host.meetingId(), def), (s) => this.renderState(s), 400);
    this.freezeButton = readOnly ? null : button(t('planner.invite.freeze'), () => void this.freeze(), { id: 'invite-freeze', className: 'primary' });
    this.root = h('div', { className: 'invite-builder' },
      this.problems,
      h('div', { className: 'invite-columns' },
        h('div', { className: 'invite-rules' }, h('h3', {}, t('planner.invite.rules')), this.rulesBox, this.add.root),
        h('div', { className: 'invite-preview' }, h('h3', {}, readOnly ? t('planner.invite.list') : t('planner.invite.preview')), this.summary,
          this.freezeButton ? h('div', { className: 'invite-actions' }, this.freezeButton) : null, this.listBox)));
    this.renderRules();
    if (initial) this.renderState({ status: 'ready', result: initial, error: null, stale: false });
    else this.changed();
  }

  /** The definition as it stands (complete rows only). */
  definition(): InviteListDefinition { return definitionOf(this.rules, this.add.value, this.remove); }

  get dirty(): boolean { return definitionKey(this.definition()) !== this.savedKey; }

  /** The invitees of the current definition, asking the server now if a preview is pending. */
  async invitees(): Promise<Invitee[]> {
    if (this.readOnly) return this.preview.state.result?.invitees ?? [];
    this.preview.request(this.definition());
    return (await this.preview.flush())?.invitees ?? [];
  }

  /** The saved list again (after an RSVP or a freeze elsewhere), unless the rules are being edited. */
  async refresh(id: string): Promise<void> {
    if (this.dirty) return;
    try {
      const r = await meetingsApi.invitees(id);
      if (!this.dirty) this.renderState({ status: 'ready', result: r.body, error: null, stale: false });
    } catch { /* the next change tries again */ }
  }

  /** Before saving: every row filled in (the server's paths then match the rows). */
  checkComplete(): boolean {
    const ok = this.editor.markIncomplete();
    if (!ok) showGeneral(this.problems, [t('planner.rules.fixRows')]);
    return ok;
  }

  /** Stores the rules on the saved meeting; returns the meeting's new version. */
  async save(id: string, version: number): Promise<number> {
    const def = this.definition();
    const r = await meetingsApi.saveInvitees(id, version, def);
    this.savedKey = definitionKey(def);
    this.renderState({ status: 'ready', result: r.body, error: null, stale: false });
    return r.version ?? version;
  }

  /** A refusal of the rules, shown at their rows. */
  showProblem(e: unknown): void {
    if (!(e instanceof ApiError)) { showGeneral(this.problems, [String(e)]); return; }
    const issues = e.problem.issues ?? [];
    const general: string[] = [];
    for (const issue of issues) {
      const el = this.rowForPath(issue.field)?.querySelector(':scope > .rule-error');
      if (el) el.textContent = issue.message; else general.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
    }
    if (!issues.length) general.push(e.problem.detail || e.problem.title);
    showGeneral(this.problems, general, t('form.errors'));
  }

  private rowForPath(path: string): HTMLElement | null {
    if (!path.startsWith('rule')) return null;
    const indexes = [...path.matchAll(/rules\[(\d+)\]/g)].map((x) => Number(x[1]));
    // a root of one rule is sent as that rule itself
    return this.editor.rowAt(this.rules.rules.length === 1 && !path.startsWith('rule.rules') ? [0] : indexes);
  }

  private changed(): void {
    clear(this.problems); this.problems.hidden = true;
    if (!this.readOnly) this.preview.request(this.definition());
  }

  private renderRules(): void {
    clear(this.rulesBox);
    this.editor = new RuleGroupEditor(this.ctx, this.rules, 1, this.readOnly, () => this.changed());
    this.rulesBox.append(this.editor.root);
  }

  private async freeze(): Promise<void> {
    const count = this.preview.state.result?.count ?? 0;
    if (!(await confirmDialog(t('planner.invite.freeze'), t('planner.invite.freezeConfirm', { n: count }), t('planner.invite.freezeYes')))) return;
    const saved = await this.host.ensureSaved();
    if (!saved) return;
    try {
      const r = await meetingsApi.freeze(saved.id, saved.version);
      if (r.version !== null) this.host.versionChanged(r.version);
      this.frozenAt = r.body.frozenAt ?? null;
      this.renderState({ status: 'ready', result: r.body, error: null, stale: false });
      this.ctx.toast(t('planner.invite.frozen', { n: r.body.count }));
    } catch (e) { this.showProblem(e); }
  }

  private renderState(s: PreviewState<Invitees>): void {
    clear(this.summary);
    this.summary.classList.toggle('stale', s.stale || s.status === 'loading');
    if (s.status === 'error') {
      if (s.error instanceof ApiError && s.error.status === 422) this.showProblem(s.error);
      else this.summary.append(h('p', { className: 'error' }, t('planner.invite.previewFailed')));
    }
    const r = s.result;
    if (!r) { if (s.status !== 'error') this.summary.append(h('p', { className: 'muted' }, s.status === 'idle' ? t('planner.invite.empty') : t('planner.invite.loading'))); clear(this.listBox); return; }
    const left = (reason: string) => r.leftOut.filter((x) => x.reason === reason);
    const capacity = r.capacity ?? this.host.capacity();
    const over = capacity ? Math.max(0, r.count - capacity) : 0;
    this.frozenAt = r.frozenAt ?? this.frozenAt;
    append(this.summary, [
      h('p', { className: 'invite-count' }, h('strong', { id: 'invite-count' }, String(r.count)), ' ', t('planner.invite.people', { n: r.count }),
        s.status === 'waiting' || s.status === 'loading' ? h('span', { className: 'muted small' }, ` · ${t('planner.invite.updating')}`) : null),
      h('ul', { className: 'invite-facts' },
        fact('invite-optout', 'planner.invite.optOut', left('opt-out').length),
        fact('invite-noemail', 'planner.invite.noEmail', r.withoutEmail.length, 'warn'),
        fact('invite-duplicates', 'planner.invite.duplicates', r.duplicatesRemoved),
        fact('invite-removed', 'planner.invite.removed', left('removed').length),
        over ? h('li', { className: 'warn', id: 'invite-over' }, t('planner.invite.overCapacity', { n: over, capacity: capacity ?? 0 })) : null),
      this.frozenAt ? h('p', { className: 'frozen', id: 'invite-frozen' }, t('planner.invite.frozenAt', { at: formatDateTime(this.frozenAt) }),
        r.notInvitedYet.length ? ` · ${t('planner.invite.notInvitedYet', { n: r.notInvitedYet.length })}` : '',
        r.noLongerListed.length ? ` · ${t('planner.invite.noLongerListed', { n: r.noLongerListed.length })}` : '') : null]);
    if (this.freezeButton) this.freezeButton.textContent = this.frozenAt ? t('planner.invite.freezeAgain') : t('planner.invite.freeze');
    this.renderList(r);
  }

  private renderList(r: Invitees): void {
    clear(this.listBox);
    const names = this.ctx.lookups;
    for (const x of [...r.invitees, ...r.leftOut]) names.remember(x.personId, x.name);
    const rows = r.invitees.map((p) => h('tr', { 'data-person': p.personId },
      h('th', { scope: 'row' }, p.name, p.addedByHand ? h('span', { className: 'tag' }, t('planner.invite.byHand')) : null),
      h('td', { className: 'small' }, p.reasons.filter((x) => x !== 'added').map((x) => this.reason(x)).join(', ')),
      h('td', {}, p.hasEmail ? h('span', { className: 'small' }, p.email ?? '') : h('span', { className: 'tag warn no-email' }, `⚠ ${t('planner.invite.noEmailTag')}`)),
      r.frozen ? h('td', { className: 'small' }, p.status ? t(`planner.rsvp.${p.status}` as MessageKey) : '—') : null,
      this.readOnly ? null : h('td', {}, button('×', () => { this.remove.push(p.personId); this.changed(); },
        { className: 'icon-button invite-remove', 'aria-label': t('planner.removeNamed', { name: p.name }), title: t('planner.remove') }))));
    this.listBox.append(h('div', { className: 'table-scroll' }, h('table', { className: 'data-table invite-table' },
      h('caption', { className: 'visually-hidden' }, t('planner.invite.list')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('planner.invite.name')), h('th', { scope: 'col' }, t('planner.invite.why')),
        h('th', { scope: 'col' }, t('planner.invite.email')), r.frozen ? h('th', { scope: 'col' }, t('planner.invite.answer')) : null,
        this.readOnly ? null : h('th', { scope: 'col' }, h('span', { className: 'visually-hidden' }, t('planner.remove'))))),
      h('tbody', {}, ...rows))));
    if (r.leftOut.length) {
      this.listBox.append(h('details', { className: 'left-out', id: 'invite-left-out' },
        h('summary', {}, t('planner.invite.leftOut', { n: r.leftOut.length })),
        h('ul', {}, ...r.leftOut.map((x) => h('li', {}, `${x.name} — ${t(`planner.leftOut.${x.reason}` as MessageKey)}`,
          x.reason === 'removed' && !this.readOnly ? button(t('planner.invite.restore'), () => { this.remove = this.remove.filter((id) => id !== x.personId); this.changed(); }, { className: 'link small' }) : null)))));
    }
  }

  private reason(code: string): string {
    const { kind, id } = reasonParts(code);
    const label = t(`planner.reason.${kind}` as MessageKey);
    return id ? `${label} ${this.ctx.lookups.name(id)}` : label;
  }
}

function fact(id: string, key: MessageKey, n: number, cls = ''): HTMLElement {
  return h('li', { id, className: n && cls ? cls : n ? '' : 'muted' }, t(key, { n }));
}
