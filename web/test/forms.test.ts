import { describe, expect, it } from 'vitest';
import type { GraphSchema } from '../src/api/types';
import { brusselsLocalToIso, fieldSpecs, isoToBrusselsLocal, missingRequired, readProperties } from '../src/forms';
import schemaJson from './schema.fixture.json';

const schema = schemaJson as unknown as GraphSchema;
const kind = (code: string) => schema.nodeKinds.find((k) => k.code === code)!;

describe('form generation from the schema', () => {
  it('makes an input per property with the right kind, required marks and limits', () => {
    const specs = fieldSpecs(kind('Platform').properties, null, 'nl');
    const by = Object.fromEntries(specs.map((s) => [s.name, s]));
    expect(by['name']!.input).toBe('text');
    expect(by['name']!.required).toBe(true);
    expect(by['name']!.label).toBe('Naam');
    expect(by['type']!.input).toBe('select');
    expect(by['type']!.options!.find(([v]) => v === 'lerend-netwerk')![1]).toBe('Lerend netwerk');
    expect(by['cadencePerYear']!.input).toBe('number');
    expect(by['cadencePerYear']!.min).toBe(0);
    expect(by['cadencePerYear']!.max).toBe(52);
    expect(by['cadencePerYear']!.step).toBe('1');
    expect(by['active']!.input).toBe('checkbox');
    expect(by['active']!.checked).toBe(true); // schema default
    expect(by['description']!.input).toBe('textarea');
  });

  it('leaves out what Netwerk keeps itself: an invitation\'s delivery state, a meeting\'s invite rules', () => {
    const invited = schema.relationshipTypes.find((t) => t.code === 'INVITED')!;
    const names = fieldSpecs(invited.properties, { status: 'accepted', delivery: 'sent', claimedBy: 'a' }, 'nl').map((s) => s.name);
    expect(names).toContain('status');
    expect(names).not.toContain('delivery');
    expect(names).not.toContain('claimedBy');
    const meeting = fieldSpecs(kind('Meeting').properties, null, 'nl').map((s) => s.name);
    expect(meeting).toContain('title');
    expect(meeting).not.toContain('inviteRules');
    expect(meeting).not.toContain('exceptions');
  });

  it('translates labels and enum values', () => {
    const specs = fieldSpecs(kind('Organisation').properties, null, 'en');
    const type = specs.find((s) => s.name === 'type')!;
    expect(type.label).toBe('Type');
    expect(type.options!.find(([v]) => v === 'ocmw')![1]).toContain('OCMW');
  });

  it('handles dates, datetimes and lists both ways', () => {
    const agreement = fieldSpecs(kind('Agreement').properties, { title: 'X', type: 'samenwerkingsovereenkomst', startDate: '2024-01-01', goals: ['een', 'twee'] }, 'nl');
    const goals = agreement.find((s) => s.name === 'goals')!;
    expect(goals.input).toBe('list');
    expect(goals.value).toBe('een\ntwee');
    expect(agreement.find((s) => s.name === 'startDate')!.input).toBe('date');
    const props = readProperties(agreement, { title: ' X ', type: 'samenwerkingsovereenkomst', startDate: '2024-01-01', endDate: '', goals: 'een\n\n twee \n', description: '' });
    expect(props).toEqual({ title: 'X', type: 'samenwerkingsovereenkomst', startDate: '2024-01-01', goals: ['een', 'twee'] });

    const meeting = fieldSpecs(kind('Meeting').properties, { title: 'M', type: 'overleg', start: '2024-03-12T09:30:00+01:00', capacity: 40 }, 'nl');
    expect(meeting.find((s) => s.name === 'start')!.value).toBe('2024-03-12T09:30');
    const back = readProperties(meeting, { title: 'M', type: 'overleg', start: '2024-07-01T14:00', capacity: '40', status: '' });
    expect(back['start']).toBe('2024-07-01T14:00:00+02:00');
    expect(back['capacity']).toBe(40);
  });

  it('passes unparseable numbers on as typed so the server names them', () => {
    const specs = fieldSpecs(kind('Meeting').properties, null, 'nl');
    expect(readProperties(specs, { capacity: 'veel' })['capacity']).toBe('veel');
  });

  it('reports missing required fields', () => {
    const specs = fieldSpecs(kind('Organisation').properties, null, 'nl');
    expect(missingRequired(specs, { name: 'X' }).sort()).toEqual(['sector', 'type']);
  });

  it('converts Brussels wall-clock time across DST', () => {
    expect(brusselsLocalToIso('2024-01-15T10:00')).toBe('2024-01-15T10:00:00+01:00');
    expect(brusselsLocalToIso('2024-08-15T10:00')).toBe('2024-08-15T10:00:00+02:00');
    expect(brusselsLocalToIso('2024-10-27T01:30')).toBe('2024-10-27T01:30:00+02:00');
    expect(isoToBrusselsLocal('2024-08-15T08:00:00Z')).toBe('2024-08-15T10:00');
    expect(brusselsLocalToIso('nonsense')).toBeNull();
  });
});
