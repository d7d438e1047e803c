using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Web.DemoData;

namespace Netwerk.Web.Tests;

/// <summary>One server with the demo network loaded, shared by the tests of a class (loading it takes seconds).</summary>
public sealed class DemoNetworkServer : IDisposable
{
    private readonly Lazy<NetwerkServer> _server = new(() => new NetwerkServer(seedDemoData: true));

    public NetwerkServer Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated) _server.Value.Dispose();
    }
}

/// <summary>
/// The demo network yields the blind spots W13's 2023 annual report names (seed 002) and the ones deliberately
/// planted in it (DemoData/README.md), with reasons a regisseur can act on.
/// </summary>
public sealed class DemoBlindSpotTests(DemoNetworkServer demo) : IClassFixture<DemoNetworkServer>
{
    private const string Region = "region-zuid-west-vlaanderen";

    [Fact]
    public async Task Rose_is_the_one_platform_behind_its_cadence_in_2023()
    {
        var findings = await Findings($"region={Region}&asOf=2023-12-31");

        var rose = Assert.Single(findings, f => Kind(f) == "platform-behind-cadence");
        Assert.Contains("platform-rose", Nodes(rose));
        Assert.Equal("high", rose.GetProperty("severity").GetString());
        Assert.Equal(["2023-03-16"], rose.GetProperty("evidence").GetProperty("dates").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("1 van 4", rose.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Care_and_social_economy_are_only_bridged_by_the_businessmixer()
    {
        var findings = await Findings($"region={Region}&asOf=2023-12-31");

        var gap = Assert.Single(findings, f => Kind(f) == "sector-gap" && Nodes(f).Contains("meeting-businessmixer-sociale-economie-zorg")
            && f.GetProperty("title").GetString()!.StartsWith("Sociale economie × Zorg & welzijn", StringComparison.Ordinal));
        Assert.Contains("enkel verbonden via Businessmixer", gap.GetProperty("title").GetString());
        Assert.Contains("org-wzc-ter-leie", Nodes(gap));
    }

    [Fact]
    public async Task Pom_stam_agreement_is_flagged_as_ending_during_2025()
    {
        var findings = await Findings($"region={Region}&asOf=2025-06-30");

        var ending = Assert.Single(findings, f => Kind(f) == "agreement-expiring" && Nodes(f).Contains("agreement-pom-stam"));
        Assert.Equal(["2025-12-31"], ending.GetProperty("evidence").GetProperty("dates").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("org-stam", Nodes(ending));
        Assert.DoesNotContain(await Findings($"region={Region}&asOf=2023-12-31"), f => Kind(f) == "agreement-expiring");
    }

    [Fact]
    public async Task Planted_blind_spots_of_the_region_are_found()
    {
        var findings = await Findings($"region={Region}&asOf=2023-12-31");

        var need = Assert.Single(findings, f => Kind(f) == "unaddressed-need" && Nodes(f).Contains("signal-te-weinig-flexibele-kinderopvang"));
        Assert.Equal("high", need.GetProperty("severity").GetString());
        Assert.Contains("theme-kinderopvang", Nodes(need));
        Assert.Single(findings, f => Kind(f) == "uncovered-municipality" && Nodes(f).Contains("mun-spiere-helkijn"));
        var broker = Assert.Single(findings, f => Kind(f) == "over-reliance" && Nodes(f)[0] == "person-lotte-vandenbussche" && f.GetProperty("severity").GetString() == "high");
        Assert.Contains("Lotte", broker.GetProperty("title").GetString());
        Assert.Single(findings, f => Kind(f) == "dormant-member" && Nodes(f).Contains("person-luc-vanackere") && Nodes(f).Contains("platform-rose"));
        Assert.Single(findings, f => Kind(f) == "dormant-member" && Nodes(f).Contains("org-grensland-maatwerk") && Nodes(f).Contains("platform-rose"));
        Assert.Single(findings, f => Kind(f) == "agreement-without-follow-up" && Nodes(f)[0] == "agreement-stam-4werk-engagementsverklaring");
    }

    [Fact]
    public async Task Maatwerk_and_regular_companies_share_no_platform_or_meeting()
    {
        var document = await DemoNetworkSeeder.ReadAsync(DemoNetworkSeeder.DefaultFile, CancellationToken.None);
        var types = document.Nodes.Where(n => n.Kind == "Organisation").ToDictionary(n => n.Id!, n => n.Properties!["type"].GetString());
        var findings = await Findings($"region={Region}&asOf=2023-12-31");

        Assert.Contains(findings, f => Kind(f) == "sector-gap"
            && !Nodes(f).Any(n => n.StartsWith("meeting-", StringComparison.Ordinal))
            && Nodes(f).Any(n => types.GetValueOrDefault(n) == "maatwerkbedrijf")
            && Nodes(f).Any(n => types.GetValueOrDefault(n) == "reguliere-onderneming"));
    }

    [Fact]
    public async Task Whole_network_shows_the_isolated_organisation_the_single_person_tie_and_the_leuven_silo()
    {
        var findings = await Findings("asOf=2023-12-31");

        Assert.Single(findings, f => Kind(f) == "isolated-actor" && Nodes(f)[0] == "org-arbeidszorg-de-notelaar");
        var tie = Assert.Single(findings, f => Kind(f) == "single-person-tie" && Nodes(f)[0] == "org-ucll");
        Assert.Contains("person-hilde-lievens", Nodes(tie));
        var silo = Assert.Single(findings, f => Kind(f) == "silo" && Nodes(f).Contains("region-leuven"));
        var path = Assert.Single(silo.GetProperty("evidence").GetProperty("paths").EnumerateArray());
        Assert.Equal(["meeting-lerend-netwerk-regisseurs-2023-10-26", "person-veronique-smets"], path.EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Demo_blind_spots_read_in_english_on_request()
    {
        using var response = await demo.Server.Send(HttpMethod.Get, $"/api/analysis/blindspots?region={Region}&asOf=2023-12-31", language: "en");
        var findings = (await NetwerkServer.Json(response)).GetProperty("findings").EnumerateArray().ToList();

        var rose = Assert.Single(findings, f => Kind(f) == "platform-behind-cadence");
        Assert.StartsWith("Algemene vergadering ROSE", rose.GetProperty("title").GetString());
        Assert.EndsWith("met less often than intended (1 of 4 times)", rose.GetProperty("title").GetString());
    }

    private async Task<List<JsonElement>> Findings(string query)
    {
        var json = await demo.Server.Get<JsonElement>("/api/analysis/blindspots?" + query);
        return [.. json.GetProperty("findings").EnumerateArray()];
    }

    private static string? Kind(JsonElement finding) => finding.GetProperty("kind").GetString();

    private static List<string> Nodes(JsonElement finding) =>
        [.. finding.GetProperty("evidence").GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!)];
}
