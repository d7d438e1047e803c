// Reads an iCalendar document on standard input with Mozilla's ical.js (the parser of Thunderbird's calendar) and
// prints what a calendar client would take from it as JSON: the METHOD, and per VEVENT its UID, SEQUENCE, STATUS,
// times (as UTC instants, through the VTIMEZONE in the document), rule, RECURRENCE-ID, organiser and attendees.
// Used by the .NET tests to check invitations against a second, independent parser. Exits 1 on a parse error.
import ICAL from 'ical.js';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString('utf8');

try {
  const calendar = new ICAL.Component(ICAL.parse(text));
  // Register the document's own time zones, so times are read through its VTIMEZONE rules, as a client does.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const instant = (time) => (time ? time.toJSDate().toISOString() : null);
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const rrule = vevent.getFirstPropertyValue('rrule');
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue('status'),
      summary: event.summary,
      location: event.location,
      start: instant(event.startDate),
      end: instant(event.endDate),
      startZone: event.startDate?.zone?.tzid ?? null,
      recurrenceId: instant(event.recurrenceId),
      rrule: rrule ? rrule.toString() : null,
      exdates: vevent.getAllProperties('exdate').flatMap((p) => p.getValues()).map(instant),
      organizer: vevent.getFirstPropertyValue('organizer'),
      attendees: vevent.getAllProperties('attendee').map((p) => ({
        address: p.getFirstValue(),
        rsvp: p.getParameter('rsvp') ?? null,
        partstat: p.getParameter('partstat') ?? null,
      })),
    };
  });
  const zones = calendar.getAllSubcomponents('vtimezone').map((z) => ({
    tzid: z.getFirstPropertyValue('tzid'),
    standard: z.getAllSubcomponents('standard').length,
    daylight: z.getAllSubcomponents('daylight').length,
  }));
  process.stdout.write(JSON.stringify({ method: calendar.getFirstPropertyValue('method'), zones, events }));
} catch (error) {
  process.stderr.write(`ical.js could not read the calendar: ${error}\n`);
  process.exit(1);
}
