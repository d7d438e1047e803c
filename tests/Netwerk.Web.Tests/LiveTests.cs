using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Netwerk.Core.Graph;
using Netwerk.Web.Live;

namespace Netwerk.Web.Tests;

/// <summary>The live channel, with the real SignalR client over WebSockets.</summary>
public sealed class LiveTests : IAsyncDisposable
{
    private readonly NetwerkServer _server = new();
    private readonly List<HubConnection> _connections = [];

    private async Task<(HubConnection Connection, Channel<ChangeNotice> Notices)> Watch(string? regionId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_server.Http.BaseAddress!, NetwerkHub.Path), o => o.AccessTokenProvider = () => Task.FromResult<string?>(NetwerkServer.BootstrapToken))
            .Build();
        var notices = Channel.CreateUnbounded<ChangeNotice>();
        connection.On<ChangeNotice>(nameof(INetwerkClient.Changed), notice => notices.Writer.TryWrite(notice));
        await connection.StartAsync();
        await connection.InvokeAsync<string>(nameof(NetwerkHub.Watch), regionId);
        _connections.Add(connection);
        return (connection, notices);
    }

    private static async Task<ChangeNotice> Next(Channel<ChangeNotice> notices, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        return await notices.Reader.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task A_write_through_the_api_reaches_a_watching_client_within_a_second()
    {
        var (_, notices) = await Watch(null);
        var clock = Stopwatch.StartNew();

        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-live"))).Dispose();
        var notice = await Next(notices, TimeSpan.FromSeconds(1));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.ElapsedMilliseconds} ms");
        var hint = Assert.Single(notice.Changes);
        Assert.Equal(("org-live", "Created", 1L), (hint.Id, hint.Operation, hint.Version));
        Assert.Equal(hint.Sequence, notice.LatestSequence);
    }

    [Fact]
    public async Task A_region_watcher_gets_changes_in_its_region_but_not_elsewhere()
    {
        using (var seeded = await _server.PostJson("/api/import", new
        {
            nodes = new object[]
            {
                new { id = "region-a", kind = "Region", properties = new { name = "A" } },
                new { id = "mun-a", kind = "Municipality", properties = new { name = "Gemeente A" } },
                ApiFixtures.Organisation("org-in-a"),
                ApiFixtures.Organisation("org-elsewhere", name: "Elders"),
            },
            relationships = new object[]
            {
                ApiFixtures.Relationship("r1", "PART_OF", "mun-a", "region-a"),
                ApiFixtures.Relationship("r2", "ACTIVE_IN", "org-in-a", "mun-a"),
            },
        }))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, seeded.StatusCode);
        }
        await Task.Delay(500); // let the import's own notice pass before watching
        var (_, notices) = await Watch("region-a");

        (await _server.Send(HttpMethod.Put, "/api/nodes/org-elsewhere", ApiFixtures.Organisation(null, name: "Elders 2"), ifMatch: "\"1\"")).Dispose();
        (await _server.Send(HttpMethod.Put, "/api/nodes/org-in-a", ApiFixtures.Organisation(null, name: "In A 2"), ifMatch: "\"1\"")).Dispose();
        var notice = await Next(notices, TimeSpan.FromSeconds(2));

        Assert.Equal(["org-in-a"], notice.Changes.Select(c => c.Id));
    }

    [Fact]
    public async Task A_client_that_was_away_catches_up_from_the_change_feed()
    {
        var (connection, _) = await Watch(null);
        var seen = (await _server.StoreStatus()).LatestSequence;
        await connection.StopAsync();

        (await _server.PostJson("/api/nodes", ApiFixtures.Organisation("org-while-away"))).Dispose();
        await connection.StartAsync();
        await connection.InvokeAsync<string>(nameof(NetwerkHub.Watch), (string?)null);
        var missed = await _server.Get<ChangePage>($"/api/changes?since={seen}");

        Assert.Equal("org-while-away", Assert.Single(missed.Changes).Id);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        _server.Dispose();
    }
}
