// The recurrence part of the meeting form: a preset ("4 keer per jaar", weekly, monthly…) taken from
// the first start's weekday, how it ends (after n times or on a date), the rule in words, and the raw
// RRULE for anything else. Preset and raw field follow each other.
import { h } from '../dom';
import { type MessageKey, lang, t } from '../i18n';
import { type Preset, type RecurrenceSpec, buildRRule, describe, parseRRule, presetOf, presetSpec } from '../planning/rrule';

const PRESETS: Preset[] = ['none', 'weekly', 'biweekly', 'monthly', 'quarterly', 'half-yearly', 'yearly', 'custom'];

export class RecurrenceBuilder {
  readonly root: HTMLElement;
  readonly raw: HTMLInputElement;
  private readonly preset: HTMLSelectElement;
  private readonly count: HTMLInputElement;
  private readonly until: HTMLInputElement;
  private readonly endsCount: HTMLInputElement;
  private readonly endsUntil: HTMLInputElement;
  private readonly ends: HTMLElement;
  private readonly text = h('p', { id: 'rec-text', className: 'rec-text', 'aria-live': 'polite' });

  constructor(initial: string | null, private readonly when: () => { start: string; end: string } | null, readOnly: boolean, private readonly onChange: () => void) {
    this.preset = h('select', { id: 'rec-preset', disabled: readOnly },
      ...PRESETS.map((p) => h('option', { value: p }, t(`planner.rec.${p}` as MessageKey))));
    this.raw = h('input', { type: 'text', id: 'rec-raw', className: 'mono', spellcheck: 'false', placeholder: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=8', readonly: readOnly, 'aria-describedby': 'recurrence-err' });
    this.count = h('input', { type: 'number', id: 'rec-count', min: 1, max: 1000, value: '8', disabled: readOnly });
    this.until = h('input', { type: 'date', id: 'rec-until', disabled: readOnly });
    this.endsCount = h('input', { type: 'radio', name: 'rec-ends', id: 'rec-ends-count', checked: true, disabled: readOnly });
    this.endsUntil = h('input', { type: 'radio', name: 'rec-ends', id: 'rec-ends-until', disabled: readOnly });
    this.ends = h('fieldset', { className: 'rec-ends' }, h('legend', {}, t('planner.rec.ends')),
      h('div', { className: 'check' }, this.endsCount, h('label', { for: 'rec-ends-count' }, t('planner.rec.after')), this.count, h('span', {}, t('planner.rec.times'))),
      h('div', { className: 'check' }, this.endsUntil, h('label', { for: 'rec-ends-until' }, t('planner.rec.until')), this.until));
    this.root = h('fieldset', { className: 'recurrence', id: 'recurrence' },
      h('legend', {}, t('planner.recurrence')),
      h('div', { className: 'field' }, h('label', { for: 'rec-preset' }, t('planner.rec.repeat')), this.preset),
      this.ends, this.text,
      h('details', { className: 'rec-advanced' }, h('summary', {}, t('planner.rec.raw')),
        h('div', { className: 'field' }, h('label', { for: 'rec-raw' }, 'RRULE (RFC 5545)'), this.raw)),
      h('p', { id: 'recurrence-err', className: 'field-error', 'aria-live': 'polite' }));
    this.preset.addEventListener('change', () => this.fromPreset());
    for (const el of [this.count, this.until, this.endsCount, this.endsUntil]) el.addEventListener('change', () => this.fromPreset());
    this.raw.addEventListener('input', () => this.fromRaw());
    this.set(initial);
  }

  /** The RRULE to save, or null for a one-off meeting. */
  value(): string | null { return this.raw.value.trim() || null; }

  set(rule: string | null): void {
    this.raw.value = rule ?? '';
    this.fromRaw();
    if (rule && this.root.querySelector('details') && this.preset.value === 'custom') (this.root.querySelector('details') as HTMLDetailsElement).open = true;
  }

  /** The first start moved: a preset follows its weekday. */
  startChanged(): void {
    if (!['none', 'custom'].includes(this.preset.value)) this.fromPreset(); else this.describe();
  }

  private fromPreset(): void {
    const p = this.preset.value as Preset;
    const w = this.when();
    if (p === 'custom') { this.showEnds(false); this.describe(); (this.root.querySelector('details') as HTMLDetailsElement).open = true; this.raw.focus(); return; }
    const spec = w ? presetSpec(p, w.start, Math.max(1, Number(this.count.value) || 8)) : null;
    if (spec && this.endsUntil.checked && this.until.value) { spec.count = null; spec.until = this.until.value; }
    this.raw.value = spec ? buildRRule(spec) : '';
    this.showEnds(p !== 'none');
    this.describe(spec);
    this.onChange();
  }

  private fromRaw(): void {
    const spec = parseRRule(this.raw.value);
    this.preset.value = this.raw.value.trim() ? presetOf(spec) : 'none';
    if (spec?.count) { this.count.value = String(spec.count); this.endsCount.checked = true; }
    if (spec?.until) { this.until.value = spec.until; this.endsUntil.checked = true; }
    this.showEnds(!!spec && this.preset.value !== 'custom');
    this.describe(spec);
    this.onChange();
  }

  private showEnds(on: boolean): void { this.ends.hidden = !on; }

  private describe(spec: RecurrenceSpec | null = parseRRule(this.raw.value)): void {
    const raw = this.raw.value.trim();
    this.text.textContent = !raw ? t('planner.rec.once') : spec ? describe(spec, lang(), this.when() ?? undefined) : t('planner.rec.customText');
  }
}
