// The side panel for the selected node: properties, relationships by type, meetings, history.
import { api } from '../api/client';
import type { Change, GraphNode, GraphRelationship, PropertyDefinition } from '../api/types';
import type { Ctx } from '../context';
import { append, button, clear, h } from '../dom';
import { formatDate, formatDateTime, loc, t } from '../i18n';
import { nodeName } from '../model';

const MEETING_TYPES = new Set(['ATTENDED', 'INVITED', 'OF']);

export class PanelView {
  private nodeId: string | null = null;
  private historySeq = 0;

  constructor(private readonly root: HTMLElement, private readonly ctx: Ctx) {}

  get current(): string | null { return this.nodeId; }

  show(id: string | null, fallback?: GraphNode): void {
    this.nodeId = id;
    this.render(fallback);
  }

  /** Re-render when the model changed (keeps scroll position). */
  refresh(): void {
    if (!this.nodeId) return;
    const scroll = this.root.scrollTop;
    this.render();
    this.root.scrollTop = scroll;
  }

  render(fallback?: GraphNode): void {
    clear(this.root);
    const id = this.nodeId;
    if (!id) { this.root.hidden = true; return; }
    const node = this.ctx.model.nodes.get(id) ?? fallback;
    if (!node) { this.root.hidden = true; this.nodeId = null; return; }
    this.root.hidden = false;
    const kind = this.ctx.kinds.get(node.kind);
    const name = nodeName(node, this.ctx.kinds);
    const onMap = this.ctx.model.nodes.has(id);

    const headingId = 'panel-title';
    this.root.setAttribute('aria-labelledby', headingId);
    const close = button('×', () => this.ctx.selectNode(null), { className: 'icon-button panel-close', 'aria-label': t('panel.close'), title: t('panel.close') });
    this.root.append(
      h('div', { className: 'panel-head' },
        h('div', {},
          kindBadge(loc(kind?.label) || node.kind, kind?.style.color ?? '#888888'),
          h('h2', { id: headingId, tabindex: '-1' }, name),
          onMap ? null : h('p', { className: 'muted' }, t('search.notOnMap')),
        ),
        close,
      ),
    );

    const depth = h('select', { id: 'ego-depth', 'aria-label': t('panel.depth') },
      ...[1, 2, 3].map((d) => h('option', { value: String(d) }, `${t('panel.depth')} ${d}`)));
    const editable = this.ctx.canEdit();
    append(this.root, [
      editable ? h('div', { className: 'panel-actions' },
        button(t('panel.edit'), () => this.ctx.editNode(node)),
        button(t('panel.addRelationship'), () => this.ctx.addRelationship(node)),
        button(t('panel.delete'), () => this.ctx.deleteNode(node), { className: 'danger' }),
      ) : null,
      editable && kind?.personal ? h('div', { className: 'panel-actions gdpr-actions', role: 'group', 'aria-label': t('gdpr.title') },
        button(t('gdpr.export'), () => this.ctx.exportPerson(node), { id: 'gdpr-export' }),
        button(t('gdpr.erase'), () => this.ctx.erasePerson(node), { className: 'danger', id: 'gdpr-erase' }),
      ) : null,
      h('div', { className: 'panel-actions' },
        depth,
        button(t('panel.ego'), () => this.ctx.showEgo(node.id, Number(depth.value)), { disabled: !onMap }),
        button(t('map.path'), () => this.ctx.openPath(node.id), { disabled: !onMap }),
      ),
    ]);

    // properties
    const dl = h('dl', { className: 'props' });
    for (const p of kind?.properties ?? []) {
      const v = node.properties[p.name];
      if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
      dl.append(h('dt', {}, loc(p.label) || p.name), h('dd', {}, formatValue(p, v)));
    }
    for (const [k, v] of Object.entries(node.properties)) {
      if (kind?.properties.some((p) => p.name === k)) continue;
      dl.append(h('dt', {}, k), h('dd', {}, String(v)));
    }
    this.root.append(section(t('panel.properties'), dl,
      h('p', { className: 'muted small' }, t('panel.version', { v: node.version, at: formatDateTime(node.updatedAt) }))));

    // relationships grouped by type and direction
    const rels = this.ctx.model.relsOf(id);
    const groups = new Map<string, GraphRelationship[]>();
    for (const r of rels) {
      const key = `${r.type}|${r.from === id ? 'out' : 'in'}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
    }
    const relBox = h('div', { className: 'rel-groups' });
    if (!groups.size) relBox.append(h('p', { className: 'muted' }, t('panel.noRelationships')));
    for (const [key, list] of [...groups.entries()].sort()) {
      const [type, dir] = key.split('|') as [string, string];
      const def = this.ctx.relTypes.get(type);
      const label = dir === 'out' ? loc(def?.label) || type : `← ${loc(def?.label) || type}`;
      const ul = h('ul', { className: 'rel-list' });
      list.sort((a, b) => this.otherName(a, id).localeCompare(this.otherName(b, id)));
      for (const r of list) ul.append(this.relItem(r, id));
      relBox.append(h('h4', {}, `${label} (${list.length})`), ul);
    }
    this.root.append(section(`${t('panel.relationships')} (${rels.length})`, relBox));

    // meetings it took part in (or, for a platform, its meetings)
    const meetings = rels.filter((r) => MEETING_TYPES.has(r.type))
      .map((r) => ({ r, other: this.ctx.model.nodes.get(r.from === id ? r.to : r.from) }))
      .filter((x) => x.other && x.other.kind === 'Meeting' && x.other.id !== id);
    const mBox = h('ul', { className: 'rel-list' });
    const seen = new Set<string>();
    meetings.sort((a, b) => String(b.other!.properties['start'] ?? '').localeCompare(String(a.other!.properties['start'] ?? '')));
    for (const { r, other } of meetings) {
      if (seen.has(other!.id)) continue;
      seen.add(other!.id);
      const how = loc(this.ctx.relTypes.get(r.type)?.label) || r.type;
      mBox.append(h('li', {},
        this.nodeLink(other!.id),
        h('span', { className: 'muted small' }, ` ${formatDateTime(String(other!.properties['start'] ?? ''))} · ${how}`)));
    }
    if (!seen.size) mBox.append(h('li', { className: 'muted' }, t('panel.noMeetings')));
    this.root.append(section(t('panel.meetings'), mBox));

    // history
    const hist = h('ol', { className: 'history' }, h('li', { className: 'muted' }, t('panel.historyLoading')));
    this.root.append(section(t('panel.history'), hist));
    const seq = ++this.historySeq;
    api.history(id).then((changes) => {
      if (seq !== this.historySeq) return;
      clear(hist);
      if (!changes.length) hist.append(h('li', { className: 'muted' }, t('panel.noHistory')));
      for (const c of changes.slice(0, 50)) hist.append(this.historyItem(c, id));
    }).catch(() => { if (seq === this.historySeq) { clear(hist); hist.append(h('li', { className: 'muted' }, '—')); } });
  }

  private otherName(r: GraphRelationship, id: string): string {
    const o = this.ctx.model.nodes.get(r.from === id ? r.to : r.from);
    return o ? nodeName(o, this.ctx.kinds) : r.to;
  }

  private nodeLink(otherId: string): HTMLElement {
    const o = this.ctx.model.nodes.get(otherId);
    const name = o ? nodeName(o, this.ctx.kinds) : otherId;
    const kind = o ? this.ctx.kinds.get(o.kind) : undefined;
    const b = button(name, () => this.ctx.selectNode(otherId, { focus: true }), { className: 'link', title: loc(kind?.label) });
    return b;
  }

  private relItem(r: GraphRelationship, id: string): HTMLElement {
    const otherId = r.from === id ? r.to : r.from;
    const def = this.ctx.relTypes.get(r.type);
    const details: string[] = [];
    for (const p of def?.properties ?? []) {
      const v = r.properties[p.name];
      if (v !== undefined && v !== null && v !== '') details.push(formatValue(p, v));
    }
    if (r.validFrom || r.validUntil) details.push(t('panel.validity', { from: formatDate(r.validFrom) || '…', until: formatDate(r.validUntil) || '…' }));
    const label = loc(def?.label) || r.type;
    return h('li', {},
      this.nodeLink(otherId),
      details.length ? h('span', { className: 'muted small' }, ` · ${details.join(' · ')}`) : null,
      !this.ctx.canEdit() ? null : h('span', { className: 'row-actions' },
        button('✎', () => this.ctx.editRelationship(r), { className: 'icon-button', 'aria-label': `${t('panel.editRelationship')}: ${label} ${this.otherName(r, id)}`, title: t('panel.editRelationship') }),
        button('✕', () => this.ctx.deleteRelationship(r), { className: 'icon-button', 'aria-label': `${t('panel.deleteRelationship')}: ${label} ${this.otherName(r, id)}`, title: t('panel.deleteRelationship') }),
      ));
  }

  private historyItem(c: Change, id: string): HTMLElement {
    const op = t(c.operation === 'created' ? 'history.created' : c.operation === 'updated' ? 'history.updated' : 'history.deleted');
    let what: string;
    if (c.entity === 'node') what = `${loc(this.ctx.kinds.get(c.label)?.label) || c.label} ${op}`;
    else {
      const def = this.ctx.relTypes.get(c.label);
      const otherId = c.from === id ? c.to : c.from;
      const o = otherId ? this.ctx.model.nodes.get(otherId) : undefined;
      what = `${loc(def?.label) || c.label} ${o ? nodeName(o, this.ctx.kinds) : otherId ?? ''} — ${op}`;
    }
    return h('li', {}, h('time', { datetime: c.at }, formatDateTime(c.at)), ' ', what, h('span', { className: 'muted small' }, ` (v${c.version})`));
  }
}

function section(title: string, ...content: (Node | null)[]): HTMLElement {
  return h('section', { className: 'panel-section' }, h('h3', {}, title), ...content);
}

export function formatValue(p: PropertyDefinition, v: unknown): string {
  switch (p.type) {
    case 'enum': return loc(p.values?.find((x) => x.value === v)?.label) || String(v);
    case 'boolean': return v === true ? t('panel.yes') : t('panel.no');
    case 'date': return formatDate(String(v));
    case 'datetime': return formatDateTime(String(v));
    case 'stringList': return Array.isArray(v) ? v.join(' · ') : String(v);
    default: return String(v);
  }
}

export function kindBadge(label: string, color: string): HTMLElement {
  const b = h('span', { className: 'kind-badge' }, label);
  b.style.setProperty('--kind-color', color); // CSSOM, not an inline style attribute (CSP-friendly)
  return b;
}
