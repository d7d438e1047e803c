using System.Net;
using System.Net.Http.Json;
using Netwerk.Core.Graph;

namespace Netwerk.Web.Tests;

/// <summary>Two Netwerk processes on one SQLite file: no lost update, one sequence for both, versions respected.</summary>
public sealed class TwoProcessTests
{
    [Fact]
    public async Task Two_processes_writing_to_one_file_lose_nothing_and_share_one_change_sequence()
    {
        var directory = Directory.CreateTempSubdirectory("netwerk-two-processes");
        var database = Path.Combine(directory.FullName, "shared.db");
        using var first = NetwerkProcess.Start(database);
        using var second = NetwerkProcess.Start(database);
        await Task.WhenAll(first.WaitUntilHealthy(), second.WaitUntilHealthy());

        // 2 × 40 creates in parallel, then both processes race to update one node with the same version.
        var creates = Enumerable.Range(0, 40).SelectMany(i => new[]
        {
            first.Http.PostAsJsonAsync("/api/nodes", ApiFixtures.Organisation($"org-first-{i}"), GraphJson.Options),
            second.Http.PostAsJsonAsync("/api/nodes", ApiFixtures.Organisation($"org-second-{i}"), GraphJson.Options),
        });
        var created = await Task.WhenAll(creates);
        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var updates = new[] { first, second }.Select(process =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, "/api/nodes/org-first-0")
            {
                Content = JsonContent.Create(ApiFixtures.Organisation(null, name: $"Gewijzigd door {process.Port}"), options: GraphJson.Options),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            return process.Http.SendAsync(request);
        });
        var statuses = (await Task.WhenAll(updates)).Select(r => r.StatusCode).Order().ToList();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], statuses);

        var changes = await second.Http.GetFromJsonAsync<ChangePage>("/api/changes?limit=5000", GraphJson.Options);
        Assert.Equal(81, changes!.Changes.Count);
        Assert.Equal(Enumerable.Range(1, 81).Select(i => (long)i), changes.Changes.Select(c => c.Sequence));
        var status = await first.Http.GetFromJsonAsync<Netwerk.Web.Health.HealthEndpoints.HealthReport>("/health", GraphJson.Options);
        Assert.Equal(80, status!.Store.NodeCount);
    }
}
