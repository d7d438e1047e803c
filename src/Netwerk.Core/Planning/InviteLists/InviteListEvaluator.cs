using System.Text.Json;
using Netwerk.Core.Analysis;
using Netwerk.Core.Analysis.BlindSpots;
using Netwerk.Core.Schema;

namespace Netwerk.Core.Planning.InviteLists;

/// <summary>A person on the list, with why: the rules that matched (<c>type:id</c> codes) and/or <c>added</c>.</summary>
public sealed record Invitee(string PersonId, string Name, string? Email, IReadOnlyList<string> Reasons, bool AddedByHand);

/// <summary>
/// A person a rule or an addition named but who is not on the list: <c>opt-out</c> (the person asked not to be
/// invited), <c>removed</c> (by hand), or <c>duplicate-email</c> (another person node with the same address is on the
/// list: <see cref="DuplicateOf"/>).
/// </summary>
public sealed record LeftOut(string PersonId, string Name, string Reason, string? DuplicateOf = null);

/// <summary>
/// An evaluated invite list, ordered by name. <see cref="WithoutEmail"/> are invitees who cannot be mailed (they are
/// on the list, flagged). <see cref="DuplicatesRemoved"/> counts the matches that did not add a person: someone
/// matched by two rules, or added by hand while a rule already had them, or a second node with the same address.
/// </summary>
public sealed record InviteListResult(IReadOnlyList<Invitee> Invitees, IReadOnlyList<LeftOut> LeftOut, IReadOnlyList<string> WithoutEmail, int DuplicatesRemoved);

/// <summary>
/// Evaluates invite lists over a <see cref="GraphSnapshot"/> (pure: the same snapshot and definition give the same
/// list). The snapshot's reference date decides which memberships and employments count.
/// </summary>
public static class InviteListEvaluator
{
    public const int MaxDepth = 6;
    public const int MaxRules = 100;

    /// <summary>Every problem of a definition against the graph, each with its JSON path under <paramref name="path"/>.</summary>
    public static List<ValidationError> Validate(InviteListDefinition definition, GraphSnapshot graph, string path = "")
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<ValidationError>();
        var count = 0;
        if (definition.Rule is { } rule) ValidateRule(rule, Join(path, "rule"), 1);
        for (var i = 0; i < (definition.Add ?? []).Count; i++) ExpectKind(definition.Add![i], Join(path, $"add[{i}]"), Vocabulary.Person);
        for (var i = 0; i < (definition.Remove ?? []).Count; i++) ExpectKind(definition.Remove![i], Join(path, $"remove[{i}]"), Vocabulary.Person);
        return errors;

        void ValidateRule(InviteListRule? rule, string at, int depth)
        {
            if (rule is null)
            {
                errors.Add(new(at, "required"));
                return;
            }
            if (++count == MaxRules + 1) errors.Add(new(at, "too-many-rules", MaxRules.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (depth > MaxDepth)
            {
                errors.Add(new(at, "rules-too-deep", MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return;
            }
            switch (rule)
            {
                case AllRule { Rules: var rules }:
                    Group(rules, at, depth);
                    break;
                case AnyRule { Rules: var rules }:
                    Group(rules, at, depth);
                    break;
                case PlatformMembersRule r:
                    ExpectKind(r.Platform, Join(at, "platform"), Vocabulary.Platform);
                    ExpectValues(r.Roles, Join(at, "roles"), RelationshipValues(Vocabulary.MemberOf, "role"));
                    break;
                case FunctionRule r:
                    if ((r.Functions ?? []).Count == 0 && r.Region is null && r.Municipality is null) errors.Add(new(at, "rule-empty"));
                    ExpectValues(r.Functions, Join(at, "functions"), NodeValues(Vocabulary.Person, "function"));
                    Area(r.Region, r.Municipality, at);
                    break;
                case OrganisationsRule r:
                    if ((r.Types ?? []).Count == 0 && (r.Sectors ?? []).Count == 0 && r.Region is null && r.Municipality is null) errors.Add(new(at, "rule-empty"));
                    ExpectValues(r.Types, Join(at, "types"), NodeValues(Vocabulary.Organisation, "type"));
                    ExpectValues(r.Sectors, Join(at, "sectors"), NodeValues(Vocabulary.Organisation, "sector"));
                    Area(r.Region, r.Municipality, at);
                    break;
                case StaffOfRule r:
                    if ((r.Organisations ?? []).Count == 0) errors.Add(new(Join(at, "organisations"), "rule-empty"));
                    for (var i = 0; i < (r.Organisations ?? []).Count; i++) ExpectKind(r.Organisations![i], Join(at, $"organisations[{i}]"), Vocabulary.Organisation);
                    break;
                case AgreementPartiesRule r:
                    ExpectKind(r.Agreement, Join(at, "agreement"), Vocabulary.Agreement, Vocabulary.Project);
                    break;
                case ThemeRule r:
                    ExpectKind(r.Theme, Join(at, "theme"), Vocabulary.Theme);
                    break;
                case AttendeesRule r:
                    if ((r.Meetings ?? []).Count == 0 && r.Platform is null) errors.Add(new(at, "rule-empty"));
                    for (var i = 0; i < (r.Meetings ?? []).Count; i++) ExpectKind(r.Meetings![i], Join(at, $"meetings[{i}]"), Vocabulary.Meeting);
                    if (r.Platform is not null) ExpectKind(r.Platform, Join(at, "platform"), Vocabulary.Platform);
                    break;
            }
        }

        void Group(IReadOnlyList<InviteListRule>? rules, string at, int depth)
        {
            if (rules is null || rules.Count == 0)
            {
                errors.Add(new(Join(at, "rules"), "rule-empty"));
                return;
            }
            for (var i = 0; i < rules.Count; i++) ValidateRule(rules[i], Join(at, $"rules[{i}]"), depth + 1);
        }

        void Area(string? region, string? municipality, string at)
        {
            if (region is not null) ExpectKind(region, Join(at, "region"), Vocabulary.Region);
            if (municipality is not null) ExpectKind(municipality, Join(at, "municipality"), Vocabulary.Municipality);
        }

        void ExpectKind(string? id, string at, params string[] kinds)
        {
            if (string.IsNullOrEmpty(id)) errors.Add(new(at, "required"));
            else if (!graph.TryGetIndex(id, out var node)) errors.Add(new(at, "unknown-node", id));
            else if (!kinds.Contains(graph.KindOf(node))) errors.Add(new(at, kinds[0] == Vocabulary.Person ? "not-a-person" : "wrong-kind", id, string.Join("/", kinds)));
        }

        void ExpectValues(IReadOnlyList<string>? values, string at, IReadOnlyList<string> allowed)
        {
            if (values is null || allowed.Count == 0) return;
            for (var i = 0; i < values.Count; i++)
            {
                if (!allowed.Contains(values[i])) errors.Add(new($"{at}[{i}]", "not-allowed", values[i] ?? "", string.Join(", ", allowed)));
            }
        }
    }

    /// <summary>
    /// The list: the rule's people plus additions, less removals and opt-outs, one entry per person and per e-mail
    /// address. Ids that do not name a person are skipped (validate first to report them).
    /// </summary>
    public static InviteListResult Evaluate(InviteListDefinition definition, GraphSnapshot graph)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(graph);
        var matches = 0;
        var reasons = definition.Rule is { } rule ? Match(rule, graph, ref matches) : [];
        foreach (var id in definition.Add ?? [])
        {
            if (!graph.TryGetIndex(id, out var person) || !graph.IsKind(person, Vocabulary.Person)) continue;
            matches++;
            if (!reasons.TryGetValue(person, out var list)) reasons[person] = list = [];
            if (!list.Contains("added")) list.Add("added");
        }
        var removed = (definition.Remove ?? []).Select(graph.IndexOf).Where(i => i >= 0).ToHashSet();

        var leftOut = new List<LeftOut>();
        var invitees = new List<Invitee>();
        var byEmail = new Dictionary<string, string>(StringComparer.Ordinal);
        var withoutEmail = new List<string>();
        var duplicates = matches - reasons.Count;
        // Ordinal id order decides which of two nodes with one address stays: deterministic, and usually the older one.
        foreach (var (person, why) in reasons.OrderBy(p => graph.IdOf(p.Key), StringComparer.Ordinal))
        {
            var id = graph.IdOf(person);
            var name = graph.NameOf(person);
            if (removed.Contains(person))
            {
                leftOut.Add(new LeftOut(id, name, "removed"));
                continue;
            }
            if (graph.Boolean(person, "invitationOptOut") == true)
            {
                leftOut.Add(new LeftOut(id, name, "opt-out"));
                continue;
            }
            var email = graph.Text(person, "email");
            if (!string.IsNullOrWhiteSpace(email))
            {
                var key = email.Trim().ToLowerInvariant();
                if (byEmail.TryGetValue(key, out var first))
                {
                    leftOut.Add(new LeftOut(id, name, "duplicate-email", first));
                    duplicates++;
                    continue;
                }
                byEmail[key] = id;
            }
            else
            {
                email = null;
                withoutEmail.Add(id);
            }
            invitees.Add(new Invitee(id, name, email, why.Order(StringComparer.Ordinal).ToList(), why.Contains("added")));
        }
        return new InviteListResult(
            invitees.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.PersonId, StringComparer.Ordinal).ToList(),
            leftOut.OrderBy(l => l.Reason, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal).ToList(),
            withoutEmail.Order(StringComparer.Ordinal).ToList(),
            duplicates);
    }

    private static Dictionary<int, List<string>> Match(InviteListRule rule, GraphSnapshot g, ref int matches)
    {
        switch (rule)
        {
            case AllRule { Rules: { Count: > 0 } rules }:
            {
                var inner = 0;
                var parts = rules.Select(r => Match(r, g, ref inner)).ToList();
                var result = parts[0];
                foreach (var part in parts.Skip(1))
                {
                    foreach (var person in result.Keys.ToList())
                    {
                        if (part.TryGetValue(person, out var more)) result[person] = [.. result[person].Union(more)];
                        else result.Remove(person);
                    }
                }
                // An intersection names each person once, however many rules agree.
                matches += result.Count;
                return result;
            }
            case AnyRule { Rules: var rules }:
            {
                var result = new Dictionary<int, List<string>>();
                foreach (var part in rules.Select(r =>
                         {
                             var inner = 0;
                             var matched = Match(r, g, ref inner);
                             return (matched, inner);
                         }))
                {
                    matches += part.inner;
                    foreach (var (person, why) in part.matched)
                    {
                        if (result.TryGetValue(person, out var list)) list.AddRange(why.Except(list));
                        else result[person] = [.. why];
                    }
                }
                return result;
            }
            case AllRule:
                return [];
        }

        var (people, reason) = Leaf(rule, g);
        matches += people.Count;
        return people.ToDictionary(p => p, _ => new List<string> { reason });
    }

    private static (HashSet<int> People, string Reason) Leaf(InviteListRule rule, GraphSnapshot g)
    {
        switch (rule)
        {
            case PlatformMembersRule r:
            {
                var people = new HashSet<int>();
                if (!g.TryGetIndex(r.Platform, out var platform)) return (people, $"platform-members:{r.Platform}");
                var roles = r.Roles is { Count: > 0 } given ? given.ToHashSet(StringComparer.Ordinal) : null;
                foreach (var rel in g.RelationshipsOf(platform))
                {
                    if (g.RelationshipType(rel) != Vocabulary.MemberOf || g.RelationshipTo(rel) != platform) continue;
                    var role = Text(g.RelationshipProperties(rel), "role") ?? "lid";
                    if (roles is not null && !roles.Contains(role)) continue;
                    var member = g.RelationshipFrom(rel);
                    if (g.IsKind(member, Vocabulary.Person)) people.Add(member);
                    else if (r.IncludeOrganisationStaff && g.IsKind(member, Vocabulary.Organisation)) people.UnionWith(Staff(g, member));
                }
                return (people, $"platform-members:{r.Platform}");
            }
            case FunctionRule r:
            {
                var area = Area(g, r.Region, r.Municipality);
                var functions = r.Functions is { Count: > 0 } f ? f.ToHashSet(StringComparer.Ordinal) : null;
                var people = new HashSet<int>();
                foreach (var person in g.NodesOfKind(Vocabulary.Person))
                {
                    var own = g.Text(person, "function");
                    var employed = false;
                    foreach (var rel in g.RelationshipsOf(person))
                    {
                        if (g.RelationshipType(rel) != Vocabulary.WorksFor || g.RelationshipFrom(rel) != person) continue;
                        employed = true;
                        var function = Text(g.RelationshipProperties(rel), "function") ?? own;
                        if ((area is null || area.Contains(g.RelationshipTo(rel))) && (functions is null || function is not null && functions.Contains(function)))
                        {
                            people.Add(person);
                            break;
                        }
                    }
                    // Without an area, a person's own function counts even when no employer is known.
                    if (!employed && area is null && functions is not null && own is not null && functions.Contains(own)) people.Add(person);
                }
                return (people, "function");
            }
            case OrganisationsRule r:
            {
                var area = Area(g, r.Region, r.Municipality);
                var types = r.Types is { Count: > 0 } t ? t.ToHashSet(StringComparer.Ordinal) : null;
                var sectors = r.Sectors is { Count: > 0 } s ? s.ToHashSet(StringComparer.Ordinal) : null;
                var people = new HashSet<int>();
                foreach (var organisation in g.NodesOfKind(Vocabulary.Organisation))
                {
                    if (types is not null && !types.Contains(g.Text(organisation, "type") ?? "")) continue;
                    if (sectors is not null && !sectors.Contains(g.Text(organisation, "sector") ?? "")) continue;
                    if (area is not null && !area.Contains(organisation)) continue;
                    people.UnionWith(Staff(g, organisation));
                }
                return (people, "organisations");
            }
            case StaffOfRule r:
            {
                var people = new HashSet<int>();
                foreach (var id in r.Organisations ?? [])
                {
                    if (g.TryGetIndex(id, out var organisation)) people.UnionWith(Staff(g, organisation));
                }
                return (people, "staff-of");
            }
            case AgreementPartiesRule r:
            {
                var people = new HashSet<int>();
                if (g.TryGetIndex(r.Agreement, out var agreement))
                {
                    foreach (var party in g.Related(agreement, Vocabulary.PartyTo, Direction.Incoming)) people.UnionWith(Staff(g, party));
                }
                return (people, $"agreement-parties:{r.Agreement}");
            }
            case ThemeRule r:
            {
                var people = new HashSet<int>();
                if (g.TryGetIndex(r.Theme, out var theme))
                {
                    foreach (var owner in g.Related(theme, Vocabulary.Addresses, Direction.Incoming))
                    {
                        if (g.IsKind(owner, Vocabulary.Organisation)) people.UnionWith(Staff(g, owner));
                        if (!g.IsKind(owner, Vocabulary.Platform)) continue;
                        foreach (var member in g.Related(owner, Vocabulary.MemberOf, Direction.Incoming))
                        {
                            if (g.IsKind(member, Vocabulary.Person)) people.Add(member);
                            else if (g.IsKind(member, Vocabulary.Organisation)) people.UnionWith(Staff(g, member));
                        }
                    }
                }
                return (people, $"theme:{r.Theme}");
            }
            case AttendeesRule r:
            {
                var meetings = new HashSet<int>((r.Meetings ?? []).Select(g.IndexOf).Where(i => i >= 0));
                if (r.Platform is not null && g.TryGetIndex(r.Platform, out var platform))
                {
                    meetings.UnionWith(g.Related(platform, Vocabulary.Of, Direction.Incoming));
                }
                var people = new HashSet<int>();
                foreach (var meeting in meetings)
                {
                    if (r.Since is { } since && !(g.DateOfDateTime(meeting, "start") >= since)) continue;
                    foreach (var person in g.Related(meeting, Vocabulary.Attended, Direction.Incoming)) people.Add(person);
                }
                return (people, "attendees");
            }
            default:
                throw new ArgumentException($"Unknown rule {rule.GetType().Name}.", nameof(rule));
        }
    }

    /// <summary>Organisations in the area: ACTIVE_IN the municipality, or the region or one of its municipalities; null for no area.</summary>
    private static HashSet<int>? Area(GraphSnapshot g, string? region, string? municipality)
    {
        if (region is null && municipality is null) return null;
        var places = new HashSet<int>();
        if (municipality is not null && g.TryGetIndex(municipality, out var m)) places.Add(m);
        if (region is not null && g.TryGetIndex(region, out var r))
        {
            places.Add(r);
            places.UnionWith(g.Related(r, Vocabulary.PartOf, Direction.Incoming).Where(x => g.IsKind(x, Vocabulary.Municipality)));
        }
        var organisations = new HashSet<int>();
        foreach (var place in places)
        {
            organisations.UnionWith(g.Related(place, Vocabulary.ActiveIn, Direction.Incoming).Where(x => g.IsKind(x, Vocabulary.Organisation)));
        }
        return organisations;
    }

    private static IEnumerable<int> Staff(GraphSnapshot g, int organisation) =>
        g.Related(organisation, Vocabulary.WorksFor, Direction.Incoming).Where(p => g.IsKind(p, Vocabulary.Person));

    private static string? Text(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> NodeValues(string kind, string property) =>
        GraphSchema.Default.Kind(kind)?.Property(property)?.Values?.Select(v => v.Value).ToList() ?? [];

    private static List<string> RelationshipValues(string type, string property) =>
        GraphSchema.Default.RelationshipType(type)?.Property(property)?.Values?.Select(v => v.Value).ToList() ?? [];

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";
}
