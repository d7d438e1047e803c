import { describe, expect, it } from 'vitest';
import type { Grant } from '../src/api/types';
import {
  canEdit, formatGrant, grantedRegions, initialRegion, isRegisseur, normaliseGrants, roleFor, safeReturnPath, tokenFromHash,
} from '../src/auth';

const regisseurW13: Grant = { role: 'regisseur', region: 'region-w13' };
const viewerAll: Grant = { role: 'viewer', region: '*' };

describe('roles per region', () => {
  it('gives the strongest role that applies to the region', () => {
    expect(roleFor([viewerAll, regisseurW13], 'region-w13')).toBe('regisseur');
    expect(roleFor([viewerAll, regisseurW13], 'region-kempen')).toBe('viewer');
    expect(roleFor([regisseurW13], 'region-kempen')).toBeNull();
    expect(roleFor([], null)).toBeNull();
  });

  it('lets only a regisseur of the region (or of all regions) edit', () => {
    expect(canEdit([regisseurW13], 'region-w13')).toBe(true);
    expect(canEdit([regisseurW13], 'region-kempen')).toBe(false);
    expect(canEdit([{ role: 'organiser', region: 'region-w13' }], 'region-w13')).toBe(false);
    expect(canEdit([{ role: 'regisseur', region: '*' }], 'region-kempen')).toBe(true);
  });

  it('needs a grant for all regions to edit the whole network', () => {
    expect(canEdit([regisseurW13], null)).toBe(false);
    expect(canEdit([{ role: 'regisseur', region: '*' }], null)).toBe(true);
    expect(roleFor([viewerAll], null)).toBe('viewer');
  });

  it('opens the management pages to a regisseur of any region', () => {
    expect(isRegisseur([regisseurW13])).toBe(true);
    expect(isRegisseur([viewerAll, { role: 'organiser', region: 'region-w13' }])).toBe(false);
  });
});

describe('region picker', () => {
  const all = ['region-kempen', 'region-w13', 'region-gent'];

  it('offers every region and the whole network for a "*" grant', () => {
    expect(grantedRegions([viewerAll], all)).toEqual({ whole: true, ids: all });
  });

  it('offers only the granted regions otherwise, in list order, keeping unknown ones', () => {
    expect(grantedRegions([regisseurW13, { role: 'viewer', region: 'region-kempen' }], all)).toEqual({ whole: false, ids: ['region-kempen', 'region-w13'] });
    expect(grantedRegions([{ role: 'viewer', region: 'region-elders' }], all)).toEqual({ whole: false, ids: ['region-elders'] });
    expect(grantedRegions([], all)).toEqual({ whole: false, ids: [] });
  });

  it('opens the remembered region when still allowed, else the first granted one', () => {
    expect(initialRegion('region-w13', { whole: false, ids: ['region-kempen', 'region-w13'] })).toBe('region-w13');
    expect(initialRegion('region-gent', { whole: false, ids: ['region-kempen', 'region-w13'] })).toBe('region-kempen');
    expect(initialRegion(null, { whole: false, ids: ['region-kempen'] })).toBe('region-kempen');
    expect(initialRegion(null, { whole: true, ids: all })).toBeNull();
    expect(initialRegion('region-gone', { whole: true, ids: all })).toBeNull();
  });
});

describe('grants', () => {
  it('are shown as role and region name', () => {
    const label = (r: string) => ({ viewer: 'kijker', organiser: 'organisator', regisseur: 'regisseur' })[r]!;
    const names = (id: string) => (id === 'region-w13' ? 'Zuid-West-Vlaanderen' : id);
    expect(formatGrant(regisseurW13, label, names, 'Alle werkingsgebieden')).toBe('regisseur · Zuid-West-Vlaanderen');
    expect(formatGrant(viewerAll, label, names, 'Alle werkingsgebieden')).toBe('kijker · Alle werkingsgebieden');
  });

  it('keep one role per region, the strongest, and drop empty regions', () => {
    expect(normaliseGrants([
      { role: 'viewer', region: 'region-w13' }, regisseurW13, { role: 'organiser', region: 'region-w13' },
      { role: 'viewer', region: '' }, viewerAll,
    ])).toEqual([regisseurW13, viewerAll]);
  });
});

describe('sign-in link', () => {
  it('takes the token from the fragment', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('token=abc123')).toBe('abc123');
    expect(tokenFromHash('#lang=nl&token=a-b_c.d')).toBe('a-b_c.d');
    expect(tokenFromHash('#token=a%2Bb')).toBe('a+b');
  });

  it('has no token without one', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('#other=1')).toBeNull();
  });

  it('returns only to a path on this site', () => {
    expect(safeReturnPath('/report.html?region=x')).toBe('/report.html?region=x');
    expect(safeReturnPath('/admin.html')).toBe('/admin.html');
    expect(safeReturnPath('//evil.example/')).toBe('/');
    expect(safeReturnPath('/\\evil.example')).toBe('/');
    expect(safeReturnPath('https://evil.example/')).toBe('/');
    expect(safeReturnPath('/signin.html#token=x')).toBe('/');
    expect(safeReturnPath(null)).toBe('/');
  });
});
