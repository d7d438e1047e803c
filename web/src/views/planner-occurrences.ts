// The occurrences of a recurring meeting: each one can be moved or renamed, or cancelled — just this
// one, or this one and all following (the server then ends the series and, for a change, starts a new
// one). Every change is sent with the meeting's version (If-Match).
import { ApiError } from '../api/client';
import { type Meeting, type Occurrence, meetingsApi } from '../api/meetings';
import { button, clear, h } from '../dom';
import { brusselsLocalToIso, isoToBrusselsLocal } from '../forms';
import { t } from '../i18n';
import { addDays, brusselsDate } from '../planning/calendar';
import { formatWhen } from '../planning/format';
import { mapByPath } from '../problems';
import { Dialog } from './dialog';
import { showGeneral } from './form-view';
import type { PlannerCtx } from './planner-context';

export interface OccurrenceHost {
  meeting(): Meeting;
  /** after a change: the meeting as it is now (and the new series of a "this and following" change) */
  updated(m: Meeting, split?: Meeting | null): void;
  /** someone else changed the meeting: read it again */
  reload(): Promise<void>;
}

export class OccurrencesView {
  readonly root = h('div', { className: 'occurrences', id: 'occurrences' });

  constructor(private readonly ctx: PlannerCtx, private readonly host: OccurrenceHost, private readonly readOnly: boolean, private highlight: string | null) {}

  async load(): Promise<void> {
    const m = this.host.meeting();
    clear(this.root);
    const from = brusselsDate(m.start);
    let list: Occurrence[] = [];
    try {
      list = (await meetingsApi.list({ from, to: addDays(from, 5 * 365), kind: m.kind })).occurrences.filter((o) => o.meetingId === m.id);
    } catch (e) { this.root.append(h('p', { className: 'error' }, e instanceof ApiError ? e.message : t('app.loadFailed'))); return; }
    const rows = list.map((o) => {
      const mark = Date.parse(o.originalStart) === Date.parse(this.highlight ?? '');
      return h('tr', { className: `${o.cancelled ? 'cancelled' : ''}${mark ? ' highlight' : ''}`, 'data-original': o.originalStart },
        h('td', {}, h('span', { className: 'occ-when' }, formatWhen(o.start, o.end)), o.cancelled ? h('span', { className: 'tag' }, t('planner.cancelled')) : null,
          o.changed ? h('span', { className: 'tag' }, t('planner.changed')) : null),
        h('td', {}, o.title),
        this.readOnly || o.cancelled ? h('td') : h('td', { className: 'occ-actions' },
          button(t('planner.occ.change'), () => this.change(o), { className: 'secondary small occ-change' }),
          button(t('planner.occ.cancel'), () => this.cancel(o), { className: 'danger small occ-cancel' })));
    });
    this.root.append(h('table', { className: 'data-table' },
      h('caption', {}, t('planner.occ.title', { n: list.length })),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('planner.occ.when')), h('th', { scope: 'col' }, t('planner.title')), h('th', { scope: 'col' }, h('span', { className: 'visually-hidden' }, t('planner.occ.actions'))))),
      h('tbody', {}, ...rows)));
    this.root.querySelector<HTMLElement>('tr.highlight')?.scrollIntoView({ block: 'nearest' });
    this.highlight = null;
  }

  private scopeChoice(name: string, options: [string, string][]): { el: HTMLElement; value: () => string } {
    const radios = options.map(([v], i) => h('input', { type: 'radio', name, id: `${name}-${v}`, value: v, checked: i === 0 }));
    return {
      el: h('fieldset', { className: 'scope' }, h('legend', {}, t('planner.occ.scope')),
        ...options.map(([v, label], i) => h('div', { className: 'check' }, radios[i]!, h('label', { for: `${name}-${v}` }, label)))),
      value: () => radios.find((r) => r.checked)!.value,
    };
  }

  private change(o: Occurrence): void {
    const d = new Dialog(t('planner.occ.changeTitle', { when: formatWhen(o.start, o.end) }), { id: 'occ-dialog' });
    const general = h('div', { className: 'form-problems', role: 'alert', hidden: true });
    const start = h('input', { type: 'datetime-local', id: 'occ-start', value: isoToBrusselsLocal(o.start) });
    const end = h('input', { type: 'datetime-local', id: 'occ-end', value: isoToBrusselsLocal(o.end) });
    const title = h('input', { type: 'text', id: 'occ-title', value: o.title });
    const venue = h('input', { type: 'text', id: 'occ-venue', value: o.venue.name ?? '' });
    const scope = this.scopeChoice('occ-scope', [['this', t('planner.occ.thisOne')], ['following', t('planner.occ.following')]]);
    const f = (el: HTMLInputElement, label: string) => h('div', { className: 'field' }, h('label', { for: el.id }, label), el, h('p', { className: 'field-error', id: `${el.id}-err` }));
    d.body.append(general, h('div', { className: 'form-grid' }, f(start, t('planner.start')), f(end, t('planner.end')), f(title, t('planner.title')), f(venue, t('planner.venueName'))), scope.el);
    d.footer.append(button(t('form.cancel'), () => d.close(), { className: 'secondary' }), button(t('form.save'), () => void save(), { className: 'primary', id: 'occ-save' }));
    const save = async () => {
      const m = this.host.meeting();
      try {
        const r = await meetingsApi.changeOccurrence(m.id, m.version, {
          originalStart: o.originalStart, scope: scope.value() as 'this' | 'following',
          start: brusselsLocalToIso(start.value) ?? start.value, end: brusselsLocalToIso(end.value) ?? end.value,
          ...(title.value !== o.title ? { title: title.value } : {}),
          ...(venue.value !== (o.venue.name ?? '') ? { venue: { name: venue.value } } : {}),
        });
        d.close();
        this.host.updated(r.meeting, r.split);
        this.ctx.toast(t('toast.saved'));
      } catch (e) { this.problem(e, general, { start, end, title, 'venue.name': venue }); }
    };
    d.open();
  }

  private cancel(o: Occurrence): void {
    const d = new Dialog(t('planner.occ.cancelTitle', { when: formatWhen(o.start, o.end) }), { id: 'occ-cancel-dialog' });
    const general = h('div', { className: 'form-problems', role: 'alert', hidden: true });
    const scope = this.scopeChoice('occ-cancel-scope', [['occurrence', t('planner.occ.thisOne')], ['following', t('planner.occ.following')]]);
    d.body.append(general, h('p', {}, t('planner.occ.cancelIntro')), scope.el);
    d.footer.append(button(t('form.cancel'), () => d.close(), { className: 'secondary' }), button(t('planner.occ.cancelYes'), async () => {
      const m = this.host.meeting();
      try {
        const updated = await meetingsApi.cancel(m.id, m.version, { occurrence: o.originalStart, scope: scope.value() as 'occurrence' | 'following' });
        d.close();
        this.host.updated(updated);
        this.ctx.toast(t('planner.occ.cancelled'));
      } catch (e) { this.problem(e, general, {}); }
    }, { className: 'danger', id: 'occ-cancel-confirm' }));
    d.open();
  }

  private problem(e: unknown, general: HTMLElement, inputs: Record<string, HTMLInputElement>): void {
    if (!(e instanceof ApiError)) { showGeneral(general, [t('toast.offlineSave')]); return; }
    if (e.status === 412) { showGeneral(general, [t('planner.occ.stale')]); void this.host.reload(); return; }
    const m = mapByPath(e.problem, Object.keys(inputs));
    for (const [k, msgs] of m.fields) {
      const el = inputs[k]!;
      el.setAttribute('aria-invalid', 'true');
      document.getElementById(`${el.id}-err`)!.textContent = msgs.join(' ');
    }
    showGeneral(general, m.general);
  }
}
