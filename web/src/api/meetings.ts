// The meeting planner's part of the API (src/Netwerk.Web/Meetings and Planning): its shapes as the
// server's MeetingContracts.cs, PlanningEndpoints.cs and the Core planning records write them, and
// the calls, checked against the generated OpenAPI types in ./openapi-check.ts. Date-times are ISO 8601
// with the Brussels offset; dates yyyy-MM-dd; absent values are left out of the JSON (hence the
// optional fields).
import { callJson, getJson } from './client';
import type { Localized } from './types';

export interface Venue { name?: string | null; address?: string | null; room?: string | null; onlineUrl?: string | null }

export type MeetingKind = 'overleg' | 'inspiratiemoment' | 'meet-and-greet' | 'businessmixer' | 'studiedag' | 'andere';
export type MeetingStatus = 'draft' | 'planned' | 'cancelled' | 'held';

export interface SpeedDatePair { a: string; b: string }

export interface SpeedDateSettings {
  groupA: string[];
  groupB: string[];
  tables: number;
  rounds?: number | null;
  totalMinutes?: number | null;
  roundMinutes?: number | null;
  changeoverMinutes: number;
  mustMeet?: SpeedDatePair[] | null;
  mustNotMeet?: SpeedDatePair[] | null;
}

/** What a client writes (POST creates, PUT replaces). */
export interface MeetingInput {
  id?: string | null;
  kind: string;
  title: string;
  description?: string | null;
  start: string;
  end: string;
  venue?: Venue | null;
  capacity?: number | null;
  waitingList?: boolean | null;
  themes?: string[];
  platform?: string | null;
  organisers?: string[];
  status?: string | null;
  recurrence?: string | null;
  /** policy priority (wse-lr1…4) for the annual report; '' clears it, absent keeps it */
  priority?: string | null;
  speedDates?: SpeedDateSettings | null;
}

export interface OccurrenceException {
  originalStart: string;
  cancelled?: boolean;
  start?: string | null;
  end?: string | null;
  title?: string | null;
  venue?: string | null;
  address?: string | null;
  room?: string | null;
  onlineUrl?: string | null;
  description?: string | null;
}

export interface Meeting {
  id: string;
  version: number;
  kind: string;
  title: string;
  description?: string | null;
  start: string;
  end: string;
  venue: Venue;
  capacity?: number | null;
  waitingList: boolean;
  themes: string[];
  platform?: string | null;
  organisers: string[];
  status: string;
  recurrence?: string | null;
  priority?: string | null;
  exceptions: OccurrenceException[];
  sequence: number;
  hasInviteRules: boolean;
  invitationsFrozenAt?: string | null;
  speedDates?: SpeedDateSettings | null;
  attendeeCount?: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface Occurrence {
  meetingId: string;
  title: string;
  kind: string;
  status: string;
  start: string;
  end: string;
  /** the occurrence's key in its series: changes and cancellations name it */
  originalStart: string;
  recurring: boolean;
  cancelled: boolean;
  changed: boolean;
  platform?: string | null;
  themes: string[];
  venue: Venue;
  sequence: number;
}

export interface MeetingList { from: string; to: string; occurrences: Occurrence[] }

// ---------------------------------------------------------------- invite lists

export type LeafRule =
  | { type: 'platform-members'; platform: string; roles?: string[] | null; includeOrganisationStaff?: boolean }
  | { type: 'function'; functions?: string[] | null; region?: string | null; municipality?: string | null }
  | { type: 'organisations'; types?: string[] | null; sectors?: string[] | null; region?: string | null; municipality?: string | null }
  | { type: 'staff-of'; organisations: string[] }
  | { type: 'agreement-parties'; agreement: string }
  | { type: 'theme'; theme: string }
  | { type: 'attendees'; meetings?: string[] | null; platform?: string | null; since?: string | null };
export type GroupRule = { type: 'all' | 'any'; rules: InviteRule[] };
export type InviteRule = LeafRule | GroupRule;

export interface InviteListDefinition { rule?: InviteRule | null; add: string[]; remove: string[] }

export interface Invitee {
  personId: string;
  name: string;
  email?: string | null;
  hasEmail: boolean;
  /** platform-members:<id>, function, organisations, staff-of, agreement-parties:<id>, theme:<id>, attendees, added */
  reasons: string[];
  addedByHand: boolean;
  /** the INVITED status once the list is frozen */
  status?: string | null;
  attended: boolean;
}

export interface LeftOut { personId: string; name: string; reason: 'opt-out' | 'removed' | 'duplicate-email' | string; duplicateOf?: string | null }

export interface Invitees {
  meetingId?: string | null;
  definition: InviteListDefinition;
  frozen: boolean;
  frozenAt?: string | null;
  sequence: number;
  count: number;
  capacity?: number | null;
  overCapacity: number;
  invitees: Invitee[];
  leftOut: LeftOut[];
  withoutEmail: string[];
  duplicatesRemoved: number;
  notInvitedYet: string[];
  noLongerListed: string[];
}

// ---------------------------------------------------------------- slots

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface SlotsRequest {
  firstDay: string;
  lastDay: string;
  durationMinutes?: number | null;
  weekdays?: Weekday[];
  dayStart?: string;
  dayEnd?: string;
  stepMinutes?: number;
  invitees?: string[];
  meeting?: string | null;
  venue?: { name: string | null; address: string | null; room: string | null };
  avoidSchoolHolidays?: boolean;
  excludeRegionalHolidays?: boolean;
  maxResults?: number;
  maxPerDay?: number | null;
}

export interface PublicHoliday { date: string; code: string; name: Localized; isLegal: boolean }
export interface SchoolHolidayPeriod { code: string; name: Localized; first: string; last: string; schoolYear: number }
export interface Holidays { publicHolidays: PublicHoliday[]; schoolHolidays: SchoolHolidayPeriod[] }
export interface MeetingConflict { meetingId: string; meetingTitle: string; personIds: string[] }
export interface SlotReason { code: 'invitee-conflict' | 'regional-holiday' | 'school-holiday' | string; text: Localized; penalty: number }

export interface SlotCandidate {
  start: string;
  end: string;
  score: number;
  conflictingInvitees: string[];
  conflicts: MeetingConflict[];
  schoolHoliday?: SchoolHolidayPeriod | null;
  regionalHoliday?: PublicHoliday | null;
  reasons: SlotReason[];
}

export interface SlotsResponse {
  invitees: string[];
  busyIntervals: number;
  result: { candidates: SlotCandidate[]; slotsConsidered: number; slotsBlockedByVenue: number; holidaysSkipped: PublicHoliday[] };
}

// ---------------------------------------------------------------- speed dates and attendance

export interface SpeedDateSeat { table: number; a: string; b: string }
export interface SpeedDateRound { number: number; start?: string | null; end?: string | null; seats: SpeedDateSeat[]; idleA: string[]; idleB: string[] }
export interface AgendaEntry { round: number; start?: string | null; end?: string | null; table?: number | null; partner?: string | null }
export interface ParticipantAgenda { id: string; group: 'a' | 'b'; entries: AgendaEntry[]; meetings: number; idleRounds: number }

export interface SpeedDateSchedule {
  roundsRequested: number;
  rounds: SpeedDateRound[];
  agendas: ParticipantAgenda[];
  pairsMet: number;
  pairsAllowed: number;
  pairsUpperBound: number;
  mustMeetUnmet: SpeedDatePair[];
}

export interface SpeedDates { meetingId?: string | null; settings: SpeedDateSettings; schedule: SpeedDateSchedule; names: Record<string, string> }

export interface Attendance { meetingId: string; occurrence?: string | null; attendees: string[]; added: string[]; removed: string[] }

// ---------------------------------------------------------------- invitations (src/Netwerk.Web/Invitations)

export type Delivery = 'none' | 'queued' | 'sent' | 'failed';
export type Answer = 'needs-action' | 'accepted' | 'tentative' | 'declined' | 'waitlisted';

/** One invitee's invitation as the organiser follows it (InvitationStatusResponse). */
export interface InvitationStatus {
  personId: string;
  name: string;
  email?: string | null;
  delivery: Delivery | string;
  /** the sequence of the latest message queued for the person */
  sequence: number;
  deliveredSequence?: number | null;
  /** the person has the meeting's current sequence */
  upToDate: boolean;
  sentAt?: string | null;
  messageId?: string | null;
  failure?: string | null;
  answer: Answer | string;
  answeredAt?: string | null;
  /** taken off the list; their cancellation is on its way (or failed) */
  removed: boolean;
}

export interface InvitationCounts {
  invited: number; notSent: number; queued: number; sent: number; failed: number; upToDate: number;
  accepted: number; tentative: number; declined: number; waitlisted: number; noAnswer: number;
}

export interface InvitationsResponse {
  meetingId: string;
  sequence: number;
  meetingStatus: MeetingStatus | string;
  frozen: boolean;
  counts: InvitationCounts;
  invitations: InvitationStatus[];
}

/** What a send did (SendSummary). */
export interface SendSummary {
  meetingId: string;
  sequence: number;
  queued: number;
  alreadyQueued: number;
  alreadyDelivered: number;
  optedOut: number;
  withoutEmail: number;
  notInformed: number;
}

// ---------------------------------------------------------------- calls

const enc = encodeURIComponent;
const m = (id: string, rest = '') => `/api/meetings/${enc(id)}${rest}`;

/** The meeting with its version (taken from the body, which always carries it). */
async function meeting(p: Promise<{ body: Meeting }>): Promise<Meeting> { return (await p).body; }

export const meetingsApi = {
  list: (q: { from: string; to: string; platform?: string | null; kind?: string | null; theme?: string | null }) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
    return getJson<MeetingList>(`/api/meetings?${params}`);
  },
  holidays: (q: { from: string; to: string }) => getJson<Holidays>(`/api/planning/holidays?${new URLSearchParams(q)}`),
  get: (id: string) => meeting(callJson<Meeting>('GET', m(id))),
  create: (input: MeetingInput) => meeting(callJson<Meeting>('POST', '/api/meetings', input)),
  update: (id: string, version: number, input: MeetingInput) => meeting(callJson<Meeting>('PUT', m(id), input, version)),
  cancel: (id: string, version: number, body: { occurrence?: string; scope?: 'meeting' | 'occurrence' | 'following' }) =>
    meeting(callJson<Meeting>('POST', m(id, '/cancel'), body, version)),
  changeOccurrence: (id: string, version: number, body: { originalStart: string; scope: 'this' | 'following'; start?: string; end?: string; title?: string; venue?: Venue; description?: string }) =>
    callJson<{ meeting: Meeting; split?: Meeting | null }>('POST', m(id, '/occurrences'), body, version).then((r) => r.body),

  invitees: (id: string) => callJson<Invitees>('GET', m(id, '/invitees')),
  /** Saves the rules; answers the list and the meeting's new version. */
  saveInvitees: (id: string, version: number, definition: InviteListDefinition) => callJson<Invitees>('PUT', m(id, '/invitees'), definition, version),
  freeze: (id: string, version: number) => callJson<Invitees>('POST', m(id, '/invitees/freeze'), undefined, version),
  /** The list a definition gives: for a saved meeting (its capacity and INVITED states) or for one not saved yet. */
  preview: (id: string | null, definition: InviteListDefinition) =>
    callJson<Invitees>('POST', id ? m(id, '/invitees/preview') : '/api/planning/invitees', definition).then((r) => r.body),

  invitations: (id: string) => getJson<InvitationsResponse>(m(id, '/invitations')),
  /** Queues the current version for everyone on the frozen list who lacks it. */
  sendInvitations: (id: string) => callJson<SendSummary>('POST', m(id, '/invitations')).then((r) => r.body),

  slots: (body: SlotsRequest) => callJson<SlotsResponse>('POST', '/api/planning/slots', body).then((r) => r.body),
  planSpeedDates: (settings: SpeedDateSettings, startsAt?: string | null) =>
    callJson<SpeedDates>('POST', '/api/planning/speeddates', { settings, startsAt: startsAt ?? null }).then((r) => r.body),
  speedDates: (id: string) => getJson<SpeedDates>(m(id, '/speeddates')),
  attendance: (id: string, body: { present: string[]; occurrence?: string | null; replace?: boolean }) =>
    callJson<Attendance>('POST', m(id, '/attendance'), body).then((r) => r.body),
};
