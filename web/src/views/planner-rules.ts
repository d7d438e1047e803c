// Rule rows of the invite-list builder: a group ("all of" / "any of") of rows, each a rule of one of
// the server's kinds (function in a region, platform members, organisations by type or sector, staff
// of organisations, parties of an agreement, a theme, earlier attendees) or a nested group. The
// editors change the rule objects in place and call `changed`.
import type { GroupRule, InviteRule, LeafRule } from '../api/meetings';
import { button, clear, h, uid } from '../dom';
import { type MessageKey, t } from '../i18n';
import { LEAF_TYPES, type LeafType, MAX_GROUP_DEPTH, emptyLeaf, isComplete, isGroup } from '../planning/invite-rules';
import { ChipList } from './planner-chips';
import type { Named, PlannerCtx } from './planner-context';

export class RuleGroupEditor {
  readonly root: HTMLElement;
  private readonly rows = h('ol', { className: 'rule-rows' });
  private children: (RuleGroupEditor | null)[] = [];
  private rowEls: HTMLElement[] = [];

  constructor(
    private readonly ctx: PlannerCtx, private readonly group: GroupRule, private readonly depth: number,
    private readonly readOnly: boolean, private readonly changed: () => void, remove?: () => void,
  ) {
    const combine = h('select', { className: 'rule-combine', 'aria-label': t('planner.rules.combine'), disabled: readOnly },
      h('option', { value: 'any', selected: group.type === 'any' }, t('planner.rules.any')),
      h('option', { value: 'all', selected: group.type === 'all' }, t('planner.rules.all')));
    combine.addEventListener('change', () => { group.type = combine.value as GroupRule['type']; changed(); });
    this.root = h('div', { className: `rule-group depth-${depth}` },
      h('div', { className: 'rule-group-head' }, h('span', {}, t('planner.rules.peopleWho')), combine,
        remove && !readOnly ? button('×', remove, { className: 'icon-button', 'aria-label': t('planner.rules.removeGroup'), title: t('planner.rules.removeGroup') }) : null),
      this.rows,
      readOnly ? null : h('div', { className: 'rule-add' },
        button(`+ ${t('planner.rules.addRule')}`, () => this.add(emptyLeaf('function')), { className: 'secondary small rule-add-rule' }),
        depth < MAX_GROUP_DEPTH ? button(`+ ${t('planner.rules.addGroup')}`, () => this.add({ type: 'all', rules: [] }), { className: 'secondary small rule-add-group' }) : null));
    this.render();
  }

  /** The row element at an index path ([1, 0]: the first row of the group in the second row). */
  rowAt(path: number[]): HTMLElement | null {
    const [i, ...rest] = path;
    if (i === undefined) return this.root;
    if (!rest.length) return this.rowEls[i] ?? null;
    return this.children[i]?.rowAt(rest) ?? this.rowEls[i] ?? null;
  }

  /** Marks rows not filled in yet; true when every row is complete. */
  markIncomplete(): boolean {
    let ok = true;
    this.group.rules.forEach((r, i) => {
      const row = this.rowEls[i]!;
      if (isGroup(r)) { ok = this.children[i]!.markIncomplete() && ok; if (!r.rules.length) { ok = false; rowMessage(row, t('planner.rules.emptyGroup')); } return; }
      const complete = isComplete(r);
      rowMessage(row, complete ? '' : t('planner.rules.incomplete'));
      ok &&= complete;
    });
    return ok;
  }

  private add(rule: InviteRule): void {
    this.group.rules.push(rule);
    this.render();
    this.rowEls[this.rowEls.length - 1]?.querySelector<HTMLElement>('select, input')?.focus();
    this.changed();
  }

  private render(): void {
    clear(this.rows);
    this.children = [];
    this.rowEls = [];
    this.group.rules.forEach((rule, i) => {
      const remove = () => { this.group.rules.splice(i, 1); this.render(); this.changed(); };
      let row: HTMLElement;
      if (isGroup(rule)) {
        const child = new RuleGroupEditor(this.ctx, rule, this.depth + 1, this.readOnly, this.changed, remove);
        this.children.push(child);
        row = h('li', { className: 'rule-row rule-row-group', 'data-type': rule.type }, child.root);
      } else {
        this.children.push(null);
        row = this.leafRow(rule, i, remove);
      }
      row.append(h('p', { className: 'field-error rule-error', 'aria-live': 'polite' }));
      this.rowEls.push(row);
      this.rows.append(row);
    });
    if (!this.group.rules.length) this.rows.append(h('li', { className: 'muted rule-none' }, t('planner.rules.none')));
  }

  private leafRow(rule: LeafRule, i: number, remove: () => void): HTMLElement {
    const id = uid('rule');
    const type = h('select', { id: `${id}-type`, className: 'rule-type', disabled: this.readOnly },
      ...LEAF_TYPES.map((x) => h('option', { value: x, selected: x === rule.type }, t(`planner.rule.${x}` as MessageKey))));
    type.addEventListener('change', () => { this.group.rules[i] = emptyLeaf(type.value as LeafType); this.render(); this.rowEls[i]?.querySelector<HTMLElement>('.rule-type')?.focus(); this.changed(); });
    return h('li', { className: 'rule-row', 'data-type': rule.type },
      h('div', { className: 'rule-row-head' },
        h('label', { for: type.id, className: 'visually-hidden' }, t('planner.rules.type')), type,
        this.readOnly ? null : button('×', remove, { className: 'icon-button rule-remove', 'aria-label': t('planner.rules.remove'), title: t('planner.rules.remove') })),
      h('div', { className: 'rule-params' }, ...leafParams(this.ctx, rule, id, this.readOnly, this.changed)));
  }
}

function rowMessage(row: HTMLElement, msg: string): void {
  const el = row.querySelector(':scope > .rule-error');
  if (el) el.textContent = msg;
}

/** The inputs of one leaf rule. */
function leafParams(ctx: PlannerCtx, rule: LeafRule, id: string, readOnly: boolean, changed: () => void): HTMLElement[] {
  const l = ctx.lookups;
  const r = rule as Record<string, unknown>;
  const set = (k: string, v: unknown) => { r[k] = v; changed(); };
  const single = (k: string, label: MessageKey, options: Named[], empty: MessageKey) => {
    const sel = h('select', { id: `${id}-${k}`, className: `rule-${k}`, disabled: readOnly }, h('option', { value: '' }, t(empty)),
      ...options.map((o) => h('option', { value: o.id, selected: r[k] === o.id }, o.name)));
    sel.addEventListener('change', () => set(k, sel.value || null));
    return field(sel, label);
  };
  const multi = (k: string, label: MessageKey, options: [string, string][]) => {
    const chosen = new Set((r[k] as string[] | null | undefined) ?? []);
    const sel = h('select', { id: `${id}-${k}`, className: `rule-${k}`, multiple: true, size: Math.min(6, options.length), disabled: readOnly },
      ...options.map(([v, x]) => h('option', { value: v, selected: chosen.has(v) }, x)));
    sel.addEventListener('change', () => set(k, [...sel.selectedOptions].map((o) => o.value)));
    return field(sel, label, 'planner.rules.multiHint');
  };
  const chips = (k: string, label: MessageKey, kinds: string[]) =>
    new ChipList(ctx, (r[k] as string[] | null | undefined) ?? [], { label: t(label), kinds, id: `${id}-${k}`, readOnly, onChange: (ids) => set(k, ids) }).root;
  const area = () => [single('region', 'planner.rules.region', l.regions, 'planner.rules.anyRegion'), single('municipality', 'planner.rules.municipality', l.municipalities, 'planner.rules.anyMunicipality')];
  switch (rule.type) {
    case 'function': return [multi('functions', 'planner.rules.functions', l.nodeValues('Person', 'function')), ...area()];
    case 'organisations': return [multi('types', 'planner.rules.orgTypes', l.nodeValues('Organisation', 'type')), multi('sectors', 'planner.rules.sectors', l.nodeValues('Organisation', 'sector')), ...area()];
    case 'platform-members': {
      const staff = h('input', { type: 'checkbox', id: `${id}-staff`, checked: !!rule.includeOrganisationStaff, disabled: readOnly });
      staff.addEventListener('change', () => set('includeOrganisationStaff', staff.checked));
      return [single('platform', 'planner.platform', l.platforms, 'form.choose'), multi('roles', 'planner.rules.roles', l.relationshipValues('MEMBER_OF', 'role')),
        h('div', { className: 'check' }, staff, h('label', { for: staff.id }, t('planner.rules.includeStaff')))];
    }
    case 'staff-of': return [chips('organisations', 'planner.rules.organisations', ['Organisation'])];
    case 'agreement-parties': return [single('agreement', 'planner.rules.agreement', l.agreements, 'form.choose')];
    case 'theme': return [single('theme', 'planner.rules.theme', l.themes, 'form.choose')];
    case 'attendees': {
      const since = h('input', { type: 'date', id: `${id}-since`, value: rule.since ?? '', readonly: readOnly });
      since.addEventListener('change', () => set('since', since.value || null));
      return [chips('meetings', 'planner.rules.meetings', ['Meeting']), single('platform', 'planner.rules.meetingsOf', l.platforms, 'planner.rules.anyPlatform'), field(since, 'planner.rules.since')];
    }
  }
}

function field(input: HTMLElement, label: MessageKey, hint?: MessageKey): HTMLElement {
  return h('div', { className: 'field' }, h('label', { for: input.id }, t(label)), input,
    hint ? h('span', { className: 'muted small' }, t(hint)) : null);
}
