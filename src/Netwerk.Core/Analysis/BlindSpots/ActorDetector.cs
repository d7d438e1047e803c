namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>
/// isolated-actor and single-person-tie (DESIGN.md §3.4): organisations without any tie to the network (no
/// membership, agreement, project or partner link of their own, and none of their people in a platform or at a
/// meeting), and organisations whose every tie runs through one person.
/// </summary>
internal static class ActorDetector
{
    private static readonly string[] OrganisationTies = [Vocabulary.MemberOf, Vocabulary.PartyTo, Vocabulary.CollaboratesWith, Vocabulary.Supplies];

    public static IEnumerable<BlindSpotFinding> Find(NetworkActivity a)
    {
        var g = a.Graph;
        foreach (var organisation in g.NodesOfKind(Vocabulary.Organisation))
        {
            if (HasOwnTie(g, organisation)) continue;
            var staff = a.Staff(organisation);
            var tied = staff.Select(p => (Person: p, Ties: PersonTies(a, p))).Where(x => x.Ties.Count > 0).ToList();
            var name = a.Name(organisation);
            if (tied.Count == 0)
            {
                yield return new BlindSpotFinding
                {
                    Id = BlindSpotFinding.StableId(BlindSpotKinds.IsolatedActor, a.Id(organisation)),
                    Kind = BlindSpotKinds.IsolatedActor,
                    Severity = Severity.Medium,
                    Title = new($"{name} staat los van het netwerk", $"{name} is not connected to the network"),
                    Explanation = new(
                        $"{name} is bij geen enkel overlegplatform, overeenkomst of project betrokken, heeft geen gekende samenwerking, en niemand van {name} nam deel aan een activiteit.{(staff.Count == 0 ? " Er is ook geen contactpersoon gekend." : "")}",
                        $"{name} takes part in no platform, agreement or project, has no known partnership, and nobody from {name} attended a meeting.{(staff.Count == 0 ? " No contact person is known either." : "")}"),
                    Suggestion = new(
                        $"Zoek een contactpersoon bij {name} en nodig die uit op een inspiratiemoment of het passende lerend netwerk.",
                        $"Find a contact person at {name} and invite them to an inspiration session or the fitting learning network."),
                    Evidence = BlindSpotEvidence.Of(new[] { organisation }.Concat(staff).Select(a.Id)),
                };
            }
            else if (tied.Count == 1)
            {
                var (person, ties) = tied[0];
                var personName = a.Name(person);
                var platform = ties.FirstOrDefault(t => g.IsKind(t, Vocabulary.Platform), -1);
                yield return new BlindSpotFinding
                {
                    Id = BlindSpotFinding.StableId(BlindSpotKinds.SinglePersonTie, a.Id(organisation)),
                    Kind = BlindSpotKinds.SinglePersonTie,
                    Severity = Severity.Medium,
                    Title = new($"{name} hangt aan één persoon: {personName}", $"{name} hangs on one person: {personName}"),
                    Explanation = new(
                        $"Alle banden van {name} met het netwerk ({ties.Count} platform(en) of activiteit(en), o.a. {a.Names(ties, 2).Nl}) lopen via {personName}. Vertrekt {personName}, dan verdwijnt {name} uit het netwerk.",
                        $"Every tie of {name} to the network ({ties.Count} platform(s) or meeting(s), e.g. {a.Names(ties, 2).En}) runs through {personName}. If {personName} leaves, {name} drops out of the network."),
                    Suggestion = platform >= 0
                        ? new($"Betrek een tweede medewerker van {name}, bv. als lid van {a.Name(platform)}, of laat de organisatie zelf lid worden.",
                            $"Involve a second person from {name}, e.g. as a member of {a.Name(platform)}, or have the organisation itself join.")
                        : new($"Nodig naast {personName} een tweede medewerker van {name} uit op de volgende activiteit, of zoek een platform waar {name} lid van kan worden.",
                            $"Invite a second person from {name} besides {personName} to the next meeting, or find a platform {name} can join."),
                    Evidence = BlindSpotEvidence.Of(
                        new[] { organisation, person }.Concat(ties).Select(a.Id),
                        ties.Take(5).Select(t => (IReadOnlyList<string>)[a.Id(organisation), a.Id(person), a.Id(t)])),
                };
            }
        }
    }

    private static bool HasOwnTie(GraphSnapshot g, int organisation)
    {
        foreach (var r in g.RelationshipsOf(organisation))
        {
            var type = g.RelationshipType(r);
            if (OrganisationTies.Contains(type)) return true;
            // PART_OF between organisations (a department of a larger body) ties it in; PART_OF a region does not exist for organisations.
            if (type == Vocabulary.PartOf && g.IsKind(g.RelationshipFrom(r) == organisation ? g.RelationshipTo(r) : g.RelationshipFrom(r), Vocabulary.Organisation)) return true;
        }
        return false;
    }

    /// <summary>Platforms a person is a member of and meetings they attended up to the reference date.</summary>
    private static List<int> PersonTies(NetworkActivity a, int person) =>
        [.. a.Graph.Related(person, Vocabulary.MemberOf, Direction.Outgoing)
            .Concat(a.Graph.Related(person, Vocabulary.Attended, Direction.Outgoing).Where(m => a.Held[m]))
            .Distinct()];
}
