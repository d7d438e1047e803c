// Rendering schema-generated forms and showing the API's messages next to their fields.
import type { PropertyDefinition } from '../api/types';
import { clear, h, uid } from '../dom';
import { type FieldSpec, fieldSpecs, readProperties } from '../forms';
import { lang, t } from '../i18n';
import type { FieldMessages } from '../problems';

export class PropertyForm {
  readonly root: HTMLElement;
  readonly specs: FieldSpec[];
  private inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();
  private errors = new Map<string, HTMLElement>();
  private readonly prefix = uid('f');

  constructor(props: PropertyDefinition[], values: Record<string, unknown> | null) {
    this.specs = fieldSpecs(props, values, lang());
    this.root = h('div', { className: 'form-fields' });
    for (const s of this.specs) this.root.append(this.field(s));
  }

  private field(s: FieldSpec): HTMLElement {
    const id = `${this.prefix}-${s.name}`;
    const errId = `${id}-err`;
    const hintId = `${id}-hint`;
    let input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    const common = { id, name: s.name, 'aria-describedby': `${errId}${s.input === 'list' ? ' ' + hintId : ''}`, required: s.required && s.input !== 'checkbox' };
    switch (s.input) {
      case 'textarea': input = h('textarea', { ...common, rows: 3, maxlength: s.maxLength ?? null }); input.value = s.value; break;
      case 'list': input = h('textarea', { ...common, rows: 4 }); input.value = s.value; break;
      case 'select': {
        input = h('select', common, h('option', { value: '' }, s.required ? t('form.choose') : '—'),
          ...(s.options ?? []).map(([v, l]) => h('option', { value: v }, l)));
        input.value = s.value;
        break;
      }
      case 'checkbox': input = h('input', { ...common, type: 'checkbox' }); (input as HTMLInputElement).checked = !!s.checked; break;
      default:
        input = h('input', { ...common, type: s.input, min: s.min ?? null, max: s.max ?? null, step: s.step ?? null, maxlength: s.maxLength ?? null, pattern: s.pattern ?? null });
        input.value = s.value;
    }
    this.inputs.set(s.name, input);
    const err = h('p', { id: errId, className: 'field-error', 'aria-live': 'polite' });
    this.errors.set(s.name, err);
    const label = h('label', { for: id }, s.label, s.required ? h('span', { className: 'req', 'aria-hidden': 'true' }, ' *') : null,
      s.required ? h('span', { className: 'visually-hidden' }, ` (${t('form.required')})`) : null);
    const wrap = h('div', { className: `field field-${s.input}` });
    if (s.input === 'checkbox') wrap.append(h('div', { className: 'check' }, input, label));
    else wrap.append(label, input);
    if (s.input === 'list') wrap.append(h('p', { id: hintId, className: 'muted small' }, t('form.listHint')));
    wrap.append(err);
    return wrap;
  }

  values(): Record<string, unknown> {
    const raw: Record<string, string | boolean> = {};
    for (const [name, el] of this.inputs) raw[name] = el instanceof HTMLInputElement && el.type === 'checkbox' ? el.checked : el.value;
    return readProperties(this.specs, raw);
  }

  names(): string[] { return this.specs.map((s) => s.name); }

  clearErrors(): void {
    for (const [name, el] of this.errors) { clear(el); this.inputs.get(name)?.removeAttribute('aria-invalid'); }
  }

  /** Show messages next to fields; returns the first invalid input. */
  showErrors(m: Map<string, string[]>): HTMLElement | null {
    let first: HTMLElement | null = null;
    for (const [name, msgs] of m) {
      const err = this.errors.get(name);
      const input = this.inputs.get(name);
      if (!err || !input) continue;
      err.textContent = msgs.join(' ');
      input.setAttribute('aria-invalid', 'true');
      first ??= input;
    }
    return first;
  }
}

/** A message line for the general (non-field) problems of a form. */
export function showGeneral(box: HTMLElement, m: FieldMessages | string[] | null, heading?: string): void {
  clear(box);
  const msgs = Array.isArray(m) ? m : m ? m.general : [];
  if (!msgs.length && !heading) { box.hidden = true; return; }
  box.hidden = false;
  if (heading) box.append(h('strong', {}, heading));
  if (msgs.length) box.append(h('ul', {}, ...msgs.map((x) => h('li', {}, x))));
}
