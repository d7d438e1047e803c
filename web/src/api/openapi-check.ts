// Compile-time check: every field of our hand-written API types exists in the generated OpenAPI
// types (src/api/openapi.d.ts, made by `npm run gen:api` from web/openapi.json) and vice versa.
// `tsc --noEmit` (part of `npm run build`) fails when the server's contract and ours drift.
import type { components } from './openapi';
import type { ExportRequest } from './client';
import type * as M from './meetings';
import type * as T from './types';

type S = components['schemas'];
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Assert<X extends true> = X;

export type Checks = [
  Assert<SameKeys<ExportRequest, S['ExportViewRequest']>>,
  Assert<SameKeys<T.GraphNode, S['Node']>>,
  Assert<SameKeys<T.GraphRelationship, S['Relationship']>>,
  Assert<SameKeys<T.Subgraph, S['Subgraph']>>,
  Assert<SameKeys<T.GraphSchema, S['GraphSchema']>>,
  Assert<SameKeys<T.NodeKindDefinition, S['NodeKindDefinition']>>,
  Assert<SameKeys<T.RelationshipTypeDefinition, S['RelationshipTypeDefinition']>>,
  Assert<SameKeys<T.PropertyDefinition, S['PropertyDefinition']>>,
  Assert<SameKeys<T.ChangePage, S['ChangePage']>>,
  Assert<SameKeys<T.Change, S['Change']>>,
  Assert<SameKeys<T.SearchHit, S['SearchHit']>>,
  Assert<SameKeys<T.ImportResult, S['ImportResult']>>,
  Assert<SameKeys<T.HealthReport, S['HealthReport']>>,
  Assert<SameKeys<T.Page<T.GraphNode>, S['PageOfNode']>>,
  Assert<SameKeys<T.Me, S['MeResponse']>>,
  Assert<SameKeys<T.Account, S['AccountResponse']>>,
  Assert<SameKeys<T.Grant, S['RoleGrant']>>,
  Assert<SameKeys<T.ApiToken, S['ApiToken']>>,
  Assert<SameKeys<T.CreatedToken, S['CreatedToken']>>,
  Assert<SameKeys<T.CalendarFeed, S['FeedResponse']>>,
  Assert<SameKeys<T.CreatedFeed, S['CreatedFeed']>>,
  Assert<SameKeys<T.AuditEntry, S['AuditEntry']>>,
  Assert<SameKeys<T.AuditPage, S['AuditPage']>>,
  Assert<SameKeys<T.EraseResult, S['ErasureResponse']>>,
  Assert<SameKeys<M.Venue, S['VenueDto']>>,
  Assert<SameKeys<M.MeetingInput, S['MeetingRequest']>>,
  Assert<SameKeys<M.Meeting, S['MeetingResponse']>>,
  Assert<SameKeys<M.OccurrenceException, S['OccurrenceException']>>,
  Assert<SameKeys<M.Occurrence, S['OccurrenceResponse']>>,
  Assert<SameKeys<M.MeetingList, S['MeetingListResponse']>>,
  Assert<SameKeys<M.InviteListDefinition, S['InviteListDefinition']>>,
  Assert<SameKeys<M.Invitee, S['InviteeResponse']>>,
  Assert<SameKeys<M.Invitees, S['InviteesResponse']>>,
  Assert<SameKeys<M.LeftOut, S['LeftOut']>>,
  Assert<SameKeys<M.SlotsRequest, S['SlotsRequest']>>,
  Assert<SameKeys<M.SlotsResponse, S['SlotsResponse']>>,
  Assert<SameKeys<M.SlotsResponse['result'], S['SlotSearchResult']>>,
  Assert<SameKeys<M.SlotCandidate, S['SlotCandidate']>>,
  Assert<SameKeys<M.SlotReason, S['SlotReason']>>,
  Assert<SameKeys<M.MeetingConflict, S['MeetingConflict']>>,
  Assert<SameKeys<M.PublicHoliday, S['PublicHoliday']>>,
  Assert<SameKeys<M.Holidays, S['HolidaysResponse']>>,
  Assert<SameKeys<M.SchoolHolidayPeriod, S['SchoolHolidayPeriod']>>,
  Assert<SameKeys<M.SpeedDateSettings, S['SpeedDateSettings']>>,
  Assert<SameKeys<M.SpeedDates, S['SpeedDatesResponse']>>,
  Assert<SameKeys<M.SpeedDateSchedule, S['SpeedDateSchedule']>>,
  Assert<SameKeys<M.SpeedDateRound, S['SpeedDateRound']>>,
  Assert<SameKeys<M.SpeedDateSeat, S['SpeedDateSeat']>>,
  Assert<SameKeys<M.AgendaEntry, S['AgendaEntry']>>,
  Assert<SameKeys<M.ParticipantAgenda, S['ParticipantAgenda']>>,
  Assert<SameKeys<M.SpeedDatePair, S['SpeedDatePair']>>,
  Assert<SameKeys<M.Attendance, S['AttendanceResponse']>>,
  Assert<SameKeys<M.InvitationStatus, S['InvitationStatusResponse']>>,
  Assert<SameKeys<M.InvitationCounts, S['InvitationCounts']>>,
  Assert<SameKeys<M.InvitationsResponse, S['InvitationsResponse']>>,
  Assert<SameKeys<M.SendSummary, S['SendSummary']>>,
];
