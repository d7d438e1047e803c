using System.Diagnostics;
using Netwerk.Core.Planning;
using Netwerk.Core.Tests.Planning;

namespace Netwerk.Benchmarks;

/// <summary>Timings of the planning engine at the sizes the meeting-planner issue names.</summary>
internal static class PlanningBench
{
    public static int Run()
    {
        Console.WriteLine($"Netwerk planning benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var request = PlanningWorkload.SlotRequest(seed: 2025);
        var finder = new SlotFinder();
        for (var i = 0; i < 50; i++) finder.Find(request);   // past tiered JIT
        var result = Median("slot search: 200 invitees × 4 meetings, 13 weeks, 30-min steps", () => finder.Find(request));
        Console.WriteLine($"  {request.Busy.Count} busy intervals, {result.SlotsConsidered} slots ranked, best has {result.Candidates[0].ConflictingInvitees.Count} conflicts");

        foreach (var (a, b, tables, rounds) in new[] { (6, 7, 6, 7), (50, 50, 25, 20), (100, 100, 50, 40) })
        {
            var (groupA, groupB) = PlanningWorkload.Groups(a, b);
            var speed = new SpeedDateRequest { GroupA = groupA, GroupB = groupB, Tables = tables, Rounds = rounds };
            for (var i = 0; i < 5; i++) SpeedDateScheduler.Schedule(speed);
            var schedule = Median($"speed dates {a}×{b}, {tables} tables, {rounds} rounds", () => SpeedDateScheduler.Schedule(speed));
            Console.WriteLine($"  {schedule.PairsMet} pairs met of {schedule.PairsUpperBound} possible in the time");
            var constrained = speed with { MustNotMeet = [new SpeedDatePair(groupA[0], groupB[0])], MustMeet = [new SpeedDatePair(groupA[1], groupB[^1])] };
            for (var i = 0; i < 2; i++) SpeedDateScheduler.Schedule(constrained);
            schedule = Median($"  same with one must-meet and one must-not-meet pair", () => SpeedDateScheduler.Schedule(constrained));
            Console.WriteLine($"  {schedule.PairsMet} pairs met of {schedule.PairsUpperBound} possible in the time");
        }
        return 0;
    }

    private static T Median<T>(string what, Func<T> action)
    {
        var times = new List<double>();
        T result = action();
        for (var i = 0; i < 21; i++)
        {
            var watch = Stopwatch.StartNew();
            result = action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{what,-66} {times[times.Count / 2],8:F2} ms median of {times.Count}");
        return result;
    }
}
