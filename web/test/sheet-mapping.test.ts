import { describe, expect, it } from 'vitest';
import { rememberMapping, rememberedMapping } from '../src/api/spreadsheets';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => { m.set(k, v); } };
}

describe('remembered column mappings', () => {
  it('returns the mapping saved for the same headers, whatever their case or accents', () => {
    const s = memory();
    rememberMapping(s, 'people', ['Naam', 'E-mail', 'GSM'], { Naam: 'name', 'E-mail': 'email' });
    expect(rememberedMapping(s, 'people', ['Naam', 'E-mail', 'GSM'])).toEqual({ Naam: 'name', 'E-mail': 'email' });
    expect(rememberedMapping(s, 'people', ['NAAM', 'e mail', 'Gsm'])).toEqual({ NAAM: 'name', 'e mail': 'email' });
  });

  it('falls back header by header for a sheet with other columns', () => {
    const s = memory();
    rememberMapping(s, 'people', ['Naam', 'Tel. nr'], { Naam: 'name', 'Tel. nr': 'phone' });
    expect(rememberedMapping(s, 'people', ['Tel nr', 'Opmerking'])).toEqual({ 'Tel nr': 'phone' });
    expect(rememberedMapping(s, 'organisations', ['Tel nr'])).toBeNull();
  });

  it('forgets a header the user unmapped', () => {
    const s = memory();
    rememberMapping(s, 'people', ['Naam', 'Functie'], { Naam: 'name', Functie: 'function' });
    rememberMapping(s, 'people', ['Naam', 'Functie'], { Naam: 'name' });
    expect(rememberedMapping(s, 'people', ['Functie', 'X'])).toBeNull();
  });
});
