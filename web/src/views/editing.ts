// Creating, editing and deleting nodes and relationships; conflicts (412) and undo.
import { ApiError, api } from '../api/client';
import type { GraphNode, GraphRelationship, Properties, RelationshipTypeDefinition, SearchHit } from '../api/types';
import type { Ctx } from '../context';
import { button, clear, h } from '../dom';
import { missingRequired } from '../forms';
import { loc, t } from '../i18n';
import { nodeName } from '../model';
import { mapProblem } from '../problems';
import { type Action, inverseOf, mentions } from '../undo';
import { Dialog, confirmDialog } from './dialog';
import { PropertyForm, showGeneral } from './form-view';
import { formatValue } from './panel';
import { NodePicker } from './search';

export interface EditingHooks {
  /** after any successful write: read the change feed now */
  afterWrite: () => Promise<void>;
  undoChanged: (canUndo: boolean) => void;
}

type SaveResult = 'saved' | 'stay';

export class Editing {
  private undoStack: Action[] = [];

  constructor(private readonly ctx: Ctx, private readonly hooks: EditingHooks) {}

  get canUndo(): boolean { return this.undoStack.length > 0; }

  /** Drop every undo step holding the node's data (after it was erased: nothing of it may come back). */
  forget(nodeId: string): void {
    this.undoStack = this.undoStack.filter((a) => !mentions(a, nodeId));
    this.hooks.undoChanged(this.undoStack.length > 0);
  }

  private record(a: Action): void {
    this.undoStack.push(a);
    if (this.undoStack.length > 20) this.undoStack.shift();
    this.hooks.undoChanged(true);
  }

  // ---------------------------------------------------------------- nodes

  editNode(existing: GraphNode | null, presetKind?: string): void {
    const creating = !existing;
    const kindDef = existing ? this.ctx.kinds.get(existing.kind) : undefined;
    const d = new Dialog(creating ? t('form.newNode') : t('form.editNode', { kind: loc(kindDef?.label) || existing!.kind }), { id: 'node-dialog', wide: true });
    const general = h('div', { className: 'form-problems', role: 'alert', hidden: true });
    const formBox = h('div');
    const form = h('form', { className: 'edit-form', novalidate: true }, general);
    let pf: PropertyForm | null = null;
    let kind = existing?.kind ?? presetKind ?? this.ctx.schema.nodeKinds[0]!.code;
    const renderFields = (values: Properties | null) => {
      clear(formBox);
      pf = new PropertyForm(this.ctx.kinds.get(kind)?.properties ?? [], values);
      formBox.append(pf.root);
    };
    if (creating) {
      const sel = h('select', { id: 'node-kind' }, ...this.ctx.schema.nodeKinds.map((k) => h('option', { value: k.code, selected: k.code === kind }, loc(k.label))));
      sel.addEventListener('change', () => { kind = sel.value; renderFields(null); });
      form.append(h('div', { className: 'field' }, h('label', { for: 'node-kind' }, t('form.kind')), sel));
    }
    form.append(formBox);
    renderFields(existing?.properties ?? null);
    const save = h('button', { type: 'submit', className: 'primary' }, t('form.save'));
    form.append(h('div', { className: 'dialog-footer' }, button(t('form.cancel'), () => d.close(), { className: 'secondary' }), save));
    d.body.append(form);
    let base = existing;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!pf) return;
      pf.clearErrors(); showGeneral(general, null);
      const props = pf.values();
      const missing = missingRequired(pf.specs, props);
      if (missing.length) {
        pf.showErrors(new Map(missing.map((m) => [m, [t('form.requiredMissing')]])))?.focus();
        showGeneral(general, [], t('form.errors'));
        return;
      }
      save.disabled = true; save.textContent = t('form.saving');
      try {
        const result = creating ? await this.createNode(kind, props) : await this.updateNode(base!, props);
        if (result === 'saved') d.close();
      } catch (err) {
        if (err instanceof ApiError && err.status === 412 && base) {
          const outcome = await this.nodeConflict(base, props);
          if (outcome === 'done') d.close();
          else if (outcome.kind === 'reload') { base = outcome.current; }
        } else this.showProblem(err, pf, general);
      } finally {
        save.disabled = false; save.textContent = t('form.save');
      }
    });
    d.open();
  }

  private async createNode(kind: string, props: Properties): Promise<SaveResult> {
    const node = await api.createNode(kind, props);
    this.record({ op: 'createNode', node });
    this.ctx.toast(t('toast.created'));
    await this.hooks.afterWrite();
    this.ctx.selectNode(node.id, { focus: true });
    return 'saved';
  }

  private async updateNode(base: GraphNode, props: Properties): Promise<SaveResult> {
    const after = await api.updateNode(base.id, base.version, props);
    this.record({ op: 'updateNode', before: base, after });
    this.ctx.toast(t('toast.saved'));
    await this.hooks.afterWrite();
    return 'saved';
  }

  /** Someone else saved first: show both versions side by side and let the user choose. */
  private async nodeConflict(base: GraphNode, mine: Properties): Promise<'done' | { kind: 'reload'; current: GraphNode }> {
    let current: GraphNode;
    try { current = await api.node(base.id); } catch (e) {
      if (e instanceof ApiError && e.status === 404) { this.ctx.toast(t('conflict.deleted'), 'error'); return 'done'; }
      throw e;
    }
    const kind = this.ctx.kinds.get(base.kind);
    const choice = await conflictDialog(
      (kind?.properties ?? []).map((p) => [loc(p.label) || p.name, show(p, mine[p.name]), show(p, current.properties[p.name])]),
      current.version, t('conflict.keepMine'));
    if (choice === 'mine') {
      const after = await api.updateNode(base.id, current.version, mine);
      this.record({ op: 'updateNode', before: current, after });
      this.ctx.toast(t('toast.saved'));
      await this.hooks.afterWrite();
      return 'done';
    }
    if (choice === 'theirs') { await this.hooks.afterWrite(); return 'done'; }
    return { kind: 'reload', current };
  }

  async deleteNode(node: GraphNode): Promise<void> {
    const name = nodeName(node, this.ctx.kinds);
    if (!(await confirmDialog(t('panel.delete'), t('confirm.deleteNode', { name }), t('confirm.yes')))) return;
    try {
      const rels = (await api.relationshipsOf(node.id)).items; // all of them, any date: undo recreates them
      try {
        await api.deleteNode(node.id, node.version);
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 412)) throw e;
        const current = await api.node(node.id);
        const kind = this.ctx.kinds.get(node.kind);
        const choice = await conflictDialog(
          (kind?.properties ?? []).map((p) => [loc(p.label) || p.name, show(p, node.properties[p.name]), show(p, current.properties[p.name])]),
          current.version, t('conflict.deleteAnyway'));
        if (choice !== 'mine') { await this.hooks.afterWrite(); return; }
        await api.deleteNode(node.id, current.version);
        node = current;
      }
      this.record({ op: 'deleteNode', node, relationships: rels });
      this.ctx.selectNode(null);
      this.ctx.toast(t('toast.deleted'));
      await this.hooks.afterWrite();
    } catch (e) { this.ctx.toast(t('toast.error', { msg: message(e) }), 'error'); }
  }

  // ---------------------------------------------------------------- relationships

  /** New relationship from or to the given node. */
  addRelationship(node: GraphNode): void {
    const options: { def: RelationshipTypeDefinition; dir: 'out' | 'in'; others: Set<string> }[] = [];
    for (const def of this.ctx.schema.relationshipTypes) {
      const outs = new Set(def.endpoints.filter((e) => e.from === node.kind).map((e) => e.to));
      const ins = new Set(def.endpoints.filter((e) => e.to === node.kind).map((e) => e.from));
      if (outs.size) options.push({ def, dir: 'out', others: outs });
      if (ins.size) options.push({ def, dir: 'in', others: ins });
    }
    const d = new Dialog(t('form.newRelationship'), { id: 'rel-dialog', wide: true });
    const name = nodeName(node, this.ctx.kinds);
    if (!options.length) { d.body.append(h('p', {}, t('form.noTypes'))); d.open(); return; }
    const general = h('div', { className: 'form-problems', role: 'alert', hidden: true });
    const typeSel = h('select', { id: 'rel-type' }, ...options.map((o, i) => {
      const label = loc(o.def.label) || o.def.code;
      return h('option', { value: String(i) }, o.dir === 'out' ? `${name} → ${label} → …` : `… → ${label} → ${name}`);
    }));
    const typeErr = h('p', { className: 'field-error', id: 'rel-type-err' });
    const otherErr = h('p', { className: 'field-error', id: 'rel-other-err' });
    let other: SearchHit | null = null;
    const pickerBox = h('div');
    const propsBox = h('div');
    const validFrom = h('input', { type: 'date', id: 'rel-valid-from' });
    const validUntil = h('input', { type: 'date', id: 'rel-valid-until' });
    let pf: PropertyForm | null = null;
    let picker: NodePicker | null = null;
    const render = () => {
      const o = options[Number(typeSel.value)]!;
      clear(pickerBox); clear(propsBox);
      picker = new NodePicker(this.ctx, { label: `${t('form.other')} (${[...o.others].map((k) => loc(this.ctx.kinds.get(k)?.label) || k).join(', ')})`, placeholder: t('form.pickOther'), kinds: o.others, onPick: (hit) => { other = hit; }, id: 'rel-other' });
      picker.input.setAttribute('aria-describedby', 'rel-other-err');
      if (other && o.others.has(other.kind)) picker.set(other); else other = null;
      pickerBox.append(picker.root, otherErr);
      pf = new PropertyForm(o.def.properties, null);
      propsBox.append(pf.root);
    };
    typeSel.addEventListener('change', render);
    const save = h('button', { type: 'submit', className: 'primary' }, t('form.save'));
    const form = h('form', { className: 'edit-form', novalidate: true }, general,
      h('div', { className: 'field' }, h('label', { for: 'rel-type' }, t('form.type')), typeSel, typeErr),
      pickerBox,
      h('div', { className: 'field-row' },
        h('div', { className: 'field' }, h('label', { for: 'rel-valid-from' }, t('form.validFrom')), validFrom),
        h('div', { className: 'field' }, h('label', { for: 'rel-valid-until' }, t('form.validUntil')), validUntil)),
      propsBox,
      h('div', { className: 'dialog-footer' }, button(t('form.cancel'), () => d.close(), { className: 'secondary' }), save));
    d.body.append(form);
    render();
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!pf) return;
      const o = options[Number(typeSel.value)]!;
      pf.clearErrors(); clear(otherErr); clear(typeErr); showGeneral(general, null);
      if (!other) { otherErr.textContent = t('form.requiredMissing'); picker?.input.focus(); return; }
      const props = pf.values();
      const missing = missingRequired(pf.specs, props);
      if (missing.length) { pf.showErrors(new Map(missing.map((m) => [m, [t('form.requiredMissing')]])))?.focus(); return; }
      save.disabled = true;
      try {
        const rel = await api.createRelationship({
          type: o.def.code,
          from: o.dir === 'out' ? node.id : other.id,
          to: o.dir === 'out' ? other.id : node.id,
          properties: props,
          validFrom: validFrom.value || null,
          validUntil: validUntil.value || null,
        });
        this.record({ op: 'createRel', rel });
        d.close();
        this.ctx.toast(t('toast.created'));
        await this.hooks.afterWrite();
      } catch (err) {
        if (err instanceof ApiError) {
          const m = mapProblem(err.problem, pf.names(), ['$type', '$from', '$to', '$validFrom', '$validUntil']);
          pf.showErrors(m.fields);
          for (const [k, msgs] of m.fields) {
            if (k === '$from' || k === '$to') otherErr.textContent = msgs.join(' ');
            if (k === '$type') typeErr.textContent = msgs.join(' ');
            if (k === '$validFrom' || k === '$validUntil') m.general.push(...msgs);
          }
          showGeneral(general, m, t('form.errors'));
        } else showGeneral(general, [message(err)]);
      } finally { save.disabled = false; }
    });
    d.open();
  }

  editRelationship(rel: GraphRelationship): void {
    const def = this.ctx.relTypes.get(rel.type);
    const d = new Dialog(t('form.editRelationship'), { id: 'rel-dialog', wide: true });
    const general = h('div', { className: 'form-problems', role: 'alert', hidden: true });
    const nm = (id: string) => { const n = this.ctx.model.nodes.get(id); return n ? nodeName(n, this.ctx.kinds) : id; };
    const validFrom = h('input', { type: 'date', id: 'rel-valid-from' }); validFrom.value = rel.validFrom?.slice(0, 10) ?? '';
    const validUntil = h('input', { type: 'date', id: 'rel-valid-until' }); validUntil.value = rel.validUntil?.slice(0, 10) ?? '';
    const pf = new PropertyForm(def?.properties ?? [], rel.properties);
    const save = h('button', { type: 'submit', className: 'primary' }, t('form.save'));
    const form = h('form', { className: 'edit-form', novalidate: true }, general,
      h('p', { className: 'rel-summary' }, `${nm(rel.from)} → ${loc(def?.label) || rel.type} → ${nm(rel.to)}`),
      h('div', { className: 'field-row' },
        h('div', { className: 'field' }, h('label', { for: 'rel-valid-from' }, t('form.validFrom')), validFrom),
        h('div', { className: 'field' }, h('label', { for: 'rel-valid-until' }, t('form.validUntil')), validUntil)),
      pf.root,
      h('div', { className: 'dialog-footer' }, button(t('form.cancel'), () => d.close(), { className: 'secondary' }), save));
    d.body.append(form);
    let base = rel;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      pf.clearErrors(); showGeneral(general, null);
      const body = { properties: pf.values(), validFrom: validFrom.value || null, validUntil: validUntil.value || null };
      save.disabled = true;
      try {
        const after = await api.updateRelationship(base.id, base.version, body);
        this.record({ op: 'updateRel', before: base, after });
        d.close();
        this.ctx.toast(t('toast.saved'));
        await this.hooks.afterWrite();
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) {
          try {
            const current = await api.relationship(base.id);
            const rows: [string, string, string][] = (def?.properties ?? []).map((p) => [loc(p.label) || p.name, show(p, body.properties[p.name]), show(p, current.properties[p.name])]);
            rows.push([t('form.validFrom'), body.validFrom ?? '', current.validFrom ?? ''], [t('form.validUntil'), body.validUntil ?? '', current.validUntil ?? '']);
            const choice = await conflictDialog(rows, current.version, t('conflict.keepMine'));
            if (choice === 'mine') {
              const after = await api.updateRelationship(base.id, current.version, body);
              this.record({ op: 'updateRel', before: current, after });
              d.close(); this.ctx.toast(t('toast.saved'));
            } else if (choice === 'theirs') d.close();
            else base = current;
            await this.hooks.afterWrite();
          } catch (e2) { showGeneral(general, [message(e2)]); }
        } else this.showProblem(err, pf, general, ['$validFrom', '$validUntil']);
      } finally { save.disabled = false; }
    });
    d.open();
  }

  async deleteRelationship(rel: GraphRelationship): Promise<void> {
    const label = loc(this.ctx.relTypes.get(rel.type)?.label) || rel.type;
    if (!(await confirmDialog(t('panel.deleteRelationship'), t('confirm.deleteRelationship', { label }), t('confirm.yes')))) return;
    try {
      try { await api.deleteRelationship(rel.id, rel.version); } catch (e) {
        if (!(e instanceof ApiError && e.status === 412)) throw e;
        const current = await api.relationship(rel.id);
        const def = this.ctx.relTypes.get(rel.type);
        const choice = await conflictDialog((def?.properties ?? []).map((p) => [loc(p.label) || p.name, show(p, rel.properties[p.name]), show(p, current.properties[p.name])]), current.version, t('conflict.deleteAnyway'));
        if (choice !== 'mine') { await this.hooks.afterWrite(); return; }
        await api.deleteRelationship(rel.id, current.version);
        rel = current;
      }
      this.record({ op: 'deleteRel', rel });
      this.ctx.toast(t('toast.deleted'));
      await this.hooks.afterWrite();
    } catch (e) { this.ctx.toast(t('toast.error', { msg: message(e) }), 'error'); }
  }

  // ---------------------------------------------------------------- undo

  async undo(): Promise<void> {
    const a = this.undoStack.pop();
    this.hooks.undoChanged(this.undoStack.length > 0);
    if (!a) { this.ctx.toast(t('undo.nothing')); return; }
    const inv = inverseOf(a);
    try {
      switch (inv.method) {
        case 'DELETE':
          if (inv.entity === 'node') await api.deleteNode(inv.id, inv.version); else await api.deleteRelationship(inv.id, inv.version);
          if (inv.entity === 'node') this.ctx.selectNode(null);
          break;
        case 'PUT':
          if (inv.entity === 'node') await api.updateNode(inv.id, inv.version, inv.body.properties);
          else await api.updateRelationship(inv.id, inv.version, inv.body);
          break;
        case 'IMPORT':
          await api.importDocument(inv.document);
          break;
      }
      this.ctx.toast(t('undo.done'));
      await this.hooks.afterWrite();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        this.ctx.toast(`${t('conflict.title')}. ${t('undo.nothing')}`, 'error');
      } else this.ctx.toast(t('toast.error', { msg: message(e) }), 'error');
    }
  }

  private showProblem(err: unknown, pf: PropertyForm, general: HTMLElement, extraInputs: string[] = []): void {
    if (err instanceof ApiError) {
      const m = mapProblem(err.problem, pf.names(), extraInputs);
      const first = pf.showErrors(m.fields);
      for (const k of extraInputs) { const msgs = m.fields.get(k); if (msgs) m.general.push(...msgs); }
      showGeneral(general, m, t('form.errors'));
      first?.focus();
    } else showGeneral(general, [t('toast.offlineSave')]);
  }
}

function show(p: Parameters<typeof formatValue>[0], v: unknown): string {
  return v === undefined || v === null || v === '' ? '—' : formatValue(p, v);
}

function message(e: unknown): string {
  if (e instanceof ApiError) return e.problem.detail || e.problem.title;
  return e instanceof Error ? e.message : String(e);
}

/** Both versions side by side. Resolves 'mine' (keep mine / act anyway), 'theirs' or 'cancel'. */
export function conflictDialog(rows: [string, string, string][], currentVersion: number, mineLabel: string): Promise<'mine' | 'theirs' | 'cancel'> {
  return new Promise((resolve) => {
    const d = new Dialog(t('conflict.title'), { id: 'conflict-dialog', wide: true });
    let answer: 'mine' | 'theirs' | 'cancel' = 'cancel';
    const table = h('table', { className: 'data-table conflict-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('conflict.field')), h('th', { scope: 'col' }, t('conflict.mine')), h('th', { scope: 'col' }, t('conflict.theirs', { v: currentVersion })))),
      h('tbody', {}, ...rows.map(([f, a, b]) => h('tr', { className: a !== b ? 'differs' : '' }, h('th', { scope: 'row' }, f), h('td', {}, a), h('td', {}, b)))));
    d.body.append(h('p', {}, t('conflict.intro')), h('div', { className: 'table-scroll' }, table));
    d.footer.append(
      button(t('conflict.takeTheirs'), () => { answer = 'theirs'; d.close(); }, { className: 'secondary' }),
      button(mineLabel, () => { answer = 'mine'; d.close(); }, { className: 'primary' }));
    d.onClose(() => resolve(answer));
    d.open();
  });
}
