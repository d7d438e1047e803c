namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>
/// uncovered-municipality (DESIGN.md §3.2): municipalities of the region where no organisation active there, and
/// none of its people, took part in a platform that met or in a meeting during the activity window.
/// </summary>
internal static class CoverageDetector
{
    public static IEnumerable<BlindSpotFinding> Find(NetworkActivity a)
    {
        var g = a.Graph;
        IEnumerable<int> municipalities = g.NodesOfKind(Vocabulary.Municipality);
        if (a.RegionId is not null)
        {
            var region = g.IndexOf(a.RegionId);
            municipalities = region < 0 ? [] : g.Related(region, Vocabulary.PartOf, Direction.Incoming).Where(m => g.IsKind(m, Vocabulary.Municipality));
        }
        var platformMet = new Dictionary<int, bool>();
        bool Met(int platform) => platformMet.TryGetValue(platform, out var met) ? met
            : platformMet[platform] = a.MeetingsOf(platform).Any(m => a.HeldInWindow[m]);
        bool TakesPart(int actor) =>
            g.Related(actor, Vocabulary.MemberOf, Direction.Outgoing).Any(Met)
            || g.Related(actor, Vocabulary.Attended, Direction.Outgoing).Any(m => a.HeldInWindow[m]);

        foreach (var municipality in municipalities.Distinct().Order())
        {
            var organisations = g.Related(municipality, Vocabulary.ActiveIn, Direction.Incoming).Where(o => g.IsKind(o, Vocabulary.Organisation)).ToList();
            var people = organisations.SelectMany(a.Staff).Distinct().ToList();
            if (organisations.Any(TakesPart) || people.Any(TakesPart)) continue;
            var name = a.Name(municipality);
            var since = NetworkActivity.Date(NetworkActivity.NextDay(a.WindowStart));
            var known = organisations.Count > 0;
            yield return new BlindSpotFinding
            {
                Id = BlindSpotFinding.StableId(BlindSpotKinds.UncoveredMunicipality, a.Id(municipality)),
                Kind = BlindSpotKinds.UncoveredMunicipality,
                Severity = known ? Severity.Medium : Severity.High,
                Title = new($"{name} is niet vertegenwoordigd in het overleg", $"{name} is missing from the network's meetings"),
                Explanation = known
                    ? new($"Sinds {since.Nl} nam geen enkele organisatie of persoon uit {name} deel aan een overlegplatform of activiteit. Gekende organisaties daar: {a.Names(organisations).Nl}.",
                        $"Since {since.En} no organisation or person from {name} took part in a platform or meeting. Known organisations there: {a.Names(organisations).En}.")
                    : new($"Er is geen enkele organisatie uit {name} gekend in het netwerk, dus ook niemand die er sinds {since.Nl} aan overleg deelnam.",
                        $"No organisation from {name} is known in the network, so nobody from there took part in any meeting since {since.En}."),
                Suggestion = known
                    ? new($"Contacteer {a.Names(organisations, 2).Nl} en nodig hen uit op het volgende lerend netwerk of een meet & greet.",
                        $"Contact {a.Names(organisations, 2).En} and invite them to the next learning network or a meet & greet.")
                    : new($"Breng de partners in {name} in kaart (lokaal bestuur, OCMW, sociale-economiebedrijven) en voeg ze toe aan het netwerk.",
                        $"Map the partners in {name} (local government, OCMW, social-economy firms) and add them to the network."),
                Evidence = BlindSpotEvidence.Of(new[] { municipality }.Concat(organisations).Concat(people).Select(a.Id)),
            };
        }
    }
}
