import { describe, expect, it } from 'vitest';
import { nameMatches } from '../src/views/gdpr';

describe('erase confirmation', () => {
  it('accepts the name typed with other case or spacing', () => {
    expect(nameMatches('An Peeters', 'An Peeters')).toBe(true);
    expect(nameMatches('  an   peeters ', 'An Peeters')).toBe(true);
    expect(nameMatches('ÉLISE', 'élise')).toBe(true);
  });

  it('refuses anything else, and an empty name', () => {
    expect(nameMatches('An Peters', 'An Peeters')).toBe(false);
    expect(nameMatches('An', 'An Peeters')).toBe(false);
    expect(nameMatches('', '')).toBe(false);
    expect(nameMatches('   ', '  ')).toBe(false);
  });
});
