using Netwerk.Core.Planning;

namespace Netwerk.Core.Tests.Planning;

public sealed class MeetingRecurrenceTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 10, 0, 0, TimeSpan.FromHours(1)); // a Tuesday

    [Fact]
    public void Weekly_series_keeps_its_wall_clock_time_across_summer_time()
    {
        var starts = MeetingRecurrence.Starts("FREQ=WEEKLY;COUNT=5", Start).ToList();

        Assert.Equal(5, starts.Count);
        Assert.All(starts, s => Assert.Equal(10, s.Hour));
        Assert.Equal(TimeSpan.FromHours(1), starts[3].Offset);
        Assert.Equal(TimeSpan.FromHours(2), starts[4].Offset); // 1 April 2025: summer time
    }

    [Theory]
    [InlineData("FREQ=HOURLY;COUNT=3", "recurrence-too-frequent")]
    [InlineData("FREQ=MINUTELY;COUNT=3", "recurrence-too-frequent")]
    [InlineData("FREQ=SECONDLY;COUNT=3", "recurrence-too-frequent")]
    [InlineData("FREQ=DAILY;BYHOUR=9,14;COUNT=3", "recurrence-too-frequent")]
    [InlineData("FREQ=WEEKLY", "recurrence-unbounded")]
    [InlineData("FREQ=WEEKLY;UNTIL=20350101T000000Z", "recurrence-too-long")]
    [InlineData("FREQ=YEARLY;COUNT=8", "recurrence-too-long")]
    [InlineData("FREQ=DAILY;COUNT=1500", "recurrence-too-many")]
    [InlineData("FREQ=WEEKLY;BYDAY=XX;COUNT=3", "bad-recurrence")]
    [InlineData("FREQ=FORTNIGHTLY;COUNT=3", "bad-recurrence")]
    [InlineData("hello", "bad-recurrence")]
    [InlineData("FREQ=WEEKLY;COUNT=3\nRRULE:FREQ=DAILY;COUNT=2", "bad-recurrence")]
    public void Unacceptable_rules_are_refused_with_a_code(string rule, string code)
    {
        var errors = MeetingRecurrence.Validate(rule, Start, "recurrence");

        Assert.Contains(errors, e => e.Code == code && e.Field == "recurrence");
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=TU;COUNT=10")]
    [InlineData("RRULE:FREQ=MONTHLY;BYDAY=2TU;UNTIL=20261231T235959Z")]
    [InlineData("FREQ=DAILY;INTERVAL=2;COUNT=900")]
    public void Sensible_rules_pass(string rule) => Assert.Empty(MeetingRecurrence.Validate(rule, Start, "recurrence"));

    [Fact]
    public void Expansion_applies_a_move_and_a_cancellation_and_keeps_the_window()
    {
        var end = Start.AddHours(2);
        var second = Start.AddDays(7);
        var third = Start.AddDays(14);
        var exceptions = new[]
        {
            new OccurrenceException { OriginalStart = second, Start = second.AddDays(1), Title = "Verplaatst" },
            new OccurrenceException { OriginalStart = third, Cancelled = true },
            new OccurrenceException { OriginalStart = Start.AddHours(5), Cancelled = true }, // not an occurrence: ignored
        };

        var all = MeetingRecurrence.Expand("FREQ=WEEKLY;COUNT=4", Start, end, exceptions, Start.AddDays(-1), Start.AddDays(60));
        var window = MeetingRecurrence.Expand("FREQ=WEEKLY;COUNT=4", Start, end, exceptions, Start.AddDays(6), Start.AddDays(9));

        Assert.Equal(4, all.Count);
        Assert.Equal(second.AddDays(1), all[1].Start);
        Assert.Equal(second.AddDays(1).AddHours(2), all[1].End);
        Assert.Equal(second, all[1].OriginalStart);
        Assert.True(all[2].Cancelled);
        Assert.Equal(2, all.Count(o => o.Change is not null));
        Assert.Equal(second, Assert.Single(window).OriginalStart);
    }

    [Fact]
    public void Lenient_expansion_counts_a_rule_it_cannot_read_as_one_meeting()
    {
        var end = Start.AddHours(2);
        var year = (From: Start.AddDays(-1), To: Start.AddYears(1));

        Assert.ThrowsAny<ArgumentException>(() => MeetingRecurrence.Expand("FREQ=SOMETIMES", Start, end, [], year.From, year.To));
        var unreadable = MeetingRecurrence.ExpandLeniently("FREQ=SOMETIMES", Start, end, [], year.From, year.To);
        Assert.Equal([Start.UtcDateTime], unreadable.Select(o => o.Start.UtcDateTime));

        var weekly = MeetingRecurrence.ExpandLeniently("FREQ=WEEKLY;COUNT=3", Start, end, [], year.From, year.To);
        Assert.Equal(3, weekly.Count);
    }

    [Fact]
    public void Split_ends_the_head_before_the_occurrence_and_counts_the_tail_on()
    {
        var at = Start.AddDays(21);

        var (head, tail) = MeetingRecurrence.Split("FREQ=WEEKLY;COUNT=10", Start, at);

        Assert.NotNull(head);
        Assert.Equal(3, MeetingRecurrence.Starts(head, Start).Count());
        Assert.Equal(7, MeetingRecurrence.Starts(tail, at).Count());
        Assert.Null(MeetingRecurrence.Split("FREQ=WEEKLY;COUNT=10", Start, Start).Head);
    }
}

public sealed class MeetingRecurrencePathologyTests
{
    [Theory]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3")]
    [InlineData("FREQ=DAILY;UNTIL=20240101T000000Z")]
    [InlineData("FREQ=WEEKLY;COUNT=0")]
    [InlineData("FREQ=MONTHLY;BYSETPOS=400;COUNT=2")]
    [InlineData("FREQ=WEEKLY;INTERVAL=0;COUNT=2")]
    [InlineData("FREQ=WEEKLY;COUNT=2;UNTIL=20250101")]
    [InlineData(";;;")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO;COUNT=-1")]
    public void Rules_that_give_nothing_or_cannot_be_read_are_refused_quickly(string rule)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var errors = MeetingRecurrence.Validate(rule, new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.FromHours(1)), "recurrence");
        Assert.NotEmpty(errors);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"{rule} took {started.Elapsed}");
    }
}
