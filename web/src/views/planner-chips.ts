// A list of chosen nodes (people, organisations, meetings) as removable chips with a search box to
// add more: organisers, a staff-of rule's organisations, people added by hand, speed-date groups.
import { button, clear, h, uid } from '../dom';
import { t } from '../i18n';
import type { PlannerCtx } from './planner-context';
import { NodePicker } from './search';

export interface ChipOptions {
  label: string;
  kinds: string[];
  id?: string;
  placeholder?: string;
  readOnly?: boolean;
  onChange?: (ids: string[]) => void;
}

export class ChipList {
  readonly root: HTMLElement;
  readonly picker: NodePicker | null;
  private readonly list = h('ul', { className: 'chips' });
  private ids: string[] = [];

  constructor(private readonly ctx: PlannerCtx, initial: readonly string[], private readonly o: ChipOptions) {
    const id = o.id ?? uid('chips');
    this.list.id = `${id}-chips`;
    this.list.setAttribute('aria-label', o.label);
    this.picker = o.readOnly ? null : new NodePicker(ctx, {
      label: o.label, placeholder: o.placeholder ?? t('planner.searchToAdd'), kinds: new Set(o.kinds), id,
      onPick: (hit) => { ctx.lookups.remember(hit.id, hit.name); this.picker!.set(null); this.add(hit.id); },
    });
    this.root = h('div', { className: 'chip-field' },
      this.picker ? this.picker.root : h('p', { className: 'chip-label' }, o.label), this.list);
    this.set(initial);
  }

  get value(): string[] { return [...this.ids]; }

  set(ids: readonly string[]): void {
    this.ids = [...new Set(ids)];
    this.render();
    void this.ctx.lookups.ensureNames(this.ids).then(() => this.render());
  }

  add(id: string): void {
    if (this.ids.includes(id)) return;
    this.ids.push(id);
    this.render();
    this.o.onChange?.(this.value);
  }

  remove(id: string): void {
    this.ids = this.ids.filter((x) => x !== id);
    this.render();
    this.o.onChange?.(this.value);
  }

  private render(): void {
    clear(this.list);
    if (!this.ids.length && this.o.readOnly) this.list.append(h('li', { className: 'muted' }, '—'));
    for (const id of this.ids) {
      const name = this.ctx.lookups.name(id);
      this.list.append(h('li', { className: 'chip', 'data-id': id }, name,
        this.o.readOnly ? null : button('×', () => this.remove(id), { className: 'icon-button chip-remove', 'aria-label': t('planner.removeNamed', { name }), title: t('planner.remove') })));
    }
  }
}
