using Netwerk.Core.Schema;

namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>
/// dormant-member and platform-behind-cadence (DESIGN.md §3.6): members who attended none of their platform's
/// meetings for months, and platforms that met less often than their intended cadence (ROSE met once in 2023).
/// </summary>
internal static class DormancyDetector
{
    public static IEnumerable<BlindSpotFinding> DormantMembers(NetworkActivity a)
    {
        var g = a.Graph;
        var o = a.Options;
        var since = NetworkActivity.AddMonths(a.AsOf, -o.DormantMonths);
        foreach (var platform in g.NodesOfKind(Vocabulary.Platform))
        {
            if (!a.IsActivePlatform(platform)) continue;
            // Only meetings whose attendance was registered can show who stayed away.
            var meetings = a.MeetingsOf(platform)
                .Where(m => a.Held[m] && a.MeetingDate[m] > since && g.Related(m, Vocabulary.Attended, Direction.Incoming).Count > 0)
                .Order().ToList();
            if (meetings.Count < o.DormantMinimumMissedMeetings) continue;
            var attendees = meetings.SelectMany(m => g.Related(m, Vocabulary.Attended, Direction.Incoming)).ToHashSet();
            // When each person last attended this platform, over all its meetings up to the reference date.
            var lastAttended = new Dictionary<int, DateOnly>();
            foreach (var m in a.MeetingsOf(platform))
            {
                if (!a.Held[m] || a.MeetingDate[m] is not { } date) continue;
                foreach (var p in g.Related(m, Vocabulary.Attended, Direction.Incoming))
                {
                    if (!lastAttended.TryGetValue(p, out var known) || date > known) lastAttended[p] = date;
                }
            }
            foreach (var r in g.RelationshipsOf(platform).ToArray())
            {
                if (g.RelationshipType(r) != Vocabulary.MemberOf || g.RelationshipTo(r) != platform) continue;
                // A member who joined during the window has not had the time to be dormant.
                if (g.RelationshipValidFrom(r) > since) continue;
                var member = g.RelationshipFrom(r);
                var isPerson = g.IsKind(member, Vocabulary.Person);
                var people = isPerson ? [member] : a.Staff(member);
                if (people.Any(attendees.Contains)) continue;
                var role = g.RelationshipProperties(r).TryGetValue("role", out var value) ? value.GetString() : null;
                var lastEver = people.Select(p => lastAttended.TryGetValue(p, out var d) ? d : (DateOnly?)null).Max();
                var name = a.Name(member);
                var platformName = a.Name(platform);
                var sinceText = NetworkActivity.Date(NetworkActivity.NextDay(since));
                var last = lastEver is { } l
                    ? new LocalizedText($" De laatste keer was op {NetworkActivity.Date(l).Nl}.", $" The last time was on {NetworkActivity.Date(l).En}.")
                    : new LocalizedText(" Er is geen aanwezigheid geregistreerd.", " No attendance is on record.");
                var roleText = role is null ? "" : $" ({role})";
                var meetingsNl = meetings.Count == 1 ? "de enige bijeenkomst" : $"de {meetings.Count} bijeenkomsten";
                var meetingsEn = meetings.Count == 1 ? "its only meeting" : $"its {meetings.Count} meetings";
                yield return new BlindSpotFinding
                {
                    Id = BlindSpotFinding.StableId(BlindSpotKinds.DormantMember, $"{a.Id(member)}|{a.Id(platform)}"),
                    Kind = BlindSpotKinds.DormantMember,
                    Severity = role is "trekker" or "voorzitter" ? Severity.Medium : Severity.Low,
                    Title = new($"{name} is niet meer actief in {platformName}", $"{name} is no longer active in {platformName}"),
                    Explanation = isPerson
                        ? new($"{name} is lid van {platformName}{roleText}, maar was niet aanwezig op {meetingsNl} sinds {sinceText.Nl}.{last.Nl}",
                            $"{name} is a member of {platformName}{roleText}, but missed {meetingsEn} since {sinceText.En}.{last.En}")
                        : new($"{name} is lid van {platformName}{roleText}, maar niemand van {name} was aanwezig op {meetingsNl} sinds {sinceText.Nl}.{last.Nl}",
                            $"{name} is a member of {platformName}{roleText}, but nobody from {name} came to {meetingsEn} since {sinceText.En}.{last.En}"),
                    Suggestion = new(
                        $"Vraag na of het lidmaatschap van {name} nog klopt, of zoek een vervanger die wel kan aansluiten.",
                        $"Check whether {name}'s membership still holds, or find a substitute who can take part."),
                    Evidence = BlindSpotEvidence.Of(new[] { member, platform }.Concat(meetings).Select(a.Id),
                        dates: meetings.Select(m => a.MeetingDate[m]).OfType<DateOnly>()),
                };
            }
        }
    }

    public static IEnumerable<BlindSpotFinding> PlatformsBehindCadence(NetworkActivity a)
    {
        var g = a.Graph;
        var o = a.Options;
        foreach (var platform in g.NodesOfKind(Vocabulary.Platform))
        {
            if (!a.IsActivePlatform(platform) || g.Integer(platform, "cadencePerYear") is not (> 0 and var cadence)) continue;
            var expected = (int)Math.Round(cadence * o.ActivityWindowMonths / 12.0, MidpointRounding.AwayFromZero);
            var held = a.MeetingsOf(platform).Where(m => a.HeldInWindow[m]).OrderBy(m => a.MeetingDate[m]).ToList();
            if (held.Count + o.CadenceTolerance >= expected) continue;
            var leads = LeadsOf(g, platform);
            var name = a.Name(platform);
            var dates = held.Select(m => a.MeetingDate[m]).OfType<DateOnly>().ToList();
            var from = NetworkActivity.Date(NetworkActivity.NextDay(a.WindowStart));
            var to = NetworkActivity.Date(a.AsOf);
            var when = dates.Count == 0 ? new LocalizedText("", "")
                : new LocalizedText($" ({string.Join(", ", dates.Select(d => NetworkActivity.Date(d).Nl))})", $" ({string.Join(", ", dates.Select(d => NetworkActivity.Date(d).En))})");
            var times = new LocalizedText(held.Count == 1 ? "één keer" : held.Count == 0 ? "geen enkele keer" : $"{held.Count} keer", held.Count == 1 ? "once" : held.Count == 0 ? "not at all" : $"{held.Count} times");
            yield return new BlindSpotFinding
            {
                Id = BlindSpotFinding.StableId(BlindSpotKinds.PlatformBehindCadence, a.Id(platform)),
                Kind = BlindSpotKinds.PlatformBehindCadence,
                Severity = held.Count * 2 <= expected ? Severity.High : Severity.Medium,
                Title = new($"{name} kwam minder samen dan gepland ({held.Count} van {expected} keer)", $"{name} met less often than intended ({held.Count} of {expected} times)"),
                Explanation = new(
                    $"{name} wil {cadence} keer per jaar samenkomen, maar kwam van {from.Nl} tot {to.Nl} {times.Nl} samen{when.Nl}.",
                    $"{name} intends to meet {cadence} times a year, but met {times.En} from {from.En} to {to.En}{when.En}."),
                Suggestion = leads.Count > 0
                    ? new($"Bespreek met {a.Names(leads, 3).Nl} of het ritme, de vorm of de samenstelling van {name} nog past, bv. kleinere klankbordgroepen of thematische inspiratiemomenten.",
                        $"Discuss with {a.Names(leads, 3).En} whether the rhythm, format or membership of {name} still fits, e.g. smaller sounding boards or themed inspiration sessions.")
                    : new($"Ga na of {name} nog nodig is in deze vorm; plan de volgende bijeenkomst of zet het platform op inactief.",
                        $"Check whether {name} is still needed in this form; plan its next meeting or mark the platform inactive."),
                Evidence = BlindSpotEvidence.Of(new[] { platform }.Concat(held).Concat(leads).Select(a.Id), dates: dates),
            };
        }
    }

    /// <summary>Members with the role trekker or voorzitter.</summary>
    private static List<int> LeadsOf(GraphSnapshot g, int platform)
    {
        var leads = new List<int>();
        foreach (var r in g.RelationshipsOf(platform))
        {
            if (g.RelationshipType(r) != Vocabulary.MemberOf || g.RelationshipTo(r) != platform) continue;
            if (g.RelationshipProperties(r).TryGetValue("role", out var role) && role.GetString() is "trekker" or "voorzitter") leads.Add(g.RelationshipFrom(r));
        }
        return leads;
    }
}
