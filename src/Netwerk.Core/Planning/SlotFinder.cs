using System.Globalization;
using Netwerk.Core.Schema;

namespace Netwerk.Core.Planning;

/// <summary>
/// Ranks candidate meeting slots: fewest conflicting invitees first, then not on a regional holiday, then not in a
/// Flemish school holiday, then earliest. Legal public holidays and slots when the venue is booked are excluded.
/// Slots are laid out in local Europe/Brussels wall-clock time and returned as instants with the offset of that day,
/// so a 10:00 meeting stays at 10:00 across the DST change.
/// <para>
/// Conflicts are counted in one sweep over the slots and the busy intervals, both sorted by start: an interval enters
/// the active list when the slot's end passes its start and leaves for good when a slot starts after its end. Cost
/// is O((slots + intervals) · log + slots · active) instead of slots × intervals; details (who, which meeting) are only
/// built for the slots returned.
/// </para>
/// </summary>
public sealed class SlotFinder(TimeZoneInfo? zone = null)
{
    public const int ConflictPenalty = 10;
    public const int RegionalHolidayPenalty = 5;
    public const int SchoolHolidayPenalty = 3;
    public const int BaseScore = 100;
    private static readonly TimeSpan MinimumStep = TimeSpan.FromMinutes(5);

    public TimeZoneInfo Zone { get; } = zone ?? TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public SlotSearchResult Find(SlotRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);

        var invited = request.Invitees is { } list ? new HashSet<string>(list, StringComparer.Ordinal) : null;
        var busy = BusyTable.Build(request.Busy, invited);
        var venue = MergedVenue(request.VenueBookings);

        var (days, slots, skipped) = LayOut(request);
        var blockedByVenue = 0;
        var kept = new List<Slot>(slots.Count);
        var venueAt = 0;
        foreach (var slot in slots)
        {
            // Slots are in start order and all have the same length, so a booking ending before this slot can go.
            while (venueAt < venue.Count && venue[venueAt].End <= slot.StartUtc) venueAt++;
            if (venueAt < venue.Count && venue[venueAt].Start < slot.EndUtc) { blockedByVenue++; continue; }
            kept.Add(slot);
        }
        busy.CountConflicts(kept);

        var ranked = Enumerable.Range(0, kept.Count)
            .OrderBy(i => kept[i].Conflicts)
            .ThenBy(i => days[kept[i].Day].Regional is null ? 0 : 1)
            .ThenBy(i => request.AvoidSchoolHolidays && days[kept[i].Day].School is not null ? 1 : 0)
            .ThenBy(i => kept[i].StartUtc);
        var perDay = new Dictionary<int, int>();
        var candidates = new List<SlotCandidate>(request.MaxResults);
        foreach (var i in ranked)
        {
            if (candidates.Count == request.MaxResults) break;
            var slot = kept[i];
            if (request.MaxPerDay is { } cap)
            {
                perDay.TryGetValue(slot.Day, out var taken);
                if (taken == cap) continue;
                perDay[slot.Day] = taken + 1;
            }
            candidates.Add(Describe(slot, days[slot.Day], busy, request, invited?.Count));
        }
        return new SlotSearchResult(candidates, kept.Count, blockedByVenue, skipped);
    }

    private (List<Day> Days, List<Slot> Slots, List<PublicHoliday> Skipped) LayOut(SlotRequest request)
    {
        var weekdays = request.Weekdays.ToHashSet();
        var holidays = BelgianHolidays.Between(request.FirstDay, request.LastDay).ToDictionary(h => h.Date);
        var school = FlemishSchoolHolidays.Overlapping(request.FirstDay, request.LastDay);
        var days = new List<Day>();
        var slots = new List<Slot>();
        var skipped = new List<PublicHoliday>();
        var first = request.DayStart.ToTimeSpan();
        var last = request.DayEnd.ToTimeSpan() - request.Duration;
        for (var date = request.FirstDay; date <= request.LastDay; date = date.AddDays(1))
        {
            if (!weekdays.Contains(date.DayOfWeek)) continue;
            holidays.TryGetValue(date, out var holiday);
            if (holiday is not null && (holiday.IsLegal || request.ExcludeRegionalHolidays))
            {
                skipped.Add(holiday);
                continue;
            }
            var dayIndex = days.Count;
            days.Add(new Day(date, holiday, school.FirstOrDefault(p => p.Contains(date))));
            for (var time = first; time <= last; time += request.Step)
            {
                var local = date.ToDateTime(TimeOnly.FromTimeSpan(time), DateTimeKind.Unspecified);
                // A wall-clock time skipped by the spring DST change does not exist; an ambiguous autumn one is
                // taken at its first occurrence (summer time).
                if (Zone.IsInvalidTime(local)) continue;
                var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
                var start = new DateTimeOffset(local, offset);
                var end = start + request.Duration;
                var endLocal = TimeZoneInfo.ConvertTime(end, Zone);
                if (DateOnly.FromDateTime(endLocal.DateTime) != date || endLocal.TimeOfDay > request.DayEnd.ToTimeSpan()) continue;
                slots.Add(new Slot(start, endLocal, start.UtcTicks, end.UtcTicks, dayIndex));
            }
        }
        return (days, slots, skipped);
    }

    private static SlotCandidate Describe(Slot slot, Day day, BusyTable busy, SlotRequest request, int? inviteeCount)
    {
        var conflicts = busy.ConflictsDuring(slot.StartUtc, slot.EndUtc);
        var people = conflicts.SelectMany(c => c.PersonIds).Distinct().Order(StringComparer.Ordinal).ToList();
        var reasons = new List<SlotReason>();
        var score = BaseScore;
        if (people.Count > 0)
        {
            var penalty = ConflictPenalty * people.Count;
            score -= penalty;
            var of = inviteeCount is { } n ? new LocalizedText($" van {n}", $" of {n}") : new LocalizedText("", "");
            var meetings = string.Join(", ", conflicts.Take(5).Select(c => $"{c.MeetingTitle} ({c.PersonIds.Count})"))
                + (conflicts.Count > 5 ? ", …" : "");
            reasons.Add(new SlotReason("invitee-conflict", new LocalizedText(
                $"{people.Count}{of.Nl} genodigde(n) hebben dan al een ander overleg: {meetings}",
                $"{people.Count}{of.En} invitee(s) already have another meeting then: {meetings}"), penalty));
        }
        if (day.Regional is { } regional)
        {
            score -= RegionalHolidayPenalty;
            reasons.Add(new SlotReason("regional-holiday", new LocalizedText(
                $"{regional.Name.Nl}: veel lokale besturen en organisaties zijn gesloten",
                $"{regional.Name.En}: many local governments and organisations are closed"), RegionalHolidayPenalty));
        }
        if (day.School is { } period)
        {
            var penalty = request.AvoidSchoolHolidays ? SchoolHolidayPenalty : 0;
            score -= penalty;
            reasons.Add(new SlotReason("school-holiday", new LocalizedText(
                $"Valt in de {period.Name.Nl.ToLowerInvariant()} ({NlDate(period.First)} t.e.m. {NlDate(period.Last)})",
                $"During the {period.Name.En.ToLowerInvariant()} ({EnDate(period.First)} to {EnDate(period.Last)})"), penalty));
        }
        return new SlotCandidate(slot.Start, slot.End, score, people, conflicts, day.School, day.Regional, reasons);
    }

    private static string NlDate(DateOnly d) => d.ToString("d-M-yyyy", CultureInfo.InvariantCulture);
    private static string EnDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<(long Start, long End)> MergedVenue(IReadOnlyList<VenueBooking> bookings)
    {
        var sorted = bookings.Select(b => (Start: b.Start.UtcTicks, End: b.End.UtcTicks)).Order().ToList();
        var merged = new List<(long Start, long End)>();
        foreach (var b in sorted)
        {
            if (merged.Count > 0 && b.Start <= merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, b.End));
            else merged.Add(b);
        }
        return merged;
    }

    private static void Validate(SlotRequest r)
    {
        if (r.LastDay < r.FirstDay)
            throw Invalid("window-invalid", "De laatste dag ligt vóór de eerste dag.", "The last day is before the first day.", "lastDay");
        if (r.LastDay.DayNumber - r.FirstDay.DayNumber + 1 > SlotRequest.MaxWindowDays)
            throw Invalid("window-too-long", $"Zoek in hoogstens {SlotRequest.MaxWindowDays} dagen.", $"Search at most {SlotRequest.MaxWindowDays} days.", "lastDay");
        if (r.DayEnd <= r.DayStart)
            throw Invalid("day-hours-invalid", "Het einduur moet na het beginuur liggen.", "The latest end must be after the earliest start.", "dayEnd");
        if (r.Duration <= TimeSpan.Zero || r.Duration > r.DayEnd - r.DayStart)
            throw Invalid("duration-invalid", "De duur moet positief zijn en binnen de uren van een dag passen.", "The duration must be positive and fit within the day's hours.", "duration");
        if (r.Step < MinimumStep)
            throw Invalid("step-invalid", "De stap moet minstens 5 minuten zijn.", "The step must be at least 5 minutes.", "step");
        if (r.Weekdays.Count == 0)
            throw Invalid("weekdays-empty", "Kies minstens één weekdag.", "Choose at least one weekday.", "weekdays");
        if (r.MaxResults is < 1 or > 1000)
            throw Invalid("max-results-invalid", "Vraag 1 tot 1000 voorstellen.", "Ask for 1 to 1000 candidates.", "maxResults");
        if (r.MaxPerDay is < 1)
            throw Invalid("max-per-day-invalid", "Het maximum per dag moet minstens 1 zijn.", "The maximum per day must be at least 1.", "maxPerDay");
        var badBusy = r.Busy.Where(b => b.End <= b.Start || string.IsNullOrWhiteSpace(b.PersonId)).Select(b => b.MeetingId).Distinct().ToList();
        if (badBusy.Count > 0)
            throw Invalid("busy-interval-invalid", "Een bezet interval eindigt niet na zijn begin of heeft geen persoon.", "A busy interval does not end after its start or has no person.", [.. badBusy]);
        if (r.VenueBookings.Any(b => b.End <= b.Start))
            throw Invalid("venue-booking-invalid", "Een boeking van de locatie eindigt niet na haar begin.", "A venue booking does not end after its start.", "venueBookings");
    }

    private static PlanningException Invalid(string code, string nl, string en, params string[] subjects) =>
        new(code, new LocalizedText(nl, en), subjects);

    private sealed record Day(DateOnly Date, PublicHoliday? Regional, SchoolHolidayPeriod? School);

    private sealed class Slot(DateTimeOffset start, DateTimeOffset end, long startUtc, long endUtc, int day)
    {
        public DateTimeOffset Start { get; } = start;
        public DateTimeOffset End { get; } = end;
        public long StartUtc { get; } = startUtc;
        public long EndUtc { get; } = endUtc;
        public int Day { get; } = day;
        public int Conflicts { get; set; }
    }

    /// <summary>Busy intervals as parallel arrays sorted by start, people and meetings as small integers.</summary>
    private sealed class BusyTable
    {
        private readonly long[] _start;
        private readonly long[] _end;
        private readonly int[] _person;
        private readonly int[] _meeting;
        private readonly string[] _people;
        private readonly (string Id, string Title)[] _meetings;

        private BusyTable(long[] start, long[] end, int[] person, int[] meeting, string[] people, (string, string)[] meetings)
        {
            _start = start; _end = end; _person = person; _meeting = meeting; _people = people; _meetings = meetings;
        }

        public static BusyTable Build(IReadOnlyList<BusyInterval> busy, HashSet<string>? invited)
        {
            var kept = busy.Where(b => invited is null || invited.Contains(b.PersonId)).ToList();
            // Sort by start, then by input position, so equal starts keep a deterministic order.
            var order = Enumerable.Range(0, kept.Count).OrderBy(i => kept[i].Start.UtcTicks).ThenBy(i => i).ToArray();
            var people = new Dictionary<string, int>(StringComparer.Ordinal);
            var meetings = new Dictionary<string, int>(StringComparer.Ordinal);
            var meetingList = new List<(string, string)>();
            var start = new long[order.Length];
            var end = new long[order.Length];
            var person = new int[order.Length];
            var meeting = new int[order.Length];
            for (var k = 0; k < order.Length; k++)
            {
                var b = kept[order[k]];
                start[k] = b.Start.UtcTicks;
                end[k] = b.End.UtcTicks;
                if (!people.TryGetValue(b.PersonId, out var p)) people[b.PersonId] = p = people.Count;
                if (!meetings.TryGetValue(b.MeetingId, out var m))
                {
                    meetings[b.MeetingId] = m = meetings.Count;
                    meetingList.Add((b.MeetingId, b.MeetingTitle));
                }
                person[k] = p;
                meeting[k] = m;
            }
            var names = new string[people.Count];
            foreach (var (id, index) in people) names[index] = id;
            return new BusyTable(start, end, person, meeting, names, [.. meetingList]);
        }

        /// <summary>Sets each slot's number of distinct busy people; <paramref name="slots"/> must be in start order.</summary>
        public void CountConflicts(List<Slot> slots)
        {
            var active = new List<int>();
            var seen = new int[_people.Length];   // slot number + 1 that last counted this person
            var next = 0;
            for (var s = 0; s < slots.Count; s++)
            {
                var slot = slots[s];
                while (next < _start.Length && _start[next] < slot.EndUtc) active.Add(next++);
                active.RemoveAll(i => _end[i] <= slot.StartUtc);
                var count = 0;
                foreach (var i in active)
                {
                    if (seen[_person[i]] == s + 1) continue;
                    seen[_person[i]] = s + 1;
                    count++;
                }
                slot.Conflicts = count;
            }
        }

        /// <summary>Who is busy with what between two instants, largest meeting first.</summary>
        public List<MeetingConflict> ConflictsDuring(long from, long to)
        {
            var byMeeting = new SortedDictionary<int, SortedSet<string>>();
            for (var i = 0; i < _start.Length && _start[i] < to; i++)
            {
                if (_end[i] <= from) continue;
                if (!byMeeting.TryGetValue(_meeting[i], out var set)) byMeeting[_meeting[i]] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(_people[_person[i]]);
            }
            return byMeeting
                .Select(kv => new MeetingConflict(_meetings[kv.Key].Id, _meetings[kv.Key].Title, [.. kv.Value]))
                .OrderByDescending(c => c.PersonIds.Count)
                .ThenBy(c => c.MeetingTitle, StringComparer.Ordinal)
                .ThenBy(c => c.MeetingId, StringComparer.Ordinal)
                .ToList();
        }
    }
}
