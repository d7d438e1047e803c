// "Hoe zijn wij verbonden?": choose two nodes, see the shortest path on the map and as a list.
import type { SearchHit } from '../api/types';
import type { Ctx } from '../context';
import { button, clear, h } from '../dom';
import { loc, t } from '../i18n';
import { nodeName } from '../model';
import { shortestPath } from '../paths';
import { Dialog } from './dialog';
import { NodePicker } from './search';

export function openPathDialog(ctx: Ctx, fromId: string | undefined, allowed: Set<string>, highlight: (nodes: Set<string>, rels: Set<string>, label: string) => void): void {
  const d = new Dialog(t('path.title'), { id: 'path-dialog' });
  const from = new NodePicker(ctx, { label: t('path.from'), onPick: () => undefined, id: 'path-from' });
  const to = new NodePicker(ctx, { label: t('path.to'), onPick: () => undefined, id: 'path-to' });
  if (fromId) {
    const n = ctx.model.nodes.get(fromId);
    if (n) from.set({ id: n.id, kind: n.kind, name: nodeName(n, ctx.kinds), rank: 0 } as SearchHit);
  }
  const result = h('div', { role: 'status', 'aria-live': 'polite', className: 'path-result' });
  const find = () => {
    clear(result);
    if (!from.picked || !to.picked) { result.append(h('p', {}, t('path.pick'))); return; }
    const p = shortestPath(ctx.model, from.picked.id, to.picked.id, allowed);
    if (!p) { result.append(h('p', {}, t('path.none'))); return; }
    const ol = h('ol', { className: 'path-steps' });
    p.nodes.forEach((id, i) => {
      const n = ctx.model.nodes.get(id)!;
      const li = h('li', {}, button(nodeName(n, ctx.kinds), () => { d.close(); ctx.selectNode(id, { focus: true }); }, { className: 'link' }));
      const relId = p.rels[i];
      if (relId) {
        const r = ctx.model.rels.get(relId)!;
        li.append(h('span', { className: 'muted small' }, ` ${r.from === id ? '→' : '←'} ${loc(ctx.relTypes.get(r.type)?.label) || r.type}`));
      }
      ol.append(li);
    });
    result.append(h('p', {}, t('path.result', { n: p.rels.length })), ol);
    highlight(new Set(p.nodes), new Set(p.rels), t('map.pathActive', { steps: p.rels.length }));
  };
  d.body.append(from.root, to.root, result);
  d.footer.append(button(t('dialog.close'), () => d.close(), { className: 'secondary' }), button(t('path.find'), find, { className: 'primary', id: 'path-find' }));
  d.open();
  if (fromId) to.input.focus();
}
