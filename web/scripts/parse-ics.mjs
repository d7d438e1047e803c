// Reads an iCalendar document on standard input with Mozilla's ical.js (the parser of Thunderbird's calendar) and
// prints what a calendar client would take from it as JSON: the METHOD, and per VEVENT its UID, SEQUENCE, STATUS,
// times (as UTC instants, through the VTIMEZONE in the document), rule, RECURRENCE-ID, organiser and attendees; the
// calendar's name and refresh hints (for subscription feeds); and per series the occurrences ical.js expands, with its
// EXDATEs left out and its RECURRENCE-ID events applied, as a subscribed calendar shows them.
// Used by the .NET tests to check invitations against a second, independent parser. Exits 1 on a parse error.
import ICAL from 'ical.js';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString('utf8');

// RFC 5545 §3.8.8.2: a non-standard property is TEXT unless it says otherwise, and RFC 7986's NAME is TEXT; ical.js
// reads properties it does not know as raw 'unknown' values, so tell it, as a client that shows the names does.
for (const name of ['x-wr-calname', 'x-wr-caldesc', 'name']) ICAL.design.icalendar.property[name] = { defaultType: 'text' };

try {
  const calendar = new ICAL.Component(ICAL.parse(text));
  // Register the document's own time zones, so times are read through its VTIMEZONE rules, as a client does.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const instant = (time) => (time ? time.toJSDate().toISOString() : null);
  const vevents = calendar.getAllSubcomponents('vevent');
  const events = vevents.map((vevent) => {
    const event = new ICAL.Event(vevent);
    const rrule = vevent.getFirstPropertyValue('rrule');
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: vevent.getFirstPropertyValue('status'),
      summary: event.summary,
      description: event.description,
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
  // Expansion: each series with its changed occurrences related to it, at most 2000 occurrences each.
  const series = vevents.filter((v) => v.hasProperty('rrule')).map((master) => {
    const event = new ICAL.Event(master);
    for (const other of vevents) {
      if (other !== master && other.getFirstPropertyValue('uid') === event.uid && other.hasProperty('recurrence-id')) {
        event.relateException(other);
      }
    }
    const iterator = event.iterator();
    const occurrences = [];
    for (let next = iterator.next(); next && occurrences.length < 2000; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      occurrences.push({
        start: instant(details.startDate),
        end: instant(details.endDate),
        recurrenceId: instant(details.recurrenceId),
        summary: details.item.summary,
      });
    }
    return { uid: event.uid, occurrences };
  });
  process.stdout.write(JSON.stringify({
    method: calendar.getFirstPropertyValue('method'),
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    refreshInterval: calendar.getFirstProperty('refresh-interval')?.getFirstValue()?.toString() ?? null,
    publishedTtl: calendar.getFirstPropertyValue('x-published-ttl'),
    zones,
    events,
    series,
  }));
} catch (error) {
  process.stderr.write(`ical.js could not read the calendar: ${error}\n`);
  process.exit(1);
}
