using Netwerk.Core.Schema;

namespace Netwerk.Core.Analysis.BlindSpots;

/// <summary>
/// unaddressed-need (DESIGN.md §3.1): open signals that no platform, agreement, project or organisation takes up —
/// or only one does. A signal counts as taken up through its themes too: a platform working on "taal" answers the
/// signal "wachtlijsten Nederlands" about taal. Themes discussed at meetings in the activity window are checked the
/// same way, unless a signal finding already names them.
/// </summary>
internal static class NeedDetector
{
    private static readonly string[] StructuralKinds = [Vocabulary.Platform, Vocabulary.Agreement, Vocabulary.Project, Vocabulary.Organisation];

    public static IEnumerable<BlindSpotFinding> Find(NetworkActivity a)
    {
        var g = a.Graph;
        var minimum = a.Options.MinimumAddressers;
        var themesWithSignalFindings = new HashSet<int>();
        var findings = new List<BlindSpotFinding>();
        foreach (var signal in g.NodesOfKind(Vocabulary.Signal))
        {
            if (g.Text(signal, "status") is "opgevolgd" or "gesloten") continue;
            var raisedOn = g.Date(signal, "raisedOn");
            if (raisedOn > a.AsOf) continue;
            var themes = g.Related(signal, Vocabulary.About, Direction.Outgoing).Where(t => g.IsKind(t, Vocabulary.Theme)).ToList();
            var addressers = Addressers(g, signal).Union(themes.SelectMany(t => Addressers(g, t))).ToList();
            if (addressers.Count >= minimum) continue;
            themesWithSignalFindings.UnionWith(themes);
            var meetings = g.Related(signal, "RAISED_AT", Direction.Outgoing);
            var places = g.Related(signal, Vocabulary.About, Direction.Outgoing).Where(m => g.IsKind(m, Vocabulary.Municipality));
            var title = a.Name(signal);
            var themeNames = a.Names(themes);
            var raised = raisedOn is { } r ? NetworkActivity.Date(r) : null;
            findings.Add(new BlindSpotFinding
            {
                Id = BlindSpotFinding.StableId(BlindSpotKinds.UnaddressedNeed, "signal:" + a.Id(signal)),
                Kind = BlindSpotKinds.UnaddressedNeed,
                Severity = addressers.Count == 0 ? Severity.High : Severity.Medium,
                Title = addressers.Count == 0
                    ? new($"Signaal zonder aanpak: {title}", $"Need nobody takes up: {title}")
                    : new($"Signaal hangt af van één partner: {title}", $"Need taken up by one partner only: {title}"),
                Explanation = addressers.Count == 0
                    ? new(
                        $"Het signaal '{title}'{(raised is null ? "" : $" (gemeld op {raised.Nl})")} wordt door geen enkel overlegplatform, overeenkomst, project of organisatie opgenomen{(themes.Count > 0 ? $", ook niet via het thema {themeNames.Nl}" : "")}.",
                        $"The signal '{title}'{(raised is null ? "" : $" (raised on {raised.En})")} is taken up by no platform, agreement, project or organisation{(themes.Count > 0 ? $", not even through the theme {themeNames.En}" : "")}.")
                    : new(
                        $"Het signaal '{title}' wordt enkel opgenomen door {a.Name(addressers[0])}. Valt die partner weg, dan blijft het signaal liggen.",
                        $"The signal '{title}' is taken up only by {a.Name(addressers[0])}. If that partner drops out, the need is left unanswered."),
                Suggestion = new(
                    $"Breng '{title}' op het volgende overleg van een passend platform en zoek een trekker{(themes.Count > 0 ? $", of plan een inspiratiemoment rond {themeNames.Nl}" : "")}.",
                    $"Put '{title}' on the agenda of a fitting platform and find a lead{(themes.Count > 0 ? $", or plan an inspiration session on {themeNames.En}" : "")}."),
                Evidence = BlindSpotEvidence.Of(
                    new[] { signal }.Concat(themes).Concat(addressers).Concat(meetings).Concat(places).Select(a.Id),
                    dates: raisedOn is { } d ? [d] : null),
            });
        }

        foreach (var theme in g.NodesOfKind(Vocabulary.Theme))
        {
            if (themesWithSignalFindings.Contains(theme)) continue;
            var meetings = g.Related(theme, Vocabulary.Addresses, Direction.Incoming).Where(m => g.IsKind(m, Vocabulary.Meeting) && a.HeldInWindow[m]).ToList();
            if (meetings.Count == 0) continue;
            var addressers = Addressers(g, theme).ToList();
            if (addressers.Count >= minimum) continue;
            var name = a.Name(theme);
            var raisedBy = new LocalizedText(
                meetings.Count == 1 ? "op 1 activiteit" : $"op {meetings.Count} activiteiten",
                meetings.Count == 1 ? "at 1 meeting" : $"at {meetings.Count} meetings");
            findings.Add(new BlindSpotFinding
            {
                Id = BlindSpotFinding.StableId(BlindSpotKinds.UnaddressedNeed, "theme:" + a.Id(theme)),
                Kind = BlindSpotKinds.UnaddressedNeed,
                Severity = addressers.Count == 0 ? Severity.Medium : Severity.Low,
                Title = addressers.Count == 0
                    ? new($"Thema zonder trekker: {name}", $"Theme without a lead: {name}")
                    : new($"Thema rust op één partner: {name}", $"Theme resting on one partner: {name}"),
                Explanation = addressers.Count == 0
                    ? new($"Het thema '{name}' kwam aan bod ({raisedBy.Nl}), maar geen enkel platform, overeenkomst, project of organisatie werkt er structureel rond.",
                        $"The theme '{name}' came up ({raisedBy.En}), but no platform, agreement, project or organisation works on it.")
                    : new($"Het thema '{name}' kwam aan bod ({raisedBy.Nl}) en enkel {a.Name(addressers[0])} werkt er structureel rond.",
                        $"The theme '{name}' came up ({raisedBy.En}) and only {a.Name(addressers[0])} works on it."),
                Suggestion = new($"Zoek partners die '{name}' mee willen trekken, bv. via een werkgroep of een thema in het jaaractieplan.",
                    $"Find partners to take '{name}' forward, e.g. a working group or a theme in the yearly action plan."),
                Evidence = BlindSpotEvidence.Of(new[] { theme }.Concat(meetings).Concat(addressers).Select(a.Id),
                    dates: meetings.Select(m => a.MeetingDate[m]).OfType<DateOnly>()),
            });
        }
        return findings;
    }

    /// <summary>Platforms, agreements, projects and organisations with ADDRESSES to the node.</summary>
    private static IEnumerable<int> Addressers(GraphSnapshot g, int node) =>
        g.Related(node, Vocabulary.Addresses, Direction.Incoming).Where(x => StructuralKinds.Any(k => g.IsKind(x, k)));
}
