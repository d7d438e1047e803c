using System.Diagnostics;
using System.Text.Json;
using CsCheck;
using Netwerk.Core.Planning;

namespace Netwerk.Core.Tests.Planning;

public sealed class SlotFinderTests(ITestOutputHelper output)
{
    private static readonly SlotFinder Finder = new();
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Brussels.GetUtcOffset(local));
    }

    private static BusyInterval Busy(string person, string meeting, DateTimeOffset start, double hours) =>
        new(person, meeting, $"Overleg {meeting}", start, start.AddHours(hours));

    private static string Times(SlotSearchResult result) =>
        string.Join(" ", result.Candidates.Select(c => $"{c.Start:MM-dd HH:mm}/{c.ConflictingInvitees.Count}"));

    [Fact]
    public void Free_slots_come_first_then_by_start_and_touching_meetings_do_not_conflict()
    {
        var request = new SlotRequest
        {
            FirstDay = new DateOnly(2025, 3, 11), LastDay = new DateOnly(2025, 3, 11),
            Duration = TimeSpan.FromHours(1), DayStart = new TimeOnly(9, 0), DayEnd = new TimeOnly(12, 0),
            Busy = [Busy("p1", "m1", Local(2025, 3, 11, 10), 1)],
        };
        var result = Finder.Find(request);
        Assert.Equal("03-11 09:00/0 03-11 11:00/0 03-11 09:30/1 03-11 10:00/1 03-11 10:30/1", Times(result));
        Assert.Equal([100, 100, 90, 90, 90], result.Candidates.Select(c => c.Score));
        Assert.Equal(5, result.SlotsConsidered);
    }

    [Fact]
    public void Conflicts_name_the_people_and_the_meetings_largest_first()
    {
        var at = Local(2025, 3, 12, 14);
        var request = new SlotRequest
        {
            FirstDay = new DateOnly(2025, 3, 12), LastDay = new DateOnly(2025, 3, 12),
            Duration = TimeSpan.FromHours(2), DayStart = new TimeOnly(14, 0), DayEnd = new TimeOnly(16, 0),
            Invitees = ["p1", "p2", "p3", "p4"],
            Busy =
            [
                Busy("p3", "rose", at, 1), Busy("p1", "stuurgroep", at.AddMinutes(30), 1), Busy("p2", "stuurgroep", at, 3),
                Busy("p3", "stuurgroep", at, 3), Busy("outsider", "rose", at, 2),
            ],
        };
        var slot = Assert.Single(Finder.Find(request).Candidates);
        Assert.Equal(["p1", "p2", "p3"], slot.ConflictingInvitees);
        Assert.Equal(["stuurgroep:p1,p2,p3", "rose:p3"], slot.Conflicts.Select(c => $"{c.MeetingId}:{string.Join(",", c.PersonIds)}"));
        var reason = Assert.Single(slot.Reasons);
        Assert.Equal("invitee-conflict", reason.Code);
        Assert.Equal(30, reason.Penalty);
        Assert.Equal("3 van 4 genodigde(n) hebben dan al een ander overleg: Overleg stuurgroep (3), Overleg rose (1)", reason.Text.Nl);
        Assert.StartsWith("3 of 4 invitee(s) already have another meeting then", reason.Text.En);
    }

    [Fact]
    public void Legal_public_holidays_are_excluded_and_reported()
    {
        var result = Finder.Find(new SlotRequest
        {
            FirstDay = new DateOnly(2025, 4, 21), LastDay = new DateOnly(2025, 4, 22), Duration = TimeSpan.FromHours(8),
            AvoidSchoolHolidays = false,
        });
        var slot = Assert.Single(result.Candidates);
        Assert.Equal(new DateOnly(2025, 4, 22), DateOnly.FromDateTime(slot.Start.DateTime));
        Assert.Equal("easter-monday", Assert.Single(result.HolidaysSkipped).Code);
    }

    [Fact]
    public void A_school_holiday_ranks_after_a_later_school_day_with_the_period_as_reason()
    {
        // Krokusvakantie 2025: 3–9 March. Friday 7 March is in it, Monday 10 March is not.
        var request = new SlotRequest
        {
            FirstDay = new DateOnly(2025, 3, 7), LastDay = new DateOnly(2025, 3, 10), Duration = TimeSpan.FromHours(8),
        };
        var result = Finder.Find(request);
        Assert.Equal("03-10 09:00/0 03-07 09:00/0", Times(result));
        var holiday = result.Candidates[1];
        Assert.Equal(97, holiday.Score);
        Assert.Equal("spring", holiday.SchoolHoliday?.Code);
        var reason = Assert.Single(holiday.Reasons);
        Assert.Equal(("school-holiday", 3), (reason.Code, reason.Penalty));
        Assert.Equal("Valt in de krokusvakantie (3-3-2025 t.e.m. 9-3-2025)", reason.Text.Nl);

        var indifferent = Finder.Find(request with { AvoidSchoolHolidays = false });
        Assert.Equal("03-07 09:00/0 03-10 09:00/0", Times(indifferent));
        Assert.Equal(0, indifferent.Candidates[0].Reasons.Single().Penalty);
    }

    [Fact]
    public void Fewer_conflicts_beat_the_school_holiday_penalty()
    {
        var request = new SlotRequest
        {
            FirstDay = new DateOnly(2025, 3, 7), LastDay = new DateOnly(2025, 3, 10), Duration = TimeSpan.FromHours(8),
            Busy = [Busy("p1", "m", Local(2025, 3, 10, 9), 1)],
        };
        Assert.Equal("03-07 09:00/0 03-10 09:00/1", Times(Finder.Find(request)));
    }

    [Fact]
    public void The_Flemish_holiday_is_penalised_or_excluded_on_request()
    {
        // Friday 11 July 2025 and Monday 14 July 2025 are both in the summer holiday.
        var request = new SlotRequest
        {
            FirstDay = new DateOnly(2025, 7, 11), LastDay = new DateOnly(2025, 7, 14), Duration = TimeSpan.FromHours(8),
        };
        var result = Finder.Find(request);
        Assert.Equal("07-14 09:00/0 07-11 09:00/0", Times(result));
        Assert.Equal(92, result.Candidates[1].Score);
        Assert.Equal("flemish-community", result.Candidates[1].RegionalHoliday?.Code);
        Assert.Equal(["regional-holiday", "school-holiday"], result.Candidates[1].Reasons.Select(r => r.Code));

        var excluded = Finder.Find(request with { ExcludeRegionalHolidays = true });
        Assert.Equal("07-14 09:00/0", Times(excluded));
        Assert.Equal("flemish-community", Assert.Single(excluded.HolidaysSkipped).Code);
    }

    [Fact]
    public void Slots_when_the_venue_is_booked_are_excluded()
    {
        var request = new SlotRequest
        {
            FirstDay = new DateOnly(2025, 3, 12), LastDay = new DateOnly(2025, 3, 12), Duration = TimeSpan.FromHours(1),
            DayStart = new TimeOnly(9, 0), DayEnd = new TimeOnly(12, 0), Step = TimeSpan.FromHours(1),
            VenueBookings = [new VenueBooking(Local(2025, 3, 12, 9, 30), Local(2025, 3, 12, 10, 0)), new VenueBooking(Local(2025, 3, 12, 9, 45), Local(2025, 3, 12, 10, 15))],
        };
        var result = Finder.Find(request);
        Assert.Equal("03-12 11:00/0", Times(result));
        Assert.Equal(2, result.SlotsBlockedByVenue);
    }

    [Fact]
    public void Local_times_stay_put_across_daylight_saving_changes()
    {
        var request = new SlotRequest
        {
            FirstDay = new DateOnly(2025, 3, 28), LastDay = new DateOnly(2025, 3, 31), Duration = TimeSpan.FromHours(1),
            DayStart = new TimeOnly(10, 0), DayEnd = new TimeOnly(11, 0),
        };
        var spring = Finder.Find(request).Candidates;
        Assert.Equal(["2025-03-28T10:00:00+01:00", "2025-03-31T10:00:00+02:00"], spring.Select(c => c.Start.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([9, 8], spring.Select(c => c.Start.UtcDateTime.Hour));
        Assert.All(spring, c => Assert.Equal(c.Start.Offset, c.End.Offset));

        var autumn = Finder.Find(request with { FirstDay = new DateOnly(2025, 10, 24), LastDay = new DateOnly(2025, 10, 27), AvoidSchoolHolidays = false }).Candidates;
        Assert.Equal([8, 9], autumn.Select(c => c.Start.UtcDateTime.Hour));
    }

    [Fact]
    public void A_busy_interval_given_in_UTC_is_compared_as_an_instant()
    {
        // 09:00Z on 31 March 2025 is 11:00 in Brussels (summer time).
        var request = new SlotRequest
        {
            FirstDay = new DateOnly(2025, 3, 31), LastDay = new DateOnly(2025, 3, 31), Duration = TimeSpan.FromHours(1),
            DayStart = new TimeOnly(10, 0), DayEnd = new TimeOnly(12, 0), Step = TimeSpan.FromHours(1),
            Busy = [new BusyInterval("p", "m", "M", new DateTimeOffset(2025, 3, 31, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 31, 10, 0, 0, TimeSpan.Zero))],
        };
        Assert.Equal("03-31 10:00/0 03-31 11:00/1", Times(Finder.Find(request)));
    }

    [Fact]
    public void Night_slots_skip_the_hour_that_does_not_exist()
    {
        var result = Finder.Find(new SlotRequest
        {
            FirstDay = new DateOnly(2025, 3, 30), LastDay = new DateOnly(2025, 3, 30), Duration = TimeSpan.FromMinutes(30),
            Weekdays = [DayOfWeek.Sunday], DayStart = new TimeOnly(1, 0), DayEnd = new TimeOnly(4, 0), MaxResults = 100,
            AvoidSchoolHolidays = false,
        });
        Assert.Equal("03-30 01:00/0 03-30 01:30/0 03-30 03:00/0 03-30 03:30/0", Times(result));
    }

    [Fact]
    public void Max_per_day_spreads_proposals_over_days()
    {
        var result = Finder.Find(new SlotRequest
        {
            FirstDay = new DateOnly(2025, 3, 10), LastDay = new DateOnly(2025, 3, 14), Duration = TimeSpan.FromHours(1),
            MaxResults = 4, MaxPerDay = 1,
        });
        Assert.Equal("03-10 09:00/0 03-11 09:00/0 03-12 09:00/0 03-13 09:00/0", Times(result));
    }

    public static TheoryData<string, Func<SlotRequest, SlotRequest>> Invalid => new()
    {
        { "window-invalid", r => r with { LastDay = r.FirstDay.AddDays(-1) } },
        { "window-too-long", r => r with { LastDay = r.FirstDay.AddDays(400) } },
        { "day-hours-invalid", r => r with { DayEnd = r.DayStart } },
        { "duration-invalid", r => r with { Duration = TimeSpan.Zero } },
        { "duration-invalid", r => r with { Duration = TimeSpan.FromHours(9) } },
        { "step-invalid", r => r with { Step = TimeSpan.FromMinutes(1) } },
        { "weekdays-empty", r => r with { Weekdays = [] } },
        { "max-results-invalid", r => r with { MaxResults = 0 } },
        { "max-per-day-invalid", r => r with { MaxPerDay = 0 } },
        { "busy-interval-invalid", r => r with { Busy = [Busy("p", "m", Local(2025, 3, 10, 9), 0)] } },
        { "venue-booking-invalid", r => r with { VenueBookings = [new VenueBooking(Local(2025, 3, 10, 9), Local(2025, 3, 10, 8))] } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Bad_requests_are_refused_with_a_code(string code, Func<SlotRequest, SlotRequest> spoil)
    {
        var valid = new SlotRequest { FirstDay = new DateOnly(2025, 3, 10), LastDay = new DateOnly(2025, 3, 14), Duration = TimeSpan.FromHours(1) };
        var error = Assert.Throws<PlanningException>(() => Finder.Find(spoil(valid)));
        Assert.Equal(code, error.Code);
        Assert.NotEmpty(error.Text.Nl);
        Assert.NotEmpty(error.Text.En);
    }

    /// <summary>Random calendars: every candidate's conflicts equal a brute-force overlap check, in ranking order.</summary>
    [Fact]
    public void Conflicts_and_ranking_match_brute_force()
    {
        var day0 = new DateOnly(2025, 2, 24);
        var intervals =
            from person in Gen.Int[0, 7]
            from day in Gen.Int[0, 20]
            from startQuarter in Gen.Int[28, 72]
            from quarters in Gen.Int[1, 24]
            from meeting in Gen.Int[0, 5]
            select new BusyInterval($"p{person}", $"m{meeting}", $"M{meeting}",
                Local(2025, 2, 24, 0).AddDays(day).AddMinutes(15 * startQuarter),
                Local(2025, 2, 24, 0).AddDays(day).AddMinutes(15 * (startQuarter + quarters)));
        var requests =
            from busy in intervals.Array[0, 40]
            from days in Gen.Int[0, 20]
            from minutes in Gen.Int[1, 16]
            from step in Gen.Int[1, 4]
            from avoid in Gen.Bool
            select new SlotRequest
            {
                FirstDay = day0, LastDay = day0.AddDays(days), Duration = TimeSpan.FromMinutes(15 * minutes),
                Step = TimeSpan.FromMinutes(15 * step), Busy = busy, AvoidSchoolHolidays = avoid, MaxResults = 1000,
            };
        requests.Sample(request =>
        {
            var result = Finder.Find(request);
            return Agrees(request, result) && Json(result) == Json(Finder.Find(request));
        });
    }

    [Fact]
    public void Two_hundred_invitees_over_three_months_are_ranked_correctly()
    {
        var request = PlanningWorkload.SlotRequest(seed: 2025);
        Finder.Find(request);   // warm-up
        var watch = Stopwatch.StartNew();
        var result = Finder.Find(request);
        watch.Stop();
        output.WriteLine($"{request.Busy.Count} busy intervals, {result.SlotsConsidered} slots: {watch.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(800, request.Busy.Count);
        Assert.Equal(832, result.SlotsConsidered);   // 64 weekdays (11 November is skipped) × 13 starts
        Assert.True(Agrees(request with { MaxResults = 1000 }, Finder.Find(request with { MaxResults = 1000 })));
    }

    private static bool Agrees(SlotRequest request, SlotSearchResult result)
    {
        var previous = (Key: (-1, -1, -1), Start: DateTimeOffset.MinValue);
        foreach (var c in result.Candidates)
        {
            var busy = request.Busy.Where(b => b.Start < c.End && b.End > c.Start).ToList();
            var people = busy.Select(b => b.PersonId).Distinct().Order(StringComparer.Ordinal).ToList();
            if (!people.SequenceEqual(c.ConflictingInvitees)) return false;
            if (c.Conflicts.Sum(x => x.PersonIds.Count) != busy.Select(b => (b.MeetingId, b.PersonId)).Distinct().Count()) return false;
            var school = request.AvoidSchoolHolidays && c.SchoolHoliday is not null ? 1 : 0;
            var regional = c.RegionalHoliday is null ? 0 : 1;
            if (c.Score != 100 - 10 * people.Count - 5 * regional - 3 * school) return false;
            var key = (people.Count, regional, school);
            if (key.CompareTo(previous.Key) < 0 || (key == previous.Key && c.Start <= previous.Start)) return false;
            previous = (key, c.Start);
            var date = DateOnly.FromDateTime(c.Start.DateTime);
            if (BelgianHolidays.On(date) is { IsLegal: true } || !request.Weekdays.Contains(date.DayOfWeek)) return false;
            if (TimeOnly.FromDateTime(c.Start.DateTime) < request.DayStart || TimeOnly.FromDateTime(c.End.DateTime) > request.DayEnd) return false;
            if (c.End - c.Start != request.Duration) return false;
        }
        return true;
    }

    private static string Json(SlotSearchResult result) => JsonSerializer.Serialize(result);
}
