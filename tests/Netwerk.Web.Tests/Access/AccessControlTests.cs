using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Netwerk.Core.Accounts;
using Netwerk.Web.Live;

namespace Netwerk.Web.Tests.Access;

/// <summary>Roles per werkingsgebied: what a viewer, organiser and regisseur of one region may see and change.</summary>
public sealed class AccessControlTests : IAsyncLifetime
{
    private readonly NetwerkServer _server = new();

    public async ValueTask InitializeAsync() => await TwoRegions.LoadAsync(_server);

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    private static RoleGrant In(Role role, string region) => new(role, region);

    [Fact]
    public async Task A_viewer_of_one_region_sees_that_region_only()
    {
        var viewer = await _server.ClientAs(In(Role.Viewer, TwoRegions.RegionA));

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/graph?region={TwoRegions.RegionA}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/graph?region={TwoRegions.RegionB}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/graph")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/api/analysis/blindspots?region={TwoRegions.RegionB}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/export")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/nodes/{TwoRegions.PersonA}")).StatusCode);
        // Outside the region an item reads as unknown: its existence is not revealed.
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/nodes/{TwoRegions.PersonB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/nodes/{TwoRegions.PersonB}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/relationships/r-pb")).StatusCode);

        var hits = await viewer.GetFromJsonAsync<List<Dictionary<string, object>>>("/api/search?q=maatwerk");
        Assert.Equal(["org-a"], hits!.Select(h => h["id"].ToString()).ToList());
        var people = await NetwerkServer.Json(await viewer.GetAsync("/api/nodes?kind=Person"));
        Assert.Equal(1, people.GetProperty("total").GetInt32());
        Assert.Equal(TwoRegions.PersonA, people.GetProperty("items")[0].GetProperty("id").GetString());
        var changes = await NetwerkServer.Json(await viewer.GetAsync("/api/changes?since=0"));
        Assert.DoesNotContain(changes.GetProperty("changes").EnumerateArray(), c => c.GetProperty("id").GetString() is TwoRegions.PersonB or TwoRegions.OrgB);
    }

    [Fact]
    public async Task Deleted_people_of_another_region_leave_no_data_for_a_region_viewer()
    {
        var viewer = await _server.ClientAs(In(Role.Viewer, TwoRegions.RegionA));
        var since = (await NetwerkServer.Json(await viewer.GetAsync("/api/changes?since=0"))).GetProperty("latestSequence").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await _server.Send(HttpMethod.Delete, $"/api/nodes/{TwoRegions.PersonB}", ifMatch: "\"1\"")).StatusCode);

        var text = await viewer.GetStringAsync($"/api/changes?since={since}");
        Assert.DoesNotContain("Bert Beta", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bert.beta@example.org", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"/api/nodes/{TwoRegions.PersonB}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync($"/api/nodes/{TwoRegions.PersonB}/history")).StatusCode);
    }

    [Fact]
    public async Task A_viewer_cannot_change_anything_anywhere()
    {
        var viewer = await _server.ClientAs(In(Role.Viewer, RoleGrant.AllRegions));
        var before = await _server.StoreStatus();

        using var create = await viewer.PostAsJsonAsync("/api/nodes", ApiFixtures.Organisation("org-new"));
        using var update = await Put(viewer, $"/api/nodes/{TwoRegions.OrgA}", new { properties = new { name = "X", type = "maatwerkbedrijf", sector = "sociale-economie" } }, 1);
        using var delete = await Delete(viewer, $"/api/nodes/{TwoRegions.OrgA}", 1);
        using var link = await viewer.PostAsJsonAsync("/api/relationships", ApiFixtures.Relationship("r-x", "WORKS_FOR", TwoRegions.PersonA, TwoRegions.OrgB));
        using var import = await viewer.PostAsJsonAsync("/api/import", new { nodes = Array.Empty<object>(), relationships = Array.Empty<object>() });
        using var account = await viewer.PostAsJsonAsync("/api/accounts", new { email = "x@example.org", name = "X", grants = new[] { new { role = "viewer", region = "*" } } });

        Assert.All([create, update, delete, link, import, account], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(before, await _server.StoreStatus());
    }

    [Fact]
    public async Task A_regisseur_changes_their_own_region_and_not_another()
    {
        var regisseur = await _server.ClientAs(In(Role.Regisseur, TwoRegions.RegionA));
        var organisation = new { properties = new { name = "Alfa Maatwerk vzw", type = "maatwerkbedrijf", sector = "sociale-economie" } };

        using var own = await Put(regisseur, $"/api/nodes/{TwoRegions.OrgA}", organisation, 1);
        using var other = await Put(regisseur, $"/api/nodes/{TwoRegions.OrgB}", organisation, 1);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);

        // A new organisation belongs to no region yet: its regisseur can create it and tie it to the region.
        using var created = await regisseur.PostAsJsonAsync("/api/nodes", ApiFixtures.Organisation("org-new", "Nieuw Maatwerk"));
        using var tied = await regisseur.PostAsJsonAsync("/api/relationships", ApiFixtures.Relationship("r-new", "ACTIVE_IN", "org-new", "municipality-a"));
        using var foreign = await regisseur.PostAsJsonAsync("/api/relationships", ApiFixtures.Relationship("r-bad", "WORKS_FOR", TwoRegions.PersonB, TwoRegions.OrgB));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, tied.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Delete(regisseur, "/api/relationships/r-pb", 1)).StatusCode);
    }

    [Fact]
    public async Task An_organiser_reads_the_network_but_does_not_edit_it()
    {
        var organiser = await _server.ClientAs(In(Role.Organiser, TwoRegions.RegionA));
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/api/graph?region={TwoRegions.RegionA}")).StatusCode);
        using var create = await organiser.PostAsJsonAsync("/api/nodes", ApiFixtures.Organisation("org-new"));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task Tampered_revoked_and_unknown_tokens_are_refused()
    {
        var regisseur = await _server.ClientAs(In(Role.Regisseur, RoleGrant.AllRegions));
        var secret = regisseur.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.Equal(HttpStatusCode.OK, (await regisseur.GetAsync("/api/schema")).StatusCode);

        foreach (var forged in new[] { secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'), secret + "x", "nwk_" + new string('A', 43), NetwerkServer.BootstrapToken[..^1] })
        {
            using var client = _server.Anonymous();
            client.DefaultRequestHeaders.Authorization = new("Bearer", forged);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/schema")).StatusCode);
        }

        var tokens = await regisseur.GetFromJsonAsync<List<Dictionary<string, object?>>>("/api/tokens");
        var id = tokens!.Single()["id"]!.ToString();
        Assert.Equal(HttpStatusCode.NoContent, (await regisseur.DeleteAsync($"/api/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await regisseur.GetAsync("/api/schema")).StatusCode);
    }

    [Fact]
    public async Task A_created_token_is_shown_once_and_acts_as_its_owner()
    {
        var regisseur = await _server.ClientAs(In(Role.Regisseur, TwoRegions.RegionA));
        using var created = await regisseur.PostAsJsonAsync("/api/tokens", new { name = "Import-script" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await NetwerkServer.Json(created)).GetProperty("secret").GetString()!;

        var list = await regisseur.GetStringAsync("/api/tokens");
        Assert.Contains("Import-script", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);

        using var script = _server.Anonymous();
        script.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync($"/api/graph?region={TwoRegions.RegionA}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await script.GetAsync($"/api/graph?region={TwoRegions.RegionB}")).StatusCode);
    }

    [Fact]
    public async Task A_regisseur_grants_roles_only_in_their_own_regions()
    {
        var regisseur = await _server.ClientAs(In(Role.Regisseur, TwoRegions.RegionA));
        object Account(string email, string role, string region) => new { email, name = "Nieuwe collega", grants = new[] { new { role, region } } };

        using var own = await regisseur.PostAsJsonAsync("/api/accounts", Account("collega@example.org", "viewer", TwoRegions.RegionA));
        using var duplicate = await regisseur.PostAsJsonAsync("/api/accounts", Account("Collega@Example.org ", "viewer", TwoRegions.RegionA));
        using var other = await regisseur.PostAsJsonAsync("/api/accounts", Account("b@example.org", "viewer", TwoRegions.RegionB));
        using var everywhere = await regisseur.PostAsJsonAsync("/api/accounts", Account("c@example.org", "viewer", "*"));
        using var unknown = await regisseur.PostAsJsonAsync("/api/accounts", Account("d@example.org", "viewer", "region-nowhere"));
        using var badEmail = await regisseur.PostAsJsonAsync("/api/accounts", Account("not-an-address", "viewer", TwoRegions.RegionA));
        using var badRole = await regisseur.PostAsJsonAsync("/api/accounts", Account("e@example.org", "koning", TwoRegions.RegionA));

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Contains("grants[0].region", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var listed = await regisseur.GetFromJsonAsync<List<Dictionary<string, object?>>>("/api/accounts");
        Assert.Contains(listed!, a => a["email"]!.ToString() == "collega@example.org");
    }

    [Fact]
    public async Task The_live_channel_only_carries_regions_the_account_may_see()
    {
        var viewer = await _server.ClientAs(In(Role.Viewer, TwoRegions.RegionA));
        var token = viewer.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_server.Http.BaseAddress!, NetwerkHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal("region:" + TwoRegions.RegionA, await connection.InvokeAsync<string>("Watch", TwoRegions.RegionA, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<string>("Watch", TwoRegions.RegionB, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<string>("Watch", null, TestContext.Current.CancellationToken));

        await using var anonymous = new HubConnectionBuilder().WithUrl(new Uri(_server.Http.BaseAddress!, NetwerkHub.Path)).Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string path, object body, long version)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> Delete(HttpClient client, string path, long version)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return client.SendAsync(request);
    }
}
