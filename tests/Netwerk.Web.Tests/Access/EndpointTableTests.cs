using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Netwerk.Core.Accounts;

namespace Netwerk.Web.Tests.Access;

/// <summary>
/// Every endpoint the app maps, with the least role it needs. The test fails when an endpoint is added without an
/// entry here, so nobody can add an endpoint and forget to decide who may call it.
/// </summary>
public sealed class EndpointTableTests : IAsyncLifetime
{
    private enum Need { Public, Signedin, Viewer, Organiser, Regisseur }

    private static readonly Dictionary<string, Need> Table = new()
    {
        ["GET /health"] = Need.Public,
        ["GET /health/live"] = Need.Public,
        ["GET /health/ready"] = Need.Public,
        ["GET /openapi/{documentName}.json"] = Need.Public,
        ["GET /api/auth/me"] = Need.Public,
        ["POST /api/auth/sign-in"] = Need.Public,
        ["POST /api/auth/sign-in/complete"] = Need.Public,
        ["POST /api/auth/development"] = Need.Public,
        ["POST /api/auth/sign-out"] = Need.Public,
        ["GET /api/auth/oidc"] = Need.Public,
        ["GET /api/schema"] = Need.Viewer,
        ["GET /api/nodes/"] = Need.Viewer,
        ["POST /api/nodes/"] = Need.Regisseur,
        ["GET /api/nodes/{id}"] = Need.Viewer,
        ["PUT /api/nodes/{id}"] = Need.Regisseur,
        ["DELETE /api/nodes/{id}"] = Need.Regisseur,
        ["GET /api/nodes/{id}/history"] = Need.Viewer,
        ["GET /api/nodes/{id}/neighbourhood"] = Need.Viewer,
        ["GET /api/relationships/"] = Need.Viewer,
        ["POST /api/relationships/"] = Need.Regisseur,
        ["GET /api/relationships/{id}"] = Need.Viewer,
        ["PUT /api/relationships/{id}"] = Need.Regisseur,
        ["DELETE /api/relationships/{id}"] = Need.Regisseur,
        ["GET /api/graph"] = Need.Viewer,
        ["GET /api/search"] = Need.Viewer,
        ["GET /api/changes/"] = Need.Viewer,
        ["POST /api/import"] = Need.Regisseur,
        ["GET /api/export"] = Need.Viewer,
        ["GET /api/export/gexf"] = Need.Viewer,
        ["POST /api/export/gexf"] = Need.Viewer,
        ["GET /api/export/graphml"] = Need.Viewer,
        ["POST /api/export/graphml"] = Need.Viewer,
        ["GET /api/export/cypher"] = Need.Viewer,
        ["POST /api/export/cypher"] = Need.Viewer,
        ["GET /api/export/csv"] = Need.Viewer,
        ["POST /api/export/csv"] = Need.Viewer,
        ["POST /api/spreadsheets/"] = Need.Regisseur,
        ["POST /api/spreadsheets/{id}/preview"] = Need.Regisseur,
        ["POST /api/spreadsheets/{id}/import"] = Need.Regisseur,
        ["GET /api/spreadsheets/{id}/progress"] = Need.Regisseur,
        ["GET /api/analysis/metrics"] = Need.Viewer,
        ["GET /api/analysis/blindspots"] = Need.Viewer,
        ["GET /api/analysis/path"] = Need.Viewer,
        ["GET /api/reports/annual"] = Need.Viewer,
        ["GET /api/reports/annual.docx"] = Need.Viewer,
        ["GET /api/accounts/"] = Need.Regisseur,
        ["POST /api/accounts/"] = Need.Regisseur,
        ["PUT /api/accounts/{id}"] = Need.Regisseur,
        ["DELETE /api/accounts/{id}"] = Need.Regisseur,
        ["GET /api/tokens/"] = Need.Regisseur,
        ["POST /api/tokens/"] = Need.Regisseur,
        ["DELETE /api/tokens/{id}"] = Need.Regisseur,
        ["GET /api/audit"] = Need.Regisseur,
        ["GET /api/people/{id}/export"] = Need.Regisseur,
        ["POST /api/people/{id}/erase"] = Need.Regisseur,
        ["GET /api/people/inactive"] = Need.Regisseur,
        ["GET /api/meetings/"] = Need.Viewer,
        ["POST /api/meetings/"] = Need.Organiser,
        ["GET /api/meetings/{id}"] = Need.Viewer,
        ["PUT /api/meetings/{id}"] = Need.Organiser,
        ["DELETE /api/meetings/{id}"] = Need.Organiser,
        ["POST /api/meetings/{id}/cancel"] = Need.Organiser,
        ["POST /api/meetings/{id}/occurrences"] = Need.Organiser,
        ["POST /api/meetings/from-finding"] = Need.Organiser,
        ["GET /api/meetings/{id}/invitees"] = Need.Viewer,
        ["PUT /api/meetings/{id}/invitees"] = Need.Organiser,
        ["GET /api/meetings/{id}/invitees/preview"] = Need.Organiser,
        ["POST /api/meetings/{id}/invitees/preview"] = Need.Organiser,
        ["POST /api/meetings/{id}/invitees/freeze"] = Need.Organiser,
        ["POST /api/meetings/{id}/attendance"] = Need.Organiser,
        ["GET /api/meetings/attendance"] = Need.Viewer,
        ["GET /api/meetings/{id}/speeddates"] = Need.Viewer,
        ["GET /api/meetings/{id}/invitees.xlsx"] = Need.Organiser,
        ["GET /api/meetings/{id}/attendance.xlsx"] = Need.Organiser,
        ["POST /api/planning/slots"] = Need.Organiser,
        ["GET /api/planning/holidays"] = Need.Viewer,
        ["POST /api/planning/speeddates"] = Need.Organiser,
        ["POST /api/planning/invitees"] = Need.Organiser,
        ["POST /api/meetings/{id}/invitations"] = Need.Organiser,
        ["GET /api/meetings/{id}/invitations"] = Need.Viewer,
        ["POST /api/rsvp/"] = Need.Public,
        ["GET /api/rsvp/{token}"] = Need.Public,
        ["GET /api/rsvp/{token}/invite.ics"] = Need.Public,
        ["GET /rsvp/{token}"] = Need.Public,
        ["GET /feeds/{token}.ics"] = Need.Public,
        ["GET /api/feeds/"] = Need.Viewer,
        ["POST /api/feeds/"] = Need.Viewer,
        ["DELETE /api/feeds/{id}"] = Need.Viewer,
        ["ANY /jobs/{**path}"] = Need.Organiser,
        ["ANY /hubs/network/negotiate"] = Need.Viewer,
        ["ANY /hubs/network"] = Need.Viewer,
    };

    private readonly NetwerkServer _server = new();
    private readonly Dictionary<Role, HttpClient> _clients = [];

    public async ValueTask InitializeAsync()
    {
        foreach (var role in Enum.GetValues<Role>()) _clients[role] = await _server.ClientAs(new RoleGrant(role, RoleGrant.AllRegions));
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }

    private List<(string Method, string Pattern)> MappedEndpoints() =>
        _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct().ToList();

    [Fact]
    public void Every_mapped_endpoint_has_an_entry_in_the_table()
    {
        var mapped = MappedEndpoints().Select(e => $"{e.Method} {e.Pattern}").ToHashSet();
        Assert.Empty(mapped.Except(Table.Keys));
        // Entries for endpoints that no longer exist are dead weight; keep the table true.
        Assert.Empty(Table.Keys.Except(mapped));
    }

    [Fact]
    public async Task Without_credentials_every_protected_endpoint_answers_401()
    {
        using var anonymous = _server.Anonymous();
        foreach (var (method, pattern) in MappedEndpoints())
        {
            var need = Table[$"{method} {pattern}"];
            using var response = await anonymous.SendAsync(Request(method, pattern));
            if (need == Need.Public) Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            else Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {pattern} answered {(int)response.StatusCode} without credentials");
        }
    }

    [Fact]
    public async Task A_role_below_the_one_needed_gets_403_and_the_role_itself_gets_through()
    {
        foreach (var (method, pattern) in MappedEndpoints())
        {
            var need = Table[$"{method} {pattern}"];
            if (need is Need.Public or Need.Signedin) continue;
            var role = need switch { Need.Viewer => Role.Viewer, Need.Organiser => Role.Organiser, _ => Role.Regisseur };
            using (var allowed = await _clients[role].SendAsync(Request(method, pattern)))
            {
                Assert.True(allowed.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{method} {pattern} refused a {role} with {(int)allowed.StatusCode}");
            }
            if (role == Role.Viewer) continue;
            using var refused = await _clients[role - 1].SendAsync(Request(method, pattern));
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{method} {pattern} answered {(int)refused.StatusCode} to a {role - 1}");
        }
    }

    private static HttpRequestMessage Request(string method, string pattern)
    {
        var path = pattern.Replace("{id}", "no-such-item", StringComparison.Ordinal).Replace("{documentName}", "v1", StringComparison.Ordinal);
        var request = new HttpRequestMessage(method == "ANY" ? HttpMethod.Get : new HttpMethod(method), path);
        if (method is "POST" or "PUT") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return request;
    }
}
