// The check-in list's logic: who is on it (invitees and walk-ins), the search filter that ignores case
// and accents ("Sofie" finds "Sofié"), and the counts shown at the door.

export interface CheckinPerson { personId: string; name: string; invited: boolean }

export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/** The people whose name holds every word of the query, in name order. */
export function filterPeople<T extends { name: string }>(people: readonly T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return people.filter((p) => { const n = fold(p.name); return words.every((w) => n.includes(w)); })
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

export function counts(people: readonly CheckinPerson[], present: ReadonlySet<string>): { present: number; invited: number; walkIns: number } {
  let invitedPresent = 0, walkIns = 0, invited = 0;
  for (const p of people) {
    if (p.invited) invited++;
    if (!present.has(p.personId)) continue;
    if (p.invited) invitedPresent++; else walkIns++;
  }
  return { present: invitedPresent + walkIns, invited, walkIns };
}
