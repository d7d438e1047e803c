// The annual report (GET /api/reports/annual), checked against the OpenAPI document in openapi-check.ts.

export interface ReportRef { id: string; name: string }

export interface ReportTotals {
  meetingsHeld: number;
  meetingsPlanned: number;
  attendance: number;
  people: number;
  organisations: number;
  municipalitiesReached: number;
  municipalitiesInRegion: number;
  municipalitiesNotReached: ReportRef[];
}

export interface PlatformYear {
  id: string;
  name: string;
  type: string | null;
  cadencePerYear: number | null;
  active: boolean;
  meetingsHeld: number;
  meetingsPlanned: number;
  meetingsWithPartner: number;
  meetingsWithoutPartner: number;
  meetingsWithoutAttendance: number;
  attendance: number;
  averageAttendance: number | null;
  dates: string[];
  themes: ReportRef[];
  organisations: number;
}

export interface EventYear {
  id: string;
  title: string;
  type: string | null;
  date: string;
  held: boolean;
  platformId: string | null;
  attendance: number;
  registered: number;
  withPartner: boolean;
  organisations: number;
  themes: ReportRef[];
}

export interface AgreementYear {
  id: string;
  title: string;
  type: string | null;
  start: string | null;
  end: string | null;
  parties: ReportRef[];
  followedUpBy: ReportRef[];
  followUpMeetings: number;
  followedUp: boolean;
}

export interface ThemeYear { id: string; name: string; meetings: number }

export interface PrioritySection {
  code: string;
  title: string;
  meetingsHeld: number;
  attendance: number;
  platforms: PlatformYear[];
  events: EventYear[];
  agreements: AgreementYear[];
  themes: ThemeYear[];
  organisations: ReportRef[];
  municipalities: ReportRef[];
}

export interface FindingMeeting { findingId: string; meetingId: string; title: string; start: string | null; status: string }

export interface AnnualFinding {
  id: string;
  kind: string;
  severity: 'high' | 'medium' | 'low';
  title: string;
  actedOn: boolean;
  meetings: FindingMeeting[];
}

export interface AnnualReport {
  year: number;
  region: string;
  regionName: string | null;
  partner: { type: string; label: string };
  asOf: string;
  totals: ReportTotals;
  priorities: PrioritySection[];
  blindSpots: { asOf: string; found: number; actedOn: number; findings: AnnualFinding[] };
}

export function annualReportUrl(region: string, year: number, docx = false): string {
  return `/api/reports/annual${docx ? '.docx' : ''}?${new URLSearchParams({ region, year: String(year) })}`;
}
