using System.Text.Json;
using Netwerk.Core.Graph;
using Netwerk.Core.Schema;
using Netwerk.Core.Storage;
using Netwerk.Web.DemoData;

namespace Netwerk.Web.Tests;

/// <summary>The demo network is the product's first impression: it must load, validate and be rich enough to explore.</summary>
public sealed class DemoNetworkTests
{
    private static readonly string[] RealPeopleFromSeeds =
    [
        "Verhalle", "Vanhecke", "Mazzarese", "Haesendonckx", "Cools", "Opstaele", "Demuynck", "Decaestecker", "Wenes", "Soenen", "Bethune",
    ];

    [Fact]
    public async Task Demo_network_loads_on_first_start_and_every_item_is_valid()
    {
        using var server = new NetwerkServer(seedDemoData: true);
        var document = await DemoNetworkSeeder.ReadAsync(DemoNetworkSeeder.DefaultFile, CancellationToken.None);

        var status = await server.StoreStatus();

        Assert.Equal(document.Nodes.Count, status.NodeCount);
        Assert.Equal(document.Relationships.Count, status.RelationshipCount);
        var validator = new SchemaValidator(GraphSchema.Default);
        var kinds = document.Nodes.ToDictionary(n => n.Id!, n => n.Kind);
        Assert.Empty(document.Nodes.SelectMany(n => validator.ValidateNode(n)));
        Assert.Empty(document.Relationships.SelectMany(r => validator.ValidateRelationship(r, id => kinds.GetValueOrDefault(id))));
    }

    [Fact]
    public async Task Demo_series_expand_into_occurrences_and_invite_their_platforms_members()
    {
        using var server = new NetwerkServer(seedDemoData: true);

        var listing = await server.Get<JsonElement>("/api/meetings?from=2027-01-01&to=2027-12-31&platform=platform-lerend-netwerk-trajectbegeleiders");
        var invitees = await server.Get<JsonElement>("/api/meetings/meeting-lerend-netwerk-2027/invitees");

        var starts = listing.GetProperty("occurrences").EnumerateArray().Select(o => o.GetProperty("start").GetString()).ToList();
        Assert.Equal(["2027-01-28T09:00:00+01:00", "2027-03-25T09:00:00+01:00", "2027-05-27T09:00:00+02:00", "2027-07-22T09:00:00+02:00", "2027-09-23T09:00:00+02:00"], starts);
        Assert.True(invitees.GetProperty("count").GetInt32() >= 5);
    }

    [Fact]
    public async Task Demo_network_is_as_large_as_promised()
    {
        var document = await DemoNetworkSeeder.ReadAsync(DemoNetworkSeeder.DefaultFile, CancellationToken.None);
        var counts = document.Nodes.GroupBy(n => n.Kind!).ToDictionary(g => g.Key, g => g.Count());

        Assert.True(counts["Organisation"] >= 60, $"{counts["Organisation"]} organisations");
        Assert.True(counts["Person"] >= 80, $"{counts["Person"]} people");
        Assert.True(counts["Platform"] >= 15, $"{counts["Platform"]} platforms");
        Assert.True(counts["Agreement"] >= 6, $"{counts["Agreement"]} agreements");
        Assert.True(counts["Theme"] >= 15, $"{counts["Theme"]} themes");
        Assert.True(counts["Meeting"] >= 40, $"{counts["Meeting"]} meetings");
        Assert.True(counts["Region"] >= 3, $"{counts["Region"]} regions");
    }

    [Fact]
    public async Task Demo_people_are_fictional_with_example_org_addresses()
    {
        var document = await DemoNetworkSeeder.ReadAsync(DemoNetworkSeeder.DefaultFile, CancellationToken.None);
        var people = document.Nodes.Where(n => n.Kind == "Person").ToList();

        foreach (var person in people)
        {
            var name = person.Properties!["name"].GetString()!;
            Assert.DoesNotContain(RealPeopleFromSeeds, real => name.Contains(real, StringComparison.OrdinalIgnoreCase));
            if (person.Properties.TryGetValue("email", out var email)) Assert.EndsWith("@example.org", email.GetString());
        }
        var text = JsonSerializer.Serialize(document, GraphJson.Options);
        Assert.DoesNotContain("vierwerk.be", text);
        Assert.DoesNotContain("arbeidszorg.be", text);
    }

    [Fact]
    public async Task Zuid_West_Vlaanderen_is_mapped_in_depth()
    {
        using var server = new NetwerkServer(seedDemoData: true);

        var region = await server.Get<Subgraph>("/api/graph?region=region-zuid-west-vlaanderen&asOf=2023-12-31");
        var municipalities = region.Relationships.Count(r => r.Type == "PART_OF" && r.To == "region-zuid-west-vlaanderen");

        Assert.Equal(13, municipalities);
        Assert.True(region.Nodes.Count(n => n.Kind == "Organisation") >= 30);
        Assert.True(region.Nodes.Count(n => n.Kind == "Meeting") >= 25);
    }

    [Fact]
    public async Task Demo_network_round_trips_through_export_and_import()
    {
        using var seeded = new NetwerkServer(seedDemoData: true);
        var exported = await seeded.Http.GetStringAsync("/api/export");

        using var empty = new NetwerkServer();
        using var imported = await empty.PostRaw("/api/import", exported);

        Assert.Equal(System.Net.HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(exported, await empty.Http.GetStringAsync("/api/export"));
    }
}
