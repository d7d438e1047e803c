using System.Text.Json;
using Netwerk.Core.Graph;

namespace Netwerk.Benchmarks;

/// <summary>
/// A synthetic network shaped like all of Flanders: 37 werkingsgebieden with their municipalities, organisations,
/// people, platforms, meetings, agreements, projects and signals, ~20,000 nodes and ~100,000 relationships.
/// Degrees are heavy-tailed as in the real network: a few regisseurs and coordinators sit on most platforms and
/// attend most meetings, most people attend a handful. Deterministic for a seed.
/// </summary>
internal sealed class FlandersNetwork
{
    private static readonly DateTimeOffset Stamp = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] OrganisationTypes =
        ["maatwerkbedrijf", "arbeidszorginitiatief", "lde-onderneming", "lokaal-bestuur", "ocmw", "vdab", "koepel", "werkgeversorganisatie",
         "vakbond", "ziekenfonds", "zorgvoorziening", "welzijnsorganisatie", "onderwijs", "reguliere-onderneming"];
    private static readonly Dictionary<string, string> SectorOf = new()
    {
        ["maatwerkbedrijf"] = "sociale-economie", ["arbeidszorginitiatief"] = "sociale-economie", ["lde-onderneming"] = "sociale-economie",
        ["lokaal-bestuur"] = "overheid", ["ocmw"] = "overheid", ["vdab"] = "overheid", ["koepel"] = "sociale-economie",
        ["werkgeversorganisatie"] = "middenveld", ["vakbond"] = "middenveld", ["ziekenfonds"] = "middenveld",
        ["zorgvoorziening"] = "zorg-welzijn", ["welzijnsorganisatie"] = "zorg-welzijn", ["onderwijs"] = "onderwijs",
        ["reguliere-onderneming"] = "reguliere-economie",
    };

    private readonly Random _random;
    private readonly List<Node> _nodes = [];
    private readonly List<Relationship> _relationships = [];

    public FlandersNetwork(int seed = 2023, int regions = 37, double scale = 1.0)
    {
        _random = new Random(seed);
        var themes = Enumerable.Range(0, 20).Select(i => AddNode($"theme-{i}", "Theme", new { name = $"Thema {i}" })).ToList();
        var provincial = new List<string>();
        for (var p = 0; p < 5; p++) provincial.Add(AddNode($"platform-provincie-{p}", "Platform", new { name = $"Provinciaal overleg {p}", type = "stuurgroep", cadencePerYear = 4, active = true }));
        for (var r = 0; r < regions; r++) AddRegion(r, themes, provincial[r % provincial.Count], scale);
        Graph = new Subgraph(_nodes, _relationships);
    }

    public Subgraph Graph { get; }

    /// <summary>The node ids of one region's share of the network (for per-region timings).</summary>
    public Dictionary<string, List<string>> RegionMembers { get; } = [];

    private void AddRegion(int r, List<string> themes, string provincialPlatform, double scale)
    {
        var members = RegionMembers[$"region-{r}"] = [];
        string Node(string id, string kind, object properties)
        {
            members.Add(id);
            return AddNode(id, kind, properties);
        }
        var region = Node($"region-{r}", "Region", new { name = $"Werkingsgebied {r}" });
        var municipalities = Enumerable.Range(0, 6 + _random.Next(8)).Select(m =>
        {
            var id = Node($"mun-{r}-{m}", "Municipality", new { name = $"Gemeente {r}-{m}" });
            Rel("PART_OF", id, region);
            return id;
        }).ToList();

        var organisations = new List<string>();
        var count = (int)(150 * scale);
        for (var o = 0; o < count; o++)
        {
            var type = OrganisationTypes[Math.Min(OrganisationTypes.Length - 1, (int)(OrganisationTypes.Length * Math.Pow(_random.NextDouble(), 1.3)))];
            var id = Node($"org-{r}-{o}", "Organisation", new { name = $"Organisatie {r}-{o}", type, sector = SectorOf[type] });
            organisations.Add(id);
            Rel("ACTIVE_IN", id, municipalities[_random.Next(municipalities.Count)]);
            if (_random.NextDouble() < 0.3) Rel("ACTIVE_IN", id, municipalities[_random.Next(municipalities.Count)]);
            if (_random.NextDouble() < 0.15) Rel("COLLABORATES_WITH", id, organisations[_random.Next(organisations.Count)]);
            if (_random.NextDouble() < 0.05) Rel("ADDRESSES", id, themes[_random.Next(themes.Count)]);
        }
        // Staff per organisation is heavy-tailed: most have one or two contacts, the big players many.
        var people = new List<string>();
        var personCount = (int)(245 * scale);
        for (var p = 0; p < personCount; p++)
        {
            var id = Node($"person-{r}-{p}", "Person", new { name = $"Persoon {r}-{p}", email = $"persoon.{r}.{p}@example.org" });
            people.Add(id);
            Rel("WORKS_FOR", id, organisations[Skewed(organisations.Count, 1.8)]);
        }
        var regisseur = people[0];

        var platforms = new List<string>();
        for (var f = 0; f < (int)(15 * scale); f++)
        {
            var id = Node($"platform-{r}-{f}", "Platform", new { name = $"Platform {r}-{f}", type = "werkgroep", cadencePerYear = 2 + _random.Next(5), active = _random.NextDouble() > 0.05 });
            platforms.Add(id);
            Rel("ACTIVE_IN", id, region);
            Rel("MEMBER_OF", regisseur, id, new { role = "trekker" });
            Rel("ADDRESSES", id, themes[_random.Next(themes.Count)]);
        }
        Rel("MEMBER_OF", regisseur, provincialPlatform);
        // Memberships: people skewed towards a core of well-connected coordinators.
        var membersOf = platforms.ToDictionary(p => p, _ => new List<string> { regisseur });
        for (var i = 0; i < (int)(400 * scale); i++)
        {
            var person = people[Skewed(people.Count, 1.6)];
            var platform = platforms[Skewed(platforms.Count, 1.2)];
            if (membersOf[platform].Contains(person)) continue;
            membersOf[platform].Add(person);
            Rel("MEMBER_OF", person, platform, validFrom: new DateOnly(2018 + _random.Next(6), 1 + _random.Next(12), 1));
        }
        for (var i = 0; i < (int)(80 * scale); i++) Rel("MEMBER_OF", organisations[Skewed(organisations.Count, 1.5)], platforms[_random.Next(platforms.Count)]);

        // Meetings of platforms plus one-off events; attendance mostly by members, some outsiders.
        for (var m = 0; m < (int)(100 * scale); m++)
        {
            var date = new DateTime(2023, 1, 1).AddDays(_random.Next(365));
            var platform = m < 80 * scale ? platforms[Skewed(platforms.Count, 1.2)] : null;
            var id = Node($"meeting-{r}-{m}", "Meeting", new { title = $"Activiteit {r}-{m}", type = platform is null ? "inspiratiemoment" : "overleg", start = date.ToString("yyyy-MM-dd") + "T14:00:00+01:00", status = "held" });
            if (platform is not null) Rel("OF", id, platform);
            var pool = platform is null ? people : membersOf[platform];
            var attendance = platform is null ? 15 + _random.Next(30) : Math.Max(2, (int)(pool.Count * (0.3 + 0.4 * _random.NextDouble())));
            var attended = new HashSet<string>();
            for (var a = 0; a < attendance; a++)
            {
                var person = platform is null || _random.NextDouble() < 0.1 ? people[Skewed(people.Count, 1.3)] : pool[_random.Next(pool.Count)];
                if (!attended.Add(person)) continue;
                Rel("ATTENDED", person, id);
                if (_random.NextDouble() < 0.25) Rel("INVITED", person, id, Accepted);
            }
            if (_random.NextDouble() < 0.3) Rel("ADDRESSES", id, themes[_random.Next(themes.Count)]);
        }
        for (var a = 0; a < 5; a++)
        {
            var id = Node($"agreement-{r}-{a}", "Agreement", new { title = $"Overeenkomst {r}-{a}", type = "samenwerkingsovereenkomst", startDate = $"{2019 + a}-01-01", endDate = $"{2024 + a}-12-31" });
            for (var p = 0; p < 2 + _random.Next(5); p++) Rel("PARTY_TO", organisations[Skewed(organisations.Count, 1.5)], id);
            if (_random.NextDouble() < 0.7) Rel("FOLLOWS_UP", platforms[_random.Next(platforms.Count)], id);
            Rel("ADDRESSES", id, themes[_random.Next(themes.Count)]);
        }
        for (var p = 0; p < 5; p++)
        {
            var id = Node($"project-{r}-{p}", "Project", new { name = $"Project {r}-{p}", type = "esf" });
            for (var q = 0; q < 3; q++) Rel("PARTY_TO", organisations[_random.Next(organisations.Count)], id);
            Rel("ACTIVE_IN", id, region);
        }
        for (var s = 0; s < 10; s++)
        {
            var id = Node($"signal-{r}-{s}", "Signal", new { title = $"Signaal {r}-{s}", status = "open", raisedOn = "2023-05-01" });
            Rel("ABOUT", id, themes[_random.Next(themes.Count)]);
            Rel("ABOUT", id, municipalities[_random.Next(municipalities.Count)]);
            Rel("RAISED_AT", id, $"meeting-{r}-{_random.Next((int)(100 * scale))}");
        }
    }

    /// <summary>An index in [0, count) biased to the low end (power-law-like popularity).</summary>
    private int Skewed(int count, double exponent) => Math.Min(count - 1, (int)(count * Math.Pow(_random.NextDouble(), exponent * 1.5)));

    private string AddNode(string id, string kind, object properties)
    {
        _nodes.Add(new Node { Id = id, Kind = kind, Properties = Properties(properties), Version = 1, CreatedAt = Stamp, UpdatedAt = Stamp });
        return id;
    }

    private static readonly IReadOnlyDictionary<string, JsonElement> NoProperties = new Dictionary<string, JsonElement>();
    private static readonly Dictionary<string, JsonElement> Accepted = Properties(new { status = "accepted" });

    private void Rel(string type, string from, string to, object? properties = null, DateOnly? validFrom = null)
    {
        Rel(type, from, to, properties is null ? NoProperties : Properties(properties), validFrom);
    }

    private void Rel(string type, string from, string to, IReadOnlyDictionary<string, JsonElement> properties, DateOnly? validFrom = null)
    {
        _relationships.Add(new Relationship
        {
            Id = $"rel-{_relationships.Count:D6}",
            Type = type,
            From = from,
            To = to,
            Properties = properties,
            ValidFrom = validFrom,
            Version = 1,
            CreatedAt = Stamp,
            UpdatedAt = Stamp,
        });
    }

    private static Dictionary<string, JsonElement> Properties(object properties) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.SerializeToUtf8Bytes(properties, GraphJson.Options), GraphJson.Options)!;
}
