using System.Text.Json;
using CsCheck;
using Netwerk.Core.Planning;

namespace Netwerk.Core.Tests.Planning;

public sealed class SpeedDateSchedulerTests
{
    private sealed record Case(int A, int B, int Tables, int Rounds, (int A, int B)[] MustMeet, (int A, int B)[] MustNot)
    {
        public SpeedDateRequest Request()
        {
            var (a, b) = PlanningWorkload.Groups(A, B);
            return new SpeedDateRequest
            {
                GroupA = a, GroupB = b, Tables = Tables, Rounds = Rounds,
                MustMeet = MustMeet.Select(p => new SpeedDatePair(a[p.A], b[p.B])).ToList(),
                MustNotMeet = MustNot.Select(p => new SpeedDatePair(a[p.A], b[p.B])).ToList(),
            };
        }
    }

    private static readonly Gen<Case> Unconstrained =
        from a in Gen.Int[1, 12]
        from b in Gen.Int[1, 12]
        from tables in Gen.Int[1, 14]
        from rounds in Gen.Int[1, 16]
        select new Case(a, b, tables, rounds, [], []);

    private static readonly Gen<Case> Constrained =
        from size in Gen.Select(Gen.Int[1, 9], Gen.Int[1, 9])
        from tables in Gen.Int[1, 10]
        from rounds in Gen.Int[1, 12]
        from pairs in Gen.Select(Gen.Int[0, size.Item1 - 1], Gen.Int[0, size.Item2 - 1]).Array[0, 12]
        from split in Gen.Int[0, 12]
        let distinct = pairs.Distinct().ToArray()
        select new Case(size.Item1, size.Item2, tables, rounds, distinct.Take(split).ToArray(), distinct.Skip(split).ToArray());

    [Fact]
    public void Without_constraints_the_schedule_is_valid_optimal_and_fair()
    {
        Unconstrained.Sample(c =>
        {
            var schedule = SpeedDateScheduler.Schedule(c.Request());
            var k = Math.Min(c.Tables, Math.Min(c.A, c.B));
            return Valid(c, schedule)
                && schedule.PairsMet == Math.Min(c.A * c.B, c.Rounds * k)
                && schedule.PairsMet == schedule.PairsUpperBound
                && Fair(schedule, SpeedDateGroup.A) && Fair(schedule, SpeedDateGroup.B);
        }, iter: 2000);
    }

    [Fact]
    public void With_constraints_the_schedule_is_valid_and_every_feasible_must_meet_pair_meets()
    {
        Constrained.Sample(c =>
        {
            var schedule = SpeedDateScheduler.Schedule(c.Request());
            var k = Math.Min(c.Tables, Math.Min(c.A, c.B));
            var maxDegree = c.MustMeet.Length == 0 ? 0
                : Math.Max(c.MustMeet.GroupBy(p => p.A).Max(g => g.Count()), c.MustMeet.GroupBy(p => p.B).Max(g => g.Count()));
            var feasible = maxDegree <= c.Rounds && c.MustMeet.Length <= c.Rounds * k;
            return Valid(c, schedule) && (!feasible || schedule.MustMeetUnmet.Count == 0);
        }, iter: 2000);
    }

    [Fact]
    public void The_same_request_gives_the_same_schedule()
    {
        Constrained.Sample(c => Json(SpeedDateScheduler.Schedule(c.Request())) == Json(SpeedDateScheduler.Schedule(c.Request())), iter: 300);
    }

    [Fact]
    public void Businessmixer_of_6_social_economy_firms_and_7_care_organisations()
    {
        // W13's businessmixer (jaarverslag 2023): 6 sociale-economiebedrijven, 7 zorgbedrijven. 75 minutes of
        // 8-minute rounds with 2 minutes to change tables: (75 + 2) / (8 + 2) = 7 rounds.
        var firms = new[] { "se1", "se2", "se3", "se4", "se5", "se6" };
        var care = new[] { "z1", "z2", "z3", "z4", "z5", "z6", "z7" };
        var start = new DateTimeOffset(2023, 10, 17, 14, 0, 0, TimeSpan.FromHours(2));
        var schedule = SpeedDateScheduler.Schedule(new SpeedDateRequest
        {
            GroupA = firms, GroupB = care, Tables = 6, TotalTime = TimeSpan.FromMinutes(75),
            RoundLength = TimeSpan.FromMinutes(8), Changeover = TimeSpan.FromMinutes(2), StartsAt = start,
        });
        Assert.Equal(7, schedule.Rounds.Count);
        Assert.Equal(42, schedule.PairsMet);
        Assert.All(schedule.Agendas.Where(x => x.Group == SpeedDateGroup.A), x => Assert.Equal(0, x.IdleRounds));
        Assert.All(schedule.Agendas.Where(x => x.Group == SpeedDateGroup.B), x => Assert.Equal(1, x.IdleRounds));
        // The smaller group keeps its table all session; the other group moves.
        Assert.All(schedule.Agendas.Where(x => x.Group == SpeedDateGroup.A), x => Assert.Single(x.Entries.Select(e => e.Table).Distinct()));
        var last = schedule.Rounds[^1];
        Assert.Equal((start.AddMinutes(60), start.AddMinutes(68)), (last.Start, last.End));
        var agenda = schedule.Agendas.Single(x => x.Id == "z1");
        Assert.Equal(7, agenda.Entries.Count);
        Assert.Equal(6, agenda.Entries.Select(e => e.Partner).OfType<string>().Distinct().Count());
    }

    [Fact]
    public void Rounds_after_everyone_has_met_are_not_returned()
    {
        var (a, b) = PlanningWorkload.Groups(3, 4);
        var schedule = SpeedDateScheduler.Schedule(new SpeedDateRequest { GroupA = a, GroupB = b, Tables = 10, Rounds = 9 });
        Assert.Equal(9, schedule.RoundsRequested);
        Assert.Equal(4, schedule.Rounds.Count);
        Assert.Equal(12, schedule.PairsMet);
    }

    [Fact]
    public void A_must_meet_pair_that_cannot_fit_is_reported()
    {
        // a01 must meet three people in two rounds: one of them cannot be placed.
        var (a, b) = PlanningWorkload.Groups(2, 3);
        var schedule = SpeedDateScheduler.Schedule(new SpeedDateRequest
        {
            GroupA = a, GroupB = b, Tables = 2, Rounds = 2,
            MustMeet = [new("a01", "b01"), new("b02", "a01"), new("a01", "b03")],
        });
        var unmet = Assert.Single(schedule.MustMeetUnmet);
        Assert.Equal("a01", unmet.A);
        Assert.Equal(4, schedule.PairsMet);
    }

    [Fact]
    public void Must_not_meet_pairs_never_sit_together_even_when_time_allows_everything()
    {
        var (a, b) = PlanningWorkload.Groups(4, 4);
        var schedule = SpeedDateScheduler.Schedule(new SpeedDateRequest
        {
            GroupA = a, GroupB = b, Tables = 4, Rounds = 4, MustNotMeet = [new("a01", "b01"), new("a02", "b03")],
        });
        Assert.Equal(14, schedule.PairsAllowed);
        Assert.Equal(14, schedule.PairsMet);
        Assert.DoesNotContain(schedule.Rounds.SelectMany(r => r.Seats), s => (s.A, s.B) is ("a01", "b01") or ("a02", "b03"));
    }

    public static TheoryData<string, Func<SpeedDateRequest, SpeedDateRequest>> Invalid => new()
    {
        { "group-empty", r => r with { GroupA = [] } },
        { "group-empty", r => r with { GroupB = [] } },
        { "tables-invalid", r => r with { Tables = 0 } },
        { "rounds-invalid", r => r with { Rounds = 0 } },
        { "rounds-invalid", r => r with { Rounds = null } },
        { "rounds-invalid", r => r with { Rounds = null, TotalTime = TimeSpan.FromMinutes(5), RoundLength = TimeSpan.FromMinutes(8) } },
        { "rounds-invalid", r => r with { Rounds = SpeedDateRequest.MaxRounds + 1 } },
        { "participant-in-both-groups", r => r with { GroupB = ["b01", "a02"] } },
        { "duplicate-participant", r => r with { GroupA = ["a01", "a02", "a01"] } },
        { "participant-id-invalid", r => r with { GroupA = ["a01", " "] } },
        { "unknown-participant", r => r with { MustMeet = [new("a01", "zz")] } },
        { "unknown-participant", r => r with { MustNotMeet = [new("x", "b01")] } },
        { "pair-invalid", r => r with { MustMeet = [new("a01", "a02")] } },
        { "pair-contradiction", r => r with { MustMeet = [new("a01", "b01")], MustNotMeet = [new("b01", "a01")] } },
        { "group-too-large", r => r with { GroupA = Enumerable.Range(0, SpeedDateRequest.MaxGroupSize + 1).Select(i => $"x{i}").ToArray() } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Bad_requests_are_refused_with_a_code(string code, Func<SpeedDateRequest, SpeedDateRequest> spoil)
    {
        var valid = new SpeedDateRequest { GroupA = ["a01", "a02"], GroupB = ["b01", "b02"], Tables = 2, Rounds = 2 };
        var error = Assert.Throws<PlanningException>(() => SpeedDateScheduler.Schedule(spoil(valid)));
        Assert.Equal(code, error.Code);
        Assert.NotEmpty(error.Text.Nl);
        Assert.NotEmpty(error.Text.En);
    }

    /// <summary>Everything that must hold of any schedule, constrained or not.</summary>
    private static bool Valid(Case c, SpeedDateSchedule s)
    {
        var request = c.Request();
        var groupA = request.GroupA.ToHashSet();
        var groupB = request.GroupB.ToHashSet();
        var met = new HashSet<(string, string)>();
        if (s.Rounds.Count > c.Rounds || s.RoundsRequested != c.Rounds) return false;
        for (var r = 0; r < s.Rounds.Count; r++)
        {
            var round = s.Rounds[r];
            if (round.Number != r + 1 || round.Seats.Count == 0 || round.Seats.Count > c.Tables) return false;
            if (round.Seats.Select(x => x.Table).Distinct().Count() != round.Seats.Count || round.Seats.Any(x => x.Table < 1 || x.Table > c.Tables)) return false;
            if (round.Seats.Any(x => !groupA.Contains(x.A) || !groupB.Contains(x.B))) return false;
            // Nobody in two places at once; the idle lists are exactly everyone else.
            if (round.Seats.Select(x => x.A).Distinct().Count() != round.Seats.Count) return false;
            if (round.Seats.Select(x => x.B).Distinct().Count() != round.Seats.Count) return false;
            if (!round.IdleA.ToHashSet().SetEquals(groupA.Except(round.Seats.Select(x => x.A))) || round.IdleA.Count + round.Seats.Count != groupA.Count) return false;
            if (!round.IdleB.ToHashSet().SetEquals(groupB.Except(round.Seats.Select(x => x.B))) || round.IdleB.Count + round.Seats.Count != groupB.Count) return false;
            foreach (var seat in round.Seats)
            {
                if (!met.Add((seat.A, seat.B))) return false;   // no pair twice
            }
        }
        if (request.MustNotMeet.Any(p => met.Contains((p.A, p.B)))) return false;
        var unmet = request.MustMeet.Where(p => !met.Contains((p.A, p.B))).ToList();
        if (!unmet.SequenceEqual(s.MustMeetUnmet)) return false;
        if (s.PairsMet != met.Count || s.PairsAllowed != c.A * c.B - c.MustNot.Length) return false;
        if (s.PairsUpperBound != Math.Min(s.PairsAllowed, c.Rounds * Math.Min(c.Tables, Math.Min(c.A, c.B)))) return false;
        // Agendas say the same as the rounds.
        if (s.Agendas.Count != c.A + c.B) return false;
        foreach (var agenda in s.Agendas)
        {
            if (agenda.Entries.Count != s.Rounds.Count) return false;
            foreach (var entry in agenda.Entries)
            {
                var seat = s.Rounds[entry.Round - 1].Seats.SingleOrDefault(x => (agenda.Group == SpeedDateGroup.A ? x.A : x.B) == agenda.Id);
                if (seat is null ? entry.Table is not null || entry.Partner is not null
                    : entry.Table != seat.Table || entry.Partner != (agenda.Group == SpeedDateGroup.A ? seat.B : seat.A)) return false;
            }
        }
        return true;
    }

    private static bool Fair(SpeedDateSchedule s, SpeedDateGroup group)
    {
        var idle = s.Agendas.Where(a => a.Group == group).Select(a => a.IdleRounds).ToList();
        return idle.Max() - idle.Min() <= 1;
    }

    private static string Json(SpeedDateSchedule s) => JsonSerializer.Serialize(s);
}
