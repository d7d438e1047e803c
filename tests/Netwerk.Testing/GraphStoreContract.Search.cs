using Netwerk.Core.Graph;
using Netwerk.Core.Storage;
using Xunit;

namespace Netwerk.Testing;

public abstract partial class GraphStoreContract
{
    private Task CreateSearchFixtureAsync() => CreateAllAsync(
        TestGraph.Organisation("org-kortrijk", name: "Maatwerkbedrijf Kortrijk"),
        TestGraph.Organisation("org-brugge", name: "Maatwerkbedrijf Brugge"),
        TestGraph.Organisation("org-vdab", name: "VDAB Kortrijk", type: "vdab", sector: "overheid")
            .With("description", "Kinderopvang en mobiliteit voor werkzoekenden"),
        TestGraph.Platform("plat-coord", name: "Overleg Coördinatoren wijk-werken", type: "overlegtafel"),
        TestGraph.Platform("plat-coord-plain", name: "Lerend netwerk coordinatoren", type: "lerend-netwerk"),
        TestGraph.Person("p-zoe", name: "Zoë Vermeersch"),
        TestGraph.Municipality("mun-sev", name: "Sint-Eloois-Vijve"),
        TestGraph.Agreement("agr-samen", title: "Samen sterk voor lokaal werk"),
        TestGraph.Signal("sig-taal", title: "Wachtlijsten Nederlands voor anderstaligen"));

    private async Task<List<string>> SearchIdsAsync(string text, int limit = 20) =>
        (await Store.SearchAsync(text, limit, Ct)).Select(h => h.Id).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Search_matches_word_prefixes_as_you_type()
    {
        await CreateSearchFixtureAsync();

        Assert.Equal(["org-brugge", "org-kortrijk"], await SearchIdsAsync("maat"));
        Assert.Equal(["org-brugge", "org-kortrijk"], await SearchIdsAsync("Maatwerkb"));
        Assert.Equal(["org-kortrijk", "org-vdab"], await SearchIdsAsync("kortr"));
        Assert.Empty(await SearchIdsAsync("maatschappij"));
    }

    [Fact]
    public async Task Search_requires_every_word_to_match()
    {
        await CreateSearchFixtureAsync();

        Assert.Equal(["org-kortrijk"], await SearchIdsAsync("maatwerk kortrijk"));
        Assert.Equal(["org-kortrijk"], await SearchIdsAsync("kort maat"));
        Assert.Empty(await SearchIdsAsync("maatwerk gent"));
    }

    [Fact]
    public async Task Search_ignores_accents_and_case()
    {
        await CreateSearchFixtureAsync();

        Assert.Equal(["plat-coord", "plat-coord-plain"], await SearchIdsAsync("coordinator"));
        Assert.Equal(["plat-coord", "plat-coord-plain"], await SearchIdsAsync("COÖRD"));
        Assert.Equal(["p-zoe"], await SearchIdsAsync("zoe"));
        Assert.Equal(["p-zoe"], await SearchIdsAsync("ZOË verm"));
    }

    [Fact]
    public async Task Search_finds_words_inside_hyphenated_names()
    {
        await CreateSearchFixtureAsync();

        Assert.Equal(["mun-sev"], await SearchIdsAsync("eloois"));
        Assert.Equal(["mun-sev"], await SearchIdsAsync("Sint-Eloois"));
        Assert.Equal(["mun-sev"], await SearchIdsAsync("vijve sint"));
        Assert.Equal(["plat-coord"], await SearchIdsAsync("wijk"));
    }

    [Fact]
    public async Task Search_hits_carry_kind_and_the_name_property_of_their_kind()
    {
        await CreateSearchFixtureAsync();

        var agreement = Assert.Single(await Store.SearchAsync("samen sterk", 10, Ct));
        var signal = Assert.Single(await Store.SearchAsync("wachtlijst", 10, Ct));
        var person = Assert.Single(await Store.SearchAsync("vermeersch", 10, Ct));

        Assert.Equal(("agr-samen", "Agreement", "Samen sterk voor lokaal werk"), (agreement.Id, agreement.Kind, agreement.Name));
        Assert.Equal(("sig-taal", "Signal", "Wachtlijsten Nederlands voor anderstaligen"), (signal.Id, signal.Kind, signal.Name));
        Assert.Equal(("p-zoe", "Person", "Zoë Vermeersch"), (person.Id, person.Kind, person.Name));
    }

    [Fact]
    public async Task Search_looks_at_names_only()
    {
        await CreateSearchFixtureAsync();

        Assert.Empty(await SearchIdsAsync("kinderopvang"));
        Assert.Empty(await SearchIdsAsync("overheid"));
    }

    [Fact]
    public async Task Search_returns_at_most_the_limit()
    {
        for (var i = 1; i <= 6; i++)
        {
            await CreateAsync(TestGraph.Organisation($"org-{i}", name: $"Maatwerkbedrijf Nummer {i}"));
        }

        var hits = await Store.SearchAsync("maatwerkbedrijf", 4, Ct);

        Assert.Equal(4, hits.Count);
        Assert.Equal(4, hits.Select(h => h.Id).Distinct().Count());
    }

    [Fact]
    public async Task Renamed_node_is_found_by_its_new_name_only()
    {
        await CreateSearchFixtureAsync();

        await Store.UpdateNodeAsync("org-brugge", TestGraph.Organisation("org-brugge", name: "Sociale werkplaats Oostende"), 1, Ct);

        Assert.Equal(["org-kortrijk"], await SearchIdsAsync("maatwerk"));
        Assert.Empty(await SearchIdsAsync("brugge"));
        Assert.Equal(["org-brugge"], await SearchIdsAsync("oostende"));
        Assert.Equal("Sociale werkplaats Oostende", Assert.Single(await Store.SearchAsync("oostende", 5, Ct)).Name);
    }

    [Fact]
    public async Task Deleted_node_is_no_longer_found()
    {
        await CreateSearchFixtureAsync();

        await Store.DeleteNodeAsync("org-brugge", 1, Ct);

        Assert.Equal(["org-kortrijk"], await SearchIdsAsync("maatwerk"));
        Assert.Empty(await SearchIdsAsync("brugge"));
    }

    [Fact]
    public async Task Imported_nodes_are_found_and_reimported_names_reindexed()
    {
        await Store.ImportAsync(new GraphDocument { Nodes = [TestGraph.Project("proj-food", name: "Food Act 13")] }, Ct);

        Assert.Equal(["proj-food"], await SearchIdsAsync("food act"));

        await Store.ImportAsync(new GraphDocument { Nodes = [TestGraph.Project("proj-food", name: "Voedselteam Zuid-West")] }, Ct);

        Assert.Empty(await SearchIdsAsync("food"));
        Assert.Equal(["proj-food"], await SearchIdsAsync("voedselteam"));
    }

    [Fact]
    public async Task Search_ranks_a_full_name_match_first()
    {
        await CreateAllAsync(
            TestGraph.Theme("theme-long", "Taal op de werkvloer voor anderstalige werkzoekenden en nieuwkomers"),
            TestGraph.Theme("theme-taal", "Taal"));

        var hits = await Store.SearchAsync("taal", 10, Ct);

        Assert.Equal(2, hits.Count);
        Assert.Equal("theme-taal", hits[0].Id);
    }

    private async Task<List<string>> FindByTextAsync(string text, string? kind = null, Dictionary<string, string>? properties = null) =>
        (await Store.FindNodesAsync(new NodeQuery { Text = text, Kind = kind, PropertyEquals = properties ?? [] }, Ct)).Items.Select(n => n.Id).ToList();

    [Fact]
    public async Task Node_query_text_matches_names_as_search_does_ordered_by_id()
    {
        await CreateSearchFixtureAsync();

        Assert.Equal(["org-brugge", "org-kortrijk"], await FindByTextAsync("maat", kind: "Organisation"));
        Assert.Equal(["org-kortrijk", "org-vdab"], await FindByTextAsync("kortr"));
        Assert.Equal(["org-kortrijk"], await FindByTextAsync("kortrijk maatwerk"));
        Assert.Equal(["plat-coord", "plat-coord-plain"], await FindByTextAsync("COÖRDINATOR", kind: "Platform"));
        Assert.Empty(await FindByTextAsync("coord", kind: "Organisation"));
        Assert.Empty(await FindByTextAsync("kinderopvang"));
    }

    [Fact]
    public async Task Node_query_text_combines_with_property_filters_and_paging()
    {
        await CreateSearchFixtureAsync();

        Assert.Equal(["org-vdab"], await FindByTextAsync("kortrijk", "Organisation", new() { ["type"] = "vdab" }));
        var page = await Store.FindNodesAsync(new NodeQuery { Text = "maatwerkbedrijf", Limit = 1, Offset = 1 }, Ct);
        Assert.Equal(["org-kortrijk"], page.Items.Select(n => n.Id));
        Assert.Equal(2, page.Total);
    }
}
