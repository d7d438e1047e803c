using Netwerk.Core.Planning;

namespace Netwerk.Core.Tests.Planning;

/// <summary>
/// Realistic sizes for the planning engine, shared by the tests and the benchmark console (which links this file):
/// a slot search for 200 invitees over a school term, and a large meet &amp; greet.
/// </summary>
public static class PlanningWorkload
{
    /// <summary>200 invitees with four meetings each (40 meetings shared by ~20 people) over 13 weeks from 1 September 2025.</summary>
    public static SlotRequest SlotRequest(int seed)
    {
        var brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
        var random = new Random(seed);
        var first = new DateOnly(2025, 9, 1);
        var meetings = Enumerable.Range(0, 40).Select(m =>
        {
            var local = first.AddDays(random.Next(0, 91)).ToDateTime(new TimeOnly(8 + random.Next(0, 9), 30 * random.Next(0, 2)));
            var start = new DateTimeOffset(local, brussels.GetUtcOffset(local));
            return new BusyInterval("", $"meeting-{m}", $"Overleg {m}", start, start.AddMinutes(30 * random.Next(2, 7)));
        }).ToArray();
        var invitees = Enumerable.Range(0, 200).Select(i => $"person-{i:D3}").ToArray();
        var busy = invitees.SelectMany(person => Enumerable.Range(0, 40).OrderBy(_ => random.Next()).Take(4)
            .Select(m => meetings[m] with { PersonId = person })).ToList();
        return new SlotRequest
        {
            FirstDay = first, LastDay = first.AddDays(90), Duration = TimeSpan.FromHours(2),
            Invitees = invitees, Busy = busy, MaxResults = 10,
        };
    }

    /// <summary>Two groups of the given sizes with ids <c>a01</c>…, <c>b01</c>….</summary>
    public static (string[] A, string[] B) Groups(int a, int b) =>
        (Enumerable.Range(1, a).Select(i => $"a{i:D2}").ToArray(), Enumerable.Range(1, b).Select(i => $"b{i:D2}").ToArray());
}
