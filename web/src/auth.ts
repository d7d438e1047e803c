// Who is signed in and what they may do: the account's grants (role per region) decide which
// regions the picker offers and whether editing controls are shown. The server enforces the same
// rules; the UI only avoids offering what would be refused.
import type { Grant, Role } from './api/types';

/** All regions, including the whole network. */
export const ALL_REGIONS = '*';

const RANK: Record<Role, number> = { viewer: 1, organiser: 2, regisseur: 3 };
export const ROLES: Role[] = ['viewer', 'organiser', 'regisseur'];

/** The strongest role a set of grants gives for a region (null: the whole network). */
export function roleFor(grants: readonly Grant[], region: string | null): Role | null {
  let best: Role | null = null;
  for (const g of grants) {
    if (g.region !== ALL_REGIONS && g.region !== region) continue;
    if (!best || RANK[g.role] > RANK[best]) best = g.role;
  }
  return best;
}

/** May edit the graph in this region: a regisseur of it, or of all regions. */
export function canEdit(grants: readonly Grant[], region: string | null): boolean {
  return roleFor(grants, region) === 'regisseur';
}

/** May use the management pages (accounts, tokens, audit log): a regisseur anywhere. */
export function isRegisseur(grants: readonly Grant[]): boolean {
  return grants.some((g) => g.role === 'regisseur');
}

/** The regions the picker offers: every region plus the whole network for a '*' grant, else the granted ones. */
export function grantedRegions(grants: readonly Grant[], allRegionIds: readonly string[]): { whole: boolean; ids: string[] } {
  if (grants.some((g) => g.region === ALL_REGIONS)) return { whole: true, ids: [...allRegionIds] };
  const granted = new Set(grants.map((g) => g.region));
  const known = allRegionIds.filter((id) => granted.has(id));
  // a granted region the list does not contain still gets a place (its name is looked up separately)
  const extra = [...granted].filter((id) => !allRegionIds.includes(id));
  return { whole: false, ids: [...known, ...extra] };
}

/** The region to open: the remembered one when still allowed, else the first one offered. */
export function initialRegion(stored: string | null, offered: { whole: boolean; ids: string[] }): string | null {
  if (stored && offered.ids.includes(stored)) return stored;
  if (offered.whole) return null;
  return offered.ids[0] ?? null;
}

/** "regisseur · Zuid-West-Vlaanderen" for a grant, with the region named by the caller. */
export function formatGrant(g: Grant, roleLabel: (r: Role) => string, regionName: (id: string) => string, allLabel: string): string {
  return `${roleLabel(g.role)} · ${g.region === ALL_REGIONS ? allLabel : regionName(g.region)}`;
}

/** Grants without duplicates: one role per region (the strongest one wins). */
export function normaliseGrants(grants: readonly Grant[]): Grant[] {
  const byRegion = new Map<string, Role>();
  for (const g of grants) {
    if (!g.region) continue;
    const had = byRegion.get(g.region);
    if (!had || RANK[g.role] > RANK[had]) byRegion.set(g.region, g.role);
  }
  return [...byRegion].map(([region, role]) => ({ role, region }));
}

/** The sign-in token from a link's fragment ("#token=…"); null when there is none. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : null;
}

/** Where to go after signing in: only a path on this site, never another origin. */
export function safeReturnPath(path: string | null | undefined): string {
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  if (path.startsWith('/signin.html')) return '/';
  return path;
}
