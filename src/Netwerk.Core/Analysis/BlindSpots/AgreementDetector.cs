namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>
/// agreement-expiring and agreement-without-follow-up (DESIGN.md §3.7): agreements ending soon with no successor
/// of the same type between the same parties (at least two of them); running agreements no platform follows up, or whose follow-up platforms did
/// not meet; and themes of an agreement on which nothing happens.
/// </summary>
internal static class AgreementDetector
{
    public static IEnumerable<BlindSpotFinding> Expiring(NetworkActivity a)
    {
        var g = a.Graph;
        var o = a.Options;
        var agreements = g.NodesOfKind(Vocabulary.Agreement);
        var horizon = NetworkActivity.AddMonths(a.AsOf, o.ExpiringWithinMonths);
        foreach (var agreement in agreements)
        {
            if (g.Date(agreement, "endDate") is not { } end || end < a.AsOf || end > horizon) continue;
            var start = g.Date(agreement, "startDate");
            var parties = Parties(g, agreement);
            // A successor is of the same type, starts later, ends later and shares at least two of the parties (all of
            // them when there are fewer): POM – 4Werk is no successor of POM – STAM just because POM signs both, and a
            // broad engagementsverklaring both sign does not replace their cooperation agreement.
            var needed = Math.Min(2, parties.Count);
            var type = g.Text(agreement, "type");
            var successor = parties.Count > 0 && agreements.Any(other => other != agreement
                && g.Text(other, "type") == type
                && g.Date(other, "startDate") is { } s && (start is null || s > start)
                && (g.Date(other, "endDate") is not { } e || e > end)
                && Parties(g, other).Count(parties.Contains) >= needed);
            if (successor) continue;
            var title = a.Name(agreement);
            var followers = g.Related(agreement, Vocabulary.FollowsUp, Direction.Incoming);
            var months = (end.Year - a.AsOf.Year) * 12 + end.Month - a.AsOf.Month;
            var endText = NetworkActivity.Date(end);
            var names = a.Names(parties, 4);
            yield return new BlindSpotFinding
            {
                Id = BlindSpotFinding.StableId(BlindSpotKinds.AgreementExpiring, a.Id(agreement)),
                Kind = BlindSpotKinds.AgreementExpiring,
                Severity = end <= NetworkActivity.AddMonths(a.AsOf, o.ExpiringHighWithinMonths) ? Severity.High : Severity.Medium,
                Title = new($"'{title}' loopt af op {endText.Nl} zonder opvolger", $"'{title}' ends on {endText.En} with no successor"),
                Explanation = new(
                    $"De overeenkomst{(parties.Count > 0 ? $" tussen {names.Nl}" : "")} eindigt op {endText.Nl}, binnen {months} maand(en). Er is geen latere overeenkomst tussen dezelfde partijen.",
                    $"The agreement{(parties.Count > 0 ? $" between {names.En}" : "")} ends on {endText.En}, within {months} month(s). There is no later agreement between the same parties."),
                Suggestion = new(
                    $"Plan met {(parties.Count > 0 ? names.Nl : "de partijen")} een evaluatie en bespreek verlenging of een nieuwe overeenkomst vóór {endText.Nl}.",
                    $"Plan an evaluation with {(parties.Count > 0 ? names.En : "the parties")} and discuss renewal or a new agreement before {endText.En}."),
                Evidence = BlindSpotEvidence.Of(new[] { agreement }.Concat(parties).Concat(followers).Select(a.Id), dates: [end]),
            };
        }
    }

    public static IEnumerable<BlindSpotFinding> WithoutFollowUp(NetworkActivity a)
    {
        var g = a.Graph;
        foreach (var agreement in g.NodesOfKind(Vocabulary.Agreement))
        {
            var start = g.Date(agreement, "startDate");
            var end = g.Date(agreement, "endDate");
            if (start > a.AsOf || end < a.AsOf) continue;
            var title = a.Name(agreement);
            var parties = Parties(g, agreement);
            var followers = g.Related(agreement, Vocabulary.FollowsUp, Direction.Incoming);
            var activeFollowers = followers.Where(p => a.MeetingsOf(p).Any(m => a.HeldInWindow[m])).ToList();
            var since = NetworkActivity.Date(NetworkActivity.NextDay(a.WindowStart));
            if (followers.Count == 0 || activeFollowers.Count == 0)
            {
                yield return new BlindSpotFinding
                {
                    Id = BlindSpotFinding.StableId(BlindSpotKinds.AgreementWithoutFollowUp, a.Id(agreement)),
                    Kind = BlindSpotKinds.AgreementWithoutFollowUp,
                    Severity = Severity.Medium,
                    Title = followers.Count == 0
                        ? new($"Niemand volgt '{title}' op", $"Nobody follows up '{title}'")
                        : new($"'{title}' wordt enkel op papier opgevolgd", $"'{title}' is followed up on paper only"),
                    Explanation = followers.Count == 0
                        ? new($"De overeenkomst loopt{(start is { } s ? $" sinds {NetworkActivity.Date(s).Nl}" : "")}, maar geen enkel overlegplatform volgt ze op.",
                            $"The agreement has been running{(start is { } s2 ? $" since {NetworkActivity.Date(s2).En}" : "")}, but no platform follows it up.")
                        : new($"{a.Names(followers).Nl} volgt de overeenkomst op, maar kwam sinds {since.Nl} niet samen.",
                            $"{a.Names(followers).En} follows the agreement up, but has not met since {since.En}."),
                    Suggestion = followers.Count == 0
                        ? new($"Wijs een stuurgroep of werkgroep aan die de overeenkomst opvolgt, met vertegenwoordiging van {(parties.Count > 0 ? a.Names(parties).Nl : "alle partijen")}.",
                            $"Appoint a steering or working group to follow the agreement up, with {(parties.Count > 0 ? a.Names(parties).En : "all parties")} represented.")
                        : new($"Plan een bijeenkomst van {a.Names(followers).Nl} om de stand van de overeenkomst te bespreken.",
                            $"Plan a meeting of {a.Names(followers).En} to review where the agreement stands."),
                    Evidence = BlindSpotEvidence.Of(new[] { agreement }.Concat(parties).Concat(followers).Select(a.Id)),
                };
            }

            // Themes of the agreement nobody acts on: no platform or project works on them and no meeting addressed them recently.
            foreach (var theme in g.Related(agreement, Vocabulary.Addresses, Direction.Outgoing).Where(t => g.IsKind(t, Vocabulary.Theme)))
            {
                var acted = g.Related(theme, Vocabulary.Addresses, Direction.Incoming).Any(x =>
                    g.IsKind(x, Vocabulary.Platform) || g.IsKind(x, Vocabulary.Project) || (g.IsKind(x, Vocabulary.Meeting) && a.HeldInWindow[x]));
                if (acted) continue;
                var theme_ = a.Name(theme);
                yield return new BlindSpotFinding
                {
                    Id = BlindSpotFinding.StableId(BlindSpotKinds.AgreementWithoutFollowUp, $"{a.Id(agreement)}|{a.Id(theme)}"),
                    Kind = BlindSpotKinds.AgreementWithoutFollowUp,
                    Severity = Severity.Low,
                    Title = new($"Thema '{theme_}' van '{title}' zonder actie", $"Theme '{theme_}' of '{title}' without action"),
                    Explanation = new(
                        $"'{title}' werkt rond '{theme_}', maar geen enkel platform of project werkt eraan en geen activiteit sinds {since.Nl} ging erover.",
                        $"'{title}' covers '{theme_}', but no platform or project works on it and no meeting since {since.En} addressed it."),
                    Suggestion = new(
                        $"Neem '{theme_}' op in het jaaractieplan of richt er een werkgroep rond op.",
                        $"Put '{theme_}' in the yearly action plan or set up a working group on it."),
                    Evidence = BlindSpotEvidence.Of(new[] { agreement, theme }.Concat(parties).Select(a.Id)),
                };
            }
        }
    }

    private static HashSet<int> Parties(GraphSnapshot g, int agreement) =>
        [.. g.Related(agreement, Vocabulary.PartyTo, Direction.Incoming)];
}
